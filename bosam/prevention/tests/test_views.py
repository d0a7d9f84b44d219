from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.models import LandlordImport, Notification, PreventionCase
from bosam.prevention.tests.factories import (
    household_with_children,
    make_landlord,
    personal_number,
    register,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]

PAGES = [
    "prevention:work_queue",
    "prevention:case_list",
    "prevention:notification_list",
    "prevention:notification_create",
    "prevention:import_list",
    "prevention:template_list",
]


def _cases(org, user, n: int, start: int = 100) -> list[PreventionCase]:  # type: ignore[no-untyped-def]
    cases = []
    for i in range(n):
        person = make_person(
            "Per", f"Persson{i}", personal_number=personal_number(date(1970, 1, 1), start + i)
        )
        make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
        cases.append(register(user, person, received_on=date(2022, 5, 2 + i % 20)).case)
    return cases


@pytest.mark.parametrize("url_name", PAGES)
def test_the_prevention_caseworker_opens_every_page(
    client, prevention_caseworker, url_name
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(prevention_caseworker)
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "persona", ["coordinator", "social_worker_a", "finance", "sysadmin", "committee_reader"]
)
@pytest.mark.parametrize("url_name", PAGES)
def test_roles_without_prevention_work_are_refused(client, request, persona, url_name) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 403


def test_a_case_is_refused_and_the_attempt_audited_for_a_social_worker(
    client, org, prevention_caseworker, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    case = _cases(org, prevention_caseworker, 1)[0]
    client.force_login(social_worker_a)
    response = client.get(reverse("prevention:case_detail", args=[case.pk]))
    assert response.status_code == 403


def test_the_case_page_shows_the_deadline_and_is_audited(
    client, org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a, children=2)
    case = register(prevention_caseworker, adult, notice_served_on=date(2022, 5, 13)).case
    client.force_login(prevention_caseworker)
    page = client.get(reverse("prevention:case_detail", args=[case.pk])).content.decode()
    assert "2022-06-03" in page  # served 13 May + three weeks
    assert "2 barn i hushållet" in page
    assert "Frist om 2 dagar och ingen kontakt ännu" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), person_id=adult.pk
    ).exists()


