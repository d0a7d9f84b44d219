"""The organisation as data: committees, offices and units, created, renamed and deactivated
by the system administrator. One pair of views serves all three (the URL names which)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bosam.accounts.models import Committee, Office, Unit
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.administration.forms import CommitteeForm, OfficeForm, UnitForm
from bosam.administration.services import organisation as services
from bosam.core.edit_guards import guard_stale_edit
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission

ADMIN = (Capability.USER_ADMIN,)


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    label: str | Promise


KINDS = {
    "committee": Kind(Committee, CommitteeForm, gettext_lazy("nämnd")),
    "office": Kind(Office, OfficeForm, gettext_lazy("förvaltning")),
    "unit": Kind(Unit, UnitForm, gettext_lazy("enhet")),
}


@capability_required(*ADMIN)
def organisation(request: AuthedHttpRequest) -> HttpResponse:
    """The whole tree on one page: a municipality has tens of units, not thousands."""
    committees = Committee.objects.prefetch_related("offices__units").order_by("name")
    return TemplateResponse(request, "administration/organisation.html", {"committees": committees})


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@one_time_submission
def organisation_create(request: AuthedHttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    form = spec.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_entry_create(
                model=spec.model, values=form.cleaned_data, created_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Sparat."))
            return redirect("administration:organisation")
    return TemplateResponse(
        request, "administration/organisation_form.html", {"form": form, "kind": spec}
    )


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(
    lambda kind, **ids: KINDS[kind].model._base_manager.filter(pk=ids[f"{kind}_id"]).first()
)
def organisation_edit(request: AuthedHttpRequest, kind: str, **ids: int) -> HttpResponse:
    spec = KINDS[kind]
    entry = get_object_or_404(spec.model, pk=ids[f"{kind}_id"])
    form = spec.form(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        entry.refresh_from_db()  # the ModelForm wrote into the instance; compare with the saved
        try:
            services.organisation_entry_update(entry=entry, values=values, updated_by=request.user)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("administration:organisation")
    return TemplateResponse(
        request,
        "administration/organisation_form.html",
        {"form": form, "kind": spec, "entry": entry},
    )
