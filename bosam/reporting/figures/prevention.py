"""Eviction prevention: the seed's stay-in-home interventions, notifications, how fast people were
reached, outcomes, evictions and the children affected.

Counted by the prevention module's own figures (`bosam.prevention.figures`); definitions in
docs/prevention.md say the same in English. Prevention cases belong to no committee, so only the
stay-in-home interventions (which carry the committee of the caseworker's office) are split."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.prevention import figures as prevention
from bosam.prevention.models import PreventionCase
from bosam.reporting.figures.base import (
    BreakdownRow,
    FigureValue,
    Section,
    figure,
    ids_of,
    year_bounds,
)
from bosam.reporting.figures.interventions import by_type
from bosam.reporting.figures.memo import memo

CASE = "prevention.preventioncase"
NOTIFICATION = "prevention.notification"

notifications_received = memo(prevention.notifications_received)
households_reached = memo(prevention.households_reached)
outcomes = memo(prevention.outcomes)
children_affected = memo(prevention.children_affected)
households_with_children_notified = memo(prevention.households_with_children_notified)


def _plain(ids: Sequence[str], model_label: str) -> FigureValue:
    record_ids = ids_of(ids)
    return FigureValue(value=len(record_ids), record_ids=record_ids, model_label=model_label)


@figure(
    "interventions_stay_in_home",
    label=_("Kvarboendeinsatser"),
    definition=_(
        "Antal insatser under året (1 januari–31 december) av en insatstyp av slaget "
        "”kvarboendeinsats” i insatskatalogen som registrerats i ett vräkningsförebyggande "
        "ärende, dvs. insatser som gör att ett hushåll kan bo kvar i sin bostad (t.ex. "
        "avbetalningsplan, ekonomiskt bistånd till hyresskuld, betalningsförbindelse, "
        "förhandling med hyresvärden). Per nämnd: nämnden för handläggarens förvaltning."
    ),
    section=Section.INTERVENTIONS,
    order=20,
    breakdown_label=_("Insatstyp"),
    headline=True,
)
def interventions_stay_in_home(year: int, committee: Committee | None = None) -> FigureValue:
    qs = prevention.stay_in_home_interventions_between(*year_bounds(year))
    if committee is not None:
        qs = qs.filter(committee=committee)
    return by_type(qs)


@figure(
    "prevention_notifications",
    label=_("Underrättelser och signaler om hyresskuld"),
    definition=_(
        "Antal underrättelser som kom in under året (mottagningsdatum 1 januari–31 december) "
        "från hyresvärdar och Kronofogden, och tidiga signaler om hyresskuld från hyresvärdarnas "
        "månadslistor; varje rad i en lista räknas som en underrättelse."
    ),
    section=Section.PREVENTION,
    order=310,
    per_committee=False,
)
def notifications(year: int, committee: Committee | None = None) -> FigureValue:
    return _plain(notifications_received(year).ids, NOTIFICATION)


@figure(
    "prevention_households_reached",
    label=_("Hushåll som nåddes"),
    definition=_(
        "Antal vräkningsförebyggande ärenden som öppnades under året där bostadssamordningen "
        "fick kontakt med hushållet (när kontakten än kom). Noten anger mediantiden i dagar från "
        "första underrättelsen till första kontakten och hur många som nåddes inom 7 dagar."
    ),
    section=Section.PREVENTION,
    order=320,
    per_committee=False,
)
def reached(year: int, committee: Committee | None = None) -> FigureValue:
    figure_ = households_reached(year)
    value = _plain(figure_.ids, CASE)
    note = ""
    if figure_.median_days is not None:
        median = Decimal(str(figure_.median_days)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        note = gettext("median %(days)s dagar till första kontakt; %(n)s nåddes inom 7 dagar") % {
            "days": str(median).replace(".", ",").removesuffix(",0"),
            "n": figure_.within_7_days,
        }
    return FigureValue(value=value.value, record_ids=value.record_ids, model_label=CASE, note=note)


@figure(
    "prevention_outcomes",
    label=_("Avslutade vräkningsförebyggande ärenden"),
    definition=_(
        "Antal vräkningsförebyggande ärenden som avslutades under året (avslutsdatum 1 januari–"
        "31 december), uppdelat på utfall: bor kvar, flyttat på egen hand, avhyst, gick inte att "
        "nå, annat."
    ),
    section=Section.PREVENTION,
    order=330,
    per_committee=False,
    breakdown_label=_("Utfall"),
)
def closed_by_outcome(year: int, committee: Committee | None = None) -> FigureValue:
    by_outcome = outcomes(year).by_outcome
    labels = dict(PreventionCase.Outcome.choices)
    breakdown = tuple(
        BreakdownRow(key=key, label=str(labels[key]), value=f.count, record_ids=ids_of(f.ids))
        for key, f in by_outcome.items()
        if f.count
    )
    ids = ids_of(i for f in by_outcome.values() for i in f.ids)
    return FigureValue(value=len(ids), record_ids=ids, model_label=CASE, breakdown=breakdown)


@figure(
    "prevention_evictions",
    label=_("Avhysningar"),
    definition=_(
        "Antal vräkningsförebyggande ärenden som avslutades under året med utfallet ”avhyst”: "
        "Kronofogden genomförde avhysningen."
    ),
    section=Section.PREVENTION,
    order=340,
    per_committee=False,
)
def evictions(year: int, committee: Committee | None = None) -> FigureValue:
    return _plain(outcomes(year).by_outcome[PreventionCase.Outcome.EVICTED].ids, CASE)


@figure(
    "prevention_children_affected",
    label=_("Barn som berördes av avhysning"),
    definition=_(
        "Antal barn i de hushåll som avhystes under året (ärenden avslutade med utfallet "
        "”avhyst”), räknat på hushållet den dag ärendet avslutades. Posterna bakom siffran är "
        "ärendena."
    ),
    section=Section.PREVENTION,
    order=350,
    per_committee=False,
)
def children(year: int, committee: Committee | None = None) -> FigureValue:
    figure_ = children_affected(year)
    return FigureValue(value=figure_.count, record_ids=ids_of(figure_.ids), model_label=CASE)


@figure(
    "prevention_families_with_children",
    label=_("Ärenden med barn i hushållet"),
    definition=_(
        "Antal vräkningsförebyggande ärenden som öppnades under året för ett hushåll med barn; "
        "de prioriteras och räknas särskilt."
    ),
    section=Section.PREVENTION,
    order=360,
    per_committee=False,
)
def families_with_children(year: int, committee: Committee | None = None) -> FigureValue:
    return _plain(households_with_children_notified(year).ids, CASE)
