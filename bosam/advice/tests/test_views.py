from datetime import date

import pytest
from django.urls import reverse

from bosam.accounts.roles import Role
from bosam.advice.forms import IntakeForm
from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceOutcome,
    AdviceReason,
    DigitalHelpKind,
    ReferralTarget,
)
from bosam.advice.tests.factories import close, entry, record_contact, register_case
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.tests.factories import make_person
from bosam.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("adviser", 200),
        ("manager", 200),
        ("coordinator", 200),
        ("social_worker_a", 403),
        ("prevention_caseworker", 403),
        ("finance", 403),
        ("sysadmin", 403),
        ("committee_reader", 403),
    ],
)
def test_who_may_open_advice_cases_and_figures(client, request, persona, status) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("advice:case_list")).status_code == status
    assert client.get(reverse("advice:figures")).status_code == status


@pytest.mark.parametrize("persona", ["manager", "coordinator", "social_worker_a", "finance"])
def test_only_an_adviser_registers_cases(client, request, persona) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("advice:case_create")).status_code == 403


def _intake(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": entry(AdviceChannel, "walk_in").pk,
        "reason": entry(AdviceReason, "homeless").pk,
        "personal_number": "",
        "first_name": "",
        "last_name": "",
        "age_band": "",
        "household_type": "",
        "notes": "",
    }
    data.update(fields)
    return data


def test_an_anonymous_walk_in_is_registered_from_the_form(client, adviser) -> None:
    client.force_login(adviser)
    response = client.post(
        reverse("advice:case_create"), _intake(age_band="18_25", household_type="single")
    )
    case = AdviceCase.objects.get()
    assert response.url == reverse("advice:case_detail", args=[case.pk])
    assert case.person is None
    assert case.channel.code == "walk_in"


def test_save_and_new_returns_to_an_empty_intake(client, adviser) -> None:
    client.force_login(adviser)
    response = client.post(
        reverse("advice:case_create"),
        {**_intake(age_band="18_25", household_type="single"), "save_and_new": "1"},
    )
    assert response.url == reverse("advice:case_create")


def test_an_anonymous_intake_without_age_band_names_the_field(client, adviser) -> None:
    client.force_login(adviser)
    response = client.post(reverse("advice:case_create"), _intake(household_type="single"))
    assert response.status_code == 200
    assert "Välj åldersgrupp när personen är anonym." in response.content.decode()
    assert not AdviceCase.objects.exists()


def test_a_new_persons_missing_name_is_shown_on_the_form(client, adviser) -> None:
    client.force_login(adviser)
    response = client.post(reverse("advice:case_create"), _intake(personal_number="8112289874"))
    body = response.content.decode()
    assert "Ange förnamn och efternamn" in body
    assert "Personen finns inte i registret" in body


def test_the_number_lookup_shows_a_returning_persons_earlier_cases(client, adviser) -> None:
    # given
    person = make_person("Åsa", "Öberg")
    earlier = register_case(
        adviser, personal_number=person.formatted_number, received_on=date(2024, 5, 2)
    )
    client.force_login(adviser)
    # when
    response = client.get(
        reverse("advice:person_lookup"), {"personal_number": person.formatted_number}
    )
    # then
    body = response.content.decode()
    assert "Åsa Öberg" in body
    assert earlier.reference in body
    assert "1 tidigare ärende" in body
    # reading the person and listing their cases is audited
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.LIST, object_id=str(earlier.pk), person_id=person.pk
    ).exists()


def test_the_lookup_explains_an_invalid_number(client, adviser) -> None:
    client.force_login(adviser)
    response = client.get(reverse("advice:person_lookup"), {"personal_number": "811228-9875"})
    assert "Kontrollsiffran stämmer inte." in response.content.decode()


def test_the_case_page_shows_earlier_cases_and_is_audited(client, adviser) -> None:
    person = make_person()
    earlier = register_case(
        adviser, personal_number=person.formatted_number, received_on=date(2024, 5, 2)
    )
    case = register_case(adviser, personal_number=person.formatted_number)
    client.force_login(adviser)
    response = client.get(reverse("advice:case_detail", args=[case.pk]))
    body = response.content.decode()
    assert earlier.reference in body
    assert person.formatted_number in body
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), person_id=person.pk
    ).exists()


