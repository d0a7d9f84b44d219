"""The real worker (`manage.py worker`, django-tasks-db) beside a real web server, as in
production: a PDF started on the web survives the web process being killed."""

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings",
        BOSAM_SCHEDULE_INTERVAL_SECONDS="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_until_answering(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web server stopped while starting"
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # 503 is an answer
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the web server did not answer")


def _job_status(database: Path, job_id: str) -> tuple[str, int]:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT status, length(pdf) FROM reporting_reportjob WHERE id = ?",
            (job_id.replace("-", ""),),
        ).fetchone()
    return (row[0], row[1] or 0) if row else ("missing", 0)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_pdf_started_on_the_web_is_finished_by_the_worker_after_the_web_process_is_killed(
    tmp_path: Path,
) -> None:
    # given a migrated database with a coordinator, a web server and the worker
    database = tmp_path / "bosam.sqlite3"
    env = _env(database)
    _manage(env, "migrate", "--verbosity", "0")
    _manage(
        env,
        "shell",
        "-c",
        "from bosam.accounts.models import User; "
        "User.objects.create_user('samordnare', password='lösen-123-abc', "
        "role='housing_coordinator')",
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    web = _start(env, "runserver", f"127.0.0.1:{port}", "--noreload")
    worker = _start(env, "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")
    try:
        _wait_until_answering(base, web)
        cookies = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        login = opener.open(f"{base}/konto/logga-in/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
        assert token is not None
        form = {"username": "samordnare", "password": "lösen-123-abc"}
        opener.open(
            f"{base}/konto/logga-in/",
            urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token.group(1)}).encode(),
        )
        csrf = next(c.value or "" for c in cookies if c.name == "csrftoken")
        year = time.localtime().tm_year - 1
        # when the coordinator starts a PDF on the web
        started = opener.open(
            urllib.request.Request(
                f"{base}/reporting/{year}/pdf/",
                data=b"",
                headers={"X-CSRFToken": csrf, "Referer": f"{base}/reporting/{year}/"},
            )
        )
        match = re.search(r"/reporting/jobb/([0-9a-f-]{36})/", started.geturl())
        assert match is not None, started.geturl()
        job_id = match.group(1)
        # and the web process is killed at once, as a deploy or a crash would
        os.killpg(web.pid, signal.SIGKILL)
        web.wait()
        # then the worker finishes the PDF
        deadline = time.monotonic() + 120
        status, size = _job_status(database, job_id)
        while status != "done" and time.monotonic() < deadline:
            assert status != "failed", "the PDF job failed"
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.5)
            status, size = _job_status(database, job_id)
        assert status == "done"
        assert size > 1000
        # and the worker reported its sign of life and ran the schedule
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT count(*) FROM core_workerheartbeat").fetchone()[0] == 1
            assert db.execute("SELECT count(*) FROM scheduling_scheduledrun").fetchone()[0] >= 1
    finally:
        _stop(web)
        _stop(worker)


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
