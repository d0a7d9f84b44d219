"""Refuse TRUNCATE of the audit trail in PostgreSQL, like UPDATE and DELETE (0002).

TRUNCATE fires no row trigger, so it needs a statement trigger of its own. Only a connection
that sets `bosam.allow_audit_truncate=on` gets past it: the test settings' connections do, since
the test runner empties every table with TRUNCATE between browser tests; Bosam's own never do.
"""

from django.db import migrations, models

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION audit_event_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('bosam.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_no_truncate();
"""


def create_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_actor_index_covered_by_actor_time")]
    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Läst"),
                    ("list", "Listad"),
                    ("create", "Skapad"),
                    ("update", "Ändrad"),
                    ("delete", "Borttagen"),
                    ("merge", "Sammanslagen"),
                    ("export", "Exporterad"),
                    ("denied", "Nekad åtkomst"),
                    ("login", "Inloggning"),
                    ("login_failed", "Misslyckad inloggning"),
                    ("logout", "Utloggning"),
                    ("retention", "Gallrad"),
                ],
                max_length=20,
                verbose_name="händelse",
            ),
        ),
    ]
