"""No lost updates: an edit is saved only over the version of the record it was made from.

A record's version is its `updated_at` (every Bosam model has one, `BaseModel`). A page's edit
form carries the version it was rendered with (`bosam.core.edit_guards.guard_stale_edit`); an
API client sends the `ETag` it read as `If-Match` (`ConditionalWriteMiddleware`). Either way the
request registers what it expects with `expect_version`, and `BaseModel.save` calls
`check_version_on_save`: inside the service's transaction it locks the row, compares, and raises
`StaleUpdate` if someone else saved in between. So the check is made once, at the one place every
service writes through, and no service had to change.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from bosam.core.errors import ApplicationError


class StaleUpdate(ApplicationError):
    """Someone else saved the record after this edit was started from it."""

    default_code = "stale_version"


@dataclass
class Expectation:
    version: str
    checked: bool = False
    stale: StaleUpdate | None = None


@dataclass
class Expectations:
    by_record: dict[tuple[str, str], Expectation] = field(default_factory=dict)


_current: ContextVar[Expectations | None] = ContextVar("bosam_expected_versions", default=None)


def version_of(updated_at: Any) -> str:
    """The version text of a change time: microseconds since the epoch."""
    return str(int(updated_at.timestamp() * 1_000_000))


def record_key(obj: models.Model) -> tuple[str, str]:
    return (obj._meta.label_lower, str(obj.pk))


def etag_for(obj: models.Model) -> str:
    """The ETag an API response carries for one record: `"<model>:<id>:<version>"`."""
    label, pk = record_key(obj)
    return f'"{label}:{pk}:{version_of(obj.updated_at)}"'  # type: ignore[attr-defined]


def parse_etag(text: str) -> tuple[tuple[str, str], str] | None:
    """((model, id), version) of one entity tag, or None if it is not one of ours."""
    tag = text.strip().removeprefix("W/").strip('"')
    label, _sep, rest = tag.partition(":")
    pk, _sep, version = rest.rpartition(":")
    if not (label and pk and version.isdigit()):
        return None
    return (label, pk), version


@contextmanager
def expecting() -> Iterator[Expectations]:
    """The scope (one request) in which expected versions are registered and checked."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    token = _current.set(Expectations())
    try:
        yield _current.get()  # type: ignore[misc]
    finally:
        _current.reset(token)


def expect_version(key: tuple[str, str], version: str) -> Expectation:
    """Register that the record `key` may only be saved over `version` (inside `expecting`)."""
    scope = _current.get()
    if scope is None:
        raise RuntimeError("expect_version outside expecting()")
    expectation = Expectation(version=version)
    scope.by_record[key] = expectation
    return expectation


def check_version_on_save(instance: models.Model) -> None:
    """Called by BaseModel.save: refuse to overwrite a newer version than the one expected.

    The row is locked for the rest of the service's transaction (PostgreSQL), so two saves that
    both read the same version cannot both pass. Checked once per record and request: a service
    that saves the record twice is not refused by its own first save."""
    scope = _current.get()
    if scope is None or instance.pk is None:
        return
    expectation = scope.by_record.pop(record_key(instance), None)
    if expectation is None:
        return
    expectation.checked = True
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    current = rows.values_list("updated_at", flat=True).first()
    if current is None or version_of(current) == expectation.version:
        return
    label, pk = record_key(instance)
    expectation.stale = StaleUpdate(
        _(
            "Någon annan har ändrat uppgifterna medan du hade dem öppna. Dina ändringar har "
            "inte sparats."
        ),
        extra={"current_version": f'"{label}:{pk}:{version_of(current)}"'},
    )
    raise expectation.stale


class ConditionalWriteMiddleware:
    """`If-Match` on a write: the records it names may only be saved over those versions.

    A stale version is refused by the save (`StaleUpdate`, 409 through the API's exception
    handler). A tag that is not one of ours is refused at once with 412, never ignored: the
    client asked for a condition. `*` and a missing header impose none (older clients)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("If-Match", "").strip()
        with expecting():
            if header and header != "*" and request.method not in ("GET", "HEAD", "OPTIONS"):
                for text in header.split(","):
                    parsed = parse_etag(text)
                    if parsed is None:
                        return JsonResponse(
                            {
                                "message": _("If-Match ska vara en ETag som Bosam har lämnat."),
                                "code": "invalid_if_match",
                                "extra": {"field": "If-Match"},
                            },
                            status=412,
                        )
                    expect_version(*parsed)
            return self.get_response(request)
