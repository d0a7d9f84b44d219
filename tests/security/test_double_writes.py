"""Issue 21, item 6: no double writes. A household has one open request of each kind; a form
sent twice creates one record; an API create retried with the same Idempotency-Key creates one."""

from io import StringIO
from typing import Any
from uuid import UUID

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from bosam.accounts.models import User
from bosam.core.submissions import SUBMISSION_FIELD
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import HousingRequest
from bosam.matching.tests.factories import make_client, make_request
from bosam.properties.models import Landlord
from bosam.properties.tests.factories import make_landlord, org_number
from bosam.testing import Org
from tests.security.forms_on_pages import form_data, routes, users_who_may

pytestmark = pytest.mark.django_db


def test_a_household_cannot_have_two_open_requests_of_the_same_kind(
    org: Org, social_worker_a: User
) -> None:
    # given a household with an open request for supported housing
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    # when the social worker requests the same kind again
    with pytest.raises(MatchingError) as refused:
        make_request(social_worker_a, household, org.committee)
    # then it is refused, naming the open request
    assert refused.value.code == MatchingErrorCode.DUPLICATE_OPEN_REQUEST
    assert first.reference in refused.value.message
    assert refused.value.extra["field"] == "usage_category"
    assert HousingRequest.objects.filter(household=household).count() == 1


def test_another_kind_or_a_closed_request_does_not_block_a_new_one(
    org: Org, social_worker_a: User
) -> None:
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    make_request(social_worker_a, household, org.committee, usage_category="training_apartment")
    from bosam.matching import services

    services.request_withdraw(request=first, withdrawn_by=social_worker_a, reason="Fel")
    make_request(social_worker_a, household, org.committee)
    assert HousingRequest.objects.filter(household=household).count() == 3


def test_the_database_refuses_a_second_open_request_of_the_same_kind(
    org: Org, social_worker_a: User
) -> None:
    # given an open request (made through the service)
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    # when a second open one of the same kind is written past the service
    twin = HousingRequest.objects.get(pk=first.pk)
    twin.pk = None
    twin.id = None
    twin.reference = "B-DUBBLETT"
    twin._state.adding = True
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_second_request_from_the_form_is_refused_with_a_clear_message(
    client: Client, org: Org, social_worker_a: User
) -> None:
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    client.force_login(social_worker_a)
    response = client.post(
        reverse("matching:request_create"),
        {
            "household": household.pk,
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 2,
            "urgency": "normal",
        },
    )
    assert response.status_code == 200
    assert "redan en öppen beställning" in response.content.decode()
    assert first.reference in response.content.decode()
    assert HousingRequest.objects.filter(household=household).count() == 1


# Forms that create a record but whose URL name does not end in `_create`: the offer, and the
# add-forms embedded in a record's page (a contact, a referral, an outreach attempt, a kvarboende
# intervention, a letter, a follow-up, a member).
EMBEDDED_ADD_FORMS = {
    "households:member_add",
    "properties:contact_add",
    "tenancies:follow_up_plan",
    "prevention:outreach_add",
    "prevention:intervention_add",
    "prevention:letter_send",
    "advice:contact_add",
    "advice:referral_add",
}
OTHER_CREATION_PAGES = {"matching:offer_make", *EMBEDDED_ADD_FORMS}


def _creation_pages() -> list[Any]:
    return [
        r
        for r in routes()
        if not r.name.partition(":")[0].endswith("-api")
        and (r.name.endswith("_create") or r.name in OTHER_CREATION_PAGES)
    ]


def test_every_creation_page_takes_a_form_only_once() -> None:
    # given every page that creates a record
    pages = _creation_pages()
    assert len(pages) >= 15
    # then each one's view accepts a one-time token only once
    missing = [p.name for p in pages if not getattr(p.callback, "one_time_submission", False)]
    assert not missing, f"creation pages without one_time_submission: {missing}"


