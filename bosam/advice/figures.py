"""Figures on housing advice for any period, with the ids of the cases behind every number.

Every figure is about the cases *received* in the period (a case counts in the year it came in,
domain.md §4), so the breakdowns by channel, reason, help, referral and outcome all describe the
same cases and can be compared. Counts carry no personal data; the caller decides who may open
the cases behind the ids (see docs/advice.md)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Sum

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
from bosam.advice.rules import Period, group_ids, people_with_more_than_one_case, year_period


@dataclass(frozen=True)
class Figure:
    """A number and the records behind it (for the report's drill-down)."""

    count: int
    ids: list[UUID] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    count: int
    ids: list[UUID]
    active: bool = True


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
    return Figure(count=len(ids), ids=ids)


def _rows(model: type[CatalogueEntry], grouped: dict[Any, list[UUID]]) -> list[FigureRow]:
    """One row per catalogue entry: every active entry (zero rows show what was not done) and
    inactive ones only where they were used in the period."""
    rows = []
    for entry in model.objects.all():  # type: ignore[attr-defined]
        ids = grouped.get(entry.pk, [])
        if not ids and not entry.active:
            continue
        rows.append(
            FigureRow(
                code=entry.code, label=entry.name, count=len(ids), ids=ids, active=entry.active
            )
        )
    return rows


def advice_figures(*, start: date, end: date) -> AdviceFigures:
    """All advice figures for the cases received in the period. A fixed number of queries,
    whatever the number of cases."""
    cases = list(
        AdviceCase.objects.filter(received_on__range=(start, end))
        .order_by("received_on", "year", "sequence")
        .values_list("id", "channel_id", "reason_id", "outcome_id", "status", "person_id")
    )
    case_ids = [row[0] for row in cases]
    in_period = {"case__received_on__range": (start, end)}
    advice_pairs = (
        AdviceContact.advice_kinds.through.objects.filter(
            **{f"advicecontact__{k}": v for k, v in in_period.items()}
        )
        .order_by("advicecontact__case__received_on")
        .values_list("advicekind_id", "advicecontact__case_id")
    )
    digital_pairs = list(
        AdviceContact.digital_help_kinds.through.objects.filter(
            **{f"advicecontact__{k}": v for k, v in in_period.items()}
        )
        .order_by("advicecontact__case__received_on")
        .values_list("digitalhelpkind_id", "advicecontact__case_id")
    )
    referral_pairs = list(
        AdviceReferral.objects.filter(**in_period)
        .order_by("case__received_on")
        .values_list("target_id", "case_id")
    )
    minutes = AdviceContact.objects.filter(**in_period).aggregate(total=Sum("minutes"))["total"]

    identified = [c[0] for c in cases if c[5] is not None]
    anonymous = [c[0] for c in cases if c[5] is None]
    with_digital = list(dict.fromkeys(case_id for _kind, case_id in digital_pairs))
    referred = list(dict.fromkeys(case_id for _target, case_id in referral_pairs))
    repeat = people_with_more_than_one_case((c[5], c[0]) for c in cases)
    open_ids = [c[0] for c in cases if c[4] == AdviceCase.Status.OPEN]
    return AdviceFigures(
        period=Period(start, end),
        received=Figure(len(case_ids), case_ids),
        identified=Figure(len(identified), identified),
        anonymous=Figure(len(anonymous), anonymous),
        by_channel=_rows(AdviceChannel, group_ids((c[1], c[0]) for c in cases)),
        by_reason=_rows(AdviceReason, group_ids((c[2], c[0]) for c in cases)),
        by_advice_kind=_rows(AdviceKind, group_ids(advice_pairs)),
        by_digital_help=_rows(DigitalHelpKind, group_ids(digital_pairs)),
        with_digital_help=Figure(len(with_digital), with_digital),
        by_referral_target=_rows(ReferralTarget, group_ids(referral_pairs)),
        referred=Figure(len(referred), referred),
        by_outcome=_rows(
            AdviceOutcome,
            group_ids((c[3], c[0]) for c in cases if c[3] is not None),
        ),
        still_open=Figure(len(open_ids), open_ids),
        people_more_than_once=len(repeat),
        cases_of_people_more_than_once=Figure(
            sum(len(v) for v in repeat.values()), [i for v in repeat.values() for i in v]
        ),
        minutes_total=int(minutes or 0),
    )
