"""Pages for the move-out inspection and the subtenant's rent."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.tenancies import services
from bosam.tenancies.forms import DamageFormSet, InspectionForm, RentChargeForm, RentPaymentForm
from bosam.tenancies.models import RentCharge
from bosam.tenancies.services.inspection import DamageInput
from bosam.tenancies.views.sublets import EDIT, get_sublet


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def inspection_create(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    """The move-out inspection with up to ten damages, each with its cost and who pays."""
    sublet = get_sublet(request, sublet_id)
    if sublet.is_active:
        raise Http404
    form = InspectionForm(request.POST or None, initial={"inspected_on": timezone.localdate()})
    damages = DamageFormSet(request.POST or None, prefix="damage")
    if request.method == "POST" and form.is_valid() and damages.is_valid():
        items = [
            DamageInput(d["description"], d["cost"], d["payer"])
            for d in damages.cleaned_data
            if d.get("description")
        ]
        try:
            services.inspection_record(
                sublet=sublet, inspected_by=request.user, damages=items, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Besiktningen är sparad."))
            return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=sublet)
    return TemplateResponse(
        request,
        "tenancies/inspection_form.html",
        {"form": form, "damages": damages, "sublet": sublet},
    )


@capability_required(*EDIT)
@require_POST
@one_time_submission
def rent_charge_create(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    sublet = get_sublet(request, sublet_id)
    form = RentChargeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange en giltig månad."))
    else:
        try:
            services.rent_charge_create(
                sublet=sublet, charged_by=request.user, month=form.cleaned_data["month"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Hyran är aviserad."))
    return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(RentCharge, "charge_id"))
def rent_payment_record(
    request: AuthedHttpRequest, sublet_id: UUID, charge_id: UUID
) -> HttpResponse:
    sublet = get_sublet(request, sublet_id)
    charge = sublet.rent_charges.filter(pk=charge_id).first()
    if charge is None:
        raise Http404
    form = RentPaymentForm(
        request.POST or None,
        initial={"amount": charge.outstanding, "paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rent_payment_record(
                charge=charge, recorded_by=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Betalningen är registrerad."))
            return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    return TemplateResponse(
        request,
        "tenancies/rent_payment_form.html",
        {"form": form, "sublet": sublet, "charge": charge},
    )
