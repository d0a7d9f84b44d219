"""A landlord's list is written set-based; the outcome is the single notification's."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_record, audit_records
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.models import ImportMapping, LandlordImport, Notification, PreventionCase
from bosam.prevention.services import (
    TenantInput,
    landlord_import_accept,
    landlord_import_preview,
    landlord_import_upload,
    notification_register,
)
from bosam.prevention.tests.factories import make_landlord, personal_number, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]

HEADER = "Pnr;Hyresgäst;Adress;Postnr;Ort;Objekt;Skuld;Mån;Delgiven"
MAPPING = {
    "personal_number": "Pnr",
    "name": "Hyresgäst",
    "street_address": "Adress",
    "postcode": "Postnr",
    "town": "Ort",
    "landlord_reference": "Objekt",
    "debt_amount": "Skuld",
    "months_behind": "Mån",
    "notice_served_on": "Delgiven",
}


def _landlord(name: str) -> Any:
    landlord = make_landlord(name)
    ImportMapping.objects.create(landlord=landlord, columns_json=json.dumps(MAPPING))
    return landlord


def _row(pnr: str, name: str = "Andersson, Anna", served: str = "2022-05-20") -> str:
    return f"{pnr};{name};Storgatan 1;602 10;Norrköping;OBJ-1;12 345,50 kr;2;{served}"


def _import(user: Any, landlord: Any, *rows: str) -> LandlordImport:
    batch = landlord_import_upload(
        landlord=landlord,
        filename="lista.csv",
        content=("\n".join([HEADER, *rows]) + "\n").encode(),
        period=date(2022, 5, 1),
        uploaded_by=user,
    )
    return landlord_import_accept(landlord_import=batch, accepted_by=user, unit=user.unit)


def _tenants(count: int, serial: int) -> list[str]:
    return [
        personal_number(date(1950 + i % 50, 1 + i % 12, 1 + i % 28), serial) for i in range(count)
    ]


def _known_tenant_with_open_case(user: Any, pnr: str) -> Person:
    person = make_person("Karin", "Berg", personal_number=pnr, birth_date=date(1975, 3, 3))
    make_household(user.unit, (person, HouseholdMember.Relation.APPLICANT))
    register(user, person, received_on=date(2022, 5, 2))
    return person


def test_accepting_a_list_takes_as_many_queries_for_fifty_rows_as_for_five(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    queries = []
    for rows, serial in ((5, 901), (50, 902)):
        known_pnr = personal_number(date(1975, 3, 3), serial)
        _known_tenant_with_open_case(prevention_caseworker, known_pnr)
        lines = [
            _row(p, served="2022-05-20" if i % 2 else "")
            for i, p in enumerate(_tenants(rows, serial))
        ]
        landlord = _landlord(f"Hyresvärd {rows}")
        batch = landlord_import_upload(
            landlord=landlord,
            filename="lista.csv",
            content=("\n".join([HEADER, *lines, _row(known_pnr, "Berg, Karin")]) + "\n").encode(),
            period=date(2022, 5, 1),
            uploaded_by=prevention_caseworker,
        )
        with CaptureQueriesContext(connection) as captured:
            done = landlord_import_accept(
                landlord_import=batch,
                accepted_by=prevention_caseworker,
                unit=prevention_caseworker.unit,
            )
        assert (done.created_count, done.refused_count) == (rows + 1, 0)
        queries.append(len(captured))
    assert queries[0] == queries[1]


def _outcome(notification: Notification) -> dict[str, Any]:
    """What a caseworker sees of a registered notification, in domain words."""
    notification = Notification.objects.get(pk=notification.pk)
    case = notification.case
    household = case.household
    (tenant,) = notification.tenants.all()
    members = [(m.person_id, m.relation, m.start_date) for m in household.current_members_cached()]
    audited = sorted(
        (e.action, e.object_type, e.object_label, e.person_id, e.record_unit_id)
        for e in AuditEvent.objects.filter(
            object_id__in=[str(tenant.pk), str(household.pk), str(case.pk), str(notification.pk)]
        )
    )
    return {
        "tenant": (
            tenant.personal_number,
            tenant.number_kind,
            tenant.first_name,
            tenant.last_name,
            tenant.birth_date,
            tenant.registered_by_unit_id,
        ),
        "household": (
            household.unit_id,
            household.street_address,
            household.postcode,
            household.town,
        ),
        "members": [(relation, start) for _person, relation, start in members],
        "case": (
            case.status,
            case.opened_on,
            case.caseworker_id,
            case.children_count,
            case.atervinningsfrist_ends_on,
            case.eviction_date,
            case.debt_amount,
        ),
        "notification": (
            notification.source,
            notification.cause,
            notification.stage,
            notification.received_on,
            notification.period,
            notification.landlord_id,
            notification.street_address,
            notification.postcode,
            notification.town,
            notification.landlord_reference,
            notification.sublet_id,
            notification.debt_amount,
            notification.months_behind,
            notification.notice_served_on,
            notification.atervinningsfrist_ends_on,
            notification.registered_by_id,
        ),
        "audit": [(a, t, label, p == tenant.pk, u) for a, t, label, p, u in audited],
    }


class _Undo(Exception):
    pass


def test_a_listed_tenant_ends_up_as_if_notified_one_by_one(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    landlord = _landlord("Hyresbolaget AB")
    pnr = personal_number(date(1980, 1, 15), 981)
    single: dict[str, Any] = {}
    try:
        with transaction.atomic():
            notification = notification_register(
                registered_by=prevention_caseworker,
                unit=prevention_caseworker.unit,
                source=Notification.Source.LANDLORD,
                stage=Notification.Stage.TERMINATION,
                received_on=date(2022, 6, 1),
                period=date(2022, 5, 1),
                tenants=[TenantInput(pnr, "Anna", "Andersson")],
                landlord=landlord,
                street_address="Storgatan 1",
                postcode="602 10",
                town="Norrköping",
                landlord_reference="OBJ-1",
                debt_amount=Decimal("12345.50"),
                months_behind=2,
                notice_served_on=date(2022, 5, 20),
            )
            single = _outcome(notification)
            raise _Undo
    except _Undo:
        pass
    assert not Person.objects.filter(personal_number=pnr).exists()

    _import(prevention_caseworker, landlord, _row(pnr))
    bulk = _outcome(Notification.objects.get(tenants__personal_number=pnr))
    assert bulk == single
    # the återvinningsfrist: three weeks from 20 May 2022, a Friday
    assert bulk["case"][4] == date(2022, 6, 10)


def test_a_bulk_import_audits_every_person_household_case_and_notification_it_creates(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    landlord = _landlord("Hyresbolaget AB")
    batch = _import(prevention_caseworker, landlord, *(_row(p) for p in _tenants(12, 903)))
    notifications = list(Notification.objects.filter(landlord_import=batch))
    cases = PreventionCase.objects.filter(notifications__in=notifications)
    persons = Person.objects.filter(prevention_notifications__in=notifications)
    households = Household.objects.filter(prevention_cases__in=cases)
    for records in (notifications, cases, persons, households):
        ids = {str(r.pk) for r in records}
        assert len(ids) == 12
        created = AuditEvent.objects.filter(action=AuditAction.CREATE, object_id__in=ids)
        assert {e.object_id for e in created} == ids
        assert {e.actor_id for e in created} == {prevention_caseworker.pk}
    # each row names the tenant it concerns
    person_of = {str(n.pk): n.tenants.get().pk for n in notifications}
    for event in AuditEvent.objects.filter(object_id__in=person_of):
        assert event.person_id == person_of[event.object_id]


def test_audit_records_writes_the_rows_audit_record_writes(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    adult = make_person("Anna", "Andersson")
    child = make_person("Barn", "Andersson", birth_date=date(2015, 1, 1))
    household = make_household(
        org.unit_b,
        (adult, HouseholdMember.Relation.APPLICANT),
        (child, HouseholdMember.Relation.CHILD),
    )
    objects = [adult, household]
    fields = [
        f.name for f in AuditEvent._meta.concrete_fields if f.name not in {"id", "occurred_at"}
    ]

    def written_by(write: Any) -> list[tuple[str, ...]]:
        before = set(AuditEvent.objects.values_list("id", flat=True))
        write()
        return sorted(
            tuple(str(getattr(e, f)) for f in fields)
            for e in AuditEvent.objects.exclude(id__in=before)
        )

    def one_by_one() -> None:
        for obj in objects:
            audit_record(
                actor=prevention_caseworker, action=AuditAction.CREATE, obj=obj, reason="x"
            )

    def in_bulk() -> None:
        audit_records(
            actor=prevention_caseworker, action=AuditAction.CREATE, objects=objects, reason="x"
        )

    single = written_by(one_by_one)
    assert len(single) == 3  # the person; the household, once for each member
    assert written_by(in_bulk) == single


@pytest.mark.parametrize(
    ("name", "debt", "message"),
    [
        ("Andersson, " + "A" * 101, "100", "Rad 2, Namn: namnet är längre än 100 tecken."),
        ("Andersson, Anna", "99 999 999 999", "Rad 2, Skuld: '99 999 999 999' är inte ett belopp."),
    ],
    ids=["name too long", "debt too large"],
)
def test_a_row_the_register_cannot_hold_is_refused_by_name(
    prevention_caseworker, name, debt, message
) -> None:  # type: ignore[no-untyped-def]
    landlord = _landlord("Hyresbolaget AB")
    pnr = personal_number(date(1980, 1, 15), 981)
    line = f"{pnr};{name};Storgatan 1;602 10;Norrköping;OBJ-1;{debt};2;"
    batch = landlord_import_upload(
        landlord=landlord,
        filename="lista.csv",
        content=f"{HEADER}\n{line}\n".encode(),
        period=date(2022, 5, 1),
        uploaded_by=prevention_caseworker,
    )
    assert landlord_import_preview(landlord_import=batch).errors == [message]
    done = landlord_import_accept(
        landlord_import=batch, accepted_by=prevention_caseworker, unit=prevention_caseworker.unit
    )
    assert (done.created_count, done.refused_count) == (0, 1)
    assert not Person.objects.filter(personal_number=pnr).exists()


def test_new_amounts_for_a_known_row_are_saved_refresh_the_case_and_are_audited(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    landlord = _landlord("Hyresbolaget AB")
    pnr = personal_number(date(1980, 1, 15), 981)
    _import(prevention_caseworker, landlord, _row(pnr))
    changed = _row(pnr).replace("12 345,50 kr;2", "15 000 kr;3")
    batch = landlord_import_upload(
        landlord=landlord,
        filename="ny.csv",
        content=f"{HEADER}\n{changed}\n".encode(),
        period=date(2022, 5, 1),
        uploaded_by=prevention_caseworker,
    )
    done = landlord_import_accept(
        landlord_import=batch, accepted_by=prevention_caseworker, unit=prevention_caseworker.unit
    )
    assert (done.created_count, done.updated_count) == (0, 1)
    notification = Notification.objects.get(tenants__personal_number=pnr)
    assert (notification.debt_amount, notification.months_behind) == (Decimal("15000.00"), 3)
    assert notification.case.debt_amount == Decimal("15000.00")
    assert notification.case.atervinningsfrist_ends_on == date(2022, 6, 10)
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(notification.pk), actor=prevention_caseworker
    ).exists()
