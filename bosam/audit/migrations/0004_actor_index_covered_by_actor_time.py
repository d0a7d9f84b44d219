"""Drop the single-column index on the actor: audit_actor_time (actor, -occurred_at) serves every
lookup by actor, and each index is written for every audit row (a list page writes a hundred).

Only the index is dropped. A plain AlterField would also drop and re-add the foreign key on
PostgreSQL, which re-checks every row of what is the largest table of an installation."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "audit_auditevent"


def _actor_indexes(schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, info in constraints.items()
        if info["index"] and info["columns"] == ["actor_id"] and not info["primary_key"]
    ]


def drop_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in _actor_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if not _actor_indexes(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name('audit_auditevent_actor_id_270bb4b7')} "
            f"ON {schema_editor.quote_name(TABLE)} ({schema_editor.quote_name('actor_id')})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_index_reads_outside_own_unit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="användare",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_index, restore_index)],
        ),
    ]
