"""Issue 21, item 1: the household page's "add member" by personnummer reached across units.

A social worker typed the number of another unit's client on their own household's page: the
page attached that person and named them in its message. The page now finds a person by number
only among those the user may see (`selectors.person_by_number`), as the API's member add takes
only a person the user may open."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db
APPLICANT = HouseholdMember.Relation.APPLICANT


def _add_member_on_page(client, household, number: str, first="Ny", last="Person"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("households:member_add", args=[household.pk]),
        {
            "personal_number": number,
            "first_name": first,
            "last_name": last,
            "relation": HouseholdMember.Relation.PARTNER,
        },
        follow=True,
    )


def test_another_units_client_is_neither_named_nor_attached_by_number_on_the_page(
    client, org, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    # given unit A's client and unit B's own household
    secret = make_person("Sekretess", "Klientsson")
    make_household(org.unit_a, (secret, APPLICANT))
    own = make_household(org.unit_b, (make_person("Egen", "Sökande"), APPLICANT))
    client.force_login(social_worker_b)
    # when unit B's social worker types the client's number on the add-member form
    response = _add_member_on_page(client, own, secret.formatted_number)
    # then the client is not attached, not named, and no new record was made of the number
    page = response.content.decode()
    assert not HouseholdMember.objects.filter(household=own, person=secret).exists()
    assert "Sekretess" not in page
    assert "Klientsson" not in page
    assert Person.objects.filter(personal_number=secret.personal_number).count() == 1
    # and the audit trail says what happened: a refused attempt at that person, no read or change
    mine = AuditEvent.objects.filter(actor=social_worker_b, person_id=secret.pk)
    assert set(mine.values_list("action", flat=True)) == {AuditAction.DENIED}


def test_the_page_attaches_a_person_the_user_may_see_by_number(
    client, org, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    # given a person who once lived in one of unit A's households and lives nowhere now
    returning = make_person("Åter", "Kommande", date(1990, 1, 1))
    old = make_household(org.unit_a, (returning, APPLICANT))
    HouseholdMember.objects.filter(household=old).update(
        start_date=date(2020, 1, 1), end_date=date(2024, 1, 1)
    )
    own = make_household(org.unit_a, (make_person("Egen", "Sökande"), APPLICANT))
    client.force_login(social_worker_a)
    # when
    _add_member_on_page(client, own, returning.formatted_number)
    # then
    assert HouseholdMember.objects.filter(household=own, person=returning).exists()


def test_page_and_api_both_refuse_a_person_outside_the_users_scope(
    client, org, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    # given
    secret = make_person("Sekretess", "Klientsson")
    make_household(org.unit_a, (secret, APPLICANT))
    own = make_household(org.unit_b, (make_person("Egen", "Sökande"), APPLICANT))
    api = APIClient()
    api.force_authenticate(social_worker_b)
    client.force_login(social_worker_b)
    # when
    by_api = api.post(
        reverse("households-api:member_add", args=[own.pk]),
        {"person": str(secret.pk), "relation": "partner"},
        format="json",
    )
    _add_member_on_page(client, own, secret.formatted_number)
    # then
    assert by_api.status_code == 403
    assert not HouseholdMember.objects.filter(person=secret, household=own).exists()


def test_a_person_living_in_another_units_household_is_not_moved_into_ones_own(
    client, org, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    # given a person unit B registered, who now lives in unit A's household
    shared = make_person("Delad", "Boende", date(2015, 6, 1))
    Person.objects.filter(pk=shared.pk).update(registered_by_unit=org.unit_b)
    make_household(org.unit_a, (make_person("Annan", "Förälder"), APPLICANT), (shared, "child"))
    own = make_household(org.unit_b, (make_person("Egen", "Förälder"), APPLICANT))
    client.force_login(social_worker_b)
    api = APIClient()
    api.force_authenticate(social_worker_b)
    # when unit B adds the person to its own household, on the page and through the API
    page = _add_member_on_page(client, own, shared.formatted_number).content.decode()
    by_api = api.post(
        reverse("households-api:member_add", args=[own.pk]),
        {"person": str(shared.pk), "relation": "child"},
        format="json",
    )
    # then both refuse and send them to the housing unit
    assert not HouseholdMember.objects.filter(household=own, person=shared).exists()
    assert "bostadssamordningen" in page
    assert by_api.status_code == 400
    assert by_api.json()["code"] == "lives_in_other_household"


def test_the_housing_coordinator_may_add_a_child_who_lives_alternately_in_two_households(
    client, org, coordinator
) -> None:  # type: ignore[no-untyped-def]
    # given a child living in unit A's household
    child = make_person("Växel", "Boende", date(2015, 6, 1))
    make_household(org.unit_a, (make_person("Mamma", "Boende"), APPLICANT), (child, "child"))
    other = make_household(org.unit_b, (make_person("Pappa", "Boende"), APPLICANT))
    client.force_login(coordinator)
    # when
    _add_member_on_page(client, other, child.formatted_number)
    # then
    assert HouseholdMember.objects.filter(household=other, person=child).exists()
