"""Refuse to serve with an unsafe configuration: config/wsgi.py and config/asgi.py call this.

Runs the deploy checks tagged `bosam_start` (bosam.core.checks, bosam.audit.checks: an explicit
DATABASE_URL, PostgreSQL with the audit trail's triggers) and raises `ImproperlyConfigured` with
every error's message, so gunicorn's workers do not boot. A worker process (`manage.py
db_worker`) can call it the same way. Nothing is checked with DEBUG on.
"""

from django.core.checks import ERROR, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from bosam.core.checks import START


def refuse_unsafe_start() -> None:
    try:
        problems = [
            message
            for message in run_checks(tags=[START], include_deployment_checks=True)
            if message.level >= ERROR
        ]
    finally:
        # The checks may have connected; a forking server must not share that connection.
        connections.close_all()
    if problems:
        raise ImproperlyConfigured(
            "Bosam refuses to start:\n"
            + "\n".join(f"  {p.id}: {p.msg} {p.hint or ''}".rstrip() for p in problems)
        )
