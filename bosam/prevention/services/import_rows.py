"""Writing a landlord list's new rows in bulk.

A list can hold thousands of rows; registering them one by one (`notification_register`) costs
some sixty queries a row. Here the rows' people, households, open cases and sublets are read in a
few queries, and cases, notifications and their tenants are inserted in bulk. Persons and
households that do not exist yet are still made by the households services, one by one, so their
own checks and audit stay theirs. The rules are the same as `notification_register`'s; the
preview has already refused bad rows and duplicates."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.models import Household, HouseholdMember, Person
from bosam.prevention import rules
from bosam.prevention.models import LandlordImport, Notification, PreventionCase
from bosam.prevention.services.cases import notification_deadlines_apply, prevention_case_refresh
from bosam.prevention.services.notifications import (
    TenantInput,
    household_for_tenants,
    tenant_resolve,
)
from bosam.tenancies.models import Sublet


def _households(person_ids: set[Any]) -> dict[Any, Household]:
    """Each person's current household (the latest membership), with its members prefetched."""
    members = HouseholdMember.objects.filter(end_date__isnull=True).select_related("person")
    memberships = (
        HouseholdMember.objects.filter(person_id__in=person_ids, end_date__isnull=True)
        .select_related("household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=members.order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("start_date")
    )
    return {m.person_id: m.household for m in memberships}


@transaction.atomic
def import_new_rows(
    *,
    items: Sequence[Any],  # imports.PreviewRow with status NEW
    batch: LandlordImport,
    received_on: date,
    accepted_by: Any,
    unit: Unit,
) -> list[Notification]:
    """Register each new row as a notification, opening or joining its household's case."""
    persons: dict[int, Person] = {}
    for index, item in enumerate(items):
        row = item.row
        persons[index] = item.person or tenant_resolve(
            tenant=TenantInput(row.personal_number, row.first_name, row.last_name),
            registered_by=accepted_by,
        )
    households = _households({p.pk for p in persons.values()})
    for index, item in enumerate(items):
        person = persons[index]
        if person.pk not in households:
            row = item.row
            household_for_tenants(
                tenants=[person],
                unit=unit,
                street_address=row.street_address,
                postcode=row.postcode,
                town=row.town,
                created_by=accepted_by,
            )
    households = _households({p.pk for p in persons.values()})
    household_ids = {h.pk for h in households.values()}
    # Lock the households so a notification registered meanwhile cannot open a second case.
    list(Household.objects.select_for_update().filter(pk__in=household_ids).values_list("pk"))
    open_cases = {
        c.household_id: c
        for c in PreventionCase.objects.filter(
            household_id__in=household_ids, status=PreventionCase.Status.OPEN
        )
    }
    sublets = dict(
        Sublet.objects.filter(
            household_id__in=household_ids, status=Sublet.Status.ACTIVE
        ).values_list("household_id", "id")
    )
    new_cases: dict[Any, PreventionCase] = {}
    notifications: list[Notification] = []
    for index, item in enumerate(items):
        row = item.row
        household = households[persons[index].pk]
        case = open_cases.get(household.pk) or new_cases.get(household.pk)
        if case is None:
            children = sum(
                1 for m in household.current_members_cached() if m.person.is_child_on(received_on)
            )
            case = PreventionCase(
                household=household,
                opened_on=received_on,
                caseworker=accepted_by,
                children_count=children,
            )
            new_cases[household.pk] = case
        notification = Notification(
            case=case,
            source=Notification.Source.LANDLORD,
            stage=item.stage,
            received_on=received_on,
            period=rules.notification_period(batch.period),
            landlord=batch.landlord,
            street_address=row.street_address,
            postcode=row.postcode,
            town=row.town,
            landlord_reference=row.landlord_reference,
            sublet_id=sublets.get(household.pk),
            debt_amount=row.debt_amount,
            months_behind=row.months_behind,
            notice_served_on=row.notice_served_on,
            landlord_import=batch,
            import_line=row.line,
            registered_by=accepted_by,
        )
        notification_deadlines_apply(notification)
        notifications.append(notification)
    by_case: dict[Any, list[Notification]] = {}
    for notification in notifications:
        by_case.setdefault(notification.case.pk, []).append(notification)
    for case in new_cases.values():
        # A new case's deadlines and debt are its notifications' (as prevention_case_refresh).
        own = by_case[case.pk]
        case.atervinningsfrist_ends_on, case.eviction_date = rules.case_deadlines(
            rules.NotificationDeadlines(n.received_on, n.atervinningsfrist_ends_on, None)
            for n in own
        )
        case.debt_amount = own[-1].debt_amount
    PreventionCase.objects.bulk_create(new_cases.values())
    for case in new_cases.values():
        audit_record(actor=accepted_by, action=AuditAction.CREATE, obj=case)
    for notification in notifications:
        notification.case_id = notification.case.pk
    Notification.objects.bulk_create(notifications)
    through = Notification.tenants.through
    through.objects.bulk_create(
        [
            through(notification_id=n.pk, person_id=persons[index].pk)
            for index, n in enumerate(notifications)
        ]
    )
    for case in {n.case_id: n.case for n in notifications}.values():
        if case.household_id not in new_cases:
            prevention_case_refresh(case=case)
    for notification in notifications:
        audit_record(actor=accepted_by, action=AuditAction.CREATE, obj=notification)
    return notifications
