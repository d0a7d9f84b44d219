"""The household overview: everything Bosam holds on a household (or a person) that the reader may
see, as one timeline newest first, with a summary on top.

Households is below the modules whose records it shows (tenancies, prevention, advice, matching),
so it cannot import them. Each app contributes through its own `overview.py` (found with
`app_modules("overview")`, like `nav.py` and `home.py`), which provides:

- `RECORD_MODELS`: the models whose records it puts on the overview (a test checks that every
  model concerning people is on it or named as deliberately left out);
- `INTERVENTION_SOURCES`: the `Intervention.source_type`s it shows (its interventions are
  shown by the visibility of their source record; households shows the rest);
- `overview_part(*, user, households, persons, today) -> OverviewPart`: the entries and summary
  lines for the records concerning these households (or, for advice, these persons), each
  filtered by the module's own visibility selector. Nothing the user may not see is returned:
  no entry, no count, no summary line. The queries must not grow with the number of records.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.core.app_hooks import app_modules
from bosam.households.models import Household, Intervention, Person
from bosam.households.selectors import household_visible_to

INTERVENTION_KIND = "intervention"
INTERVENTION_LABEL = gettext_lazy("Insats")


@dataclass(frozen=True)
class OverviewEntry:
    """One row of the timeline. `kind` is a key (CSS class, filter, the completeness test);
    `label` its name shown to the reader."""

    day: date
    kind: str
    label: str | Promise
    title: str | Promise
    url: str
    detail: str | Promise = ""
    end: date | None = None
    # Ordering within a day: a record's own row before the events on it.
    order: int = 0


@dataclass(frozen=True)
class SummaryItem:
    """One line of the summary at the top: "Pågående ärende: nästa frist 2026-05-04"."""

    label: str | Promise
    value: str | Promise
    url: str = ""
    urgent: bool = False
    order: int = 100


@dataclass
class OverviewPart:
    entries: list[OverviewEntry] = field(default_factory=list)
    summary: list[SummaryItem] = field(default_factory=list)


@dataclass
class Overview:
    entries: list[OverviewEntry]
    summary: list[SummaryItem]

    @property
    def kinds(self) -> list[tuple[str, str | Promise]]:
        """The kinds present, in order of first appearance (the page's filter legend)."""
        seen: dict[str, str | Promise] = {}
        for entry in self.entries:
            seen.setdefault(entry.kind, entry.label)
        return list(seen.items())


def overview_modules() -> list[Any]:
    return app_modules("overview")


def claimed_intervention_sources() -> set[str]:
    claimed: set[str] = set()
    for module in overview_modules():
        claimed.update(getattr(module, "INTERVENTION_SOURCES", ()))
    return claimed


def overview_for(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> Overview:
    """Every module's entries and summary lines for these households and persons, newest first.
    The caller has checked that the user may see the households (and persons) and audits."""
    entries: list[OverviewEntry] = []
    summary: list[SummaryItem] = []
    for module in overview_modules():
        part = module.overview_part(user=user, households=households, persons=persons, today=today)
        entries.extend(part.entries)
        summary.extend(part.summary)
    entries.sort(key=lambda e: (e.day, -e.order), reverse=True)
    summary.sort(key=lambda s: s.order)
    return Overview(entries=entries, summary=summary)


def intervention_entries(
    interventions: Sequence[Intervention], source_urls: dict[str, str]
) -> list[OverviewEntry]:
    """Timeline rows for interventions; each links to the record it came from when known
    (`source_urls` by source id), else to the household."""
    rows = []
    for item in interventions:
        url = source_urls.get(item.source_id, "")
        if not url and item.household_id:
            url = reverse("households:household_detail", args=[item.household_id])
        rows.append(
            OverviewEntry(
                day=item.performed_on,
                kind=INTERVENTION_KIND,
                label=INTERVENTION_LABEL,
                title=str(item.intervention_type),
                detail=item.notes,
                url=url,
                order=5,
            )
        )
    return rows


def interventions_from(sources: str, ids: Sequence[object]) -> list[Intervention]:
    """The interventions recorded against these source records (one query)."""
    if not ids:
        return []
    return list(
        Intervention.objects.filter(source_type=sources, source_id__in=[str(i) for i in ids])
        .select_related("intervention_type")
        .order_by("-performed_on")
    )


# Households' own part: interventions no higher module claims (recorded by hand or from a
# source whose module shows none), by the household's visibility.

RECORD_MODELS: list[type[Model]] = [Intervention]
INTERVENTION_SOURCES: tuple[str, ...] = ()


def overview_part(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> OverviewPart:
    if not households:
        return OverviewPart()
    visible = household_visible_to(user).filter(pk__in=[h.pk for h in households])
    interventions = list(
        Intervention.objects.filter(household__in=visible)
        .exclude(source_type__in=claimed_intervention_sources())
        .select_related("intervention_type")
    )
    return OverviewPart(entries=intervention_entries(interventions, {}))


def member_summary(household: Household, today: date) -> list[SummaryItem]:
    """Who lives there, with the children's ages."""
    members = household.current_members_cached()
    names = ", ".join(m.person.full_name for m in members)
    children = [m.person for m in members if m.person.is_child_on(today)]
    items = [SummaryItem(label=_("Bor i hushållet"), value=names or "–", order=0)]
    if children:
        ages = ", ".join(
            _("%(name)s %(age)s år") % {"name": c.first_name, "age": _age(c.birth_date, today)}
            for c in children
            if c.birth_date
        )
        items.append(SummaryItem(label=_("Barn"), value=ages or str(len(children)), order=1))
    return items


def _age(birth: date | None, today: date) -> int:
    if birth is None:
        return 0
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
