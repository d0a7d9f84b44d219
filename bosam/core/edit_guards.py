"""Page decorators that guard writes made through forms (issue 21, items 5 and 6).

`guard_stale_edit(load)` on an edit view: the page's form gets a hidden field with the version
of the record it shows (signed, with the values the form showed). On save the version is
expected (`bosam.core.concurrency`); if someone else saved in between, the service refuses, and
the form comes back with what changed, field by field, old → new, and with the new version, so
a second "Spara" is a deliberate overwrite.

`one_time_submission` on a view that creates a record: see `bosam.core.submissions`.

Both only add to what the view returns (a `TemplateResponse` whose context holds `form`), so an
edit view keeps its own code and gets one decorator line.
"""

import datetime
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from bosam.core.concurrency import (
    StaleUpdate,
    expect_version,
    expecting,
    record_key,
    version_of,
)

VERSION_FIELD = "_version"
_SALT = "bosam.edit_guards.version"

View = Callable[..., HttpResponse]
Loader = Callable[..., models.Model | None]


def record_from_url(model: type[models.Model], url_kwarg: str) -> Loader:
    """A loader for `guard_stale_edit`: the record whose id is the URL parameter `url_kwarg`."""

    def load(**kwargs: Any) -> models.Model | None:
        pk = kwargs.get(url_kwarg)
        return None if pk is None else model._base_manager.filter(pk=pk).first()

    return load


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


def _flat_choices(choices: Iterable[Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update(_flat_choices(label))
        else:
            flat[str(key)] = str(label)
    return flat


def display_value(field: forms.Field, value: Any) -> str:
    """A form value in words, as a person reads it on the page."""
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return "" if value is None else (_("Ja") if value else _("Nej"))
    if _empty(value):
        return ""
    many = value if isinstance(value, list | tuple | set | models.QuerySet) else [value]
    if isinstance(field, forms.ModelChoiceField):
        words = []
        for item in many:
            if isinstance(item, models.Model):
                words.append(str(item))
            else:
                found = field.queryset.filter(pk=item).first() if field.queryset else None
                words.append(str(found) if found is not None else str(item))
        return ", ".join(sorted(words))
    if isinstance(field, forms.ChoiceField):
        labels = _flat_choices(field.choices)  # type: ignore[arg-type]
        return ", ".join(labels.get(str(item), str(item)) for item in many)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _shown_values(form: forms.BaseForm) -> dict[str, str]:
    return {
        name: display_value(field, form.get_initial_for_field(field, name))
        for name, field in form.fields.items()
        if name != VERSION_FIELD and not isinstance(field.widget, forms.PasswordInput)
    }


def _token(record: models.Model, form: forms.BaseForm) -> str:
    label, pk = record_key(record)
    return signing.dumps(
        {
            "k": label,
            "p": pk,
            "v": version_of(record.updated_at),  # type: ignore[attr-defined]
            "s": _shown_values(form),
        },
        salt=_SALT,
        compress=True,
    )


def _with_version_field(form: forms.BaseForm, token: str) -> None:
    form.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    if form.is_bound:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[VERSION_FIELD] = token
        form.data = data
    else:
        form.initial[VERSION_FIELD] = token


def changes_since(form: forms.BaseForm, shown: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, then, now) for each field whose value differs from what the form showed."""
    now = _shown_values(form)
    return [
        (str(form.fields[name].label or name), before, now[name])
        for name, before in shown.items()
        if name in now and now[name] != before
    ]


def _describe(changes: list[tuple[str, str, str]]) -> str:
    if not changes:
        return _(
            "Ändringen gällde uppgifter som inte visas i formuläret. Spara igen om dina "
            "ändringar ska gälla."
        )
    empty = _("(tomt)")
    listed = "; ".join(
        _("%(field)s: %(then)s → %(now)s")
        % {"field": label, "then": then or empty, "now": now or empty}
        for label, then, now in changes
    )
    return _(
        "Det här har ändrats sedan du öppnade formuläret: %(changes)s. Kontrollera och spara "
        "igen om dina ändringar ska gälla."
    ) % {"changes": listed}


def guard_stale_edit(load: Loader, form_name: str = "form") -> Callable[[View], View]:
    """Refuse a save made from an older version of the record `load(**url_kwargs)` returns."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            record = load(**kwargs)
            if record is None:
                return view(request, *args, **kwargs)
            shown: dict[str, str] | None = None
            with expecting():
                expectation = None
                if request.method == "POST" and VERSION_FIELD in request.POST:
                    try:
                        sent = signing.loads(request.POST[VERSION_FIELD], salt=_SALT)
                    except signing.BadSignature:
                        sent = {"k": "", "p": "", "v": "", "s": {}}
                    if (sent.get("k"), sent.get("p")) != record_key(record):
                        sent = {"v": "", "s": {}}  # a version of another record: never current
                    shown = sent.get("s") or {}
                    expectation = expect_version(record_key(record), str(sent.get("v", "")))
                try:
                    response = view(request, *args, **kwargs)
                except StaleUpdate as exc:  # a view that lets service errors through
                    messages.error(request, exc.message)
                    return redirect(request.get_full_path())
            form = _form_of(response, form_name)
            if form is None:
                return response
            record.refresh_from_db()
            current = version_of(record.updated_at)  # type: ignore[attr-defined]
            if expectation is not None and shown is not None:
                stale = expectation.stale is not None or (
                    not expectation.checked and expectation.version != current
                )
                if not stale:
                    # Not saved (the form has errors) but still current: keep the version sent.
                    _with_version_field(form, request.POST[VERSION_FIELD])
                    return response
                form.add_error(None, _describe(changes_since(form, shown)))
            _with_version_field(form, _token(record, form))
            return response

        wrapper.stale_edit_record = load  # type: ignore[attr-defined]  # tests find the record
        return wrapper

    return decorate


def _form_of(response: HttpResponse, form_name: str) -> forms.BaseForm | None:
    if not isinstance(response, TemplateResponse) or response.is_rendered:
        return None
    form = (response.context_data or {}).get(form_name)
    return form if isinstance(form, forms.BaseForm) else None