def test_the_work_queue_puts_the_nearest_deadline_first_and_makes_it_stand_out(
    client, org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    far, near = _cases(org, prevention_caseworker, 2)
    far.atervinningsfrist_ends_on = date(2022, 6, 30)
    far.save()
    near.atervinningsfrist_ends_on = date(2022, 6, 3)
    near.save()
    client.force_login(prevention_caseworker)
    page = client.get(reverse("prevention:work_queue")).content.decode()
    assert page.index(str(near.pk)) < page.index(str(far.pk))
    assert "1 ärende har en frist inom en vecka och ingen kontakt" in page


@pytest.mark.parametrize(
    ("url_name", "max_queries"),
    [
        ("prevention:work_queue", 12),
        ("prevention:case_list", 14),
        ("prevention:notification_list", 14),
        ("prevention:import_list", 12),
    ],
)
def test_list_pages_do_not_grow_queries_with_rows(
    client, org, prevention_caseworker, django_assert_max_num_queries, url_name, max_queries
) -> None:  # type: ignore[no-untyped-def]
    _cases(org, prevention_caseworker, 3)
    client.force_login(prevention_caseworker)
    with django_assert_max_num_queries(max_queries):
        client.get(reverse(url_name))
    _cases(org, prevention_caseworker, 12, start=200)
    with django_assert_max_num_queries(max_queries):
        client.get(reverse(url_name))


def test_the_case_list_filters(client, org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    with_children = register(prevention_caseworker, adult).case
    without = _cases(org, prevention_caseworker, 1)[0]
    client.force_login(prevention_caseworker)
    page = client.get(reverse("prevention:case_list"), {"children": "1"}).content.decode()
    assert str(with_children.pk) in page
    assert str(without.pk) not in page
    page = client.get(reverse("prevention:case_list"), {"q": "Persson0"}).content.decode()
    assert str(without.pk) in page
    assert str(with_children.pk) not in page


def test_intake_registers_a_notification_with_a_new_landlord(client, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    client.force_login(prevention_caseworker)
    response = client.post(
        reverse("prevention:notification_create"),
        {
            "source": "landlord",
            "kind": "rent_arrears_termination",
            "cause": "rent_arrears",
            "received_on": "2022-05-30",
            "personal_number": personal_number(date(1988, 8, 8), 981),
            "first_name": "Sara",
            "last_name": "Lind",
            "landlord_org_number": "556000-0043",
            "landlord_name": "Privatvärden AB",
            "street_address": "Hagebygatan 4",
            "debt_amount": "14 200,00 kr",
            "months_behind": "2",
            "notice_served_on": "2022-05-27",
            "committee_notice_on": "2022-05-30",
        },
    )
    notification = Notification.objects.get()
    assert response.status_code == 302
    assert notification.landlord.name == "Privatvärden AB"  # type: ignore[union-attr]
    assert str(notification.debt_amount) == "14200.00"
    # Three weeks from the later notice (the meddelande on 30 May): Monday 20 June.
    assert notification.atervinningsfrist_ends_on == date(2022, 6, 20)
    assert not notification.atervinningsfrist_provisional


def test_intake_shows_the_services_message_on_the_field(client, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    client.force_login(prevention_caseworker)
    response = client.post(
        reverse("prevention:notification_create"),
        {
            "source": "own_knowledge",
            "kind": "early_signal",
            "cause": "rent_arrears",
            "received_on": "2022-05-30",
            "personal_number": "19880808-0000",
            "street_address": "Hagebygatan 4",
        },
    )
    assert response.status_code == 200
    assert "Kontrollsiffran stämmer inte" in response.content.decode()
    assert not Notification.objects.exists()


def test_outreach_intervention_and_close_from_the_case_page(
    client, org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    case = _cases(org, prevention_caseworker, 1)[0]
    client.force_login(prevention_caseworker)
    base = {"case_id": case.pk}
    client.post(
        reverse("prevention:outreach_add", kwargs=base),
        {
            "outreach-method": "phone",
            "outreach-made_on": "2022-05-31",
            "outreach-result": "reached",
        },
    )
    client.post(
        reverse("prevention:intervention_add", kwargs=base),
        {"intervention-type_code": "payment_plan", "intervention-performed_on": "2022-05-31"},
    )
    response = client.post(
        reverse("prevention:case_close", kwargs=base),
        {"close-outcome": "kvarboende", "close-closed_on": "2022-05-31"},
    )
    assert "Ange hur hushållet kunde bo kvar" in response.content.decode()
    client.post(
        reverse("prevention:case_close", kwargs=base),
        {
            "close-outcome": "kvarboende",
            "close-stayed_because": "payment_plan",
            "close-closed_on": "2022-05-31",
        },
    )
    case.refresh_from_db()
    assert case.first_contact_on == date(2022, 5, 31)
    assert (case.status, case.stayed_because) == ("closed", "payment_plan")


def test_a_letter_is_created_and_opened_as_pdf(client, org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    case = _cases(org, prevention_caseworker, 1)[0]
    client.force_login(prevention_caseworker)
    from bosam.prevention.models import LetterTemplate

    client.post(
        reverse("prevention:letter_send", args=[case.pk]),
        {"letter-template": LetterTemplate.objects.get().pk},
    )
    attempt = case.outreach.get()
    response = client.get(reverse("prevention:letter_pdf", args=[case.pk, attempt.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_upload_preview_and_accept_through_the_pages(client, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord()
    number = personal_number(date(1980, 1, 15), 981)
    content = f"Personnummer;Namn;Adress;Skuld\n{number};Anna Berg;Storgatan 1;5 000 kr\n"
    client.force_login(prevention_caseworker)
    response = client.post(
        reverse("prevention:import_list"),
        {
            "landlord": landlord.pk,
            "period": "2022-05-01",
            "file": SimpleUploadedFile("maj.csv", content.encode()),
        },
    )
    batch = LandlordImport.objects.get()
    assert response.status_code == 302
    preview = client.get(reverse("prevention:import_preview", args=[batch.pk])).content.decode()
    assert "1 nya underrättelser" in preview
    assert not Notification.objects.exists()
    client.post(reverse("prevention:import_accept", args=[batch.pk]))
    assert Notification.objects.count() == 1
    history = client.get(reverse("prevention:import_list")).content.decode()
    assert "maj.csv" in history


def test_figures_need_statistics(client, manager, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    assert client.get(reverse("prevention:figures"), {"year": "2022"}).status_code == 200
    client.force_login(prevention_caseworker)
    assert client.get(reverse("prevention:figures")).status_code == 403


def test_the_start_page_shows_the_most_urgent_cases(client, org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    register(prevention_caseworker, adult, notice_served_on=date(2022, 5, 13))
    client.force_login(prevention_caseworker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Vräkningsförebyggande – mest brådskande" in page
    assert "Hushåll Anna Andersson" in page
    assert "Brådskande" in page


def test_the_unit_edits_its_letter_template(client, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    from bosam.prevention.models import LetterTemplate

    template = LetterTemplate.objects.get()
    client.force_login(prevention_caseworker)
    url = reverse("prevention:template_edit", args=[template.pk])
    data = {"name": template.name, "subject": "Hej {{ namn }}", "body": "Betala {{ skulden }}"}
    response = client.post(url, {**data, "active": "on"})
    assert "Okänd platshållare: {{ skulden }}" in response.content.decode()
    client.post(url, {**data, "body": "Betala {{ skuld }} senast {{ sista_dag }}.", "active": "on"})
    template.refresh_from_db()
    assert template.body == "Betala {{ skuld }} senast {{ sista_dag }}."
