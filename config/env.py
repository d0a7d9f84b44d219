"""Typed environment values for settings (12-factor), after healthchecks' envbool/envint.

Every value read from the environment is validated here: a wrong value stops the start with
`ImproperlyConfigured` naming the variable, never a silent default. A secret may come from `NAME`
or from a file named by `NAME_FILE`; a `_FILE` that cannot be read fails loudly too.
"""

import os
from collections.abc import Collection
from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_is_set(name: str) -> bool:
    return bool(os.environ.get(name, "").strip())


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_choice(name: str, default: str, choices: Collection[str]) -> str:
    """One of `choices` (compared without regard to case); anything else is refused."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}")


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _whole_number(name: str, raw: str, minimum: int | None) -> int:
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw!r}")
    return value


def env_int(name: str, default: int, *, minimum: int | None = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return _whole_number(name, raw.strip(), minimum)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int_map(name: str, *, minimum: int = 1) -> dict[str, int]:
    """`key=number,key=number`, e.g. BOSAM_RETENTION_YEARS_BY_RULE=households=5,persons=3."""
    result: dict[str, int] = {}
    for item in env_list(name, []):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ImproperlyConfigured(f"{name} must read key=number,key=number, not {item!r}")
        result[key.strip()] = _whole_number(name, value.strip(), minimum)
    return result


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or networks (10.0.0.5, 10.0.0.0/24), each checked."""
    networks = env_list(name, [])
    for item in networks:
        try:
            ip_network(item, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks, not {item!r}"
            ) from exc
    return networks


def env_origins(name: str) -> list[str]:
    """Comma-separated origins, each with its scheme (https://bosam.kommun.se)."""
    origins = env_list(name, [])
    for origin in origins:
        if not origin.startswith(("https://", "http://")) or origin.count("/") != 2:
            raise ImproperlyConfigured(
                f"{name} must list origins such as https://bosam.kommun.se, not {origin!r}"
            )
    return origins


def env_database(name: str, default: str, *, conn_max_age: int) -> dict[str, object]:
    """The database from a URL; only PostgreSQL and SQLite are Bosam's databases."""
    raw = os.environ.get(name, "").strip() or default
    if not raw.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"{name} must be a postgres:// (or, for development, sqlite://) URL, "
            f"not one starting {raw.split(':', 1)[0]!r}"
        )
    try:
        config: dict[str, object] = dict(dj_database_url.parse(raw, conn_max_age=conn_max_age))
    except Exception as exc:  # noqa: BLE001 - dj-database-url raises several kinds
        raise ImproperlyConfigured(f"{name} cannot be read as a database URL: {exc}") from exc
    return config


def env_secret(name: str) -> str:
    """The secret from NAME, or from the file NAME_FILE points at; empty when neither is set."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return os.environ.get(name, "")
