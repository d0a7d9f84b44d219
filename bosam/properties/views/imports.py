"""Importing landlords, apartments and head leases: upload, preview, run, history."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.errors import ApplicationError
from bosam.core.export import csv_response
from bosam.properties.forms import ImportForm
from bosam.properties.import_rows import COLUMNS
from bosam.properties.models import RegisterImport
from bosam.properties.register_import import register_import_apply, register_import_check
from bosam.properties.views.common import paginate

EDIT = (Capability.REGISTER_EDIT,)


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthedHttpRequest) -> HttpResponse:
    """Upload a file; it is kept and checked row by row, and the preview shows the outcome."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = register_import_check(
            by=request.user,
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            content=upload.read(),
        )
        return redirect("properties:import_preview", import_id=record.pk)
    columns = [
        (label, [(c.header, c.required) for c in COLUMNS[kind]])
        for kind, label in RegisterImport.Kind.choices
    ]
    return TemplateResponse(
        request,
        "properties/import_upload.html",
        {"form": form, "columns": columns, "kinds": RegisterImport.Kind.choices},
    )


@capability_required(*EDIT)
def import_template(request: AuthedHttpRequest, kind: str) -> HttpResponse:
    """An empty CSV with the columns a file of this kind may have."""
    if kind not in COLUMNS:
        raise Http404
    return csv_response(f"mall-{kind}", [c.header for c in COLUMNS[kind]], [])


def _get_import(import_id: int) -> RegisterImport:
    record = RegisterImport.objects.select_related("uploaded_by", "applied_by").defer("content")
    found = record.filter(pk=import_id).first()
    if found is None:
        raise Http404
    return found


@capability_required(*EDIT)
def import_preview(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    record = _get_import(import_id)
    earlier = (
        RegisterImport.objects.filter(sha256=record.sha256, status=RegisterImport.Status.APPLIED)
        .exclude(pk=record.pk)
        .select_related("applied_by")
        .defer("content")
        .first()
    )
    return TemplateResponse(
        request,
        "properties/import_preview.html",
        {"record": record, "earlier": earlier, "errors": list(record.errors.all())},
    )


@capability_required(*EDIT)
@require_POST
def import_apply(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    record = _get_import(import_id)
    try:
        record = register_import_apply(register_import=record, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("properties:import_preview", import_id=record.pk)
    if record.status == RegisterImport.Status.APPLIED:
        messages.success(
            request,
            _("Importen är genomförd: %(c)s nya, %(u)s ändrade, %(n)s oförändrade.")
            % {"c": record.created_count, "u": record.updated_count, "n": record.unchanged_count},
        )
    else:
        messages.error(request, _("Filen har fel sedan förhandsgranskningen. Ingenting sparades."))
    return redirect("properties:import_preview", import_id=record.pk)


@capability_required(*EDIT)
def import_history(request: AuthedHttpRequest) -> HttpResponse:
    records = (
        RegisterImport.objects.select_related("uploaded_by", "applied_by")
        .defer("content")
        .order_by("-created_at")
    )
    return TemplateResponse(
        request, "properties/import_history.html", {"page": paginate(request, records)}
    )


@capability_required(*EDIT)
def import_file(request: AuthedHttpRequest, import_id: int) -> HttpResponse:
    """The original file, as it was uploaded."""
    record = RegisterImport.objects.filter(pk=import_id).first()
    if record is None:
        raise Http404
    response = HttpResponse(bytes(record.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, record.filename)
    return response
