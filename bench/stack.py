"""The throwaway database, the demo city in it, and the production servers in front of it."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# One key for both servers: a session cookie from one must be valid on the other.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def create_database(name: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(db_name: str, *, audit: bool = True) -> dict[str, str]:
    """Production settings; only the loopback relaxations come from the environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(db_name),
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain http on loopback, no TLS proxy in front
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        BOSAM_BENCH_AUDIT="true" if audit else "false",
        LOG_LEVEL="ERROR",
    )
    return env


@dataclass
class DemoTiming:
    scale: float
    seconds: float
    migrate_seconds: float
    per_app: dict[str, float] = field(default_factory=dict)


def migrate(env: dict[str, str]) -> None:
    """Bring a kept database up to the code's migrations (a run with --reuse-db on newer code)."""
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def build_demo(db_name: str, scale: float, env: dict[str, str]) -> DemoTiming:
    """Migrate, then `manage.py demo --scale N --force`; both timed."""
    create_database(db_name)
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    migrated = time.monotonic()
    say(f"Building the demo city at scale {scale:g} …")
    result = subprocess.run(
        [PYTHON, "manage.py", "demo", "--scale", f"{scale:g}", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    finished = time.monotonic()
    for line in result.stdout.splitlines():
        if line.startswith("  ") and line.endswith(" s"):
            say(f"  demo {line.strip()}")  # per app, also kept in the figures
    per_app = {
        m.group(1): float(m.group(2))
        for m in re.finditer(r"^\s+(\w+): ([\d.]+) s$", result.stdout, re.MULTILINE)
    }
    with psycopg.connect(database_url(db_name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # as autovacuum would soon after a load this size
    return DemoTiming(
        scale=scale,
        seconds=finished - migrated,
        migrate_seconds=migrated - started,
        per_app=per_app,
    )


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def collectstatic(env: dict[str, str]) -> None:
    """As `./dev serve` does; skipped when the manifest is newer than every static source of the
    project (compressing the API docs' files takes minutes on a busy machine)."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    sources = [p for p in (ROOT / "bosam").glob("*/static/**/*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def start_server(port: int, env: dict[str, str], workers: int) -> Server:
    """gunicorn as `./dev serve` runs it (sync workers), without the access log's disk writes.
    Its own log (e.g. the 403s met while finding pages) goes to var/bench/server-<port>.log."""
    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = (log_dir / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "config" / "gunicorn.conf.py"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "256",
            # ./dev serve keeps gunicorn's 30 s; a worker that imports WeasyPrint on a machine
            # this busy can take longer than that to boot and would be killed in a loop.
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(port=port, process=process)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} stopped while starting")
        try:
            with urllib.request.urlopen(f"{server.base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except urllib.error.HTTPError:
            return server  # it answers; 503 only says no worker runs beside the bench's server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"gunicorn on port {port} did not answer /healthz within 180 s")
