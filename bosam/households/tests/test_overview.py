"""The household overview: every record kind concerning a household is on it, each row by its own
module's visibility rule, audited as one read of the household with each person concerned."""

from typing import Any

import pytest
from django.urls import reverse

from bosam.advice.selectors import advice_case_visible_to
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.models import PersonalDataModel
from bosam.households.overview import overview_modules
from bosam.households.tests.overview_fixtures import FullHousehold, full_household
from bosam.matching.selectors.requests import offer_visible_to, request_visible_to
from bosam.prevention.selectors import case_visible_to
from bosam.tenancies.selectors import sublet_visible_to
from bosam.testing import Org, page_query_count

# Models that concern people but are not timeline rows of their own, and why.
NOT_ON_THE_OVERVIEW = {
    "households.person": "the overview's subject (members in the summary)",
    "households.household": "the overview's subject",
    "households.householdmember": "the members in the summary and the member table",
    "households.interventiontype": "a catalogue: each intervention row names its type",
}

# Every kind a household with one record of each shows (the fixture's records).
EVERY_KIND = {
    "sublet",
    "takeover",
    "follow_up",
    "takeover_assessment",
    "inspection",
    "prevention_case",
    "notification",
    "letter",
    "prevention_outcome",
    "advice_case",
    "advice_contact",
    "advice_referral",
    "housing_request",
    "offer",
    "offer_answer",
    "intervention",
}


@pytest.fixture
def full(org: Org, coordinator: Any, prevention_caseworker: Any, adviser: Any) -> FullHousehold:
    return full_household(
        org, coordinator=coordinator, prevention_caseworker=prevention_caseworker, adviser=adviser
    )


def _kinds(client: Any, user: Any, url: str) -> set[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return {kind for kind in EVERY_KIND if f'data-kind="{kind}"' in html}


@pytest.mark.django_db
def test_every_model_concerning_people_is_on_the_overview_or_named_as_left_out() -> None:
    # given every model that holds personal data, in every app
    from django.apps import apps

    concerned = {
        m._meta.label_lower
        for m in apps.get_models()
        if issubclass(m, PersonalDataModel) and m.__module__.startswith("bosam.")
    }
    # when the overview modules name what they show
    shown: set[str] = set()
    for module in overview_modules():
        shown.update(model._meta.label_lower for model in module.RECORD_MODELS)
    # then nothing is forgotten: a new module's model must be added to its overview.py
    missing = concerned - shown - set(NOT_ON_THE_OVERVIEW)
    assert not missing, f"not on the household overview: {sorted(missing)}"


@pytest.mark.django_db
def test_the_overview_shows_every_record_kind_to_a_reader_who_may_see_it_all(
    client: Any, full: FullHousehold, coordinator: Any, prevention_caseworker: Any
) -> None:
    # given a household with a record of every kind
    url = reverse("households:household_detail", args=[full.household.pk])
    # when the coordinator and the prevention caseworker read it
    seen = _kinds(client, coordinator, url) | _kinds(client, prevention_caseworker, url)
    # then together they see every kind (one of them sees prevention, the other matching)
    assert seen == EVERY_KIND


@pytest.mark.django_db
def test_each_row_links_to_its_record(client: Any, full: FullHousehold, coordinator: Any) -> None:
    client.force_login(coordinator)
    html = client.get(reverse("households:household_detail", args=[full.household.pk])).content
    page = html.decode()
    for url in (
        reverse("tenancies:sublet_detail", args=[full.sublet.pk]),
        reverse("tenancies:sublet_detail", args=[full.old_sublet.pk]),
        reverse("advice:case_detail", args=[full.advice_case.pk]),
        reverse("matching:request_detail", args=[full.request.pk]),
        reverse("matching:offer_detail", args=[full.offer.pk]),
    ):
        assert f'href="{url}"' in page


def _expected_kinds(user: Any, full: FullHousehold) -> set[str]:
    """What each module's own selector lets the user see of the household."""
    kinds = {"intervention"}  # the hand-recorded one shows with the household
    if sublet_visible_to(user).filter(pk=full.sublet.pk).exists():
        kinds |= {"sublet", "takeover", "follow_up", "takeover_assessment", "inspection"}
    if case_visible_to(user).filter(pk=full.case.pk).exists():
        kinds |= {"prevention_case", "notification", "letter", "prevention_outcome"}
    if advice_case_visible_to(user).filter(pk=full.advice_case.pk).exists():
        kinds |= {"advice_case", "advice_contact", "advice_referral"}
    if request_visible_to(user).filter(pk=full.request.pk).exists():
        kinds |= {"housing_request"}
    if offer_visible_to(user).filter(pk=full.offer.pk).exists():
        kinds |= {"offer", "offer_answer"}
    return kinds


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    ["coordinator", "prevention_caseworker", "adviser", "social_worker_a", "manager"],
)
def test_the_overview_never_shows_a_record_its_own_module_would_refuse(
    client: Any, full: FullHousehold, persona: str, request: pytest.FixtureRequest
) -> None:
    # given a reader of some role
    user = request.getfixturevalue(persona)
    # when they read the household and the applicant's person page
    household_kinds = _kinds(
        client, user, reverse("households:household_detail", args=[full.household.pk])
    )
    person_kinds = _kinds(
        client, user, reverse("households:person_detail", args=[full.applicant.pk])
    )
    # then each shows exactly what the records' own modules let them see
    assert household_kinds == _expected_kinds(user, full)
    assert person_kinds == _expected_kinds(user, full)


