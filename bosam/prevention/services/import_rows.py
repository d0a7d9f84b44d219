"""Writing a landlord list's rows in bulk.

A list can hold ten thousand rows; registering them one by one (`notification_register`, with
`person_register` and `household_create` for someone new) costs a dozen queries and an audit
insert a row. Here the whole file is written set-based: the rows' people, households, open cases
and sublets are read in a few queries, and persons, households, members, cases, notifications,
their tenants and the audit rows are inserted in bulk, so the number of queries does not grow with
the file.

The outcome is the single notification's: the same person (number, kind, name, registering unit),
the same household with the tenant as applicant, the case opened or joined with the same children
count, deadlines and debt (`rules`), and the same audit rows. The checks that the single path makes
in `full_clean` are made on every row by the preview, with the same rules (`rules.read_arrears_row`,
`rules.new_tenant_name_error`, `rules.parse_debt_amount`), so a bad row is refused by name instead
of failing the file."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_records
from bosam.core.bulk_insert import bulk_insert, bulk_insert_rows
from bosam.households.models import Household, HouseholdMember, Person
from bosam.prevention import rules
from bosam.prevention.models import LandlordImport, Notification, PreventionCase
from bosam.prevention.services.cases import notification_deadlines_apply
from bosam.tenancies.models import Sublet

# Rows a single INSERT carries; keeps each statement's parameters well inside the databases' limits.
BATCH_SIZE = 1000


def _current_members() -> "Prefetch[Any]":
    members = HouseholdMember.objects.filter(end_date__isnull=True).select_related("person")
    return Prefetch(
        "memberships",
        queryset=members.order_by("relation", "person__birth_date"),
        to_attr="prefetched_current_members",
    )


def _households(person_ids: set[Any]) -> dict[Any, Household]:
    """Each person's current household (the latest membership, as `household_for_tenants`), with
    its current members prefetched (for the children count and the audit)."""
    if not person_ids:
        return {}
    memberships = (
        HouseholdMember.objects.filter(person_id__in=person_ids, end_date__isnull=True)
        .values_list("person_id", "household_id")
        .order_by("start_date")
    )
    household_of = dict(memberships)
    households = {
        h.pk: h
        for h in Household.objects.filter(pk__in=set(household_of.values())).prefetch_related(
            _current_members()
        )
    }
    return {person_id: households[household_id] for person_id, household_id in household_of.items()}


def _new_person(row: rules.ArrearsRow, unit_id: int | None) -> Person:
    """The person `person_register` would make of the row's tenant."""
    return Person(
        personal_number=row.personal_number,
        number_kind=row.number_kind,
        first_name=(row.first_name or "–").strip(),
        last_name=row.last_name.strip(),
        birth_date=row.birth_date,
        registered_by_unit_id=unit_id,
    )


def _cases_refresh(cases: Iterable[PreventionCase]) -> None:
    """`prevention_case_refresh` for many cases: each one's deadlines and latest debt from all its
    notifications, read in one query and written in one."""
    by_pk = {c.pk: c for c in cases}
    if not by_pk:
        return
    facts: dict[Any, list[tuple[rules.NotificationDeadlines, Any]]] = {pk: [] for pk in by_pk}
    for case_id, received_on, frist, eviction, provisional, debt in (
        Notification.objects.filter(case_id__in=by_pk)
        .order_by("received_on", "created_at")
        .values_list(
            "case_id",
            "received_on",
            "atervinningsfrist_ends_on",
            "eviction_date",
            "atervinningsfrist_provisional",
            "debt_amount",
        )
    ):
        facts[case_id].append(
            (rules.NotificationDeadlines(received_on, frist, eviction, provisional), debt)
        )
    for pk, case in by_pk.items():
        case.atervinningsfrist_ends_on, case.eviction_date = rules.case_deadlines(
            deadlines for deadlines, _debt in facts[pk]
        )
        case.atervinningsfrist_provisional = rules.case_frist_provisional(
            deadlines for deadlines, _debt in facts[pk]
        )
        amounts = [debt for _deadlines, debt in facts[pk] if debt is not None]
        case.debt_amount = amounts[-1] if amounts else None
    PreventionCase.objects.bulk_update(
        by_pk.values(),
        [
            "atervinningsfrist_ends_on",
            "atervinningsfrist_provisional",
            "eviction_date",
            "debt_amount",
        ],
        batch_size=BATCH_SIZE,
    )


