"""Reads of eviction prevention, scoped to the user. Prevention cases are the housing unit's
work: only users with PREVENTION_WORK see them; a request for a case is refused (audited) else."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext

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


def _sees_every_case(user: Any) -> bool:
    """Whoever does prevention work sees every case (and its notifications); nobody else any."""
    return user_can(user, Capability.PREVENTION_WORK)


def case_visible_to(user: Any) -> QuerySet[PreventionCase]:
    return PreventionCase.objects.all() if _sees_every_case(user) else PreventionCase.objects.none()


def notification_visible_to(user: Any) -> QuerySet[Notification]:
    """The notifications of the cases `case_visible_to` shows. Not written as
    `case__in=case_visible_to(user)`: for whoever does prevention work that is an IN over every
    case, which made counting the list's pages a join of all notifications with all cases."""
    return Notification.objects.all() if _sees_every_case(user) else Notification.objects.none()


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
        raise AccessDenied(gettext("Du har inte behörighet att se det här ärendet."))
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


def _queue_facts(today: date) -> dict[str, Any]:
    """The facts rules.urgency_key orders by, computed by the database: the next deadline
    (rules.next_deadline: the nearer of the återvinningsfrist and the eviction date that have not
    passed), whether the household has children, whether anyone has been reached.

    Children are the case's stored count (as the case list's filter reads them), not today's
    members: asking each open case's members in the ORDER BY cost the queue a scan of every
    child in the register."""
    upcoming_frist = Case(
        When(atervinningsfrist_ends_on__gte=today, then=F("atervinningsfrist_ends_on")),
        output_field=DateField(),
    )
    upcoming_eviction = Case(
        When(eviction_date__gte=today, then=F("eviction_date")), output_field=DateField()
    )
    # LEAST ignores NULL on PostgreSQL but not on SQLite; the Coalesces make both agree.
    deadline = Least(
        Coalesce(upcoming_frist, upcoming_eviction), Coalesce(upcoming_eviction, upcoming_frist)
    )
    return {
        "queue_deadline": deadline,
        "queue_has_children": ExpressionWrapper(
            Q(children_count__gt=0), output_field=BooleanField()
        ),
        "queue_contacted": ExpressionWrapper(
            Q(first_contact_on__isnull=False), output_field=BooleanField()
        ),
    }


def work_queue_ids(*, user: Any, today: date) -> QuerySet[PreventionCase, UUID]:
    """Open cases' ids, most urgent first (rules.urgency_key): nearest statutory deadline (none
    known last), households with children, not yet contacted, the oldest case.

    Ordered by the database over the case table alone, so a page of the queue costs a sort of
    the open cases' own columns; the page's cases are then read by id (cases_in_order). Joining
    the households before sorting made the database read every household in the register."""
    open_cases = case_visible_to(user).filter(status=PreventionCase.Status.OPEN)
    return (
        open_cases.annotate(**_queue_facts(today))
        .order_by(
            F("queue_deadline").asc(nulls_last=True),
            F("queue_has_children").desc(),
            F("queue_contacted").asc(),
            "opened_on",
            "created_at",
            "id",
        )
        .values_list("id", flat=True)
    )


def cases_in_order(ids: Iterable[UUID]) -> list[PreventionCase]:
    """The cases with these ids, with their households, in the order given."""
    order = list(ids)
    found = {case.pk: case for case in _with_household(PreventionCase.objects.filter(pk__in=order))}
    return [found[pk] for pk in order if pk in found]


def work_queue_urgent_count(*, user: Any, today: date) -> int:
    """How many open cases stand out (rules.stands_out): a deadline within URGENT_WITHIN_DAYS
    and nobody reached yet."""
    open_cases = case_visible_to(user).filter(status=PreventionCase.Status.OPEN)
    return (
        open_cases.annotate(**_queue_facts(today))
        .filter(
            Q(queue_deadline__lte=today + timedelta(days=rules.URGENT_WITHIN_DAYS)),
            first_contact_on__isnull=True,
        )
        .count()
    )


def work_queue(*, user: Any, today: date, limit: int | None = None) -> list[CaseRow]:
    """The queue's first `limit` rows (all without a limit), most urgent first."""
    ids = work_queue_ids(user=user, today=today)
    return case_rows(cases_in_order(ids[:limit] if limit else ids), today)


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
        # IN over the matching members' households, not a join made DISTINCT: a common name
        # matches a thousand persons, and DISTINCT over the list's columns sorted every matching
        # case before the page could be cut (55 ms of SQL at scale 10, twice with the count).
        members = HouseholdMember.objects.filter(person_id__in=ids).values("household_id")
        qs = qs.filter(household_id__in=members)
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
    qs = notification_visible_to(user)
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
        raise AccessDenied(gettext("Du har inte behörighet till importerna."))
    return batch
