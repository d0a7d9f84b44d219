import pytest
from django.db import DatabaseError, connection, transaction

from bosam.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _event() -> AuditEvent:
    return AuditEvent.objects.create(action=AuditAction.VIEW, object_type="households.person")


def test_the_model_refuses_to_change_an_event() -> None:
    event = _event()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()


def test_the_model_refuses_to_delete_an_event() -> None:
    with pytest.raises(PermissionError):
        _event().delete()


def test_bulk_update_and_delete_are_refused() -> None:
    _event()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(action=AuditAction.VIEW).delete()
    assert AuditEvent.objects.get().reason == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists only in PostgreSQL"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET reason = 'rewritten'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent",
        "TRUNCATE audit_auditevent_default",
    ],
)
def test_the_database_refuses_even_raw_sql(sql: str) -> None:
    _event()
    with transaction.atomic(), connection.cursor() as cursor:
        # as Bosam's own connections are: only the test settings' connections may empty the
        # table (the test runner's TRUNCATE between browser tests)
        cursor.execute("SET LOCAL bosam.allow_audit_truncate = off")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the new row's actor check
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(sql)
    assert AuditEvent.objects.get().reason == ""