@pytest.fixture
def municipality(db: None) -> None:
    call_command("demo", scale=0.01, force=True, stdout=StringIO())


# POST-only creation forms shown on a list of candidates (which a small demo may not have):
# checked in the templates instead: every form posting there carries the token.
EMBEDDED_IN_LISTS = {"matching:offer_make", *EMBEDDED_ADD_FORMS}


def _template_forms_without_token(name: str) -> list[str]:
    import re
    from pathlib import Path

    found, problems = 0, []
    for template in Path("bosam").glob("*/templates/**/*.html"):
        text = template.read_text()
        for form in re.findall(r"<form[^>]*\{% url '" + name + r"'.*?</form>", text, re.S):
            found += 1
            if "one_time_token" not in form and "form_fields.html" not in form:
                problems.append(f"{name}: a form in {template} has no one-time token")
    return problems if found else [f"{name}: no template posts to it"]


def _host_page(name: str, url: str) -> tuple[str, str | None]:
    """The page that shows a creation form (the form's own page, or where a POST-only form is
    embedded), and the form's action if it is embedded."""
    from bosam.tenancies.models import Sublet

    if name == "tenancies:rent_charge_create":
        sublet = Sublet.objects.filter(status=Sublet.Status.ACTIVE).first()
        assert sublet is not None
        host = reverse("tenancies:sublet_detail", kwargs={"sublet_id": sublet.pk})
        return host, reverse(name, kwargs={"sublet_id": sublet.pk})
    if name == "tenancies:inspection_create":
        ended = Sublet.objects.exclude(status=Sublet.Status.ACTIVE).first()
        assert ended is not None
        return reverse(name, kwargs={"sublet_id": ended.pk}), None
    return url, None


def test_every_creation_page_renders_a_one_time_token(municipality: None, settings: Any) -> None:
    from bosam.administration.tests.test_role_matrix import Route as MatrixRoute
    from bosam.administration.tests.test_role_matrix import _url

    settings.AXES_ENABLED = False
    problems = []
    for page in _creation_pages():
        if page.name in EMBEDDED_IN_LISTS:
            problems.extend(_template_forms_without_token(page.name))
            continue
        url = _url(MatrixRoute(page.name, page.callback, dict.fromkeys(page.params)))
        host, action = _host_page(page.name, url)
        found = False
        for user in users_who_may(page.callback):
            client = Client()
            client.force_login(user)
            response = client.get(host)
            if response.status_code == 200:
                found = form_data(response.content.decode(), SUBMISSION_FIELD, action) is not None
                if found:
                    break
        if not found:
            problems.append(f"{page.name} ({host}): no one-time token in its form")
    assert not problems, "\n".join(problems)


def test_a_landlord_form_sent_twice_creates_one_landlord(client: Client, coordinator: User) -> None:
    # given the coordinator opened the new-landlord form
    client.force_login(coordinator)
    page = client.get(reverse("properties:landlord_create")).content.decode()
    data = form_data(page, SUBMISSION_FIELD)
    assert data is not None
    data.update({"name": ["Ström AB"], "org_number": [org_number()], "kind": ["private"]})
    # when the form is sent, and sent again (double click, reload)
    first = client.post(reverse("properties:landlord_create"), data)
    second = client.post(reverse("properties:landlord_create"), data, follow=True)
    # then one landlord exists, and the second send leads to it with a message
    assert first.status_code == 302
    assert Landlord.objects.filter(name="Ström AB").count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "redan skickat" in second.content.decode()


