"""Reads of eviction prevention, scoped to the user. Prevention cases are the housing unit's
work: only users with PREVENTION_WORK see them; a request for a case is refused (audited) else."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.households.models import HouseholdMember, Intervention, InterventionType, Person
from bosam.households.selectors import person_search_filter
from bosam.prevention import rules
from bosam.prevention.models import LandlordImport, Notification, PreventionCase

CASE_SOURCE_TYPE = "prevention.preventioncase"


def case_visible_to(user: Any) -> QuerySet[PreventionCase]:
    if user_can(user, Capability.PREVENTION_WORK):
        return PreventionCase.objects.all()
    return PreventionCase.objects.none()


def _current_members() -> QuerySet[HouseholdMember]:
    return (
        HouseholdMember.objects.filter(end_date__isnull=True)
        .select_related("person")
        .order_by("relation", "person__birth_date")
    )


def _with_household(qs: QuerySet[PreventionCase]) -> QuerySet[PreventionCase]:
    return qs.select_related("household", "household__unit", "caseworker").prefetch_related(
        Prefetch(
            "household__memberships",
            queryset=_current_members(),
            to_attr="prefetched_current_members",
        )
    )


def case_get(*, user: Any, case_id: UUID) -> PreventionCase:
    """One case, or AccessDenied (audited) for a user without prevention work."""
    case = _with_household(PreventionCase.objects.filter(pk=case_id)).first()
    if case is None:
        raise PreventionCase.DoesNotExist
    if not case_visible_to(user).filter(pk=case.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=case)
        raise AccessDenied("Du har inte behörighet att se det här ärendet.")
    return case


@dataclass
class CaseRow:
    """A case as the queue and the lists show it."""

    case: PreventionCase
    deadline: date | None
    days_left: int | None
    children: int
    contacted: bool
    stands_out: bool


def _row(case: PreventionCase, today: date) -> CaseRow:
    deadline = rules.next_deadline(
        atervinningsfrist_ends_on=case.atervinningsfrist_ends_on,
        eviction_date=case.eviction_date,
        today=today,
    )
    contacted = case.first_contact_on is not None
    children = sum(
        1 for m in case.household.current_members_cached() if m.person.is_child_on(today)
    )
    return CaseRow(
        case=case,
        deadline=deadline,
        days_left=rules.days_left(deadline, today),
        children=children,
        contacted=contacted,
        stands_out=case.is_open
        and rules.stands_out(deadline=deadline, contacted=contacted, today=today),
    )


def work_queue(*, user: Any, today: date, limit: int | None = None) -> list[CaseRow]:
    """Open cases, most urgent first (rules.urgency_key): nearest statutory deadline, households
    with children, not yet contacted. Open cases are few enough to order in Python."""
    cases = _with_household(case_visible_to(user).filter(status=PreventionCase.Status.OPEN))
    rows = {case.pk: _row(case, today) for case in cases}
    ordered = rules.work_queue_order(
        rules.QueueFacts(
            case_id=pk,
            deadline=row.deadline,
            has_children=row.children > 0,
            contacted=row.contacted,
            opened_on=row.case.opened_on,
        )
        for pk, row in rows.items()
    )
    result = [rows[facts.case_id] for facts in ordered]  # type: ignore[index]
    return result[:limit] if limit else result


def case_list(
    *,
    user: Any,
    today: date,
    status: str = "",
    query: str = "",
    outcome: str = "",
    with_children: bool = False,
    not_contacted: bool = False,
    deadline_within_days: int | None = None,
) -> QuerySet[PreventionCase]:
    """Cases the user may see, filtered; newest first."""
    qs = case_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if with_children:
        qs = qs.filter(children_count__gt=0)
    if not_contacted:
        qs = qs.filter(first_contact_on__isnull=True)
    if deadline_within_days is not None:
        until = today + timedelta(days=deadline_within_days)
        qs = qs.filter(
            Q(atervinningsfrist_ends_on__range=(today, until))
            | Q(eviction_date__range=(today, until))
        )
    if query.strip():
        ids = Person.objects.filter(person_search_filter(query)).values("id")
        qs = qs.filter(household__memberships__person_id__in=ids).distinct()
    return _with_household(qs).order_by("-opened_on", "-created_at")


def case_rows(cases: list[PreventionCase], today: date) -> list[CaseRow]:
    return [_row(case, today) for case in cases]


def case_notifications(*, case: PreventionCase) -> list[Notification]:
    return list(
        case.notifications.select_related("landlord", "registered_by")
        .prefetch_related("tenants")
        .order_by("-received_on", "-created_at")
    )


def case_interventions(*, case: PreventionCase) -> list[Intervention]:
    return list(
        Intervention.objects.filter(source_type=CASE_SOURCE_TYPE, source_id=str(case.pk))
        .select_related("intervention_type", "performed_by")
        .order_by("-performed_on", "-created_at")
    )


def kvarboende_types() -> QuerySet[InterventionType]:
    return InterventionType.objects.filter(kind=InterventionType.Kind.KVARBOENDE, active=True)


def notification_list(
    *,
    user: Any,
    source: str = "",
    stage: str = "",
    landlord_id: int | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
) -> QuerySet[Notification]:
    """Notifications of cases the user may see, newest first."""
    qs = Notification.objects.filter(case__in=case_visible_to(user))
    if source:
        qs = qs.filter(source=source)
    if stage:
        qs = qs.filter(stage=stage)
    if landlord_id:
        qs = qs.filter(landlord_id=landlord_id)
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    return (
        qs.select_related("landlord", "case", "case__household")
        .prefetch_related(
            "tenants",
            Prefetch(
                "case__household__memberships",
                queryset=_current_members(),
                to_attr="prefetched_current_members",
            ),
        )
        .order_by("-received_on", "-created_at")
    )


def import_history(*, user: Any) -> QuerySet[LandlordImport]:
    """Landlord list files received, newest first (without the file contents)."""
    if not user_can(user, Capability.PREVENTION_WORK):
        return LandlordImport.objects.none()
    return (
        LandlordImport.objects.select_related("landlord", "uploaded_by")
        .defer("content")
        .order_by("-created_at")
    )


def import_get(*, user: Any, import_id: int) -> LandlordImport:
    batch = LandlordImport.objects.select_related("landlord").filter(pk=import_id).first()
    if batch is None:
        raise LandlordImport.DoesNotExist
    if not user_can(user, Capability.PREVENTION_WORK):
        raise AccessDenied("Du har inte behörighet till importerna.")
    return batch
