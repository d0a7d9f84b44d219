from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.audit.models import AuditAction, AuditEvent
from bosam.matching.models import HousingRequest, MatchingSettings, Offer
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer, reason

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("social_worker_a", 200),
        ("prevention_caseworker", 403),
        ("adviser", 403),
        ("manager", 403),
        ("finance", 403),
        ("sysadmin", 403),
        ("committee_reader", 403),
    ],
)
def test_who_may_see_requests_and_offers(client, request, persona, status) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("matching:request_list")).status_code == status
    assert client.get(reverse("matching:offer_list")).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 200), ("social_worker_a", 403), ("manager", 403), ("committee_reader", 403)],
)
def test_only_the_coordinator_sees_vacancies_and_settings(client, request, persona, status) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("matching:vacancy_list")).status_code == status
    assert client.get(reverse("matching:settings")).status_code == status


def test_a_social_worker_requests_housing_from_the_form(client, org, social_worker_a) -> None:
    household = make_client(org.unit_a)
    client.force_login(social_worker_a)
    form_page = client.get(reverse("matching:request_create") + f"?household={household.pk}")
    assert form_page.status_code == 200
    response = client.post(
        reverse("matching:request_create"),
        {
            "household": household.pk,
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 2,
            "rooms_wanted": 2,
            "districts_preferred": "Hageby, Ljura",
            "districts_avoided": "",
            "urgency": "high",
            "urgency_reason": "Vräkning 1 april",
        },
    )
    made = HousingRequest.objects.get()
    assert response.url == reverse("matching:request_detail", args=[made.pk])
    assert made.districts_preferred == ["Hageby", "Ljura"]
    assert made.requested_by == social_worker_a


def test_the_form_names_the_field_of_a_missing_urgency_reason(client, org, social_worker_a) -> None:
    household = make_client(org.unit_a)
    client.force_login(social_worker_a)
    response = client.post(
        reverse("matching:request_create"),
        {
            "household": household.pk,
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 1,
            "urgency": "acute",
        },
    )
    assert response.status_code == 200
    assert "Ange skälet till att behovet brådskar." in response.content.decode()


def test_a_social_worker_cannot_pick_another_units_household(client, org, social_worker_b) -> None:
    household = make_client(org.unit_a)
    client.force_login(social_worker_b)
    response = client.post(
        reverse("matching:request_create"),
        {
            "household": household.pk,
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 1,
            "urgency": "normal",
        },
    )
    assert response.status_code == 200  # the choice is not offered: a form error, no request
    assert not HousingRequest.objects.exists()


def test_another_units_request_is_refused_and_audited(
    client, org, social_worker_a, social_worker_b
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    client.force_login(social_worker_b)
    assert client.get(reverse("matching:request_detail", args=[made.pk])).status_code == 403
    assert AuditEvent.objects.filter(
        actor=social_worker_b, action=AuditAction.DENIED, object_id=str(made.pk)
    ).exists()
    listed = client.get(reverse("matching:request_list")).content.decode()
    assert made.reference not in listed


def test_the_unit_sees_its_requests_status(client, org, social_worker_a, coordinator) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    offer(coordinator, made, make_vacancy(org.committee), timezone.localdate())
    client.force_login(social_worker_a)
    page = client.get(reverse("matching:request_list")).content.decode()
    assert made.reference in page
    assert "Erbjudande lämnat" in page
    detail = client.get(reverse("matching:request_detail", args=[made.pk])).content.decode()
    assert "Föreslagna" not in detail
    assert "Lediga objekt för beställningen" not in detail


def test_request_list_queries_do_not_grow_with_rows(
    client, org, social_worker_a, coordinator, django_assert_max_num_queries
) -> None:
    for n in range(12):
        make_request(social_worker_a, make_client(org.unit_a, f"P{n}"), org.committee)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("matching:request_list")).status_code == 200


def test_offer_list_queries_do_not_grow_with_rows(
    client, org, social_worker_a, coordinator, django_assert_max_num_queries
) -> None:
    for n in range(8):
        made = make_request(social_worker_a, make_client(org.unit_a, f"P{n}"), org.committee)
        offer(coordinator, made, make_vacancy(org.committee), timezone.localdate())
    client.force_login(social_worker_a)
    # The small lookup tables (units, committees, usages, users …) are prefetched, a query each,
    # rather than joined: cheaper for PostgreSQL to plan.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("matching:offer_list")).status_code == 200


