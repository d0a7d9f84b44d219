import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.testing import api_key_for

pytestmark = pytest.mark.django_db
APPLICANT = HouseholdMember.Relation.APPLICANT


def _api(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(name: str, *args: object) -> str:
    return reverse(f"households-api:{name}", args=args)


def test_search_lists_masked_numbers_and_audits_each_person_listed(coordinator) -> None:  # type: ignore[no-untyped-def]
    # given
    anna = make_person("Anna", "Andersson")
    # when
    response = _api(coordinator).get(url("person_list"), {"q": "andersson"})
    # then
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["masked_number"] == "19850312-****"
    assert "personal_number" not in row
    assert AuditEvent.objects.filter(action=AuditAction.LIST, person_id=anna.pk).exists()


def test_an_empty_search_lists_nobody(coordinator) -> None:  # type: ignore[no-untyped-def]
    make_person()
    assert _api(coordinator).get(url("person_list")).json()["results"] == []


def test_the_detail_shows_the_full_number_and_the_read_is_audited(coordinator) -> None:  # type: ignore[no-untyped-def]
    person = make_person()
    response = _api(coordinator).get(url("person_detail", person.pk))
    assert response.status_code == 200
    assert response.json()["personal_number"] == person.formatted_number
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.person_id, event.actor) == (person.pk, coordinator)


def test_another_units_household_is_refused_and_the_attempt_audited(org, social_worker_b) -> None:  # type: ignore[no-untyped-def]
    person = make_person()
    household = make_household(org.unit_a, (person, APPLICANT))
    client = _api(social_worker_b)
    response = client.get(url("household_detail", household.pk))
    assert response.status_code == 403
    assert response.json()["code"] == "access_denied"
    assert client.get(url("person_detail", person.pk)).status_code == 403
    denied = AuditEvent.objects.filter(action=AuditAction.DENIED, actor=social_worker_b)
    assert {e.object_type for e in denied} == {"households.household", "households.person"}
    assert all(e.person_id == person.pk for e in denied)
    # nor does it turn up in a search or a list
    assert client.get(url("person_list"), {"q": person.last_name}).json()["results"] == []
    assert client.get(url("household_list")).json()["results"] == []


