"""Reads of the annual report scoped to the user: which reports they may open and the records
behind a figure (drill-down), filtered by what the user may see and audited by the caller."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse

from bosam.accounts.models import Committee
from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.advice.selectors import advice_case_visible_to
from bosam.households.models import HouseholdMember, Intervention
from bosam.households.selectors import household_visible_to
from bosam.prevention.models import Notification, PreventionCase
from bosam.properties.models import HeadLease, Landlord
from bosam.reporting.models import PublishedReport
from bosam.reporting.report import Report, report_live, report_published, suppression_threshold
from bosam.tenancies.selectors import sublet_visible_to


@dataclass(frozen=True)
class RecordLink:
    label: str
    detail: str
    url: str


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""  # the module has no page for the record (yet): show it without a link


def _interventions(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        Intervention.objects.filter(pk__in=ids)
        .filter(Q(household__isnull=True) | Q(household__in=household_visible_to(user)))
        .select_related("intervention_type", "committee", "household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMember.objects.filter(end_date__isnull=True)
                .select_related("person")
                .order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("performed_on", "created_at")
    )
    return [
        (
            i,
            RecordLink(
                label=f"{i.performed_on:%Y-%m-%d} {i.intervention_type.name}",
                detail=str(i.household) if i.household else str(i.committee or ""),
                url=_url("households:household_detail", i.household_id) if i.household else "",
            ),
        )
        for i in qs
    ]


def _head_leases(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        HeadLease.objects.filter(pk__in=ids)
        .select_related("apartment", "usage", "committee")
        .order_by("start_date", "number")
    )
    return [
        (
            h,
            RecordLink(
                label=f"{h.number} {h.apartment}",
                detail=f"{h.start_date:%Y-%m-%d} · {h.usage.name} · {h.committee.name}",
                url=_url("properties:head_lease_detail", h.pk),
            ),
        )
        for h in qs
    ]


def _landlords(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    return [
        (
            landlord,
            RecordLink(
                label=landlord.name,
                detail=landlord.org_number,
                url=_url("properties:landlord_detail", landlord.pk),
            ),
        )
        for landlord in Landlord.objects.filter(pk__in=ids).order_by("name")
    ]


def _advice_cases(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        advice_case_visible_to(user)
        .filter(pk__in=ids)
        .select_related("reason")
        .order_by("received_on", "year", "sequence")
    )
    return [
        (
            case,
            RecordLink(
                label=str(case),
                detail=f"{case.received_on:%Y-%m-%d} · {case.reason.name if case.reason else ''}",
                url=_url("advice:case_detail", case.pk),
            ),
        )
        for case in qs
    ]


def _sublets(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        sublet_visible_to(user)
        .filter(pk__in=ids)
        .select_related("apartment", "committee", "household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMember.objects.filter(end_date__isnull=True)
                .select_related("person")
                .order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("start_date", "number")
    )
    rows: list[tuple[models.Model, RecordLink]] = []
    for sublet in qs:
        ended = f"–{sublet.end_date:%Y-%m-%d}" if sublet.end_date else "–"
        rows.append(
            (
                sublet,
                RecordLink(
                    label=f"{sublet.number} {sublet.apartment}",
                    detail=f"{sublet.household} · {sublet.start_date:%Y-%m-%d}{ended} · "
                    f"{sublet.get_outcome_display() or sublet.get_status_display()}",
                    url=_url("tenancies:sublet_detail", sublet.pk),
                ),
            )
        )
    return rows


def _members() -> "Prefetch[Any]":
    return Prefetch(
        "household__memberships",
        queryset=HouseholdMember.objects.filter(end_date__isnull=True)
        .select_related("person")
        .order_by("relation", "person__birth_date"),
        to_attr="prefetched_current_members",
    )


def _prevention_link(user: Any, case_id: Any) -> str:
    # The case page is the prevention caseworkers'; others see the record without a link.
    if not user_can(user, Capability.PREVENTION_WORK):
        return ""
    return _url("prevention:case_detail", case_id)


def _prevention_cases(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        PreventionCase.objects.filter(pk__in=ids, household__in=household_visible_to(user))
        .select_related("household")
        .prefetch_related(_members())
        .order_by("opened_on")
    )
    return [
        (
            case,
            RecordLink(
                label=str(case),
                detail=f"{case.opened_on:%Y-%m-%d}"
                + (
                    f"–{case.closed_on:%Y-%m-%d} · {case.get_outcome_display()}"
                    if case.closed_on
                    else ""
                ),
                url=_prevention_link(user, case.pk),
            ),
        )
        for case in qs
    ]


def _notifications(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
    qs = (
        Notification.objects.filter(pk__in=ids, case__household__in=household_visible_to(user))
        .select_related("case__household")
        .prefetch_related(
            Prefetch(
                "case__household__memberships",
                queryset=HouseholdMember.objects.filter(end_date__isnull=True)
                .select_related("person")
                .order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("received_on")
    )
    return [
        (
            n,
            RecordLink(
                label=str(n),
                detail=f"{n.get_source_display()} · {n.case.household}",
                url=_prevention_link(user, n.case_id),
            ),
        )
        for n in qs
    ]


def _generic(
    model_label: str,
) -> Callable[[Any, Sequence[str]], list[tuple[models.Model, RecordLink]]]:
    def resolve(user: Any, ids: Sequence[str]) -> list[tuple[models.Model, RecordLink]]:
        model = apps.get_model(model_label)
        rows = []
        for obj in model._default_manager.filter(pk__in=ids):
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            rows.append((obj, RecordLink(label=str(obj), detail="", url=url)))
        return rows

    return resolve


Resolver = Callable[[Any, Sequence[str]], list[tuple[models.Model, RecordLink]]]

# How the records of each model a figure counts are fetched (scoped) and linked. A model not
# listed falls back to its `__str__` and `get_absolute_url`.
RESOLVERS: dict[str, Resolver] = {
    "households.intervention": _interventions,
    "properties.headlease": _head_leases,
    "properties.landlord": _landlords,
    "advice.advicecase": _advice_cases,
    "tenancies.sublet": _sublets,
    "prevention.preventioncase": _prevention_cases,
    "prevention.notification": _notifications,
}


def register_resolver(model_label: str, resolver: Resolver) -> None:
    RESOLVERS[model_label] = resolver


def figure_records(
    *, user: Any, model_label: str, ids: Sequence[str]
) -> list[tuple[models.Model, RecordLink]]:
    """The records with these ids that the user may see, with a label and a link each. Only a
    user with full statistics may drill down; anyone else gets nothing."""
    if not user_can(user, Capability.STATISTICS) or not ids:
        return []
    resolver = RESOLVERS.get(model_label) or _generic(model_label)
    return resolver(user, ids)


def published_reports_visible_to(user: Any) -> list[PublishedReport]:
    if not user_can(user, Capability.STATISTICS, Capability.PUBLISHED_STATISTICS):
        return []
    return list(PublishedReport.objects.defer("pdf").order_by("-year"))


def report_for_user(
    *, user: Any, year: int, committee: Committee | None, published_version: bool = False
) -> Report:
    """Full statistics: today's figures, or the published ones on request. Everyone else with
    published statistics: the published report only, with small numbers suppressed. Raises
    `PublishedReport.DoesNotExist` when a published report is needed and there is none."""
    published = PublishedReport.objects.defer("pdf").filter(year=year).first()
    if not user_can(user, Capability.STATISTICS):
        if published is None or not user_can(user, Capability.PUBLISHED_STATISTICS):
            raise PublishedReport.DoesNotExist
        return report_published(
            published=published, committee=committee, threshold=suppression_threshold()
        )
    if published_version and published is not None:
        return report_published(published=published, committee=committee)
    return report_live(year=year, committee=committee)
