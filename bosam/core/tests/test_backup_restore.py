"""The backup drill of docs/operations.md, in CI's PostgreSQL run: a demo municipality is dumped
with pg_dump, restored with pg_restore into a new database, and the copy holds the same rows."""

import os
import shutil
import subprocess
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL backup"),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs PostgreSQL's client tools"),
    pytest.mark.django_db(transaction=True),  # pg_dump sees only committed rows
]


def _client_env(settings_db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PGHOST=str(settings_db.get("HOST") or "127.0.0.1"),
        PGPORT=str(settings_db.get("PORT") or 5432),
        PGUSER=str(settings_db.get("USER") or "postgres"),
    )
    if settings_db.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_db["PASSWORD"])
    return env


def _snapshot(cursor: Any) -> tuple[dict[str, int], tuple[Any, ...]]:
    """Row count of every table (each partition of the audit trail too) and the last event."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    cursor.execute(
        "SELECT id, occurred_at, actor_username, action, object_type, object_id, person_id "
        "FROM audit_auditevent ORDER BY id DESC LIMIT 1"
    )
    return counts, tuple(cursor.fetchone())


def test_a_dumped_demo_municipality_restores_into_a_new_database_row_for_row() -> None:
    # given a small demo municipality, its history in the audit trail
    call_command("demo", scale=0.01, force=True, stdout=StringIO())
    db = connection.settings_dict
    env = _client_env(db)
    source = connection.settings_dict["NAME"]
    copy = f"{source}_restored"
    with connection.cursor() as cursor:
        original = _snapshot(cursor)
    assert original[0]["audit_auditevent_default"] == 0
    assert sum(original[0].values()) > 1000
    # when it is backed up with pg_dump and restored into a new database, as docs/operations.md says
    dump = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--dbname", source],
        env=env,
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout
    subprocess.run(["dropdb", "--if-exists", copy], env=env, check=True, timeout=60)
    subprocess.run(["createdb", copy], env=env, check=True, timeout=60)
    try:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                copy,
            ],
            input=dump,
            env=env,
            capture_output=True,
            check=True,
            timeout=600,
        )
        # then every table holds as many rows, and the audit trail ends with the same event
        import psycopg

        conninfo = " ".join(
            f"{key}={env[var]}"
            for key, var in (
                ("host", "PGHOST"),
                ("port", "PGPORT"),
                ("user", "PGUSER"),
                ("password", "PGPASSWORD"),
            )
            if env.get(var)
        )
        with psycopg.connect(f"{conninfo} dbname={copy}") as restored:
            with restored.cursor() as cursor:
                assert _snapshot(cursor) == original
                # and the restored trail is still append-only
                cursor.execute(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal ORDER BY 1"
                )
                assert [r[0] for r in cursor.fetchall()] == [
                    "audit_event_no_truncate",
                    "audit_event_no_update",
                ]
    finally:
        subprocess.run(["dropdb", "--if-exists", copy], env=env, check=False, timeout=60)