@pytest.mark.django_db
def test_a_social_worker_sees_the_units_sublet_and_request_but_no_prevention_or_advice_case(
    client: Any, full: FullHousehold, social_worker_a: Any
) -> None:
    client.force_login(social_worker_a)
    page = client.get(
        reverse("households:household_detail", args=[full.household.pk])
    ).content.decode()
    assert reverse("tenancies:sublet_detail", args=[full.sublet.pk]) in page
    assert reverse("matching:request_detail", args=[full.request.pk]) in page
    # nothing shown, counted or hinted: not the case's link, nor its word in the summary
    assert reverse("prevention:case_detail", args=[full.case.pk]) not in page
    assert reverse("advice:case_detail", args=[full.advice_case.pk]) not in page
    assert "vräkningsförebyggande" not in page
    assert "Rådgivning" not in page


@pytest.mark.django_db
def test_another_units_social_worker_is_refused_the_overview_and_the_refusal_is_audited(
    client: Any, full: FullHousehold, social_worker_b: Any
) -> None:
    client.force_login(social_worker_b)
    response = client.get(reverse("households:household_detail", args=[full.household.pk]))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        actor=social_worker_b, action=AuditAction.DENIED, object_id=str(full.household.pk)
    ).exists()


@pytest.mark.django_db
def test_the_overview_is_audited_as_one_read_of_the_household_with_each_person(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    # given a household of two
    client.force_login(coordinator)
    before = AuditEvent.objects.filter(actor=coordinator, action=AuditAction.VIEW).count()
    # when the coordinator reads the overview
    client.get(reverse("households:household_detail", args=[full.household.pk]))
    # then one read of the household is written, naming each member
    new = list(
        AuditEvent.objects.filter(actor=coordinator, action=AuditAction.VIEW).order_by("id")
    )[before:]
    assert {r.object_id for r in new} == {str(full.household.pk)}
    assert {r.person_id for r in new} == {full.applicant.pk, full.child.pk}


@pytest.mark.django_db
def test_the_overview_runs_as_many_queries_for_many_records_as_for_few(
    client: Any, full: FullHousehold, coordinator: Any, adviser: Any
) -> None:
    # given the household's page read once
    from datetime import date

    from bosam.advice.tests.factories import record_contact, refer
    from bosam.prevention.models import OutreachAttempt
    from bosam.tenancies.models import FollowUp

    client.force_login(coordinator)
    url = reverse("households:household_detail", args=[full.household.pk])
    few = page_query_count(client, url)
    # when many more records hang on it
    for day in range(1, 11):
        FollowUp.objects.create(sublet=full.sublet, planned_on=date(2022, 7, day))
        OutreachAttempt.objects.create(
            case=full.case,
            method=OutreachAttempt.Method.PHONE,
            made_on=date(2022, 3, day),
            result=OutreachAttempt.Result.NO_ANSWER,
        )
        record_contact(full.advice_case, adviser)
        refer(full.advice_case, adviser)
    # then the page runs the same number of queries
    assert page_query_count(client, url) == few