def test_work_referral_and_closing_from_the_case_page(client, adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 5, 2))
    client.force_login(adviser)
    contact = client.post(
        reverse("advice:contact_add", args=[case.pk]),
        {
            "contact-minutes": "40",
            "contact-digital_help_kinds": [entry(DigitalHelpKind, "e_identification").pk],
            "contact-contact_on": "2024-05-02",
        },
    )
    assert contact.status_code == 302
    referral = client.post(
        reverse("advice:referral_add", args=[case.pk]),
        {
            "referral-target": entry(ReferralTarget, "social_office").pk,
            "referral-special_reasons": "Hemlös med barn.",
            "referral-referred_on": "2024-05-02",
        },
    )
    assert referral.status_code == 302
    closing = client.post(
        reverse("advice:case_close", args=[case.pk]),
        {"close-outcome": entry(AdviceOutcome, "referred").pk, "close-closed_on": "2024-05-03"},
    )
    assert closing.status_code == 302
    case.refresh_from_db()
    assert case.status == AdviceCase.Status.CLOSED
    body = client.get(reverse("advice:case_detail", args=[case.pk])).content.decode()
    assert "40 min" in body
    assert "Skaffa e-legitimation" in body
    assert "Avsluta ärendet" not in body  # a closed case takes no more work


def test_bad_work_input_is_shown_on_the_case_page(client, adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 5, 2))
    client.force_login(adviser)
    response = client.post(
        reverse("advice:contact_add", args=[case.pk]),
        {"contact-minutes": "30", "contact-contact_on": "2024-05-01"},
    )
    assert response.status_code == 422
    assert "före den dag ärendet kom in" in response.content.decode()


def test_work_on_a_closed_case_is_refused_with_a_message(client, adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 5, 2))
    close(case, adviser)
    client.force_login(adviser)
    response = client.post(
        reverse("advice:contact_add", args=[case.pk]),
        {"contact-minutes": "30", "contact-contact_on": "2024-05-02"},
        follow=True,
    )
    assert "Ärendet är avslutat" in response.content.decode()
    assert not case.contacts.exists()


def test_a_manager_reads_cases_but_records_no_work(client, adviser, manager) -> None:
    case = register_case(adviser)
    client.force_login(manager)
    page = client.get(reverse("advice:case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert "Registrera arbete" not in page.content.decode()
    response = client.post(reverse("advice:contact_add", args=[case.pk]), {"contact-minutes": "30"})
    assert response.status_code == 403


def test_an_adviser_of_another_unit_is_refused_and_the_attempt_audited(
    client, org, adviser
) -> None:
    # given an adviser working at another unit
    person = make_person()
    case = register_case(adviser, personal_number=person.formatted_number)
    other = make_user("olle", Role.HOUSING_ADVISER, org.unit_a)
    client.force_login(other)
    # when
    response = client.get(reverse("advice:case_detail", args=[case.pk]))
    # then
    assert response.status_code == 403
    denied = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert (denied.actor, denied.person_id, denied.outside_own_unit) == (other, person.pk, True)
    listing = client.get(reverse("advice:case_list")).content.decode()
    assert case.reference not in listing


def test_a_social_worker_cannot_open_an_advice_case(client, adviser, social_worker_a) -> None:
    case = register_case(adviser)
    client.force_login(social_worker_a)
    assert client.get(reverse("advice:case_detail", args=[case.pk])).status_code == 403


def test_case_list_filters_and_audits_the_people_listed(client, adviser) -> None:
    person = make_person()
    identified = register_case(adviser, personal_number=person.formatted_number)
    closed = register_case(adviser, received_on=date(2023, 2, 1))
    close(closed, adviser)
    client.force_login(adviser)
    body = client.get(reverse("advice:case_list"), {"status": "open"}).content.decode()
    assert identified.reference in body
    assert closed.reference not in body
    assert person.masked_number in body
    assert AuditEvent.objects.filter(action=AuditAction.LIST, person_id=person.pk).exists()
    by_reference = client.get(reverse("advice:case_list"), {"reference": "2023-1"})
    assert closed.reference in by_reference.content.decode()


def test_case_list_queries_do_not_grow_with_rows(
    client, adviser, django_assert_max_num_queries
) -> None:
    for i in range(25):
        person = make_person(f"P{i}", "Q")
        case = register_case(adviser, personal_number=person.formatted_number)
        record_contact(case, adviser)
    client.force_login(adviser)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("advice:case_list"))
    assert response.status_code == 200


def test_figures_page_shows_the_year_and_exports(client, adviser, manager) -> None:
    register_case(adviser, received_on=date(2022, 3, 1))
    register_case(adviser, received_on=date(2022, 11, 1), channel="phone")
    client.force_login(manager)
    page = client.get(reverse("advice:figures"), {"start": "2022-01-01", "end": "2022-12-31"})
    body = page.content.decode()
    assert "Inkomna ärenden" in body
    export = client.get(
        reverse("advice:figures"), {"start": "2022-01-01", "end": "2022-12-31", "export": "csv"}
    )
    text = export.content.decode("utf-8-sig")
    assert "Inkomna ärenden;;2" in text
    assert "Kontaktväg;Telefon;1" in text


def test_figures_refuse_a_period_that_ends_before_it_starts(client, manager) -> None:
    client.force_login(manager)
    page = client.get(reverse("advice:figures"), {"start": "2022-12-31", "end": "2022-01-01"})
    assert "Slutdatum kan inte ligga före startdatum." in page.content.decode()


def test_the_catalogue_administrator_adds_and_retires_entries(client, sysadmin) -> None:
    client.force_login(sysadmin)
    assert client.get(reverse("advice:catalogue_index")).status_code == 200
    added = client.post(
        reverse("advice:catalogue_create", args=["anledningar"]),
        {"code": "eviction", "name": "Vräkningshotad", "sort_order": "5", "active": "on"},
    )
    assert added.status_code == 302
    reason = AdviceReason.objects.get(code="eviction")
    client.post(
        reverse("advice:catalogue_edit", args=["anledningar", reason.pk]),
        {"name": "Vräkningshotad", "sort_order": "5"},
    )
    reason.refresh_from_db()
    assert reason.active is False
    # a retired reason is no longer offered at intake
    assert reason not in IntakeForm().fields["reason"].queryset  # type: ignore[attr-defined]


@pytest.mark.parametrize("persona", ["adviser", "manager"])
def test_only_the_catalogue_administrator_edits_catalogues(client, request, persona) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("advice:catalogue_index")).status_code == 403
    assert client.get(reverse("advice:catalogue_create", args=["utfall"])).status_code == 403


