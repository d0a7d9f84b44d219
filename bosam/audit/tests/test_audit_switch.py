"""The audit trail's off switch exists only for the benchmark (bench/settings.py)."""

import pytest
from django.conf import settings

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_list, audit_record

pytestmark = pytest.mark.django_db


def test_production_settings_keep_the_audit_trail_on() -> None:
    assert settings.BOSAM_AUDIT_ENABLED is True


def test_a_view_and_a_listing_are_audited_when_on(coordinator, manager) -> None:  # type: ignore[no-untyped-def]
    audit_record(actor=coordinator, action=AuditAction.VIEW, obj=manager)
    audit_list(actor=coordinator, objects=[manager])
    assert AuditEvent.objects.filter(object_id=str(manager.pk)).count() == 2


def test_the_benchmarks_switch_writes_nothing(coordinator, manager, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BOSAM_AUDIT_ENABLED = False
    audit_record(actor=coordinator, action=AuditAction.VIEW, obj=manager)
    audit_list(actor=coordinator, objects=[manager])
    assert not AuditEvent.objects.exists()