def test_a_form_with_errors_may_be_corrected_and_sent_with_the_same_token(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    page = client.get(reverse("properties:landlord_create")).content.decode()
    data = form_data(page, SUBMISSION_FIELD)
    assert data is not None
    data.update({"name": ["Ström AB"], "org_number": ["556677-8898"], "kind": ["private"]})
    refused = client.post(reverse("properties:landlord_create"), data)
    assert refused.status_code == 200
    again = form_data(refused.content.decode(), SUBMISSION_FIELD)
    assert again is not None
    assert again[SUBMISSION_FIELD] == data[SUBMISSION_FIELD]
    again["org_number"] = [org_number()]
    assert client.post(reverse("properties:landlord_create"), again).status_code == 302
    assert Landlord.objects.filter(name="Ström AB").count() == 1


def _landlord_body() -> dict[str, str]:
    return {"name": "Ström AB", "org_number": org_number(), "kind": "private"}


def test_an_api_create_retried_with_the_same_key_creates_once(
    client: Client, coordinator: User
) -> None:
    # given a client creates a landlord with an Idempotency-Key
    client.force_login(coordinator)
    body = _landlord_body()
    url = "/api/v1/properties/landlords/create/"
    headers = {"idempotency-key": "7f6c2c1e-retry"}
    first = client.post(url, body, content_type="application/json", headers=headers)
    # when it retries the same request (the answer was lost on the way)
    second = client.post(url, body, content_type="application/json", headers=headers)
    # then the same answer comes back and one landlord exists
    assert first.status_code == 201
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Landlord.objects.filter(name="Ström AB").count() == 1


def test_an_idempotency_key_reused_for_another_body_is_refused(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = "/api/v1/properties/landlords/create/"
    headers = {"idempotency-key": "k-1"}
    assert (
        client.post(
            url, _landlord_body(), content_type="application/json", headers=headers
        ).status_code
        == 201
    )
    other = {**_landlord_body(), "name": "Annan AB"}
    response = client.post(url, other, content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert not Landlord.objects.filter(name="Annan AB").exists()


def test_a_refused_api_create_does_not_use_up_its_key(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    url = "/api/v1/properties/landlords/create/"
    headers = {"idempotency-key": "k-2"}
    bad = {**_landlord_body(), "org_number": "556677-8898"}
    assert (
        client.post(url, bad, content_type="application/json", headers=headers).status_code == 400
    )
    good = _landlord_body()
    assert (
        client.post(url, good, content_type="application/json", headers=headers).status_code == 201
    )


def test_every_api_create_is_covered_by_the_idempotency_middleware(settings: Any) -> None:
    creates = [
        r for r in routes() if "-api:" in r.name and r.name.endswith(("_create", "_register"))
    ]
    assert len(creates) >= 8
    assert "bosam.core.submissions.IdempotencyMiddleware" in settings.MIDDLEWARE
    for route in creates:
        urls = []
        for kwargs in _sample_url_arguments(route.params):
            try:
                urls.append(reverse(route.name, kwargs=kwargs))
            except NoReverseMatch:
                continue
        assert urls, route.name
        assert all(url.startswith("/api/") for url in urls), route.name


def _sample_url_arguments(params: tuple[str, ...]) -> list[dict[str, Any]]:
    """Arguments to build a route's URL with: a UUID for record ids, an integer for the rest
    (whichever the route's converters accept); only the URL's prefix is checked."""
    return [dict.fromkeys(params, UUID(int=1)), dict.fromkeys(params, 1)]


def test_an_add_form_on_a_record_page_sent_twice_adds_once(
    client: Client, coordinator: User
) -> None:
    # given the coordinator on a landlord's page, with the form for a new contact person
    landlord = make_landlord()
    client.force_login(coordinator)
    page = client.get(reverse("properties:landlord_detail", args=[landlord.pk])).content.decode()
    action = reverse("properties:contact_add", args=[landlord.pk])
    data = form_data(page, SUBMISSION_FIELD, action)
    assert data is not None
    data.update({"name": ["Eva Förvaltare"], "phone": ["011-100 00"]})
    # when the form is sent, and sent again (double click)
    client.post(action, data)
    second = client.post(action, data, follow=True)
    # then the landlord has one contact person, and the second send says it was already saved
    assert landlord.contacts.filter(name="Eva Förvaltare").count() == 1
    assert "redan skickat" in second.content.decode()
