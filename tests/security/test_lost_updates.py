"""Issue 21, item 5: no lost updates. Two people edit the same record; the second save, made from
a form opened before the first was saved, is refused with what changed, never a silent overwrite.
The same through the API: a client that sends the ETag it read as If-Match gets 409."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from bosam.accounts.models import User
from bosam.households import services as household_services
from bosam.households.models import Household
from bosam.testing import Org
from tests.security.forms_on_pages import form_data, routes, users_who_may

pytestmark = pytest.mark.django_db

STALE = "Någon annan har ändrat"
# Pages that change one existing record but whose URL name does not end in `_edit`.
OTHER_EDIT_PAGES = {
    "matching:settings",
    "tenancies:tenancy_settings",
    "tenancies:follow_up_record",
    "tenancies:rent_payment_record",
}
# Edit pages left out, with the reason (none: every record carries its version).
NOT_VERSIONED: set[str] = set()


# API updates left out, with the reason (none).
NOT_VERSIONED_API: set[str] = set()


def _edit_pages() -> list[Any]:
    return [
        r
        for r in routes()
        if not r.name.partition(":")[0].endswith("-api")
        and (r.name.endswith("_edit") or r.name in OTHER_EDIT_PAGES)
        and r.name not in NOT_VERSIONED
    ]


def test_every_edit_page_is_guarded_against_stale_saves() -> None:
    # given every page that edits an existing record
    pages = _edit_pages()
    # then each carries the version guard
    assert len(pages) >= 15
    unguarded = [p.name for p in pages if not hasattr(p.callback, "stale_edit_record")]
    assert not unguarded, f"edit pages without guard_stale_edit: {unguarded}"


def _sample_kwargs(name: str, params: tuple[str, ...]) -> dict[str, Any]:
    from bosam.tenancies.models import FollowUp, RentCharge

    if name == "tenancies:follow_up_record":
        follow_up = FollowUp.objects.order_by("pk").first()
        assert follow_up is not None
        return {"sublet_id": follow_up.sublet_id, "follow_up_id": follow_up.pk}
    if name == "tenancies:rent_payment_record":
        charge = RentCharge.objects.order_by("pk").first()
        assert charge is not None
        return {"sublet_id": charge.sublet_id, "charge_id": charge.pk}
    return {}


@pytest.fixture
def municipality(db: None) -> None:
    call_command("demo", scale=0.01, force=True, stdout=StringIO())


def test_every_edit_page_refuses_a_save_from_a_stale_form(
    municipality: None, settings: Any
) -> None:
    from bosam.administration.tests.test_role_matrix import Route as MatrixRoute
    from bosam.administration.tests.test_role_matrix import _url

    settings.AXES_ENABLED = False
    problems: list[str] = []
    checked = 0
    for page in _edit_pages():
        kwargs = _sample_kwargs(page.name, page.params)
        if kwargs:
            url = reverse(page.name, kwargs=kwargs)
        else:
            converters = dict.fromkeys(page.params)
            url = _url(MatrixRoute(page.name, page.callback, converters))
        # given a person with the right to edit opens the form
        opened = None
        for user in users_who_may(page.callback):
            client = Client()
            client.force_login(user)
            response = client.get(url)
            if response.status_code == 200:
                opened = form_data(response.content.decode(), "_version")
                if opened is not None:
                    break
        if opened is None:
            problems.append(f"{page.name} ({url}): no form with a version found")
            continue
        resolved_kwargs = client.get(url).resolver_match.kwargs
        record: models.Model | None = page.callback.stale_edit_record(**resolved_kwargs)
        assert record is not None, page.name
        # when someone else saves the record meanwhile
        record.save()
        record.refresh_from_db()
        saved_by_other = record.updated_at  # type: ignore[attr-defined]
        # and the first person saves the form as it was opened
        response = client.post(url, opened)
        # then the save is refused with an explanation, and the other's version stands
        record.refresh_from_db()
        checked += 1
        if response.status_code != 200 or "spara igen om" not in (
            response.content.decode().lower()
        ):
            problems.append(f"{page.name}: stale save answered {response.status_code}")
        if record.updated_at != saved_by_other:  # type: ignore[attr-defined]
            problems.append(f"{page.name}: the stale save overwrote the record")
    assert not problems, "\n".join(problems)
    assert checked >= 15


def _household(org: Org, coordinator: User) -> Household:
    person = household_services.person_register(
        registered_by=coordinator,
        first_name="Ada",
        last_name="Berg",
        personal_number="19811228-9874",
    )
    return household_services.household_create(
        created_by=coordinator, unit=org.unit_a, applicant=person, phone="011-100 00"
    )


def _household_form(client: Client, household: Household) -> dict[str, list[str]]:
    response = client.get(
        reverse("households:household_edit", kwargs={"household_id": household.pk})
    )
    data = form_data(response.content.decode(), "_version")
    assert data is not None
    return data


def test_second_save_from_a_stale_household_form_shows_what_changed(
    org: Org, coordinator: User
) -> None:
    # given two coordinators open the same household's form
    household = _household(org, coordinator)
    url = reverse("households:household_edit", kwargs={"household_id": household.pk})
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(coordinator)
    mine, theirs = _household_form(first, household), _household_form(second, household)
    # when the first saves a new phone number
    mine["phone"] = ["070-111 22 33"]
    assert first.post(url, mine).status_code == 302
    # and the second saves a note from the form opened before
    theirs["notes"] = ["Ringer hellre på eftermiddagen"]
    response = second.post(url, theirs)
    # then the second save is refused, saying which field changed from what to what
    page = response.content.decode()
    assert response.status_code == 200
    assert STALE in page
    assert "Telefon: 011-100 00 → 070-111 22 33" in page
    household.refresh_from_db()
    assert household.phone == "070-111 22 33"
    assert household.notes == ""
    # and saving again from the form as shown now is a deliberate overwrite, which is allowed
    again = form_data(page, "_version")
    assert again is not None
    assert again["notes"] == ["Ringer hellre på eftermiddagen"]
    assert second.post(url, again).status_code == 302
    household.refresh_from_db()
    assert household.notes == "Ringer hellre på eftermiddagen"


def test_api_update_with_a_stale_etag_is_refused_with_409(org: Org, coordinator: User) -> None:
    # given a client read a household and got its ETag
    household = _household(org, coordinator)
    client = Client()
    client.force_login(coordinator)
    detail = client.get(f"/api/v1/households/households/{household.pk}/")
    etag = detail["ETag"]
    # when someone else changes the household
    household_services.household_update(household=household, updated_by=coordinator, notes="Ny")
    # and the client updates with the version it read
    response = client.post(
        f"/api/v1/households/households/{household.pk}/update/",
        {"notes": "Min ändring"},
        content_type="application/json",
        headers={"if-match": etag},
    )
    # then it is refused with 409 and a coded body naming the current version
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_version"
    assert (
        body["extra"]["current_version"]
        == client.get(f"/api/v1/households/households/{household.pk}/")["ETag"]
    )
    household.refresh_from_db()
    assert household.notes == "Ny"


def test_api_update_with_the_current_etag_or_none_is_saved(org: Org, coordinator: User) -> None:
    household = _household(org, coordinator)
    client = Client()
    client.force_login(coordinator)
    etag = client.get(f"/api/v1/households/households/{household.pk}/")["ETag"]
    url = f"/api/v1/households/households/{household.pk}/update/"
    response = client.post(
        url, {"notes": "Ett"}, content_type="application/json", headers={"if-match": etag}
    )
    assert response.status_code == 200
    assert response["ETag"] != etag
    response = client.post(url, {"notes": "Två"}, content_type="application/json")
    assert response.status_code == 200
    response = client.post(
        url, {"notes": "Tre"}, content_type="application/json", headers={"if-match": "nonsense"}
    )
    assert response.status_code == 412
    assert response.json()["code"] == "invalid_if_match"
    household.refresh_from_db()
    assert household.notes == "Två"


def test_every_api_update_answers_with_an_etag() -> None:
    updates = [
        r
        for r in routes()
        if r.name.endswith("_update") and "-api:" in r.name and r.name not in NOT_VERSIONED_API
    ]
    assert updates
    for route in updates:
        assert "with_etag" in _source_of(route.callback), route.name


def _source_of(callback: Any) -> str:
    import inspect

    cls = callback.cls  # some are made with type(): read the method that answers
    return "".join(
        inspect.getsource(getattr(cls, m)) for m in ("post", "patch", "put") if hasattr(cls, m)
    )


def test_a_household_update_from_a_stale_version_is_refused_in_the_service(
    org: Org, coordinator: User
) -> None:
    from bosam.core.concurrency import StaleUpdate, expect_version, expecting, record_key

    household: Household = _household(org, coordinator)
    read_version = str(int(household.updated_at.timestamp() * 1_000_000))
    household_services.household_update(household=household, updated_by=coordinator, notes="A")
    with expecting():
        expect_version(record_key(household), read_version)
        with pytest.raises(StaleUpdate):
            household_services.household_update(
                household=household, updated_by=coordinator, notes="B"
            )
    household.refresh_from_db()
    assert household.notes == "A"
