"""The first install: one command makes the first system administrator, once; and the README's
production section, followed on an empty PostgreSQL database, ends with that administrator signed in.
"""

import http.cookiejar
import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent

ROOT = Path(__file__).resolve().parents[3]
ADMIN_ENV = {
    "BOSAM_ADMIN_USERNAME": "forsta.admin",
    "BOSAM_ADMIN_PASSWORD": "Ett-langt-losenord-2026",
    "BOSAM_ADMIN_EMAIL": "admin@kommun.example",
    "BOSAM_ADMIN_FIRST_NAME": "Första",
    "BOSAM_ADMIN_LAST_NAME": "Förvaltare",
}


@pytest.fixture
def admin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ADMIN_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.mark.django_db
def test_the_first_administrator_gets_the_system_administrators_role(
    admin_environment: None,
) -> None:
    call_command("create_first_admin", "--no-input")

    admin = User.objects.get(username="forsta.admin")
    assert admin.role == Role.SYSTEM_ADMINISTRATOR
    assert admin.check_password(ADMIN_ENV["BOSAM_ADMIN_PASSWORD"])
    assert not admin.is_superuser  # a Bosam role, not Django's all-powerful flag
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(admin.pk)).exists()


@pytest.mark.django_db
def test_a_second_run_is_refused_and_says_where_administrators_are_made(
    admin_environment: None,
) -> None:
    call_command("create_first_admin", "--no-input")

    with pytest.raises(CommandError, match="Det finns redan en systemförvaltare"):
        call_command("create_first_admin", "--no-input")
    assert User.objects.filter(role=Role.SYSTEM_ADMINISTRATOR).count() == 1


@pytest.mark.django_db
def test_without_input_the_username_and_password_must_be_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BOSAM_ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("BOSAM_ADMIN_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="BOSAM_ADMIN_USERNAME och BOSAM_ADMIN_PASSWORD"):
        call_command("create_first_admin", "--no-input")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_password_may_come_from_a_file(
    admin_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "admin-password"
    secret.write_text("Ett-annat-langt-losenord-9\n", encoding="utf-8")
    monkeypatch.delenv("BOSAM_ADMIN_PASSWORD")
    monkeypatch.setenv("BOSAM_ADMIN_PASSWORD_FILE", str(secret))

    call_command("create_first_admin", "--no-input")

    assert User.objects.get().check_password("Ett-annat-langt-losenord-9")


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_no_user_is_made(
    admin_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOSAM_ADMIN_PASSWORD", "123")

    with pytest.raises(CommandError):
        call_command("create_first_admin", "--no-input")
    assert not User.objects.exists()


def production_commands() -> list[str]:
    """The commands of the README's production section, in order (the block that makes the
    first administrator), without the `export` lines: the test supplies its own environment."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    production = readme.split("## Production", 1)[1]
    blocks = re.findall(r"```text\n(.*?)```", production, flags=re.DOTALL)
    block = next(b for b in blocks if "create_first_admin" in b)
    commands = []
    for line in block.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command and not command.startswith("export "):
            commands.append(command)
    return commands


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stdout.read().decode()}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds} s")


@pytest.fixture
def empty_postgres_database() -> Iterator[str]:
    if connection.vendor != "postgresql":
        pytest.skip("the production install is tried on PostgreSQL (CI's PostgreSQL run)")
    settings = connection.settings_dict
    name = f"bosam_first_install_{os.getpid()}"
    dsn = f"host={settings['HOST']} port={settings['PORT']} user={settings['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_readmes_production_section_ends_with_the_first_administrator_signed_in(
    empty_postgres_database: str, tmp_path: Path
) -> None:
    port = free_port()
    environment = {
        **os.environ,
        **ADMIN_ENV,
        "DEBUG": "false",
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-the-deploy-check-0123456789",
        "DATABASE_URL": empty_postgres_database,
        "ALLOWED_HOSTS": "127.0.0.1",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        # Plain http on the loopback: the TLS proxy's part is not what is tried here.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    commands = production_commands()
    # Everything before the web server is run in order; the web server is started and signed in
    # to. The worker that follows it in the README is not needed to sign in.
    serve = commands.index("./dev serve")
    for command in commands[:serve]:
        if "create_first_admin" in command and "--no-input" not in command:
            command += " --no-input"
        done = subprocess.run(
            shlex.split(command), cwd=ROOT, env=environment, capture_output=True, timeout=600
        )
        assert done.returncode == 0, f"{command}: {done.stderr.decode()}"

    server = subprocess.Popen(
        shlex.split(commands[serve]),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/konto/logga-in/", server)
        cookies = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        login_page = browser.open(f"{base}/konto/logga-in/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
        assert token is not None
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": ADMIN_ENV["BOSAM_ADMIN_USERNAME"],
                "password": ADMIN_ENV["BOSAM_ADMIN_PASSWORD"],
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/konto/logga-in/", data=form, headers={"Referer": f"{base}/konto/logga-in/"}
        )
        start_page = browser.open(request)
        assert not start_page.url.endswith("/konto/logga-in/"), (
            "the administrator was not signed in"
        )
        assert "Första Förvaltare" in start_page.read().decode()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
