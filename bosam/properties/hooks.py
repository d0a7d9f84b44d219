"""Hooks through which higher modules add to the register's pages without the register importing
them (the layers forbid that). Like `nav.py` and `home.py`, an app provides a module by name:

- `timeline.py` with `apartment_entries(apartment, user) -> list[TimelineEntry]`: events on an
  apartment's timeline (tenancies adds sublets and vacancies). The entries are the provider's to
  scope to the user and to audit, since only it knows whether they concern people.
  Optionally `head_lease_entries(head_lease, user) -> list[TimelineEntry]`: the same for one
  head lease (tenancies adds the sublets under it, past and current).
- `occupancy.py` with `occupied_head_leases(day) -> QuerySet` of head-lease ids (a `values("…")`
  or `values_list(…, flat=True)` queryset) that have an occupant on the day. With at least one
  provider the head-lease list offers the "vacant" filter: running leases no provider occupies.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from bosam.core.app_hooks import app_modules


@dataclass(frozen=True)
class TimelineEntry:
    """One event on an apartment's timeline. `end` makes it a period (a lease, a sublet)."""

    day: date
    title: str | Promise
    kind: str = ""  # e.g. "head_lease", "sublet", "vacancy": a CSS class and a filter key
    end: date | None = None
    detail: str | Promise = ""
    url: str = ""


def apartment_timeline(apartment: Any, user: Any) -> list[TimelineEntry]:
    """Every module's entries for the apartment, newest first."""
    entries: list[TimelineEntry] = []
    for module in app_modules("timeline"):
        entries.extend(module.apartment_entries(apartment, user))
    return sorted(entries, key=lambda entry: (entry.day, entry.end or date.max), reverse=True)


def head_lease_timeline(head_lease: Any, user: Any) -> list[TimelineEntry]:
    """Every module's entries for one head lease (its sublets, past and current), newest first."""
    entries: list[TimelineEntry] = []
    for module in app_modules("timeline"):
        provider = getattr(module, "head_lease_entries", None)
        if provider is not None:
            entries.extend(provider(head_lease, user))
    return sorted(entries, key=lambda entry: (entry.day, entry.end or date.max), reverse=True)


def occupancy_providers() -> list[Callable[[date], QuerySet[Any]]]:
    return [module.occupied_head_leases for module in app_modules("occupancy")]


def occupied_head_lease_querysets(day: date) -> list[QuerySet[Any]]:
    return [provider(day) for provider in occupancy_providers()]
