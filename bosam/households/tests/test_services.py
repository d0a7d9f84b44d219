from datetime import date

import pytest
from django.utils import translation

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.errors import HouseholdError
from bosam.households.models import HouseholdMember, Intervention, Person
from bosam.households.services import (
    household_create,
    household_member_add,
    intervention_record,
    person_merge,
    person_register,
)
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def test_a_person_is_stored_with_the_normalised_twelve_digit_number(coordinator) -> None:  # type: ignore[no-untyped-def]
    person = person_register(
        registered_by=coordinator,
        first_name="Åsa",
        last_name="Öberg",
        personal_number="811228-9874",
    )
    assert person.personal_number == "198112289874"
    assert person.birth_date == date(1981, 12, 28)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=person.pk).exists()


def test_the_same_number_is_never_registered_twice(coordinator) -> None:  # type: ignore[no-untyped-def]
    person_register(
        registered_by=coordinator, first_name="A", last_name="B", personal_number="8112289874"
    )
    with pytest.raises(HouseholdError, match="redan en person med det personnumret"):
        person_register(
            registered_by=coordinator,
            first_name="Other",
            last_name="Name",
            personal_number="19811228-9874",
        )


def test_same_name_and_birth_date_without_number_needs_confirmation(coordinator) -> None:  # type: ignore[no-untyped-def]
    # given a person without a Swedish number
    kwargs = {
        "first_name": "Olena",
        "last_name": "Kovalenko",
        "birth_date": date(1990, 1, 2),
        "no_number_reason": "Nyanländ",
    }
    person_register(registered_by=coordinator, **kwargs)  # type: ignore[arg-type]
    # when the same name and birth date is registered again, it is refused as a likely duplicate
    with pytest.raises(HouseholdError, match="samma namn och födelsedatum"):
        person_register(registered_by=coordinator, **kwargs)  # type: ignore[arg-type]
    # then the caseworker may confirm it is someone else
    person_register(registered_by=coordinator, allow_possible_duplicate=True, **kwargs)  # type: ignore[arg-type]
    assert Person.objects.filter(last_name="Kovalenko").count() == 2


def test_a_person_without_number_needs_birth_date_and_reason(coordinator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="skäl"):
        person_register(
            registered_by=coordinator, first_name="X", last_name="Y", birth_date=date(1990, 1, 1)
        )


def test_merge_keeps_both_histories_and_moves_memberships(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    # given two records of one person, one without number, each in a household
    keep = make_person("Ali", "Hassan", date(1980, 5, 5))
    duplicate = make_person("Ali", "Hassan", date(1980, 5, 5), personal_number=None)
    household = make_household(org.unit_a, (duplicate, HouseholdMember.Relation.APPLICANT))
    # when merged
    person_merge(keep=keep, duplicate=duplicate, merged_by=coordinator, reason="Samma person")
    # then the membership points at the kept record and the duplicate remains as history
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk
    assert HouseholdMember.objects.get(household=household).person_id == keep.pk
    merge_events = AuditEvent.objects.filter(action=AuditAction.MERGE)
    assert {e.person_id for e in merge_events} == {keep.pk, duplicate.pk}
    assert all(e.reason == "Samma person" for e in merge_events)


def test_merge_refuses_two_different_numbers(coordinator) -> None:  # type: ignore[no-untyped-def]
    a = make_person("A", "A", date(1980, 1, 1))
    b = make_person("A", "A", date(1980, 1, 1))
    with pytest.raises(HouseholdError, match="olika personnummer"):
        person_merge(keep=a, duplicate=b, merged_by=coordinator, reason="x")


def test_a_refused_merge_is_explained_in_english_when_english_is_active(coordinator) -> None:  # type: ignore[no-untyped-def]
    a = make_person("A", "A", date(1980, 1, 1))
    b = make_person("A", "A", date(1980, 1, 1))
    with translation.override("en"), pytest.raises(HouseholdError) as caught:
        person_merge(keep=a, duplicate=b, merged_by=coordinator, reason="x")
    assert caught.value.message == (
        "The records have different personal identity numbers and cannot be the same person."
    )


def test_merge_needs_a_reason(coordinator) -> None:  # type: ignore[no-untyped-def]
    a = make_person("A", "A", date(1980, 1, 1))
    b = make_person("A", "A", date(1980, 1, 1), personal_number=None)
    with pytest.raises(HouseholdError, match="skäl"):
        person_merge(keep=a, duplicate=b, merged_by=coordinator, reason=" ")


def test_a_person_is_a_current_member_of_a_household_only_once(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    person = make_person()
    household = household_create(created_by=coordinator, unit=org.unit_a, applicant=person)
    with pytest.raises(HouseholdError, match="redan i hushållet"):
        household_member_add(
            household=household, person=person, relation="partner", added_by=coordinator
        )


def test_an_intervention_is_recorded_against_the_catalogue(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person(), HouseholdMember.Relation.APPLICANT))
    intervention = intervention_record(
        household=household,
        type_code="payment_plan",
        performed_on=date(2022, 5, 1),
        performed_by=coordinator,
    )
    assert intervention.intervention_type.kind == "kvarboende"
    assert intervention.intervention_type.counts_in_total
    with pytest.raises(HouseholdError, match="finns inte i katalogen"):
        intervention_record(
            household=household,
            type_code="nope",
            performed_on=date(2022, 5, 1),
            performed_by=coordinator,
        )
    assert Intervention.objects.count() == 1
