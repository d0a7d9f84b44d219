"""Issue 21, item 12: a page that shows people's names writes audit rows for them. The new
request form's household select named every household's members and wrote no audit row."""

import pytest
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def test_the_new_request_forms_household_select_audits_every_person_it_names(
    client, org, coordinator
) -> None:  # type: ignore[no-untyped-def]
    # given households in two units
    anna = make_person("Anna", "Valbar")
    bo = make_person("Bo", "Valbar")
    make_household(org.unit_a, (anna, HouseholdMember.Relation.APPLICANT))
    make_household(org.unit_b, (bo, HouseholdMember.Relation.APPLICANT))
    client.force_login(coordinator)
    # when the coordinator opens the new request form
    page = client.get(reverse("matching:request_create")).content.decode()
    # then both are named in the household select, and both reads are in the audit trail
    assert "Anna Valbar" in page
    assert "Bo Valbar" in page
    listed = set(
        AuditEvent.objects.filter(actor=coordinator, action=AuditAction.LIST).values_list(
            "person_id", flat=True
        )
    )
    assert {anna.pk, bo.pk} <= listed


def test_a_social_workers_request_form_names_and_audits_only_own_units_households(
    client, org, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    own = make_person("Egen", "Klient")
    other = make_person("Annan", "Klient")
    make_household(org.unit_a, (own, HouseholdMember.Relation.APPLICANT))
    make_household(org.unit_b, (other, HouseholdMember.Relation.APPLICANT))
    client.force_login(social_worker_a)
    page = client.get(reverse("matching:request_create")).content.decode()
    assert "Egen Klient" in page
    assert "Annan Klient" not in page
    audited = set(
        AuditEvent.objects.filter(actor=social_worker_a).values_list("person_id", flat=True)
    )
    assert own.pk in audited
    assert other.pk not in audited


@pytest.mark.parametrize("page", ["households:household_create", "households:person_merge"])
def test_a_form_about_a_person_audits_the_read_of_their_name(client, coordinator, page) -> None:  # type: ignore[no-untyped-def]
    # given
    person = make_person("Namn", "Visas")
    client.force_login(coordinator)
    # when the coordinator opens a form that names the person
    response = client.get(reverse(page, args=[person.pk])).content.decode()
    # then the name is shown and the read is in the audit trail
    assert "Namn Visas" in response
    assert AuditEvent.objects.filter(
        actor=coordinator, action=AuditAction.VIEW, person_id=person.pk
    ).exists()