def test_a_social_worker_lists_own_units_households_only(org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    own = make_household(org.unit_a, (make_person("A", "Ett"), APPLICANT))
    make_household(org.unit_b, (make_person("B", "Två"), APPLICANT))
    response = _api(social_worker_a).get(url("household_list"))
    assert [h["id"] for h in response.json()["results"]] == [str(own.pk)]


@pytest.mark.parametrize("persona", ["finance", "committee_reader", "sysadmin"])
def test_roles_without_personal_data_are_refused(request, persona) -> None:  # type: ignore[no-untyped-def]
    client = _api(request.getfixturevalue(persona))
    assert client.get(url("person_list"), {"q": "Anna"}).status_code == 403
    assert client.get(url("household_list")).status_code == 403
    assert client.post(url("person_register"), {}).status_code == 403


def test_a_manager_may_read_but_not_register(manager) -> None:  # type: ignore[no-untyped-def]
    client = _api(manager)
    assert client.get(url("household_list")).status_code == 200
    response = client.post(url("person_register"), {"first_name": "A", "last_name": "B"})
    assert response.status_code == 403


def test_anonymous_callers_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    assert _api().get(url("household_list")).status_code == 401


def test_registering_an_existing_number_is_refused_with_a_clear_message(coordinator) -> None:  # type: ignore[no-untyped-def]
    existing = make_person("Anna", "Andersson")
    response = _api(coordinator).post(
        url("person_register"),
        {"personal_number": existing.formatted_number, "first_name": "Anna", "last_name": "A"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "duplicate_person"
    assert body["message"] == "Det finns redan en person med det personnumret."
    assert body["extra"]["existing"] == [str(existing.pk)]
    assert Person.objects.count() == 1


def test_a_duplicate_in_another_unit_is_refused_without_revealing_it(org, social_worker_b) -> None:  # type: ignore[no-untyped-def]
    existing = make_person("Anna", "Andersson")
    make_household(org.unit_a, (existing, APPLICANT))
    response = _api(social_worker_b).post(
        url("person_register"),
        {"personal_number": existing.formatted_number, "first_name": "Anna", "last_name": "A"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["existing"] == []


def test_same_name_and_birth_date_needs_confirmation(coordinator) -> None:  # type: ignore[no-untyped-def]
    make_person("Omar", "Ali", personal_number=None)
    payload = {
        "first_name": "Omar",
        "last_name": "Ali",
        "birth_date": "1985-03-12",
        "no_number_reason": "Nyanländ",
    }
    client = _api(coordinator)
    refused = client.post(url("person_register"), payload, format="json")
    assert refused.status_code == 400
    assert refused.json()["extra"]["field"] == "last_name"
    confirmed = client.post(
        url("person_register"), {**payload, "confirm_new_person": True}, format="json"
    )
    assert confirmed.status_code == 201
    assert Person.objects.filter(last_name="Ali").count() == 2


def test_a_person_without_number_needs_birth_date_and_reason(coordinator) -> None:  # type: ignore[no-untyped-def]
    response = _api(coordinator).post(
        url("person_register"), {"first_name": "A", "last_name": "B"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"birth_date", "no_number_reason"}


def test_an_invalid_number_is_refused_naming_the_field(coordinator) -> None:  # type: ignore[no-untyped-def]
    response = _api(coordinator).post(
        url("person_register"),
        {"personal_number": "811228-9875", "first_name": "A", "last_name": "B"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_personal_number"
    assert response.json()["extra"]["field"] == "personal_number"


def test_a_social_worker_registers_a_person_and_a_household_in_own_unit(
    org, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    client = _api(social_worker_a)
    person = client.post(
        url("person_register"),
        {"personal_number": "19811228-9874", "first_name": "Leif", "last_name": "Lund"},
        format="json",
    )
    assert person.status_code == 201
    person_id = person.json()["id"]
    # the new person stays visible to the unit that registered them
    assert client.get(url("person_detail", person_id)).status_code == 200
    elsewhere = client.post(
        url("household_create"), {"applicant": person_id, "unit": org.unit_b.pk}, format="json"
    )
    assert elsewhere.status_code == 400
    assert elsewhere.json()["extra"]["field"] == "unit"
    created = client.post(
        url("household_create"),
        {"applicant": person_id, "unit": org.unit_a.pk, "town": "Norrköping"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["unit"] == org.unit_a.pk
    assert [m["person"]["id"] for m in body["members"]] == [person_id]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="households.household", object_id=body["id"]
    ).exists()


def test_update_changes_only_the_given_fields_and_is_audited(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person(), APPLICANT))
    response = _api(coordinator).post(
        url("household_update", household.pk), {"phone": "011-123 45"}, format="json"
    )
    assert response.status_code == 200
    household.refresh_from_db()
    assert (household.phone, household.street_address) == ("011-123 45", "Storgatan 1")
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_person_update_corrects_the_name(coordinator) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Ana", "Andersson")
    response = _api(coordinator).post(
        url("person_update", person.pk),
        {
            "personal_number": person.formatted_number,
            "first_name": "Anna",
            "last_name": "Andersson",
        },
        format="json",
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.first_name == "Anna"


def test_members_are_added_and_ended_keeping_history(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person("A", "Ett"), APPLICANT))
    child = make_person("Barn", "Ett")
    client = _api(coordinator)
    added = client.post(
        url("member_add", household.pk),
        {"person": str(child.pk), "relation": "child"},
        format="json",
    )
    assert added.status_code == 201
    again = client.post(
        url("member_add", household.pk), {"person": str(child.pk), "relation": "child"}
    )
    assert again.status_code == 400
    assert again.json()["code"] == "member_exists"
    ended = client.post(url("member_end", household.pk, added.json()["id"]), {})
    assert ended.status_code == 200
    assert ended.json()["end_date"] is not None
    assert HouseholdMember.objects.filter(household=household).count() == 2
    assert client.post(url("member_end", household.pk, added.json()["id"]), {}).status_code == 404


def test_a_token_authenticates_like_a_session(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    make_household(org.unit_a, (make_person(), APPLICANT))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(coordinator)}")
    response = client.get(url("household_list"))
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    assert AuditEvent.objects.filter(action=AuditAction.LIST, actor=coordinator).exists()


def test_a_wrong_token_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(url("household_list"))
    assert response.status_code == 401
    assert response.json()["message"]


def test_household_list_queries_do_not_grow_with_rows(
    org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        make_household(org.unit_a, (make_person(f"P{i}", "Q"), APPLICANT))
    with django_assert_max_num_queries(8):
        response = _api(coordinator).get(url("household_list"))
    assert response.json()["count"] == Household.objects.count()
