from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.advice.models import AdviceCase
from bosam.advice.tests.factories import close, record_contact, register_case
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Intervention
from bosam.households.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_an_anonymous_intake_through_the_api(api, adviser) -> None:
    api.force_authenticate(adviser)
    response = api.post(
        reverse("advice-api:case_create"),
        {
            "channel": "phone",
            "reason": "overcrowded",
            "age_band": "36_50",
            "household_type": "couple_children",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["anonymous"] is True
    assert response.data["person_id"] is None
    assert response.data["channel"] == "phone"


def test_an_identified_intake_through_the_api(api, adviser) -> None:
    person = make_person()
    api.force_authenticate(adviser)
    response = api.post(
        reverse("advice-api:case_create"),
        {"channel": "email", "reason": "homeless", "personal_number": person.formatted_number},
        format="json",
    )
    assert response.status_code == 201
    assert response.data["person_id"] == str(person.pk)
    assert Intervention.objects.filter(source_id=response.data["id"]).exists()


def test_api_errors_have_message_code_and_field(api, adviser) -> None:
    api.force_authenticate(adviser)
    response = api.post(
        reverse("advice-api:case_create"),
        {"channel": "walk_in", "reason": "homeless", "age_band": "18_25"},
        format="json",
    )
    assert response.status_code == 400
    assert response.data["code"] == "anonymous_details_required"
    assert response.data["extra"]["field"] == "household_type"


def test_work_and_closing_through_the_api(api, adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 4, 2))
    api.force_authenticate(adviser)
    contact = api.post(
        reverse("advice-api:contact_create", args=[case.pk]),
        {
            "minutes": 50,
            "advice_kinds": ["housing_queue"],
            "digital_help_kinds": ["e_identification"],
            "contact_on": "2024-04-02",
        },
        format="json",
    )
    assert contact.status_code == 201, contact.data
    referral = api.post(
        reverse("advice-api:referral_create", args=[case.pk]),
        {
            "target": "skills_supply_office",
            "special_reasons": "Nyanländ.",
            "referred_on": "2024-04-02",
        },
        format="json",
    )
    assert referral.status_code == 201, referral.data
    closing = api.post(
        reverse("advice-api:case_close", args=[case.pk]),
        {"outcome": "referred", "closed_on": "2024-04-03"},
        format="json",
    )
    assert closing.status_code == 200
    assert closing.data["status"] == "closed"
    detail = api.get(reverse("advice-api:case_detail", args=[case.pk]))
    assert detail.data["contacts"][0]["digital_help_kinds"] == ["e_identification"]
    assert detail.data["referrals"][0]["target"] == "skills_supply_office"
    again = api.post(
        reverse("advice-api:contact_create", args=[case.pk]), {"minutes": 10}, format="json"
    )
    assert (again.status_code, again.data["code"]) == (400, "case_closed")


def test_the_api_detail_is_audited_with_the_person(api, adviser) -> None:
    person = make_person()
    case = register_case(adviser, personal_number=person.formatted_number)
    api.force_authenticate(adviser)
    response = api.get(reverse("advice-api:case_detail", args=[case.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), person_id=person.pk
    ).exists()


def test_the_api_list_filters_by_period(api, adviser) -> None:
    a = register_case(adviser, received_on=date(2022, 5, 1))
    register_case(adviser, received_on=date(2023, 5, 1))
    api.force_authenticate(adviser)
    response = api.get(
        reverse("advice-api:case_list"), {"start": "2022-01-01", "end": "2022-12-31"}
    )
    assert [row["id"] for row in response.data["results"]] == [str(a.pk)]


def test_the_api_figures_carry_the_case_ids(api, adviser, manager) -> None:
    case = register_case(adviser, received_on=date(2022, 5, 1))
    record_contact(case, adviser, digital=("online_search",))
    close(case, adviser, "searching_on_own")
    api.force_authenticate(manager)
    response = api.get(reverse("advice-api:figures"), {"start": "2022-01-01", "end": "2022-12-31"})
    assert response.status_code == 200
    assert response.data["received"] == {"count": 1, "ids": [str(case.pk)]}
    online = next(r for r in response.data["by_digital_help"] if r["code"] == "online_search")
    assert online["count"] == 1
    bad = api.get(reverse("advice-api:figures"), {"start": "2022-12-31", "end": "2022-01-01"})
    assert (bad.status_code, bad.data["code"]) == (400, "invalid_period")


def test_the_api_lists_active_catalogue_entries(api, adviser) -> None:
    api.force_authenticate(adviser)
    response = api.get(reverse("advice-api:catalogues"))
    assert {"code": "walk_in", "name": "Besök"} in response.data["kontaktvagar"]
    assert set(response.data) == {
        "kontaktvagar",
        "anledningar",
        "rad",
        "digital-hjalp",
        "hanvisningar",
        "utfall",
    }


@pytest.mark.parametrize("persona", ["social_worker_a", "finance", "committee_reader", "sysadmin"])
def test_the_api_refuses_roles_without_advice_work(api, request, adviser, persona) -> None:
    case = register_case(adviser)
    api.force_authenticate(request.getfixturevalue(persona))
    assert api.get(reverse("advice-api:case_list")).status_code == 403
    assert api.get(reverse("advice-api:case_detail", args=[case.pk])).status_code == 403
    response = api.post(
        reverse("advice-api:case_create"),
        {
            "channel": "walk_in",
            "reason": "homeless",
            "age_band": "18_25",
            "household_type": "single",
        },
        format="json",
    )
    assert response.status_code == 403
    assert AdviceCase.objects.count() == 1


def test_a_manager_reads_through_the_api_but_records_no_work(api, adviser, manager) -> None:
    case = register_case(adviser)
    api.force_authenticate(manager)
    assert api.get(reverse("advice-api:case_detail", args=[case.pk])).status_code == 200
    response = api.post(
        reverse("advice-api:case_close", args=[case.pk]), {"outcome": "referred"}, format="json"
    )
    assert response.status_code == 403


def test_the_schema_describes_the_advice_api(client, adviser) -> None:
    client.force_login(adviser)
    response = client.get(reverse("api-schema"), {"format": "json"})
    paths = response.json()["paths"]
    assert "/api/v1/advice/cases/create/" in paths
    assert "/api/v1/advice/figures/" in paths


def test_the_api_refuses_another_units_case_and_audits_it(api, org, adviser) -> None:
    from bosam.accounts.roles import Role
    from bosam.testing import make_user

    case = register_case(adviser)
    other = make_user("olle", Role.HOUSING_ADVISER, org.unit_a)
    api.force_authenticate(other)
    response = api.get(reverse("advice-api:case_detail", args=[case.pk]))
    assert (response.status_code, response.data["code"]) == (403, "access_denied")
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=other).exists()
