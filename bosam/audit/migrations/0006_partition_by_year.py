"""PostgreSQL: partition the audit trail by year of `occurred_at`, in place.

The trail only grows, and its retention (bosam.audit.retention) removes whole calendar years: with
one partition per year that is a DROP of the year's table, instantly and without touching the
rows that stay (rows cannot be deleted one by one: the append-only trigger refuses).

An existing installation's table is rebuilt: renamed aside, a partitioned table of the same
columns created with a partition for every year it holds (and this year and next), the rows
copied, the old table dropped, then its indexes, foreign key and the append-only triggers made
again under their old names. The primary key becomes (id, occurred_at), as PostgreSQL requires
the partition key in it; ids still come from one sequence, so each stays unique. A default
partition catches a row whose year has no partition yet (the retention job makes next year's
ahead). Reversible: going back copies the rows into one plain table again.

SQLite (development) keeps one table. Self-contained on purpose: a migration never imports bosam.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

TABLE = "audit_auditevent"
ASIDE = "audit_auditevent_rebuild"
SEQUENCE = "audit_auditevent_id_seq"
ZONE = ZoneInfo("Europe/Stockholm")

APPEND_ONLY = f"""
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();
"""


def _year_start(year: int) -> str:
    return datetime(year, 1, 1, tzinfo=ZONE).isoformat()


def _definitions(cursor, table):  # type: ignore[no-untyped-def]
    """The table's own indexes (not the primary key's) and foreign keys, as SQL to recreate."""
    cursor.execute(
        """
        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
        """,
        [table],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype = 'f'
        """,
        [table],
    )
    foreign_keys = [
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}"
        for name, definition in cursor.fetchall()
    ]
    return indexes, foreign_keys


def _years(cursor, table):  # type: ignore[no-untyped-def]
    cursor.execute(
        f"SELECT DISTINCT extract(year FROM occurred_at AT TIME ZONE 'Europe/Stockholm')::int "
        f"FROM {table}"
    )
    this_year = datetime.now(ZONE).year
    return sorted({row[0] for row in cursor.fetchall()} | {this_year, this_year + 1})


def partition(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Deferred foreign-key checks still pending would block the DROP of the old table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        indexes, foreign_keys = _definitions(cursor, TABLE)
        years = _years(cursor, TABLE)
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}")
        last_id = cursor.fetchone()[0]
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {ASIDE}")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {ASIDE}) PARTITION BY RANGE (occurred_at)")
        for year in years:
            cursor.execute(
                f"CREATE TABLE {TABLE}_y{year} PARTITION OF {TABLE} "
                f"FOR VALUES FROM ('{_year_start(year)}') TO ('{_year_start(year + 1)}')"
            )
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {ASIDE}")
        cursor.execute(f"DROP TABLE {ASIDE}")  # its identity sequence, indexes and triggers too
        cursor.execute(f"CREATE SEQUENCE {SEQUENCE} OWNED BY {TABLE}.id")
        cursor.execute(f"SELECT setval('{SEQUENCE}', %s, %s)", [max(last_id, 1), last_id > 0])
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{SEQUENCE}')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id, occurred_at)")
        for statement in [*indexes, *foreign_keys]:
            cursor.execute(statement)
        cursor.execute(APPEND_ONLY)
        for year in years:
            cursor.execute(_truncate_trigger(f"{TABLE}_y{year}"))
        cursor.execute(_truncate_trigger(f"{TABLE}_default"))


def _truncate_trigger(table: str) -> str:
    # A statement trigger on the partitioned table does not reach a TRUNCATE of one partition.
    return (
        f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate()"
    )


def unpartition(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Deferred foreign-key checks still pending would block the DROP of the old table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        indexes, foreign_keys = _definitions(cursor, TABLE)
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}")
        last_id = cursor.fetchone()[0]
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {ASIDE}")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {ASIDE})")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {ASIDE}")
        cursor.execute(f"DROP TABLE {ASIDE} CASCADE")  # the partitions and the sequence too
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), %s, %s)",
            [max(last_id, 1), last_id > 0],
        )
        cursor.execute(f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id)")
        for statement in [*indexes, *foreign_keys]:
            cursor.execute(statement.replace(" ON ONLY ", " ON "))
        cursor.execute(APPEND_ONLY)


class Migration(migrations.Migration):
    # One transaction: a failure halfway leaves the old table as it was.
    atomic = True
    dependencies = [("audit", "0005_refuse_truncate")]
    operations = [migrations.RunPython(partition, unpartition)]
