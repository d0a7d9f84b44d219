"""With DEBUG off Bosam refuses a configuration that would quietly run unsafe: no explicit
database, a database without the audit trail's protection, or a wrong environment value."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bosam.audit.checks import audit_trail_protected
from bosam.core.checks import database_url_explicit

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
    "DATABASE_URL": "postgres://bosam@127.0.0.1:5432/bosam",
}


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    clean = {**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    clean = {k: v for k, v in clean.items() if v != "<unset>"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.nodb
def test_without_database_url_the_web_server_refuses_to_start() -> None:
    # given production values but no DATABASE_URL
    # when the web server loads Bosam
    result = _python("import config.wsgi", **{**PRODUCTION, "DATABASE_URL": "<unset>"})
    # then it stops, saying why
    assert result.returncode != 0
    assert "bosam.E001" in result.stderr
    assert "DATABASE_URL is not set" in result.stderr


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = f"from django.core.management import execute_from_command_line; execute_from_command_line(['manage.py', *{list(args)!r}])"
    return _python(code, **env)


@pytest.mark.nodb
def test_the_deploy_check_names_the_missing_database_url() -> None:
    result = _manage("check", "--deploy", **{**PRODUCTION, "DATABASE_URL": "<unset>"})
    assert result.returncode != 0
    assert "bosam.E001" in result.stderr
    assert "bosam.E002" in result.stderr  # and a database without the audit trail's triggers


@pytest.mark.nodb
def test_without_database_url_migrate_writes_nothing_and_refuses() -> None:
    result = _manage("migrate", **{**PRODUCTION, "DATABASE_URL": "<unset>"})
    assert result.returncode != 0
    assert "bosam.E001" in result.stderr


@pytest.mark.nodb
@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "ja"),
        ("AXES_FAILURE_LIMIT", "många"),
        ("AXES_FAILURE_LIMIT", "0"),
        ("SESSION_TIMEOUT_MINUTES", "-5"),
        ("DATABASE_URL", "mysql://bosam@db/bosam"),
        ("CSRF_TRUSTED_ORIGINS", "bosam.kommun.se"),
        ("TRUSTED_PROXIES", "proxy.kommun.se"),
        ("TRUSTED_PROXY_COUNT", "one"),
        ("LOG_LEVEL", "LOUD"),
        ("LOG_FORMAT", "xml"),
        ("MEDIA_ROOT", "var/media"),
        ("BOSAM_RETENTION_YEARS_BY_RULE", "households"),
        ("BOSAM_RETENTION_YEARS_BY_RULE", "households=0"),
        ("BOSAM_AUDIT_RETENTION_YEARS", "0"),
        ("SECRET_KEY_FILE", "/nonexistent/secret"),
    ],
)
def test_a_wrong_environment_value_stops_the_start_naming_the_variable(
    variable: str, value: str
) -> None:
    result = _python("import config.settings", **{**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


@pytest.mark.nodb
def test_valid_production_values_load() -> None:
    result = _python("import config.settings", **PRODUCTION, TRUSTED_PROXIES="10.0.0.0/24")
    assert result.returncode == 0, result.stderr


@pytest.mark.nodb
def test_the_database_check_passes_with_an_explicit_url_or_in_development(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    settings.BOSAM_DATABASE_URL_SET = True
    assert database_url_explicit() == []
    settings.BOSAM_DATABASE_URL_SET = False
    assert [m.id for m in database_url_explicit()] == ["bosam.E001"]
    settings.DEBUG = True
    assert database_url_explicit() == []


@pytest.mark.django_db
def test_the_audit_trails_protection_is_checked_in_the_database(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    if connection.vendor != "postgresql":
        # SQLite has no triggers to protect the trail: refused outright
        assert [m.id for m in audit_trail_protected()] == ["bosam.E002"]
        return
    # given a migrated PostgreSQL database, the check passes
    assert audit_trail_protected() == []
    # when someone drops the TRUNCATE trigger (rolled back with the test's transaction)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_event_no_truncate ON audit_auditevent")
    # then the deploy check and the start refuse
    messages = audit_trail_protected()
    assert [m.id for m in messages] == ["bosam.E003"]
    assert "TRUNCATE" in messages[0].msg
