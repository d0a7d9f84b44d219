"""Matching figures for the annual report, per usage, paying committee and year, each with the
ids behind it (the drill-down the report needs). Aggregate reads, not scoped to a user: the
caller (reporting) decides who may see the figures and the drill-down.

Definitions (also in docs/matching.md):
- requests received: requests whose `received_on` falls in the year;
- days to offer: for requests whose first offer was made in the year, days from the request to it;
- days to move-in: for requests housed through an accepted offer whose sublet starts in the
  year, days from the request to the sublet's start;
- offers declined: offers answered "no" in the year, by catalogue reason and who declined;
- vacancy days before a new tenant: for every sublet starting in the year, days its apartment
  stood empty under the head lease before it (since the previous sublet ended, or since the head
  lease started) — counted on the head lease's usage and committee.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Min

from bosam.accounts.models import Committee
from bosam.matching import rules
from bosam.matching.models import HousingRequest, Offer
from bosam.properties.models import Usage
from bosam.tenancies.models import Sublet


@dataclass
class DaysFigure:
    summary: rules.DaysSummary
    ids: list[Any]


@dataclass
class CountFigure:
    count: int
    ids: list[Any]


@dataclass
class _Collect:
    received: list[Any] = field(default_factory=list)
    to_offer: list[tuple[Any, int]] = field(default_factory=list)
    to_move_in: list[tuple[Any, int]] = field(default_factory=list)
    declined: list[Any] = field(default_factory=list)
    vacancy: list[tuple[Any, int]] = field(default_factory=list)


@dataclass(frozen=True)
class MatchingFigureRow:
    usage_category: str
    usage_label: str
    committee_id: int | None  # None: the total row
    committee_name: str
    requests_received: CountFigure
    days_to_offer: DaysFigure
    days_to_move_in: DaysFigure
    offers_declined: CountFigure
    vacancy_days_before_tenant: DaysFigure


@dataclass(frozen=True)
class DeclineRow:
    code: str
    name: str
    declined_by: str
    count: int
    ids: list[Any]


@dataclass(frozen=True)
class MatchingFigures:
    year: int
    rows: list[MatchingFigureRow]  # per usage and committee, the total last
    declined_by_reason: list[DeclineRow]


def _days(pairs: list[tuple[Any, int]]) -> DaysFigure:
    return DaysFigure(rules.days_summary([d for _id, d in pairs]), [pk for pk, _d in pairs])


def _row(
    key: tuple[str, int | None], data: _Collect, committees: dict[int, str]
) -> MatchingFigureRow:
    usage, committee_id = key
    return MatchingFigureRow(
        usage_category=usage,
        usage_label=str(Usage.Category(usage).label) if usage else "Totalt",
        committee_id=committee_id,
        committee_name=committees.get(committee_id, "") if committee_id else "",
        requests_received=CountFigure(len(data.received), data.received),
        days_to_offer=_days(data.to_offer),
        days_to_move_in=_days(data.to_move_in),
        offers_declined=CountFigure(len(data.declined), data.declined),
        vacancy_days_before_tenant=_days(data.vacancy),
    )


def _vacancy_days(year: int, add: Any) -> None:
    starting = list(
        Sublet.objects.filter(start_date__year=year)
        .select_related("head_lease__usage")
        .order_by("start_date", "number")
    )
    earlier: dict[int, list[date | None]] = defaultdict(list)
    for lease_id, end in Sublet.objects.filter(
        head_lease_id__in={s.head_lease_id for s in starting}
    ).values_list("head_lease_id", "end_date"):
        earlier[lease_id].append(end)
    for sublet in starting:
        lease = sublet.head_lease
        days = rules.days_vacant_before(sublet.start_date, lease.start_date, earlier[lease.pk])
        add(lease.usage.category, lease.committee_id).vacancy.append((sublet.pk, days))


def matching_figures(year: int) -> MatchingFigures:
    """The year's matching figures per usage and committee, with a total row and the declines
    by reason; every number with the ids behind it (see the module docstring)."""
    collected: dict[tuple[str, int | None], _Collect] = defaultdict(_Collect)
    total = _Collect()

    def add(usage: str, committee_id: int) -> _Collect:
        return collected[(usage, committee_id)]

    received = HousingRequest.objects.filter(received_on__year=year).order_by("received_on", "pk")
    for pk, usage, committee_id in received.values_list("pk", "usage_category", "committee_id"):
        add(usage, committee_id).received.append(pk)
    first_offers = (
        HousingRequest.objects.annotate(first_offer=Min("offers__offered_on"))
        .filter(first_offer__year=year)
        .order_by("received_on", "pk")
        .values_list("pk", "usage_category", "committee_id", "received_on", "first_offer")
    )
    for pk, usage, committee_id, received_on, first in first_offers:
        add(usage, committee_id).to_offer.append((pk, (first - received_on).days))
    housed = (
        Offer.objects.filter(state=Offer.State.ACCEPTED, sublet__start_date__year=year)
        .order_by("sublet__start_date", "pk")
        .values_list(
            "request_id",
            "request__usage_category",
            "request__committee_id",
            "request__received_on",
            "sublet__start_date",
        )
    )
    for pk, usage, committee_id, received_on, start in housed:
        add(usage, committee_id).to_move_in.append((pk, (start - received_on).days))
    declines = list(
        Offer.objects.filter(state=Offer.State.DECLINED, answered_on__year=year)
        .select_related("decline_reason", "request")
        .order_by("answered_on", "pk")
    )
    by_reason: dict[int, list[Offer]] = defaultdict(list)
    for offer in declines:
        add(offer.request.usage_category, offer.request.committee_id).declined.append(offer.pk)
        by_reason[offer.decline_reason_id or 0].append(offer)
    _vacancy_days(year, add)
    for data in collected.values():
        total.received += data.received
        total.to_offer += data.to_offer
        total.to_move_in += data.to_move_in
        total.declined += data.declined
        total.vacancy += data.vacancy
    committees = dict(Committee.objects.values_list("pk", "name"))
    rows = [
        _row(key, collected[key], committees)
        for key in sorted(collected, key=lambda k: (k[0], committees.get(k[1] or 0, "")))
    ]
    rows.append(_row(("", None), total, committees))
    reasons = [
        DeclineRow(
            offers[0].decline_reason.code if offers[0].decline_reason else "",
            offers[0].decline_reason.name if offers[0].decline_reason else "",
            offers[0].decline_reason.declined_by if offers[0].decline_reason else "",
            len(offers),
            [o.pk for o in offers],
        )
        for offers in sorted(by_reason.values(), key=lambda o: -len(o))
    ]
    return MatchingFigures(year, rows, reasons)
