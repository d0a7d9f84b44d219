"""Search from anywhere: one query, every module's matching records the user may see, grouped by
kind. Like `nav.py` and `home.py`, each app contributes through its own `search.py`:

- `search(*, user, query, limit) -> list[SearchGroup]`: records matching the (cleaned, at least
  three characters) query that the module's own visibility selector lets the user see, at most
  `limit` per group, audited by the provider as a list read (`audit_list`) since only it knows
  whether its records concern people. A module the user may not use returns nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from bosam.core.app_hooks import app_modules
from bosam.core.search_terms import clean_query

LIMIT_PER_GROUP = 10


@dataclass(frozen=True)
class SearchHit:
    title: str | Promise
    url: str
    detail: str | Promise = ""


@dataclass
class SearchGroup:
    kind: str  # e.g. "person", "household", "sublet": a key for tests and the API
    label: str | Promise  # the group's heading
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # more matched than `limit`: refine the query


@dataclass
class SearchResult:
    query: str  # the cleaned query ("" when refused)
    refused: bool  # given but too short: not run
    groups: list[SearchGroup]

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def search_everything(*, user: Any, raw: str, limit: int = LIMIT_PER_GROUP) -> SearchResult:
    """Every module's groups for the query, in layer order (people first); nothing for a query
    of fewer than three letters or digits."""
    query = clean_query(raw)
    if not query:
        return SearchResult(query="", refused=bool((raw or "").strip()), groups=[])
    groups: list[SearchGroup] = []
    for module in app_modules("search"):
        groups.extend(g for g in module.search(user=user, query=query, limit=limit) if g.hits)
    return SearchResult(query=query, refused=False, groups=groups)


def cut(rows: list[Any], limit: int) -> tuple[list[Any], bool]:
    """The first `limit` of rows fetched with `limit + 1`, and whether there were more."""
    return rows[:limit], len(rows) > limit
