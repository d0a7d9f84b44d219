from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Household, HouseholdMember, Intervention, Person
from bosam.households.services import intervention_record
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db
APPLICANT = HouseholdMember.Relation.APPLICANT
SIX_YEARS_AGO = timezone.now() - timedelta(days=6 * 365)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_household(org):  # type: ignore[no-untyped-def]
    with time_machine.travel(SIX_YEARS_AGO, tick=False):
        person = make_person("Gammal", "Post")
        return make_household(org.unit_a, (person, APPLICANT))


def test_a_dry_run_lists_but_deletes_nothing(old_household) -> None:  # type: ignore[no-untyped-def]
    output = _run()
    assert str(old_household.pk) in output
    assert "Torrkörning" in output
    assert Household.objects.filter(pk=old_household.pk).exists()


def test_apply_deletes_old_households_and_their_persons_and_keeps_audit(old_household) -> None:  # type: ignore[no-untyped-def]
    person = old_household.memberships.get().person
    AuditEvent.objects.create(action=AuditAction.VIEW, object_type="x", person_id=person.pk)
    _run("--apply")
    assert not Household.objects.filter(pk=old_household.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, person_id=person.pk).exists()


def test_recent_activity_in_a_household_keeps_it(old_household) -> None:  # type: ignore[no-untyped-def]
    HouseholdMember.objects.create(
        household=old_household,
        person=make_person("Ny", "Medlem"),
        relation=HouseholdMember.Relation.CHILD,
        start_date=timezone.localdate(),
    )
    _run("--apply")
    assert Household.objects.filter(pk=old_household.pk).exists()


def test_interventions_stay_in_the_statistics_without_the_household(
    old_household, coordinator
) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(SIX_YEARS_AGO, tick=False):
        intervention_record(
            household=old_household,
            type_code="payment_plan",
            performed_on=timezone.localdate(),
            performed_by=coordinator,
        )
    _run("--apply")
    intervention = Intervention.objects.get()
    assert intervention.household is None


def test_a_shorter_period_can_be_given(org) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(timezone.now() - timedelta(days=2 * 365), tick=False):
        household = make_household(org.unit_a, (make_person(), APPLICANT))
    assert str(household.pk) not in _run()
    assert str(household.pk) in _run("--years", "1")


@pytest.mark.parametrize("years", ["0", "-1"])
def test_a_period_of_zero_years_is_refused_not_ignored(old_household, years: str) -> None:  # type: ignore[no-untyped-def]
    # given a household past its retention period
    # when retention is asked to apply a period of no years
    with pytest.raises(CommandError, match="--years"):
        _run("--apply", "--years", years)
    # then nothing is deleted
    assert Household.objects.filter(pk=old_household.pk).exists()


def test_the_period_can_be_set_per_rule(settings, old_household) -> None:  # type: ignore[no-untyped-def]
    settings.BOSAM_RETENTION_YEARS_BY_RULE = {"households": 10}
    _run("--apply")
    assert Household.objects.filter(pk=old_household.pk).exists()


def test_a_person_in_a_kept_household_is_kept(org) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(SIX_YEARS_AGO, tick=False):
        person = make_person("Gammal", "Person")
    make_household(org.unit_a, (person, APPLICANT))
    _run("--apply")
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_record_another_module_still_needs_is_kept_and_named(monkeypatch, org) -> None:  # type: ignore[no-untyped-def]
    from django.db.models import ProtectedError

    from bosam.administration.management.commands import retention
    from bosam.core.retention import RetentionRule

    household = make_household(org.unit_a, (make_person(), APPLICANT))

    def refuse(record: object) -> None:
        raise ProtectedError("in use", {household})

    rule = RetentionRule(
        key="test", label="Test", due=lambda today, years: [household], delete=refuse
    )
    monkeypatch.setattr(retention, "all_rules", lambda: [rule])
    output = _run("--apply")
    assert f"behålls: households.Household {household.pk} används av households.Household" in output
    assert "raderade: 0" in output
