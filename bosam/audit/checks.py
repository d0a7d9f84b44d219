"""The audit trail's database protection: a deploy check, also run when the web server starts.

The append-only triggers (UPDATE, DELETE, TRUNCATE refused) exist only in PostgreSQL; without them
a bug or a shell session could rewrite the trail. With DEBUG off, another database, or a
PostgreSQL database whose triggers are missing (migrations not applied, or dropped by hand), is
an error.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.db import DatabaseError, connection

from bosam.core.checks import START

TRIGGERS = {
    # trigger name -> what it refuses
    "audit_event_no_update": "UPDATE and DELETE",
    "audit_event_no_truncate": "TRUNCATE",
}


def missing_triggers() -> list[str]:
    """The append-only triggers the audit table lacks (all of them if it does not exist)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relname = 'audit_auditevent' AND t.tgenabled <> 'D'
            """
        )
        present = {row[0] for row in cursor.fetchall()}
    return sorted(set(TRIGGERS) - present)


@register(START, deploy=True)
def audit_trail_protected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    if connection.vendor != "postgresql":
        return [
            Error(
                f"The database is {connection.vendor}, which lacks the audit trail's "
                "append-only triggers; with DEBUG off Bosam runs on PostgreSQL only.",
                hint="Set DATABASE_URL=postgres://user@host:5432/name.",
                id="bosam.E002",
            )
        ]
    try:
        missing = missing_triggers()
    except DatabaseError as exc:
        return [
            Error(
                f"The audit trail's triggers cannot be checked: {exc.__class__.__name__}.",
                hint="Is the database reachable, and are the migrations applied?",
                id="bosam.E003",
            )
        ]
    if missing:
        refused = ", ".join(TRIGGERS[name] for name in missing)
        return [
            Error(
                f"The audit trail's append-only triggers are missing ({', '.join(missing)}): "
                f"{refused} of audit events would not be refused.",
                hint="Run `manage.py migrate` (migrations audit/0002, 0005, 0006).",
                id="bosam.E003",
            )
        ]
    return []
