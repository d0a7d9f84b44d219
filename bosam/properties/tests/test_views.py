import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bosam.audit.models import AuditAction, AuditEvent
from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord
from bosam.properties.tests.factories import (
    make_apartment,
    make_head_lease,
    make_landlord,
    org_number,
    usage,
)

pytestmark = pytest.mark.django_db

LISTS = ["properties:head_lease_list", "properties:apartment_list", "properties:landlord_list"]
READERS = ["coordinator", "prevention_caseworker", "manager", "finance"]
NO_REGISTER = ["adviser", "social_worker_a", "sysadmin", "committee_reader"]


@pytest.mark.parametrize("url_name", LISTS)
@pytest.mark.parametrize("persona", READERS)
def test_roles_with_register_access_see_the_lists(client, request, persona, url_name) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", LISTS)
@pytest.mark.parametrize("persona", NO_REGISTER)
def test_roles_without_register_access_are_refused(client, request, persona, url_name) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login(client, org) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("properties:head_lease_list"))
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize("persona", ["prevention_caseworker", "manager", "finance", "adviser"])
def test_only_the_coordinator_may_change_the_register(client, request, org, persona) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    client.force_login(request.getfixturevalue(persona))
    for url in [
        reverse("properties:landlord_create"),
        reverse("properties:apartment_create"),
        reverse("properties:head_lease_create", args=[lease.apartment_id]),
        reverse("properties:head_lease_edit", args=[lease.pk]),
        reverse("properties:head_lease_end", args=[lease.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("properties:landlord_create"), {"name": "X", "org_number": org_number()}
    )
    assert response.status_code == 403
    assert not Landlord.objects.filter(name="X").exists()


def test_a_bad_org_number_is_shown_on_its_field_in_swedish(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    response = client.post(
        reverse("properties:landlord_create"),
        {"name": "Ström AB", "org_number": "556677-8898", "kind": "private"},
    )
    assert response.status_code == 200
    assert "Organisationsnumrets kontrollsiffra stämmer inte." in response.content.decode()
    assert not Landlord.objects.exists()


def test_a_landlord_is_registered_and_its_contact_added(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    response = client.post(
        reverse("properties:landlord_create"),
        {"name": "Ström AB", "org_number": "5566778899", "kind": "private"},
    )
    landlord = Landlord.objects.get()
    assert response["Location"] == reverse("properties:landlord_detail", args=[landlord.pk])
    client.post(
        reverse("properties:contact_add", args=[landlord.pk]),
        {"name": "Karin Förvaltare", "title": "Förvaltare"},
    )
    detail = client.get(reverse("properties:landlord_detail", args=[landlord.pk]))
    assert "Karin Förvaltare" in detail.content.decode()
    assert "556677-8899" in detail.content.decode()


def test_an_apartment_form_accepts_a_swedish_decimal_area(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord()
    client.force_login(coordinator)
    client.post(
        reverse("properties:apartment_create"),
        {
            "landlord": landlord.pk,
            "landlord_object_number": "7-1",
            "street_address": "Ljuragatan 3",
            "apartment_number": "1001",
            "town": "Norrköping",
            "rooms": "1 rok",
            "room_count": "1",
            "living_area": "34,5",
        },
    )
    apartment = Apartment.objects.get()
    assert str(apartment.living_area) == "34.5"
    assert apartment.floor == 0


def test_an_overlapping_agreement_is_refused_on_the_form(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    existing = make_head_lease(apartment, org.committee, date(2023, 1, 1))
    client.force_login(coordinator)
    response = client.post(
        reverse("properties:head_lease_create", args=[apartment.pk]),
        {
            "start_date": "2024-01-01",
            "notice_period_months": "3",
            "monthly_rent": "6 500",
            "committee": org.committee.pk,
            "usage": usage().pk,
        },
    )
    assert response.status_code == 200
    assert f"redan avtal {existing.number}" in response.content.decode()
    assert HeadLease.objects.count() == 1


def test_ending_by_notice_computes_the_last_day(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    client.force_login(coordinator)
    preview = client.get(
        reverse("properties:head_lease_end", args=[lease.pk]),
        {"notice_given_on": "2026-03-15"},
        headers={"HX-Request": "true"},
    )
    assert "avslutar avtalet den 2026-06-30" in preview.content.decode()
    client.post(
        reverse("properties:head_lease_end", args=[lease.pk]),
        {
            "reason": EndReason.objects.get(code="returned_to_landlord").pk,
            "notice_given_on": "2026-03-15",
        },
    )
    lease.refresh_from_db()
    assert (lease.end_date, lease.notice_given_on) == (date(2026, 6, 30), date(2026, 3, 15))


def test_the_detail_shows_when_notice_today_would_end_the_lease(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    client.force_login(coordinator)
    response = client.get(reverse("properties:head_lease_detail", args=[lease.pk]))
    today = timezone.localdate()
    first_next = (today.replace(day=1) + timedelta(days=32 * 4)).replace(day=1)
    expected = first_next - timedelta(days=1)
    assert f"upphör det den {expected.isoformat()}" in response.content.decode()


def _many(org, n: int) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord(f"Värd {n}")
    for i in range(n):
        apartment = make_apartment(landlord, landlord_object_number=f"{n}-{i}")
        make_head_lease(apartment, org.committee, date(2020, 1, 1) + timedelta(days=i))


@pytest.mark.parametrize("url_name", LISTS)
def test_list_queries_do_not_grow_with_rows(
    client, coordinator, org, url_name, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    _many(org, 3)
    with django_assert_max_num_queries(14):
        client.get(reverse(url_name))
    _many(org, 40)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(url_name), {"sort": "-start"}).status_code == 200


def test_filters_narrow_the_agreement_list(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    a = make_head_lease(make_apartment(district="Hageby"), org.committee, date(2022, 1, 1))
    b = make_head_lease(
        make_apartment(district="Ljura"),
        org.other_committee,
        date(2022, 2, 1),
        usage=usage("emergency"),
    )
    client.force_login(coordinator)
    url = reverse("properties:head_lease_list")

    def numbers(**params: object) -> set[str]:
        page = client.get(url, params).context["page"]
        return {lease.number for lease in page.object_list}

    assert numbers(district="Hageby") == {a.number}
    assert numbers(committee=org.other_committee.pk) == {b.number}
    assert numbers(usage=usage("emergency").pk) == {b.number}
    assert numbers(q=b.apartment.street_address) >= {b.number}
    assert numbers(started_in=2022, reused="no") == {a.number, b.number}


def test_htmx_gets_only_the_results(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    make_head_lease(make_apartment(), org.committee, date(2022, 1, 1))
    client.force_login(coordinator)
    response = client.get(reverse("properties:head_lease_list"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<h1>" not in body


def test_a_csv_export_neutralises_formulas_and_is_audited(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    make_landlord('=HYPERLINK("http://evil","klicka")')
    make_landlord("+46 Bostäder", org_number=org_number())
    client.force_login(coordinator)
    response = client.get(reverse("properties:landlord_list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[0] for row in rows[1:]}
    assert names == {'\'=HYPERLINK("http://evil","klicka")', "'+46 Bostäder"}
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=coordinator).exists()


def test_an_xlsx_export_neutralises_formulas(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord("@SUM(A1)")
    make_head_lease(
        make_apartment(landlord, street_address="-Storgatan 1"), org.committee, date(2022, 1, 1)
    )
    client.force_login(coordinator)
    response = client.get(reverse("properties:head_lease_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    row = [cell.value for cell in sheet[2]]
    assert "'@SUM(A1)" in row
    assert "'-Storgatan 1" in row


def test_the_coordinator_start_page_lists_agreements_ending_soon(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    soon = make_head_lease(
        make_apartment(), org.committee, date(2020, 1, 1), today + timedelta(days=20)
    )
    later = make_head_lease(
        make_apartment(), org.committee, date(2020, 1, 1), today + timedelta(days=200)
    )
    client.force_login(coordinator)
    body = client.get(reverse("core:home")).content.decode()
    assert soon.number in body
    assert later.number not in body


def test_the_apartment_page_shows_its_history(client, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    old = make_head_lease(apartment, org.committee, date(2018, 1, 1), date(2020, 12, 31))
    new = make_head_lease(apartment, org.committee, date(2021, 3, 1))
    client.force_login(coordinator)
    body = client.get(reverse("properties:apartment_detail", args=[apartment.pk])).content.decode()
    assert body.index(f"Avtal {new.number}") < body.index(f"Avtal {old.number}")  # newest first
