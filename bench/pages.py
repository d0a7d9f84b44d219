"""Which pages to load, found from the URL conf and the demo data rather than listed by hand, so
each module's lists and detail pages join the load profile as they land on main.

- work queues: the start page of each caseworker role;
- lists: every `<app>:<something>_list` (or `_queue`) without URL arguments, opened as the first
  demo user the page answers 200 for, and again as a social worker where one may open it (their
  lists are scoped to their unit: a different query);
- searches: every list whose page has a `q` field, by a common last name and by a birth date;
- detail pages: every `<app>:<model>_detail` taking `<model>_id`, over a sample of real records.
"""

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bench.http import Session, Timed

APPS = [
    "core",
    "households",
    "properties",
    "tenancies",
    "prevention",
    "advice",
    "matching",
    "reporting",
    "administration",
    "audit",
]
# Tried in this order: the first whose answer is 200 loads the page.
USERS = ["samordnare", "handlaggare", "radgivare", "chef", "ekonom", "admin", "namnd"]
QUEUE_USERS = ["samordnare", "handlaggare", "radgivare", "chef", "socsek"]
SCOPED_USER = "socsek"
DETAIL_SAMPLE = 40


@dataclass
class Page:
    key: str  # stable name in the results, e.g. "households:household_list"
    kind: str  # floor, queue, list, search, detail
    username: str
    paths: list[str] = field(default_factory=list)


Probe = Callable[[str, str], Timed]  # (path, username) -> answer


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("api/"):
                continue  # the pages people use; the API has its own clients
            inner = entry.namespace or ""
            yield from _walk(entry.url_patterns, f"{namespace}:{inner}" if inner else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace.lstrip(":"), entry


def _model_for(kwarg: str, app_label: str) -> Any:
    """`household_id` → Household; `case_id` in advice → AdviceCase (the app's own model whose
    name ends so), else a model of that exact name in any app."""
    wanted = kwarg.removesuffix("_id").replace("_", "")
    own = [
        m
        for m in apps.get_app_config(app_label).get_models()
        if m._meta.model_name and m._meta.model_name.endswith(wanted)
    ]
    own.sort(key=lambda m: (m._meta.model_name != wanted, len(m._meta.model_name or "")))
    if own:
        return own[0]
    found = [m for m in apps.get_models() if m._meta.model_name == wanted]
    return found[0] if found else None


def _search_terms() -> list[tuple[str, str]]:
    person = apps.get_model("households", "Person")
    names = Counter(person.objects.values_list("last_name", flat=True)[:5000])
    terms = []
    if names:
        terms.append(("namn", names.most_common(1)[0][0]))
    born = person.objects.exclude(birth_date=None).order_by("pk").values_list("birth_date")[:1]
    if born:
        terms.append(("födelsedatum", f"{born[0][0]:%Y%m%d}"))
    return terms


def discover(probe: Probe, rng: random.Random, wanted: str = "") -> list[Page]:
    """The pages to load; `wanted` (a regex) skips probing the others."""
    pages = [
        Page("floor: minimal view", "floor", USERS[0], [reverse("bench-floor")]),
        Page("floor: base template", "floor", USERS[0], [reverse("bench-floor-page")]),
    ]
    for username in QUEUE_USERS:
        if probe(reverse("core:home"), username).status == 200:
            pages.append(Page(f"core:home ({username})", "queue", username, [reverse("core:home")]))
    terms = _search_terms()
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace not in APPS or not pattern.name:
            continue
        name = f"{namespace}:{pattern.name}"
        if wanted and not re.search(wanted, name):
            continue
        converters = dict(getattr(pattern.pattern, "converters", {}))
        is_list = pattern.name.endswith(("_list", "_queue", "_index", "figures"))
        is_list = is_list or name == "core:search"  # search from anywhere, with the terms below
        if is_list and not converters:
            pages.extend(_list_pages(name, probe, terms))
        elif pattern.name.endswith("_detail") and len(converters) == 1:
            page = _detail_page(name, next(iter(converters)), namespace, probe, rng)
            if page:
                pages.append(page)
    return pages


def _list_pages(name: str, probe: Probe, terms: list[tuple[str, str]]) -> list[Page]:
    path = reverse(name)
    for username in USERS:
        answer = probe(path, username)
        if answer.status != 200:
            continue
        kind = "figures" if name.endswith("figures") else "list"
        pages = [Page(name, kind, username, [path])]
        if probe(path, SCOPED_USER).status == 200:
            pages.append(Page(f"{name} ({SCOPED_USER})", "list", SCOPED_USER, [path]))
        # The header's search field is on every page: a list searches when it has its own too.
        if answer.body.count(b'name="q"') > 1:
            for label, term in terms:
                query = f"{path}?{urlencode({'q': term})}"
                pages.append(Page(f"{name} ?q={label}", "search", username, [query]))
        return pages
    return []


def _detail_page(
    name: str, kwarg: str, app_label: str, probe: Probe, rng: random.Random
) -> Page | None:
    model = _model_for(kwarg, app_label)
    if model is None:
        return None
    ids = list(model.objects.values_list("pk", flat=True).order_by("pk")[:20000])
    sample = rng.sample(ids, min(DETAIL_SAMPLE, len(ids)))
    for username in USERS:
        paths = [reverse(name, kwargs={kwarg: pk}) for pk in sample]
        good = [path for path in paths if probe(path, username).status == 200]
        if good:
            return Page(name, "detail", username, good)
    return None


def sessions_needed(pages: list[Page]) -> set[str]:
    return {page.username for page in pages}


def describe(pages: list[Page], sessions: dict[str, list[Session]]) -> str:
    return "\n".join(
        f"  {p.kind:<7} {p.key:<50} as {p.username} over {len(p.paths)} URL(s)" for p in pages
    )
