"""Figures on housing advice for any period, with the ids of the cases behind every number.

Every figure is about the cases *received* in the period (a case counts in the year it came in,
domain.md §4), so the breakdowns by channel, reason, help, referral and outcome all describe the
same cases and can be compared. Counts carry no personal data; the caller decides who may open
the cases behind the ids (see docs/advice.md)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum

from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceContact,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    AdviceReferral,
    CatalogueEntry,
    DigitalHelpKind,
    ReferralTarget,
)
from bosam.advice.rules import Period, people_with_more_than_one_case, year_period

Ids = list[UUID] | Callable[[], list[UUID]]


def _read(source: Ids) -> list[UUID]:
    return source() if callable(source) else list(source)


@dataclass(frozen=True)
class Figure:
    """A number and the records behind it (for the report's drill-down). The number comes from
    an aggregate; the ids are read by a second query the first time they are asked for."""

    count: int
    source: Ids = field(default_factory=list, repr=False, compare=False)

    @cached_property
    def ids(self) -> list[UUID]:
        return _read(self.source)


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    count: int
    source: Ids = field(default_factory=list, repr=False, compare=False)
    active: bool = True

    @cached_property
    def ids(self) -> list[UUID]:
        return _read(self.source)


@dataclass(frozen=True)
class AdviceFigures:
    period: Period
    received: Figure
    identified: Figure
    anonymous: Figure
    by_channel: list[FigureRow]
    by_reason: list[FigureRow]
    by_advice_kind: list[FigureRow]
    by_digital_help: list[FigureRow]
    with_digital_help: Figure
    by_referral_target: list[FigureRow]
    referred: Figure
    by_outcome: list[FigureRow]
    still_open: Figure
    # Identified people with two or more cases received in the period; ids are the cases.
    people_more_than_once: int
    cases_of_people_more_than_once: Figure
    minutes_total: int


def advice_cases_received(year: int) -> Figure:
    """The annual report's "bostadsrådgivningsärenden som inkommit": cases received in the
    calendar year, open or closed, identified or anonymous."""
    return advice_cases_received_between(year_period(year).start, year_period(year).end)


def advice_cases_received_between(start: date, end: date) -> Figure:
    """Cases received from `start` to `end`, both days included."""
    ids = list(
        AdviceCase.objects.filter(received_on__range=(start, end))
        .order_by("received_on", "year", "sequence")
        .values_list("id", flat=True)
    )
    return Figure(len(ids), ids)


def _rows(
    model: type[CatalogueEntry], counts: dict[Any, int], ids_of: Callable[[Any], Ids]
) -> list[FigureRow]:
    """One row per catalogue entry: every active entry (zero rows show what was not done) and
    inactive ones only where they were used in the period."""
    rows = []
    for entry in model.objects.all():  # type: ignore[attr-defined]
        count = counts.get(entry.pk, 0)
        if not count and not entry.active:
            continue
        rows.append(
            FigureRow(
                code=entry.code,
                label=entry.name,
                count=count,
                source=ids_of(entry.pk) if count else [],
                active=entry.active,
            )
        )
    return rows


def _counts(
    qs: "QuerySet[Any]", key: str, counted: str = "pk", distinct: bool = False
) -> dict[Any, int]:
    return dict(
        qs.order_by()
        .values_list(key)
        .annotate(n=Count(counted, distinct=distinct))
        .values_list(key, "n")
    )


def _ids(qs: "QuerySet[Any]") -> Callable[[], list[UUID]]:
    return lambda: list(qs.values_list("id", flat=True))


def _distinct_cases(pairs: "QuerySet[Any]") -> Callable[[], list[UUID]]:
    """The cases of (catalogue entry, case) pairs, each once, in the pairs' order."""
    return lambda: list(dict.fromkeys(case_id for _key, case_id in pairs))


def advice_figures(*, start: date, end: date) -> AdviceFigures:
    """All advice figures for the cases received in the period, counted in SQL. A fixed number
    of queries, whatever the number of cases; the ids behind a number cost one more query, run
    only when they are asked for (drill-down, the API)."""
    cases = AdviceCase.objects.filter(received_on__range=(start, end))
    ordered = cases.order_by("received_on", "year", "sequence")
    totals = cases.aggregate(
        received=Count("pk"),
        identified=Count("pk", filter=Q(person__isnull=False)),
        still_open=Count("pk", filter=Q(status=AdviceCase.Status.OPEN)),
    )
    in_period = {"case__received_on__range": (start, end)}
    contact_period = {f"advicecontact__{k}": v for k, v in in_period.items()}
    advice_pairs = (
        AdviceContact.advice_kinds.through.objects.filter(**contact_period)
        .order_by("advicecontact__case__received_on")
        .values_list("advicekind_id", "advicecontact__case_id")
    )
    digital_pairs = (
        AdviceContact.digital_help_kinds.through.objects.filter(**contact_period)
        .order_by("advicecontact__case__received_on")
        .values_list("digitalhelpkind_id", "advicecontact__case_id")
    )
    referral_pairs = (
        AdviceReferral.objects.filter(**in_period)
        .order_by("case__received_on")
        .values_list("target_id", "case_id")
    )
    minutes = AdviceContact.objects.filter(**in_period).aggregate(total=Sum("minutes"))["total"]
    with_digital = digital_pairs.aggregate(n=Count("advicecontact__case", distinct=True))["n"]
    referred = referral_pairs.aggregate(n=Count("case", distinct=True))["n"]
    repeat_counts = list(
        cases.filter(person__isnull=False)
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("n", flat=True)
    )

    def repeat_ids() -> list[UUID]:
        repeat = people_with_more_than_one_case(ordered.values_list("person_id", "id"))
        return [i for v in repeat.values() for i in v]

    return AdviceFigures(
        period=Period(start, end),
        received=Figure(totals["received"], _ids(ordered)),
        identified=Figure(totals["identified"], _ids(ordered.filter(person__isnull=False))),
        anonymous=Figure(
            totals["received"] - totals["identified"], _ids(ordered.filter(person__isnull=True))
        ),
        by_channel=_rows(
            AdviceChannel,
            _counts(cases, "channel_id"),
            lambda pk: _ids(ordered.filter(channel_id=pk)),
        ),
        by_reason=_rows(
            AdviceReason,
            _counts(cases, "reason_id"),
            lambda pk: _ids(ordered.filter(reason_id=pk)),
        ),
        by_advice_kind=_rows(
            AdviceKind,
            _counts(advice_pairs, "advicekind_id", "advicecontact__case", distinct=True),
            lambda pk: _distinct_cases(advice_pairs.filter(advicekind_id=pk)),
        ),
        by_digital_help=_rows(
            DigitalHelpKind,
            _counts(digital_pairs, "digitalhelpkind_id", "advicecontact__case", distinct=True),
            lambda pk: _distinct_cases(digital_pairs.filter(digitalhelpkind_id=pk)),
        ),
        with_digital_help=Figure(with_digital, _distinct_cases(digital_pairs)),
        by_referral_target=_rows(
            ReferralTarget,
            _counts(referral_pairs, "target_id", "case", distinct=True),
            lambda pk: _distinct_cases(referral_pairs.filter(target_id=pk)),
        ),
        referred=Figure(referred, _distinct_cases(referral_pairs)),
        by_outcome=_rows(
            AdviceOutcome,
            _counts(cases.filter(outcome__isnull=False), "outcome_id"),
            lambda pk: _ids(ordered.filter(outcome_id=pk)),
        ),
        still_open=Figure(
            totals["still_open"], _ids(ordered.filter(status=AdviceCase.Status.OPEN))
        ),
        people_more_than_once=len(repeat_counts),
        cases_of_people_more_than_once=Figure(sum(repeat_counts), repeat_ids),
        minutes_total=int(minutes or 0),
    )
