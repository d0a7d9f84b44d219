"""Landlord list import: upload, column mapping and preview, accept or discard; the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.forms import add_application_error
from bosam.prevention import rules, selectors, services
from bosam.prevention.forms import MappingForm, UploadForm
from bosam.prevention.models import LandlordImport
from bosam.prevention.services.imports import import_mapping_for

WORK = Capability.PREVENTION_WORK


def _get_import(request: AuthedHttpRequest, import_id: int) -> LandlordImport:
    try:
        return selectors.import_get(user=request.user, import_id=import_id)
    except LandlordImport.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(WORK)
@require_http_methods(["GET", "POST"])
def import_list(request: AuthedHttpRequest) -> HttpResponse:
    """The history of landlord lists, and the form to upload a new one."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.landlord_import_upload(
                landlord=form.cleaned_data["landlord"],
                filename=upload.name,
                content=upload.read(),
                period=form.cleaned_data["period"],
                uploaded_by=request.user,
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return redirect("prevention:import_preview", import_id=batch.pk)
    history = selectors.import_history(user=request.user)[:100]
    return TemplateResponse(
        request, "prevention/import_list.html", {"form": form, "history": history}
    )


@capability_required(WORK)
@require_http_methods(["GET", "POST"])
def import_preview(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    """Choose the columns (saved for the landlord) and see what accepting would do."""
    batch = _get_import(request, import_id)
    try:
        preview = services.landlord_import_preview(landlord_import=batch)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("prevention:import_list")
    form = MappingForm(request.POST or None, headers=preview.headers, initial=preview.mapping)
    if request.method == "POST" and form.is_valid() and batch.status == batch.Status.PREVIEW:
        services.import_mapping_save(
            landlord=batch.landlord, columns=form.cleaned_data, saved_by=request.user
        )
        messages.success(request, _("Kolumnerna är sparade för hyresvärden."))
        return redirect("prevention:import_preview", import_id=batch.pk)
    people = [row.person for row in preview.rows if row.person is not None]
    if people:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=batch,
            people=[p for person in people for p in person.audit_people()],
        )
    return TemplateResponse(
        request,
        "prevention/import_preview.html",
        {
            "batch": batch,
            "preview": preview,
            "form": form,
            "counts": {
                "new": preview.count("new"),
                "update": preview.count("update"),
                "unchanged": preview.count("unchanged"),
                "refused": preview.count("refused"),
            },
            "has_saved_mapping": import_mapping_for(batch.landlord) is not None,
            "field_labels": rules.import_field_labels(),
        },
    )


@capability_required(WORK)
@require_POST
def import_accept(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    batch = _get_import(request, import_id)
    if import_mapping_for(batch.landlord) is None:
        # Accepting saves the mapping the caseworker saw (the guess), so the next list reuses it.
        preview = services.landlord_import_preview(landlord_import=batch)
        services.import_mapping_save(
            landlord=batch.landlord, columns=preview.mapping, saved_by=request.user
        )
    try:
        batch = services.landlord_import_accept(
            landlord_import=batch,
            accepted_by=request.user,
            unit=request.user.unit,  # type: ignore[arg-type]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("prevention:import_preview", import_id=batch.pk)
    messages.success(
        request,
        _("Listan är importerad: %(new)s nya, %(updated)s uppdaterade, %(refused)s avvisade.")
        % {
            "new": batch.created_count,
            "updated": batch.updated_count,
            "refused": batch.refused_count,
        },
    )
    return redirect("prevention:import_list")


@capability_required(WORK)
@require_POST
def import_discard(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    batch = _get_import(request, import_id)
    try:
        services.landlord_import_discard(landlord_import=batch, discarded_by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, _("Filen är förkastad. Ingenting har skrivits."))
    return redirect("prevention:import_list")


@capability_required(WORK)
def import_file(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    """The original file as received."""
    batch = _get_import(request, import_id)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=batch)
    response = HttpResponse(bytes(batch.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, batch.filename)
    return response
