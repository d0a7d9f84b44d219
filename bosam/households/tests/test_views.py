import pytest
from django.urls import reverse

from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.testing import make_user

pytestmark = pytest.mark.django_db


def _login(client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)


def test_lists_show_masked_numbers_and_the_detail_shows_the_full_number(
    client, coordinator
) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Åsa", "Öberg")
    _login(client, coordinator)
    listing = client.get(reverse("households:person_list"), {"q": "Öberg"})
    assert person.masked_number in listing.content.decode()
    assert person.formatted_number not in listing.content.decode()
    detail = client.get(reverse("households:person_detail", args=[person.pk]))
    assert person.formatted_number in detail.content.decode()


@pytest.mark.parametrize("query", ["19850312", "Anna", "anna andersson", "Andersson"])
def test_search_by_partial_number_and_by_name(client, coordinator, query) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Anna", "Andersson")
    _login(client, coordinator)
    response = client.get(reverse("households:person_list"), {"q": query})
    assert person.full_name in response.content.decode()


def test_search_by_full_ten_digit_number(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Anna", "Andersson")
    _login(client, coordinator)
    ten = person.personal_number[2:8] + "-" + person.personal_number[8:]  # type: ignore[index]
    response = client.get(reverse("households:person_list"), {"q": ten})
    assert person.full_name in response.content.decode()


def test_every_person_shown_in_a_search_is_audited(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    a = make_person("Anna", "Andersson")
    b = make_person("Bo", "Andersson")
    _login(client, coordinator)
    client.get(reverse("households:person_list"), {"q": "Andersson"})
    listed = set(
        AuditEvent.objects.filter(action=AuditAction.LIST).values_list("person_id", flat=True)
    )
    assert listed == {a.pk, b.pk}


def test_a_social_worker_sees_own_units_household(client, org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person(), HouseholdMember.Relation.APPLICANT))
    _login(client, social_worker_a)
    response = client.get(reverse("households:household_detail", args=[household.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(household.pk)).exists()


def test_another_units_household_is_refused_and_the_attempt_audited(
    client, org, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    person = make_person()
    household = make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    _login(client, social_worker_b)
    response = client.get(reverse("households:household_detail", args=[household.pk]))
    assert response.status_code == 403
    denied = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert denied.person_id == person.pk
    assert denied.actor == social_worker_b
    assert denied.outside_own_unit
    # nor can the person be found or opened
    assert client.get(reverse("households:person_detail", args=[person.pk])).status_code == 403
    listing = client.get(reverse("households:person_list"), {"q": person.last_name})
    assert person.full_name not in listing.content.decode()


@pytest.mark.parametrize("persona", ["finance", "committee_reader", "sysadmin"])
def test_roles_without_personal_data_cannot_open_persons(client, request, persona) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    _login(client, user)
    assert client.get(reverse("households:person_list")).status_code == 403
    assert client.get(reverse("households:household_list")).status_code == 403


def test_register_a_person_through_the_form_searches_first(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    existing = make_person("Anna", "Andersson")
    _login(client, coordinator)
    response = client.post(
        reverse("households:person_create"),
        {"personal_number": existing.formatted_number, "first_name": "Anna", "last_name": "A"},
    )
    assert response.status_code == 200
    assert "redan en person med det personnumret" in response.content.decode()


def test_an_invalid_number_names_the_field(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    _login(client, coordinator)
    response = client.post(
        reverse("households:person_create"),
        {"personal_number": "811228-9875", "first_name": "A", "last_name": "B"},
    )
    assert "Kontrollsiffran stämmer inte" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_household_list_queries_do_not_grow_with_rows(
    client, org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        make_household(org.unit_a, (make_person(f"P{i}", "Q"), HouseholdMember.Relation.APPLICANT))
    _login(client, coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("households:household_list"))
    assert response.status_code == 200


def test_children_are_derived_from_birth_date(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    parent = make_person("Mamma", "M", date(1985, 1, 1))
    child = make_person("Barn", "M", date(2020, 1, 1))
    household = make_household(
        org.unit_a,
        (parent, HouseholdMember.Relation.APPLICANT),
        (child, HouseholdMember.Relation.CHILD),
    )
    _login(client, coordinator)
    response = client.get(reverse("households:household_detail", args=[household.pk]))
    assert "1 barn i hushållet" in response.content.decode()


def test_a_social_worker_opens_the_person_they_just_registered(
    client, org, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    # given a person registered before any household exists
    _login(client, social_worker_a)
    response = client.post(
        reverse("households:person_create"),
        {"personal_number": "19811228-9874", "first_name": "Leif", "last_name": "Lund"},
        follow=True,
    )
    # then the registering unit sees them (to create the household next), another unit does not
    assert response.status_code == 200
    assert "19811228-9874" in response.content.decode()
    person = Person.objects.get(last_name="Lund")
    assert person.registered_by_unit == org.unit_a
    client.force_login(make_user("dora", Role.SOCIAL_WORKER, org.unit_b))
    assert client.get(reverse("households:person_detail", args=[person.pk])).status_code == 403
