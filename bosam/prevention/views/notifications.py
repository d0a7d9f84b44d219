"""Notification intake and the notification list."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.services import audit_list
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.core.tabular import parse_swedish_date
from bosam.prevention import selectors, services
from bosam.prevention.forms import NotificationForm
from bosam.prevention.models import Notification
from bosam.prevention.services import TenantInput
from bosam.properties.models import Landlord

WORK = Capability.PREVENTION_WORK


def _tenants(data: dict[str, object]) -> list[TenantInput]:
    tenants = [
        TenantInput(str(data["personal_number"]), str(data["first_name"]), str(data["last_name"]))
    ]
    if data.get("co_tenant_personal_number"):
        tenants.append(
            TenantInput(
                str(data["co_tenant_personal_number"]),
                str(data["co_tenant_first_name"]),
                str(data["co_tenant_last_name"]),
            )
        )
    return tenants


@capability_required(WORK)
@require_http_methods(["GET", "POST"])
@one_time_submission
def notification_create(request: AuthedHttpRequest) -> HttpResponse:
    """Register a notification; it opens or joins the household's case."""
    form = NotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            landlord = data["landlord"]
            if landlord is None and data["landlord_org_number"]:
                landlord = services.landlord_for_notification(
                    name=data["landlord_name"],
                    org_number=data["landlord_org_number"],
                    created_by=request.user,
                )
            notification = services.notification_register(
                registered_by=request.user,
                unit=request.user.unit,  # type: ignore[arg-type]
                source=data["source"],
                kind=data["kind"],
                cause=data["cause"],
                received_on=data["received_on"],
                tenants=_tenants(data),
                landlord=landlord,
                street_address=data["street_address"],
                postcode=data["postcode"],
                town=data["town"],
                landlord_reference=data["landlord_reference"],
                debt_amount=data["debt_amount"],
                months_behind=data["months_behind"],
                notice_served_on=data["notice_served_on"],
                committee_notice_on=data["committee_notice_on"],
                eviction_date=data["eviction_date"],
                note=data["note"],
                allow_duplicate=data["confirm_duplicate"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Underrättelsen är registrerad."))
            return redirect("prevention:case_detail", case_id=notification.case_id)
    return TemplateResponse(request, "prevention/notification_form.html", {"form": form})


def _date_or_none(text: str) -> date | None:
    try:
        return parse_swedish_date(text) if text else None
    except ValueError:
        return None


@capability_required(WORK)
def notification_list(request: AuthedHttpRequest) -> HttpResponse:
    filters = {
        "source": request.GET.get("source", ""),
        "stage": request.GET.get("stage", ""),
        "landlord_id": int(request.GET["landlord"])
        if request.GET.get("landlord", "").isdigit()
        else None,
        "received_from": _date_or_none(request.GET.get("from", "")),
        "received_to": _date_or_none(request.GET.get("to", "")),
    }
    page = Paginator(selectors.notification_list(user=request.user, **filters), 50).get_page(  # type: ignore[arg-type]
        request.GET.get("page")
    )
    audit_list(actor=request.user, objects=page.object_list)
    return TemplateResponse(
        request,
        "prevention/notification_list.html",
        {
            "page": page,
            "filters": filters,
            "sources": Notification.Source.choices,
            "stages": Notification.Stage.choices,
            "landlords": Landlord.objects.only("id", "name"),
            "from": request.GET.get("from", ""),
            "to": request.GET.get("to", ""),
        },
    )