def test_vacancy_page_ranks_requests_with_explanations_in_bounded_queries(
    client, org, social_worker_a, coordinator, django_assert_max_num_queries
) -> None:
    lease = make_vacancy(org.committee, district="Hageby")
    for n in range(10):
        make_request(
            social_worker_a,
            make_client(org.unit_a, f"P{n}"),
            org.committee,
            received_on=date(2024, 1, n + 1),
            household_size=1 if n % 3 else 7,
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("matching:vacancy_detail", args=[lease.pk]))
    page = response.content.decode()
    assert "Väntetid: har väntat" in page
    assert "Utesluts av reglerna" in page
    assert "regeln om högst 2 personer per rum" in page
    # the requests shown are audited as listed
    assert AuditEvent.objects.filter(actor=coordinator, action=AuditAction.LIST).count() >= 10


def test_request_page_ranks_vacancies_and_answers_why_not(
    client, org, social_worker_a, coordinator
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee, household_size=5)
    small = make_vacancy(org.committee, room_count=1)
    big = make_vacancy(org.committee, room_count=3)
    client.force_login(coordinator)
    page = client.get(reverse("matching:request_detail", args=[made.pk])).content.decode()
    assert str(big.apartment) in page
    answer = client.get(
        reverse("matching:why_not", args=[made.pk]),
        {"head_lease": small.pk},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Hushållet är 5 personer" in answer
    assert "<h1>" not in answer  # the htmx partial only


def test_the_coordinator_asks_why_not_by_typing_the_head_lease_number(
    client, org, social_worker_a, coordinator
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee, household_size=5)
    small = make_vacancy(org.committee, room_count=1)
    make_vacancy(org.committee, room_count=3)
    client.force_login(coordinator)
    page = client.get(reverse("matching:request_detail", args=[made.pk])).content.decode()
    # the object is typed, not picked from a list of every head lease in the municipality
    assert 'name="lease"' in page
    assert f'<option value="{small.pk}"' not in page
    answer = client.get(
        reverse("matching:why_not", args=[made.pk]),
        {"lease": f" {small.number.lower()} "},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Hushållet är 5 personer" in answer
    assert str(small.apartment) in answer


def test_an_address_that_several_objects_share_lists_them_to_pick_from(
    client, org, social_worker_a, coordinator
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee, household_size=5)
    first = make_vacancy(org.committee, street_address="Vattengränd 3", apartment_number="1101")
    second = make_vacancy(org.committee, street_address="Vattengränd 3", apartment_number="1201")
    client.force_login(coordinator)
    asked = reverse("matching:why_not", args=[made.pk])
    listed = client.get(asked, {"lease": "vattengränd 3"}).content.decode()
    assert "Flera objekt matchar" in listed
    assert f"?head_lease={first.pk}" in listed
    assert f"?head_lease={second.pk}" in listed
    # the apartment as it is shown ("Vattengränd 3 lgh 1201, Norrköping") finds that one only
    one = client.get(asked, {"lease": str(second.apartment)}).content.decode()
    assert "Flera objekt matchar" not in one
    assert "Objektet föreslås inte för beställningen" in one
    picked = client.get(asked, {"head_lease": first.pk}).content.decode()
    assert "Objektet föreslås inte för beställningen" in picked


def test_an_object_that_no_running_head_lease_matches_is_named_as_the_error(
    client, org, social_worker_a, coordinator
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    make_vacancy(org.committee)
    client.force_login(coordinator)
    asked = reverse("matching:why_not", args=[made.pk])
    partial = client.get(asked, {"lease": "Finns inte 99"}, headers={"HX-Request": "true"})
    assert "Inget gällande avtal har det avtalsnumret" in partial.content.decode()
    empty = client.get(asked, {"lease": " "}, headers={"HX-Request": "true"})
    assert "Skriv avtalsnummer, objektnummer eller adress" in empty.content.decode()
    assert not AuditEvent.objects.filter(actor=coordinator, action=AuditAction.VIEW).exists()


def test_offering_from_the_vacancy_page_and_a_second_coordinator_gets_a_message(
    client, org, social_worker_a, coordinator
) -> None:
    lease = make_vacancy(org.committee)
    first = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    second = make_request(social_worker_a, make_client(org.unit_a, "Eva"), org.committee)
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:offer_make"), {"request": first.pk, "head_lease": lease.pk}
    )
    made = Offer.objects.get()
    assert response.url == reverse("matching:offer_detail", args=[made.pk])
    again = client.post(
        reverse("matching:offer_make"), {"request": second.pk, "head_lease": lease.pk}, follow=True
    )
    assert "Objektet har redan erbjudits till beställning" in again.content.decode()
    assert Offer.objects.count() == 1


def test_the_unit_declines_an_offer_with_a_reason(
    client, org, social_worker_a, coordinator
) -> None:
    made = offer(
        coordinator,
        make_request(social_worker_a, make_client(org.unit_a), org.committee),
        make_vacancy(org.committee),
        timezone.localdate(),
    )
    client.force_login(social_worker_a)
    response = client.post(
        reverse("matching:offer_decline", args=[made.pk]),
        {"decline_reason": reason("household_area").pk, "note": "Vill bo nära skolan"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.state == Offer.State.DECLINED


def test_another_unit_cannot_answer_an_offer(
    client, org, social_worker_a, social_worker_b, coordinator
) -> None:
    made = offer(
        coordinator,
        make_request(social_worker_a, make_client(org.unit_a), org.committee),
        make_vacancy(org.committee),
        timezone.localdate(),
    )
    client.force_login(social_worker_b)
    response = client.post(
        reverse("matching:offer_decline", args=[made.pk]),
        {"decline_reason": reason().pk},
    )
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.is_open


def test_settings_preview_lists_changes_and_saves_only_on_save(
    client, org, social_worker_a, coordinator
) -> None:
    make_vacancy(org.committee, room_count=2)
    big = make_request(social_worker_a, make_client(org.unit_a), org.committee, household_size=3)
    client.force_login(coordinator)
    values = {
        "max_persons_per_room": 1,
        "weight_urgency": 40,
        "weight_waiting": 30,
        "weight_district": 15,
        "weight_size": 15,
        "offer_answer_days": 7,
    }
    preview = client.post(reverse("matching:settings"), {**values, "preview": "1"})
    page = preview.content.decode()
    assert big.reference in page
    assert "faller bort (var nr 1)" in page
    assert MatchingSettings.objects.get().max_persons_per_room == 2
    client.post(reverse("matching:settings"), {**values, "save": "1"})
    assert MatchingSettings.objects.get().max_persons_per_room == 1
    assert AuditEvent.objects.filter(
        object_type="matching.matchingsettings", reason__contains="2 → 1"
    ).exists()


def test_home_shows_unanswered_offers_and_urgent_requests(
    client, org, social_worker_a, coordinator
) -> None:
    urgent = make_request(
        social_worker_a,
        make_client(org.unit_a),
        org.committee,
        urgency="acute",
        urgency_reason="Hemlös",
    )
    old = make_request(social_worker_a, make_client(org.unit_a, "Eva"), org.committee)
    offer(coordinator, old, make_vacancy(org.committee), date(2024, 2, 1))
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    assert urgent.reference in page
    assert old.reference in page
    client.force_login(social_worker_a)
    assert old.reference in client.get("/").content.decode()


def test_vacancy_list_queries_do_not_grow_with_vacancies(
    client, org, coordinator, social_worker_a, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    make_vacancy(org.committee)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("matching:vacancy_list")).status_code == 200
    for n in range(10):
        lease = make_vacancy(org.committee, start=date(2021, 1, 1 + n))
        if n % 2:
            made = make_request(social_worker_a, make_client(org.unit_a, f"P{n}"), org.committee)
            offer(coordinator, made, lease, timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("matching:vacancy_list")).content.decode()
    assert page.count("ledig nu") == 11
    assert len(many) == len(few)
    with django_assert_max_num_queries(12):
        client.get(reverse("matching:vacancy_list"))