def test_the_adviser_start_page_lists_own_open_cases_without_names(client, adviser) -> None:
    person = make_person("Åsa", "Öberg")
    case = register_case(adviser, personal_number=person.formatted_number)
    done = register_case(adviser)
    close(done, adviser)
    client.force_login(adviser)
    body = client.get(reverse("core:home")).content.decode()
    assert case.reference in body
    assert done.reference not in body
    assert "Öberg" not in body
    assert "Mina öppna rådgivningsärenden (1)" in body


def test_the_adviser_corrects_the_intake_but_a_manager_cannot(client, adviser, manager) -> None:
    case = register_case(adviser)
    client.force_login(manager)
    assert client.get(reverse("advice:case_edit", args=[case.pk])).status_code == 403
    client.force_login(adviser)
    form = client.get(reverse("advice:case_edit", args=[case.pk]))
    assert "Åldersgrupp" in form.content.decode()
    response = client.post(
        reverse("advice:case_edit", args=[case.pk]),
        {
            "channel": entry(AdviceChannel, "email").pk,
            "reason": case.reason_id,
            "age_band": "18_25",
            "household_type": "other",
            "notes": "",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.channel.code, case.age_band, case.household_type) == ("email", "18_25", "other")


def test_figures_page_queries_do_not_grow_with_cases(
    client, adviser, manager, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = {"start": "2022-01-01", "end": "2022-12-31"}
    client.force_login(manager)
    register_case(adviser, received_on=date(2022, 3, 1))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("advice:figures"), period).status_code == 200
    for day in range(1, 15):
        case = register_case(adviser, received_on=date(2022, 4, day), channel="phone")
        record_contact(case, adviser, digital=("online_search",))
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("advice:figures"), period).status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(25):
        client.get(reverse("advice:figures"), period)


@pytest.mark.django_db
def test_the_case_list_is_searched_by_the_persons_name(client, adviser) -> None:
    # given two identified cases
    stina = make_person(first_name="Stina", last_name="Sökbar")
    other = make_person(first_name="Olle", last_name="Annan")
    mine = register_case(adviser, personal_number=stina.personal_number or "")
    theirs = register_case(adviser, personal_number=other.personal_number or "")
    # when the adviser searches the list by part of a name
    client.force_login(adviser)
    page = client.get(reverse("advice:case_list"), {"query": "Sökb"}).content.decode()
    # then only that person's case is listed
    assert mine.reference in page
    assert theirs.reference not in page
