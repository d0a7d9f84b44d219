"""Checks for what settings alone cannot refuse (`manage.py check --deploy` lists them all).

A check tagged `bosam_start` also runs when the web server starts (`bosam.core.startup`), and an
error from it stops the start. The missing DATABASE_URL (bosam.E001) is not deploy-only: every
management command that runs the system checks (migrate, runserver, demo …) refuses too. All
pass when DEBUG is on.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

START = "bosam_start"


@register(START)
def database_url_explicit(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or getattr(settings, "BOSAM_DATABASE_URL_SET", True):
        return []
    return [
        Error(
            "DATABASE_URL is not set, and with DEBUG off Bosam does not fall back to the "
            "embedded SQLite database.",
            hint="Set DATABASE_URL=postgres://user@host:5432/name (see docs/operations.md).",
            id="bosam.E001",
        )
    ]


@register(deploy=True)
def proxy_rule_given(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    rule = settings.TRUSTED_PROXY_COUNT or settings.TRUSTED_PROXIES
    if settings.DEBUG or not behind_proxy or rule:
        return []
    return [
        Warning(
            "BEHIND_TLS_PROXY is on but neither TRUSTED_PROXY_COUNT nor TRUSTED_PROXIES is "
            "set: the audit trail, the login lockout and the logs record the proxy's address.",
            hint="Set TRUSTED_PROXY_COUNT=1 for one reverse proxy (see docs/operations.md).",
            id="bosam.W001",
        )
    ]
