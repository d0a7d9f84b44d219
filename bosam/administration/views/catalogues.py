"""Catalogues every app registers in its `catalogues.py` (see bosam.core.catalogues)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import modelform_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.administration.services import organisation as services
from bosam.core.catalogues import Catalogue, all_catalogues, catalogue_by_key, entry_in_use
from bosam.core.edit_guards import guard_stale_edit
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission

ADMIN = (Capability.CATALOGUE_ADMIN,)


def _catalogue(request: AuthedHttpRequest, key: str) -> Catalogue:
    catalogue = catalogue_by_key(key)
    if catalogue is None:
        raise Http404
    if not request.user.has_capability(Capability(catalogue.capability)):
        raise PermissionDenied
    return catalogue


def _form_class(catalogue: Catalogue) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    fixed = (catalogue.code_field,) if catalogue.code_field else ()
    names = [*fixed, *catalogue.create_only_fields, *catalogue.fields]
    return modelform_factory(catalogue.model, fields=names)


def _columns(catalogue: Catalogue) -> list[tuple[str, str]]:
    names = (catalogue.code_field, *catalogue.create_only_fields, *catalogue.fields)
    meta = catalogue.model._meta
    return [
        (name, str(getattr(meta.get_field(name), "verbose_name", name))) for name in names if name
    ]


@capability_required(*ADMIN)
def catalogue_list(request: AuthedHttpRequest) -> HttpResponse:
    catalogues = [
        c for c in all_catalogues() if request.user.has_capability(Capability(c.capability))
    ]
    return TemplateResponse(
        request, "administration/catalogue_list.html", {"catalogues": catalogues}
    )


@capability_required(*ADMIN)
def catalogue_detail(request: AuthedHttpRequest, key: str) -> HttpResponse:
    catalogue = _catalogue(request, key)
    columns = _columns(catalogue)
    rows = [
        (entry, [_display(entry, name) for name, _label in columns])
        for entry in catalogue.model._default_manager.all()
    ]
    return TemplateResponse(
        request,
        "administration/catalogue_detail.html",
        {"catalogue": catalogue, "columns": [label for _n, label in columns], "rows": rows},
    )


def _display(entry: models.Model, name: str) -> object:
    value = getattr(entry, name)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    display = getattr(entry, f"get_{name}_display", None)
    return display() if display else value


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@one_time_submission
def catalogue_entry_create(request: AuthedHttpRequest, key: str) -> HttpResponse:
    catalogue = _catalogue(request, key)
    form = _form_class(catalogue)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalogue_entry_create(
                catalogue=catalogue, values=form.cleaned_data, created_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Posten är skapad."))
            return redirect("administration:catalogue_detail", key=catalogue.key)
    return TemplateResponse(
        request, "administration/catalogue_form.html", {"form": form, "catalogue": catalogue}
    )


def _catalogue_entry(key: str, entry_id: str) -> Any:
    """The entry an edit page shows (for its version), or None."""
    catalogue = catalogue_by_key(key)
    try:
        return (
            None if catalogue is None else catalogue.model._base_manager.filter(pk=entry_id).first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(_catalogue_entry)
def catalogue_entry_edit(request: AuthedHttpRequest, key: str, entry_id: str) -> HttpResponse:
    catalogue = _catalogue(request, key)
    try:
        entry = get_object_or_404(catalogue.model, pk=entry_id)
    except (ValueError, TypeError, ValidationError) as exc:  # e.g. a malformed UUID
        raise Http404 from exc
    in_use = entry_in_use(entry)
    form = _form_class(catalogue)(request.POST or None, instance=entry)
    # The create-only fields never change; the code only while nothing refers to the entry.
    for name in catalogue.create_only_fields:
        form.fields[name].disabled = True
    if catalogue.code_field and in_use:
        form.fields[catalogue.code_field].disabled = True
        form.fields[catalogue.code_field].help_text = _("Koden används och kan inte ändras.")
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        entry.refresh_from_db()  # the ModelForm wrote into the instance; compare with the saved
        try:
            services.catalogue_entry_update(
                catalogue=catalogue, entry=entry, values=values, updated_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("administration:catalogue_detail", key=catalogue.key)
    return TemplateResponse(
        request,
        "administration/catalogue_form.html",
        {"form": form, "catalogue": catalogue, "entry": entry},
    )
