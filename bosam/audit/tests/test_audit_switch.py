"""The audit trail's off switch exists only for the benchmark (bench/settings.py)."""

import pytest
from django.conf import settings

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_list, audit_record
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def test_production_settings_keep_the_audit_trail_on() -> None:
    assert settings.BOSAM_AUDIT_ENABLED is True


def test_a_view_and_a_listing_are_audited_when_on(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person(), HouseholdMember.Relation.APPLICANT))
    audit_record(actor=coordinator, action=AuditAction.VIEW, obj=household)
    audit_list(actor=coordinator, objects=[household])
    assert AuditEvent.objects.filter(object_id=str(household.pk)).count() == 2


def test_the_benchmarks_switch_writes_nothing(org, coordinator, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BOSAM_AUDIT_ENABLED = False
    household = make_household(org.unit_a, (make_person(), HouseholdMember.Relation.APPLICANT))
    audit_record(actor=coordinator, action=AuditAction.VIEW, obj=household)
    audit_list(actor=coordinator, objects=[household])
    assert not AuditEvent.objects.exists()
