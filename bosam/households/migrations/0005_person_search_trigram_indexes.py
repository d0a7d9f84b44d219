"""Trigram indexes for the person search, on PostgreSQL only (noted at Person.Meta.indexes).

The search asks `UPPER(first_name) LIKE UPPER('%anna%')` (icontains) and
`personal_number LIKE '%19850312%'` (a birth date or the last four): a pattern with a leading
wildcard, which no B-tree serves, so every search read the whole register. A pg_trgm GIN index
finds the rows that contain the pattern's trigrams instead. The name indexes are on UPPER(...) so
they match the expression Django writes for icontains.

SQLite (development, tests) has neither pg_trgm nor GIN and keeps its scan: the operation does
nothing there, and the indexes are not in the model state, so no later table rebuild on SQLite
tries to create them. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner can
create it without superuser rights."""

from typing import Any

from django.db import migrations

INDEXES = {
    "person_first_name_trgm": "UPPER(first_name) gin_trgm_ops",
    "person_last_name_trgm": "UPPER(last_name) gin_trgm_ops",
    "person_number_trgm": "personal_number gin_trgm_ops",
}


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that other databases skip. (Not RunPython: bosam.testing.seed_catalogues re-runs
    every RunPython as data, without a schema editor.)"""

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)


class Migration(migrations.Migration):
    dependencies = [("households", "0004_person_registered_by_unit")]
    operations = [
        PostgreSQLOnly(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                *(
                    f"CREATE INDEX IF NOT EXISTS {name} ON households_person USING gin ({expr})"
                    for name, expr in INDEXES.items()
                ),
                # Statistics on the indexed expressions, so the planner can tell a rare name
                # from a common one before autovacuum gets round to it.
                "ANALYZE households_person",
            ],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        )
    ]