@transaction.atomic
def import_new_rows(
    *,
    items: Sequence[Any],  # imports.PreviewRow with status NEW
    batch: LandlordImport,
    received_on: date,
    accepted_by: Any,
    unit: Unit,
) -> list[Notification]:
    """Register each new row as a notification, opening or joining its household's case.

    Related records are given by key where nothing reads them back, which makes the instances
    cheaper to build."""
    if not items:
        return []
    today = timezone.localdate()
    now = timezone.now()
    unit_id = getattr(accepted_by, "unit_id", None)
    persons: list[Person] = [item.person or _new_person(item.row, unit_id) for item in items]
    new_persons = [p for item, p in zip(items, persons, strict=True) if item.person is None]
    bulk_insert(new_persons)

    households = _households({item.person.pk for item in items if item.person is not None})
    known_household_ids = {h.pk for h in households.values()}
    # Lock the households so a notification registered meanwhile cannot open a second case.
    list(Household.objects.select_for_update().filter(pk__in=known_household_ids).values_list("pk"))
    new_households: list[Household] = []
    new_members: list[HouseholdMember] = []
    for item, person in zip(items, persons, strict=True):
        if person.pk in households:
            continue
        row = item.row
        household = Household(
            unit_id=unit.pk, street_address=row.street_address, postcode=row.postcode, town=row.town
        )
        member = HouseholdMember(
            household=household,
            person=person,
            relation=HouseholdMember.Relation.APPLICANT,
            start_date=today,
        )
        household.prefetched_current_members = [member]  # type: ignore[attr-defined]
        households[person.pk] = household
        new_households.append(household)
        new_members.append(member)
    bulk_insert(new_households)
    bulk_insert_rows(
        HouseholdMember,
        ("id", "created_at", "updated_at", "household_id", "person_id", "relation", "start_date"),
        (
            (m.pk, now, now, m.household.pk, m.person.pk, m.relation, m.start_date)
            for m in new_members
        ),
    )

    household_by_id = {h.pk: h for h in households.values()}
    open_cases: dict[Any, PreventionCase] = {}
    for case in PreventionCase.objects.filter(
        household_id__in=known_household_ids, status=PreventionCase.Status.OPEN
    ):
        case.household = household_by_id[case.household_id]
        open_cases[case.household_id] = case
    sublets = dict(
        Sublet.objects.filter(
            household_id__in=known_household_ids, status=Sublet.Status.ACTIVE
        ).values_list("household_id", "id")
    )
    new_cases: dict[Any, PreventionCase] = {}
    notifications: list[Notification] = []
    for item, person in zip(items, persons, strict=True):
        row = item.row
        household = household_by_id[households[person.pk].pk]
        found = open_cases.get(household.pk) or new_cases.get(household.pk)
        if found is not None:
            case = found
        else:
            children = sum(
                1 for m in household.current_members_cached() if m.person.is_child_on(received_on)
            )
            case = PreventionCase(
                household=household,
                opened_on=received_on,
                caseworker_id=accepted_by.pk,
                children_count=children,
            )
            new_cases[household.pk] = case
        notification = Notification(
            case=case,
            source=Notification.Source.LANDLORD,
            stage=item.stage,
            received_on=received_on,
            period=rules.notification_period(batch.period),
            landlord_id=batch.landlord_id,
            street_address=row.street_address,
            postcode=row.postcode,
            town=row.town,
            landlord_reference=row.landlord_reference,
            sublet_id=sublets.get(household.pk),
            debt_amount=row.debt_amount,
            months_behind=row.months_behind,
            notice_served_on=row.notice_served_on,
            landlord_import_id=batch.pk,
            import_line=row.line,
            registered_by_id=accepted_by.pk,
        )
        notification_deadlines_apply(notification)
        notifications.append(notification)
    by_case: dict[Any, list[Notification]] = {}
    for notification in notifications:
        by_case.setdefault(notification.case.pk, []).append(notification)
    for case in new_cases.values():
        # A new case's deadlines and debt are its notifications' (as prevention_case_refresh).
        own = by_case[case.pk]
        own_deadlines = [
            rules.NotificationDeadlines(
                n.received_on, n.atervinningsfrist_ends_on, None, n.atervinningsfrist_provisional
            )
            for n in own
        ]
        case.atervinningsfrist_ends_on, case.eviction_date = rules.case_deadlines(own_deadlines)
        case.atervinningsfrist_provisional = rules.case_frist_provisional(own_deadlines)
        amounts = [n.debt_amount for n in own if n.debt_amount is not None]
        case.debt_amount = amounts[-1] if amounts else None
    bulk_insert(list(new_cases.values()))
    for notification in notifications:
        notification.case_id = notification.case.pk
    bulk_insert(notifications)
    through = Notification.tenants.through
    bulk_insert_rows(
        through,
        ("notification_id", "person_id"),
        ((n.pk, p.pk) for n, p in zip(notifications, persons, strict=True)),
    )
    _cases_refresh(c for c in open_cases.values() if c.pk in by_case)

    audit_records(actor=accepted_by, action=AuditAction.CREATE, objects=new_persons)
    audit_records(actor=accepted_by, action=AuditAction.CREATE, objects=new_households)
    audit_records(actor=accepted_by, action=AuditAction.CREATE, objects=new_cases.values())
    audit_records(actor=accepted_by, action=AuditAction.CREATE, objects=notifications)
    return notifications


@transaction.atomic
def import_updated_rows(*, notifications: Sequence[Notification], updated_by: Any) -> None:
    """`notification_update_amounts` for many notifications whose debt_amount and months_behind
    the caller has set: saved, their cases refreshed, and audited, in a few queries."""
    if not notifications:
        return
    now = timezone.now()
    for notification in notifications:
        notification.updated_at = now
    Notification.objects.bulk_update(
        notifications, ["debt_amount", "months_behind", "updated_at"], batch_size=BATCH_SIZE
    )
    cases = {
        c.pk: c for c in PreventionCase.objects.filter(pk__in={n.case_id for n in notifications})
    }
    households = {
        h.pk: h
        for h in Household.objects.filter(
            pk__in={c.household_id for c in cases.values()}
        ).prefetch_related(_current_members())
    }
    for case in cases.values():
        case.household = households[case.household_id]
    for notification in notifications:
        notification.case = cases[notification.case_id]
    _cases_refresh(cases.values())
    audit_records(actor=updated_by, action=AuditAction.UPDATE, objects=notifications)
