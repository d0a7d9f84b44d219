"""Every named URL of the project, for every role and for an anonymous visitor.

Builds a small demo municipality (every app's `demo.py`), then GETs each URL: without
parameters as is, with parameters filled from a sample record. A parameter `<thing>_id` finds
its sample by model name, in the URL's own app first (`household_id` → Household, `member_id`
→ HouseholdMember, `case_id` under advice → AdviceCase); other parameters are named in
SAMPLE_VALUES below, as "<namespace>:<parameter>". A parameter with neither gets a placeholder
of its type (a record that does not exist): the permission check and "no server error" are still
tested, the page itself then answers 404. Add a sample when the page behind it matters.

It asserts: no response is a server error; a page or API whose capability the user lacks answers
403 and leaves a `denied` row with the user and the path in the audit trail; an anonymous visitor
is sent to the login page (pages) or gets 401 (API)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any
from uuid import UUID

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, converters, get_resolver, reverse
from django.utils import timezone

from bosam.accounts.models import User
from bosam.accounts.roles import Capability, Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.catalogues import all_catalogues
from bosam.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _first_pk(model: type[models.Model]) -> Any:
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def _advice_catalogue() -> tuple[str, Any]:
    from bosam.advice.catalogues import CATALOGUES

    slug, (model, _title) = next(iter(CATALOGUES.items()))
    return slug, model


# Parameters that are not `<model>_id`: "<namespace>:<parameter>" → a sample value.
SAMPLE_VALUES: dict[str, Callable[[], Any]] = {
    "administration:key": lambda: all_catalogues()[0].key,
    "administration:entry_id": lambda: _first_pk(all_catalogues()[0].model),
    "advice:slug": lambda: _advice_catalogue()[0],
    "advice:entry_id": lambda: _first_pk(_advice_catalogue()[1]),
    "reporting:year": lambda: timezone.localdate().year - 1,
    "reporting-api:year": lambda: timezone.localdate().year - 1,
    "reporting:fmt": lambda: "xlsx",
}
PLACEHOLDERS: list[tuple[type, Any]] = [
    (converters.IntConverter, 999_999),
    (converters.UUIDConverter, UUID(int=1)),
    (converters.StringConverter, "finns-inte"),  # also slug and path (subclasses)
]
# URLs not worth a GET here (they stream files or need a POST body to mean anything).
# The schema is the same for everyone and has its own test (households/tests/test_api_schema.py).
SKIP = {"set_language", "javascript-catalog", "api-schema", "api-docs"}


@dataclass(frozen=True)
class Route:
    name: str
    callback: Callable[..., Any]
    params: dict[str, Any]  # parameter name → its path converter


def _routes(patterns: list[Any], namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found = getattr(entry.pattern, "converters", {})
            params = {p: c for p, c in found.items() if p not in entry.default_args}
            yield Route(f"{namespace}{entry.name}", entry.callback, params)


def _model_for(namespace: str, param: str) -> type[models.Model] | None:
    """The model named by `<name>_id`: exactly, else the one whose name ends so; the URL's own
    app first, then every Bosam app."""
    wanted = param.removesuffix("_id").replace("_", "")
    bosam_models = [m for m in apps.get_models() if m.__module__.startswith("bosam.")]
    app_label = namespace.removesuffix("-api")
    for candidates in ([m for m in bosam_models if m._meta.app_label == app_label], bosam_models):
        exact = [m for m in candidates if m._meta.model_name == wanted]
        ending = [m for m in candidates if (m._meta.model_name or "").endswith(wanted)]
        if exact or len(ending) == 1:
            return (exact or ending)[0]
    return None


def _sample(route: Route, param: str) -> Any:
    namespace = route.name.rpartition(":")[0]
    if f"{namespace}:{param}" in SAMPLE_VALUES:
        return SAMPLE_VALUES[f"{namespace}:{param}"]()
    model = _model_for(namespace, param) if param.endswith("_id") else None
    value = _first_pk(model) if model is not None else None
    if value is None:
        converter = route.params[param]
        value = next(v for kind, v in PLACEHOLDERS if isinstance(converter, kind))
    return value


def _url(route: Route) -> str:
    return reverse(route.name, kwargs={param: _sample(route, param) for param in route.params})


def _required(callback: Callable[..., Any]) -> tuple[str, ...]:
    """The capabilities a view asks for: set by capability_required or on a DRF API class."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return tuple(
        getattr(callback, "required_capabilities", ())
        or getattr(view_class, "required_capabilities", ())
    )


def _is_api(callback: Callable[..., Any]) -> bool:
    return hasattr(callback, "cls")


@pytest.fixture
def municipality(db: None) -> None:
    call_command("demo", scale=0.01, force=True, stdout=StringIO())
    # A worker has just reported, as in production: /healthz then answers 200, not 503.
    WorkerHeartbeat.objects.create(worker_id="role-matrix", last_seen=timezone.now())


def test_every_url_for_every_role(municipality: None, settings: Any) -> None:
    settings.AXES_ENABLED = False  # force_login; no login form involved
    routes = [r for r in _routes(get_resolver().url_patterns) if r.name not in SKIP]
    personas: dict[str, User | None] = {"anonym": None}
    for role in Role:
        user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        assert user is not None, f"the demo has no user with the role {role}"
        personas[role.value] = user
    clients = {label: Client() for label in personas}
    for label, user in personas.items():
        if user is not None:
            clients[label].force_login(user)
    problems: list[str] = []
    checked = 0
    for route in routes:
        url = _url(route)
        required = _required(route.callback)
        for label, user in personas.items():
            client = clients[label]
            response = client.get(url)
            checked += 1
            status = response.status_code
            if status >= 500:
                problems.append(f"{label} GET {url} ({route.name}): {status}")
            elif user is None and required:
                expected = {401} if _is_api(route.callback) else {302}
                if status not in expected:
                    problems.append(f"anonym GET {url}: {status}, expected {expected}")
                elif status == 302 and "/konto/logga-in/" not in response["Location"]:
                    problems.append(f"anonym GET {url}: redirected to {response['Location']}")
            elif (
                user is not None
                and required
                and not any(user.has_capability(Capability(c)) for c in required)
            ):
                if status != 403:
                    problems.append(
                        f"{label} GET {url} ({route.name}): {status}, expected 403 "
                        f"(lacks {', '.join(required)})"
                    )
                elif not AuditEvent.objects.filter(
                    action=AuditAction.DENIED, actor=user, path=url
                ).exists():
                    problems.append(f"{label} GET {url} ({route.name}): 403 not audited")
    assert not problems, "\n".join(problems)
    assert checked > len(personas) * 20
