"""Helpers for the security tests: walk the URL conf, read a page's form as a browser would."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from bosam.accounts.models import User
from bosam.accounts.roles import Capability, Role


@dataclass(frozen=True)
class Route:
    name: str
    callback: Callable[..., Any]
    params: tuple[str, ...]
    default_args: dict[str, Any]


def routes() -> Iterator[Route]:
    def walk(patterns: list[Any], namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found = getattr(entry.pattern, "converters", {})
                params = tuple(p for p in found if p not in entry.default_args)
                yield Route(
                    f"{namespace}{entry.name}", entry.callback, params, dict(entry.default_args)
                )

    yield from walk(get_resolver().url_patterns, "")


def required_capabilities(callback: Callable[..., Any]) -> tuple[str, ...]:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return tuple(
        getattr(callback, "required_capabilities", ())
        or getattr(view_class, "required_capabilities", ())
    )


# The housing unit's roles first: they see every household, so a sample record is theirs.
ROLE_ORDER = [
    Role.HOUSING_COORDINATOR,
    Role.PREVENTION_CASEWORKER,
    Role.HOUSING_ADVISER,
    Role.MANAGER,
    Role.SYSTEM_ADMINISTRATOR,
]


def users_who_may(callback: Callable[..., Any]) -> list[User]:
    required = required_capabilities(callback)
    found = []
    for role in [*ROLE_ORDER, *[r for r in Role if r not in ROLE_ORDER]]:
        user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        if user is not None and (
            not required or any(user.has_capability(Capability(c)) for c in required)
        ):
            found.append(user)
    return found


@dataclass
class _Form:
    action: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _FormReader(HTMLParser):
    """The fields of every POST form on a page, with the values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[_Form] = []
        self._form: _Form | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = _Form(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields.append((name, a.get("value", "on")))
            elif kind == "submit":
                self._form.buttons.append((name, a.get("value", "")))
            elif kind not in ("file", "button", "reset", "image"):
                self._form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            self._form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_data(html: str, containing: str, action: str | None = None) -> dict[str, list[str]] | None:
    """The data the page's POST form that has a field `containing` sends, as a browser would
    (with its "save" button if it has several), or None if no form has that field."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if action is not None and form.action != action:
            continue
        if any(name == containing for name, _value in form.fields):
            data: dict[str, list[str]] = {}
            for name, value in form.fields:
                data.setdefault(name, []).append(value)
            buttons = dict(form.buttons)
            if buttons:
                name = "save" if "save" in buttons else next(iter(buttons))
                data[name] = [buttons[name]]
            return data
    return None
