"""Issue 21, item 1: no form that takes a personnummer, an organisation number or a record
number reveals or attaches a record outside the user's scope.

The test walks every Django form in Bosam with such a field (found by field name, so a new form
fails `test_every_form_that_takes_a_number_is_probed` until a probe is written for it) and
submits the number of a record the user may not see: another unit's client, a landlord and a
head lease of the register. Whatever the form answers (refusal, error, or a page), the record
is not named in it, nothing new points at it, and the audit trail holds at most a refusal."""

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django import forms
from django.db import models
from django.urls import reverse

import bosam
from bosam.accounts.models import User
from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.properties.models import HeadLease, Landlord
from bosam.properties.tests.factories import make_apartment, make_head_lease, make_landlord

pytestmark = pytest.mark.django_db
NUMBER_FIELD = re.compile(r"number|orgnr|reference|lease|^q$")


@dataclass
class World:
    secret: Person  # unit A's client
    landlord: Landlord
    lease: HeadLease
    own_household: Household  # the acting user's unit's household (unit B)
    own_person: Person


def _number_forms() -> set[str]:
    found = set()
    for module in pkgutil.iter_modules(bosam.__path__):
        try:
            forms_module = importlib.import_module(f"bosam.{module.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(forms_module, inspect.isclass):
            if not (issubclass(cls, forms.BaseForm) and cls.__module__ == forms_module.__name__):
                continue
            if any(NUMBER_FIELD.search(field) for field in cls.base_fields):  # type: ignore[attr-defined]
                found.add(f"{module.name}.{name}")
    return found


Send = Callable[[Any, World], Any]


def _get(
    name: str, args: Callable[[World], list[Any]], data: Callable[[World], dict[str, Any]]
) -> Send:
    return lambda client, w: client.get(reverse(name, args=args(w)), data(w), follow=True)


def _post(
    name: str, args: Callable[[World], list[Any]], data: Callable[[World], dict[str, Any]]
) -> Send:
    return lambda client, w: client.post(reverse(name, args=args(w)), data(w), follow=True)


def _none(w: World) -> list[Any]:
    return []


def _pnr(w: World) -> str:
    return w.secret.formatted_number


def _person_fields(w: World) -> dict[str, Any]:
    return {"personal_number": _pnr(w), "first_name": "Ny", "last_name": "Person"}


NOTIFICATION = {
    "source": "landlord",
    "stage": "notice",
    "cause": "rent_arrears",
    "received_on": "2025-01-10",
    "street_address": "Storgatan 1",
}

PROBES: dict[str, list[Send]] = {
    "administration.AuditFollowUpForm": [
        _get("administration:audit_follow_up", _none, lambda w: {"personal_number": _pnr(w)})
    ],
    "administration.UserFilterForm": [
        _get("administration:user_list", _none, lambda w: {"q": _pnr(w)})
    ],
    "advice.CaseFilterForm": [_get("advice:case_list", _none, lambda w: {"reference": "R-1"})],
    "advice.IntakeForm": [
        _get("advice:person_lookup", _none, lambda w: {"personal_number": _pnr(w)}),
        _post("advice:case_create", _none, lambda w: {"personal_number": _pnr(w)}),
    ],
    "households.MemberAddForm": [
        _post(
            "households:member_add",
            lambda w: [w.own_household.pk],
            lambda w: {**_person_fields(w), "relation": "partner"},
        )
    ],
    "households.MergeForm": [
        _post(
            "households:person_merge",
            lambda w: [w.own_person.pk],
            lambda w: {"duplicate_number": _pnr(w), "reason": "Samma person"},
        ),
        _post(
            "households:person_merge",
            lambda w: [w.own_person.pk],
            lambda w: {"duplicate_number": str(w.secret.pk), "reason": "Samma person"},
        ),
    ],
    "households.PersonForm": [
        _post("households:person_create", _none, _person_fields),
        _get("households:person_create", _none, lambda w: {"pnr": _pnr(w)}),
        _post("households:person_edit", lambda w: [w.own_person.pk], _person_fields),
    ],
    "matching.OfferMakeForm": [
        _post(
            "matching:offer_make",
            _none,
            lambda w: {"request": "00000000-0000-0000-0000-000000000000", "head_lease": w.lease.pk},
        )
    ],
    "matching.WhyNotForm": [
        _get(
            "matching:why_not",
            lambda w: ["00000000-0000-0000-0000-000000000000"],
            lambda w: {"lease": w.lease.number},
        )
    ],
    "prevention.NotificationForm": [
        _post(
            "prevention:notification_create",
            _none,
            lambda w: {
                **NOTIFICATION,
                "personal_number": _pnr(w),
                "co_tenant_personal_number": _pnr(w),
                "landlord_org_number": w.landlord.org_number,
            },
        )
    ],
    "properties.ApartmentForm": [
        _post(
            "properties:apartment_create",
            _none,
            lambda w: {"landlord": w.landlord.pk, "landlord_object_number": "OBJ-1"},
        )
    ],
    "properties.HeadLeaseForm": [
        _post(
            "properties:head_lease_create",
            lambda w: [w.lease.apartment_id],
            lambda w: {"number": w.lease.number},
        )
    ],
    "properties.LandlordForm": [
        _post(
            "properties:landlord_create",
            _none,
            lambda w: {"name": "Ny", "org_number": w.landlord.org_number},
        )
    ],
    "tenancies.SubletFilterForm": [_get("tenancies:sublet_list", _none, lambda w: {"q": _pnr(w)})],
    "tenancies.SubletForm": [
        _post(
            "tenancies:sublet_create",
            _none,
            lambda w: {"personal_number": _pnr(w), "head_lease": w.lease.pk},
        )
    ],
}


def _references(obj: models.Model) -> int:
    """How many records point at this one."""
    total = 0
    for rel in obj._meta.related_objects:
        if rel.many_to_many or rel.related_model is None:
            continue
        manager = rel.related_model._default_manager  # type: ignore[union-attr]
        total += manager.filter(**{rel.field.name: obj}).count()
    return total


@pytest.fixture
def world(org) -> World:  # type: ignore[no-untyped-def]
    secret = make_person("Sekretess", "Klientsson", date(1980, 2, 2))
    make_household(org.unit_a, (secret, HouseholdMember.Relation.APPLICANT))
    own_person = make_person("Egen", "Sökande", date(1990, 3, 3))
    own_household = make_household(org.unit_b, (own_person, HouseholdMember.Relation.APPLICANT))
    Person.objects.filter(pk=own_person.pk).update(registered_by_unit=org.unit_b)
    landlord = make_landlord("Hemlighållna Fastigheter AB")
    lease = make_head_lease(make_apartment(landlord), org.committee, date(2020, 1, 1))
    return World(secret, landlord, lease, own_household, own_person)


def test_every_form_that_takes_a_number_is_probed() -> None:
    # given every form with a personnummer, organisation number or record number field
    found = _number_forms()
    # then each has a probe below (write one for a new form: what does it do with a number?)
    assert found == set(PROBES)


PROBE_CASES = [(form, i) for form, sends in PROBES.items() for i in range(len(sends))]


@pytest.mark.parametrize("persona", ["social_worker_b", "finance", "committee_reader"])
@pytest.mark.parametrize(("form", "index"), PROBE_CASES, ids=[f"{f}-{i}" for f, i in PROBE_CASES])
def test_no_form_reveals_or_attaches_a_record_outside_the_users_scope(
    request, client, world, persona, form, index
) -> None:  # type: ignore[no-untyped-def]
    # given a user who may not see unit A's client (nor, without the register, its landlords)
    user: User = request.getfixturevalue(persona)
    client.force_login(user)
    before = (_references(world.secret), _references(world.landlord), _references(world.lease))
    # when the user submits the record's number on the form
    response = PROBES[form][index](client, world)
    # then the form answers without naming the client, and nothing new points at the client
    assert response.status_code < 500
    page = response.content.decode()
    assert "Klientsson" not in page
    assert "Sekretess" not in page
    after = (_references(world.secret), _references(world.landlord), _references(world.lease))
    assert after[0] == before[0]
    assert Person.objects.filter(personal_number=world.secret.personal_number).count() == 1
    # nor the register's records, unless the user may see the register
    if not user_can(user, Capability.REGISTER_VIEW):
        assert "Hemlighållna" not in page
        assert after == before
    # and the audit trail holds nothing about the client for this user but a refusal
    actions = set(
        AuditEvent.objects.filter(actor=user, person_id=world.secret.pk).values_list(
            "action", flat=True
        )
    )
    assert actions <= {AuditAction.DENIED}
