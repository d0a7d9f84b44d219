"""What the audit rows say, and that a list's rows cost one statement however long the list."""

from uuid import uuid4

import pytest

from bosam.accounts.models import Unit
from bosam.audit.context import RequestContext, reset_request_context, set_request_context
from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.selectors import AuditFilter, audit_event_search
from bosam.audit.services import AuditPerson, audit_list, audit_record
from bosam.households.models import Household, HouseholdMember
from bosam.households.selectors import household_list
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def _households(unit: Unit, n: int) -> list[Household]:
    households = []
    for i in range(n):
        adult = make_person("Anna", f"Ek{i}")
        child = make_person("Bo", f"Ek{i}")
        households.append(
            make_household(
                unit,
                (adult, HouseholdMember.Relation.APPLICANT),
                (child, HouseholdMember.Relation.CHILD),
            )
        )
    return households


def test_a_listing_writes_one_row_per_person_with_who_where_and_when(org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    own, other = _households(org.unit_a, 1)[0], _households(org.unit_b, 1)[0]
    token = set_request_context(RequestContext(ip_address="10.1.2.3", path="/hushall/"))
    try:
        audit_list(actor=social_worker_a, objects=[own, other], reason="kontroll")
    finally:
        reset_request_context(token)
    rows = list(AuditEvent.objects.order_by("id"))
    assert len(rows) == 4  # two households, two people each
    assert {r.person_label for r in rows} == {"Anna Ek0", "Bo Ek0"}
    first = rows[0]
    assert first.action == AuditAction.LIST
    assert first.actor_id == social_worker_a.pk
    assert first.actor_username == social_worker_a.username
    assert first.actor_role == social_worker_a.role
    assert first.actor_unit_id == org.unit_a.pk
    assert first.object_type == "households.household"
    assert first.object_id == str(own.pk)
    assert first.object_label == str(own)
    assert first.record_unit_id == org.unit_a.pk
    assert first.ip_address == "10.1.2.3"
    assert first.path == "/hushall/"
    assert first.reason == "kontroll"
    assert first.occurred_at is not None
    assert [r.outside_own_unit for r in rows] == [False, False, True, True]


def test_the_follow_up_finds_who_listed_a_person(org, coordinator, sysadmin) -> None:  # type: ignore[no-untyped-def]
    household = _households(org.unit_a, 1)[0]
    child = household.current_members_cached()[1].person
    audit_list(actor=coordinator, objects=[household])
    found = audit_event_search(user=sysadmin, filters=AuditFilter(person_ids=(child.pk,)))
    assert [(e.actor_username, e.action) for e in found] == [
        (coordinator.username, AuditAction.LIST)
    ]


@pytest.mark.parametrize("n", [1, 8])
def test_a_listing_is_one_statement_whatever_its_length(
    org, coordinator, django_assert_num_queries, n
) -> None:  # type: ignore[no-untyped-def]
    _households(org.unit_a, n)
    households = list(household_list(user=coordinator))  # members prefetched, as on the page
    with django_assert_num_queries(1):
        audit_list(actor=coordinator, objects=households)
    assert AuditEvent.objects.count() == 2 * n


def test_a_login_names_nobody_and_an_unreadable_address_does_not_lose_the_row(
    coordinator,
) -> None:  # type: ignore[no-untyped-def]
    token = set_request_context(RequestContext(ip_address="unix-socket", path="/login/"))
    try:
        audit_record(actor=coordinator, action=AuditAction.LOGIN, object_type="accounts.session")
    finally:
        reset_request_context(token)
    event = AuditEvent.objects.get()
    assert event.person_id is None
    assert event.ip_address is None
    assert event.path == "/login/"


def test_given_people_override_the_records_own(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    household = _households(org.unit_a, 1)[0]
    someone = AuditPerson(id=uuid4(), label="N N" * 100)
    audit_record(actor=coordinator, action=AuditAction.EXPORT, obj=household, people=[someone])
    event = AuditEvent.objects.get()
    assert event.person_id == someone.id
    assert len(event.person_label) == 200
    assert event.record_unit_id == org.unit_a.pk


def test_an_anonymous_actor_is_recorded_without_a_user(org) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    audit_record(actor=AnonymousUser(), action=AuditAction.LOGIN_FAILED, object_type="x")
    event = AuditEvent.objects.get()
    assert event.actor_id is None
    assert event.actor_username == ""
