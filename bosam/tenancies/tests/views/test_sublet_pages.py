from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.audit.models import AuditAction, AuditEvent
from bosam.properties.models import HeadLease
from bosam.tenancies.models import FollowUp, Sublet
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def test_a_coordinator_places_a_household_from_the_form(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given
    lease = make_head_lease(org.committee)
    household = make_client(org.unit_a)
    applicant = household.current_members_cached()[0].person
    client.force_login(coordinator)
    # when
    response = client.post(
        reverse("tenancies:sublet_create"),
        {
            "personal_number": applicant.personal_number,
            "head_lease": lease.pk,
            "start_date": "2024-03-01",
            "monthly_rent": "6200",
        },
    )
    # then
    sublet = Sublet.objects.get(household=household)
    assert response.status_code == 302
    assert response["Location"] == reverse("tenancies:sublet_detail", args=[sublet.pk])
    assert sublet.kind == Sublet.Kind.SUPPORTED_HOUSING


def test_the_form_names_the_field_when_the_apartment_is_taken(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(org.committee)
    place(
        coordinator, make_client(org.unit_a), lease, start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    other = make_client(org.unit_a, "Eva")
    client.force_login(coordinator)
    response = client.post(
        reverse("tenancies:sublet_create") + f"?household={other.pk}",
        {
            "head_lease": lease.pk,
            "start_date": "2024-06-01",
            "end_date": "2024-08-01",
            "monthly_rent": "6200",
        },
    )
    assert response.status_code == 200, response.get("Location")
    body = response.content.decode()
    start = body.find("<main")
    assert "redan ett andrahandskontrakt" in body, body[start : start + 3000]


def test_a_social_worker_sees_own_units_sublets_only(
    client, org, coordinator, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    own = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    other = place(coordinator, make_client(org.unit_b, "Eva"), make_head_lease(org.committee))
    client.force_login(social_worker_a)
    listing = client.get(reverse("tenancies:sublet_list")).content.decode()
    assert own.number in listing
    assert other.number not in listing
    assert client.get(reverse("tenancies:sublet_detail", args=[own.pk])).status_code == 200
    # Another unit's sublet is refused, and the attempt is on the audit trail.
    assert client.get(reverse("tenancies:sublet_detail", args=[other.pk])).status_code == 403
    denied = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert (denied.object_id, denied.actor) == (str(other.pk), social_worker_a)


def test_a_social_worker_cannot_place_or_record_a_takeover(
    client, org, coordinator, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    client.force_login(social_worker_a)
    assert client.get(reverse("tenancies:sublet_create")).status_code == 403
    assert client.get(reverse("tenancies:takeover", args=[sublet.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["finance", "committee_reader", "sysadmin"])
def test_roles_without_personal_data_see_no_sublets(
    client, org, coordinator, persona, request
) -> None:  # type: ignore[no-untyped-def]
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("tenancies:sublet_list")).status_code == 403
    assert client.get(reverse("tenancies:sublet_detail", args=[sublet.pk])).status_code == 403


def test_the_list_audits_every_household_shown_and_filters(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    first = place(coordinator, make_client(org.unit_a, "Amina"), make_head_lease(org.committee))
    second = place(
        coordinator,
        make_client(org.unit_a, "Bertil"),
        make_head_lease(org.committee, usage_code="emergency"),
    )
    client.force_login(coordinator)
    response = client.get(reverse("tenancies:sublet_list"), {"kind": "emergency"})
    assert second.number in response.content.decode()
    assert first.number not in response.content.decode()
    listed = AuditEvent.objects.filter(action=AuditAction.LIST).values_list("object_id", flat=True)
    assert list(listed) == [str(second.pk)]
    by_name = client.get(
        reverse("tenancies:sublet_list"), {"q": "Amina"}, headers={"HX-Request": "true"}
    )
    assert first.number in by_name.content.decode()
    assert "<h1>" not in by_name.content.decode()  # the htmx partial only


def test_the_list_takes_the_same_number_of_queries_for_many_rows(
    client, org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for index in range(12):
        place(
            coordinator, make_client(org.unit_a, f"Person{index}"), make_head_lease(org.committee)
        )
    client.force_login(coordinator)
    # Up to five of these are the small lookup tables, prefetched a query each (not joined:
    # cheaper for PostgreSQL to plan); a lookup no row uses costs no query.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("tenancies:sublet_list"))
    assert response.status_code == 200


def test_recording_a_follow_up_from_the_detail_page(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    follow_up = sublet.follow_ups.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("tenancies:follow_up_record", args=[sublet.pk, follow_up.pk]),
        {
            "done_on": "2021-04-02",
            "kind": FollowUp.Kind.HOME_VISIT,
            "participants": "Anna",
            "notes": "Allt väl.",
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.notes == "Allt väl."


def test_the_takeover_flow_ends_the_head_lease(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(org.committee)
    sublet = place(coordinator, make_client(org.unit_a), lease)
    client.force_login(coordinator)
    response = client.post(
        reverse("tenancies:takeover", args=[sublet.pk]),
        {
            "assessed_on": "2022-06-01",
            "rent_paid_on_time": "on",
            "conditions_kept": "on",
            "no_disturbance": "on",
            "landlord_consent": "on",
            "decision": "take_over",
            "takeover_date": "2022-06-30",
        },
    )
    assert response.status_code == 302
    assert HeadLease.objects.get(pk=lease.pk).end_date == date(2022, 6, 30)


def test_a_takeover_without_consent_shows_what_is_missing(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    client.force_login(coordinator)
    response = client.post(
        reverse("tenancies:takeover", args=[sublet.pk]),
        {"assessed_on": "2022-06-01", "rent_paid_on_time": "on", "decision": "take_over"},
    )
    assert response.status_code == 200
    assert "hyresvärdens samtycke" in response.content.decode()


def test_the_coordinators_start_page_shows_the_work_queue(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    due = place(
        coordinator,
        make_client(org.unit_a),
        make_head_lease(org.committee),
        start=today - timedelta(days=600),
    )
    vacant = make_head_lease(org.committee, start=today - timedelta(days=90))
    client.force_login(coordinator)
    page = client.get(reverse("core:home")).content.decode()
    assert "Övertaganden att bedöma" in page
    assert due.number in page  # 600 days > 18 months: takeover due
    assert "Uppföljningar som inte är gjorda" in page  # the first visit, planned after 3 months
    assert str(vacant.apartment) in page


def test_figures_show_the_definition_and_the_manager_sets_the_target(
    client, org, manager, coordinator
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    response = client.post(
        reverse("tenancies:figures") + "?ar=2022", {"year": 2022, "target_percent": "85"}
    )
    assert response.status_code == 302
    page = client.get(reverse("tenancies:figures"), {"ar": 2022}).content.decode()
    assert "Måluppfyllelse för övertagande i stödboende" in page
    assert "85,0 %" in page or "85.0 %" in page
    client.force_login(coordinator)
    assert (
        client.post(
            reverse("tenancies:figures"), {"year": 2022, "target_percent": "10"}
        ).status_code
        == 403
    )


def test_the_manager_configures_exclusions_and_months_to_takeover(
    client, org, manager, coordinator
) -> None:  # type: ignore[no-untyped-def]
    from bosam.tenancies.models import SubletEndReason, TenancySettings

    client.force_login(manager)
    response = client.post(
        reverse("tenancies:tenancy_settings"),
        {
            "months_to_takeover": "24",
            "follow_up_interval_months": "2",
            "excluded_reasons": ["died"],
        },
    )
    assert response.status_code == 302
    assert TenancySettings.objects.get(pk=1).months_to_takeover == 24
    excluded = set(
        SubletEndReason.objects.filter(excluded_from_goal=True).values_list("code", flat=True)
    )
    assert excluded == {"died"}
    # A coordinator places and reads, but does not change the figure's definition.
    client.force_login(coordinator)
    assert client.get(reverse("tenancies:tenancy_settings")).status_code == 403
