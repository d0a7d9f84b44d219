"""Pages for sublets. Thin: forms in, services and selectors do the work, and every page that
shows a household writes its audit rows."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.households.models import Household
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number
from bosam.households.selectors import household_visible_to
from bosam.tenancies import rules, selectors, services
from bosam.tenancies.forms import (
    FollowUpPlanForm,
    FollowUpRecordForm,
    SubletEndForm,
    SubletFilterForm,
    SubletForm,
    TakeoverForm,
)
from bosam.tenancies.models import FollowUp, Sublet

READ = (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT)
EDIT = (Capability.TENANCY_EDIT,)


def get_sublet(request: AuthedHttpRequest, sublet_id: UUID) -> Sublet:
    try:
        return selectors.sublet_get(user=request.user, sublet_id=sublet_id)
    except Sublet.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(*READ)
def sublet_list(request: AuthedHttpRequest) -> HttpResponse:
    """Sublets the user may see, filtered; a social worker sees their own unit's."""
    form = SubletFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    filters = selectors.SubletFilters(
        query=data.get("q") or "",
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        committee_id=data["committee"].pk if data.get("committee") else None,
        takeover_due=bool(data.get("takeover_due")),
    )
    today = timezone.localdate()
    paginator = Paginator(
        selectors.sublet_list(user=request.user, filters=filters, today=today), 50
    )
    page = paginator.get_page(request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    context = {
        "form": form,
        "page": page,
        "today": today,
        "can_edit": request.user.has_capability(Capability.TENANCY_EDIT),
        "querystring": _querystring_without_page(request),
    }
    if request.htmx:
        return TemplateResponse(request, "tenancies/sublet_list.html#results", context)
    return TemplateResponse(request, "tenancies/sublet_list.html", context)


def _querystring_without_page(request: AuthedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@capability_required(*READ)
def sublet_detail(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    sublet = get_sublet(request, sublet_id)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=sublet)
    today = timezone.localdate()
    charges = list(sublet.rent_charges.order_by("-month")[:24])
    owed = rules.arrears(
        [rules.Charge(c.due_date, c.amount, c.paid_amount) for c in charges], on=today
    )
    inspections = list(sublet.inspections.prefetch_related("damages"))
    return TemplateResponse(
        request,
        "tenancies/sublet_detail.html",
        {
            "sublet": sublet,
            "members": sublet.household.current_members_cached(),
            "conditions": list(sublet.conditions.all()),
            "follow_ups": list(sublet.follow_ups.select_related("recorded_by")),
            "assessments": list(sublet.assessments.select_related("assessed_by")),
            "inspections": inspections,
            "charges": charges,
            "arrears": owed,
            "today": today,
            "can_edit": request.user.has_capability(Capability.TENANCY_EDIT),
            "can_view_register": request.user.has_capability(Capability.REGISTER_VIEW),
            "plan_form": FollowUpPlanForm(initial={"kind": FollowUp.Kind.HOME_VISIT}),
        },
    )


def _household_for(request: AuthedHttpRequest, form: SubletForm) -> Household | None:
    """The household given in the URL, or the one the applicant's number belongs to now."""
    visible = household_visible_to(request.user)
    household_id = request.GET.get("household") or request.POST.get("household")
    if household_id:
        try:
            return visible.filter(pk=UUID(household_id)).first()
        except ValueError:
            return None
    number = form.cleaned_data.get("personal_number") or ""
    try:
        digits = parse_personal_number(number).digits
    except InvalidPersonalNumber:
        form.add_error("personal_number", _("Ange ett giltigt personnummer."))
        return None
    household = visible.filter(
        memberships__person__personal_number=digits, memberships__end_date__isnull=True
    ).first()
    if household is None:
        form.add_error(
            "personal_number", _("Personen finns inte i något hushåll som du har tillgång till.")
        )
    return household


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def sublet_create(request: AuthedHttpRequest) -> HttpResponse:
    """Place a household in an apartment: a new sublet on a running head lease."""
    today = timezone.localdate()
    initial: dict[str, Any] = {"start_date": today}
    if request.GET.get("avtal", "").isdigit():
        initial["head_lease"] = int(request.GET["avtal"])
    form = SubletForm(request.POST or None, initial=initial)
    form.fields["head_lease"].queryset = selectors.head_leases_open_for_sublet(today=today)  # type: ignore[attr-defined]
    preset = None
    if request.GET.get("household"):
        preset = _household_for(request, form)
        if preset is None:
            raise Http404
    if request.method == "POST" and form.is_valid():
        household = preset or _household_for(request, form)
        if household is not None:
            data = form.cleaned_data
            try:
                sublet = services.sublet_create(
                    created_by=request.user,
                    household=household,
                    head_lease=data["head_lease"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    monthly_rent=data["monthly_rent"],
                    kind=data["kind"],
                    conditions=data["conditions"],
                    conditions_text=data["conditions_text"],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(
                    request, _("Hushållet är placerat. Kontrakt %(n)s.") % {"n": sublet.number}
                )
                return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    if preset is not None:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=preset)
    return TemplateResponse(
        request, "tenancies/sublet_form.html", {"form": form, "household": preset}
    )


@capability_required(*EDIT)
@require_POST
@one_time_submission
def follow_up_plan(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    sublet = get_sublet(request, sublet_id)
    form = FollowUpPlanForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_plan(
                sublet=sublet,
                planned_by=request.user,
                planned_on=form.cleaned_data["planned_on"],
                kind=form.cleaned_data["kind"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Uppföljningen är planerad."))
    else:
        messages.error(request, _("Ange ett giltigt datum för uppföljningen."))
    return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(FollowUp, "follow_up_id"))
def follow_up_record(
    request: AuthedHttpRequest, sublet_id: UUID, follow_up_id: UUID
) -> HttpResponse:
    """Record what happened at a visit or meeting: when, who was there, the notes."""
    sublet = get_sublet(request, sublet_id)
    follow_up = sublet.follow_ups.filter(pk=follow_up_id).first()
    if follow_up is None:
        raise Http404
    initial = {
        "done_on": follow_up.done_on or timezone.localdate(),
        "kind": follow_up.kind,
        "participants": follow_up.participants,
        "notes": follow_up.notes,
    }
    form = FollowUpRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                follow_up=follow_up, recorded_by=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Uppföljningen är sparad."))
            return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=follow_up)
    return TemplateResponse(
        request,
        "tenancies/follow_up_form.html",
        {"form": form, "sublet": sublet, "follow_up": follow_up},
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
def takeover(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    """Assess the household against the criteria and decide: take over, extend, or wait."""
    sublet = get_sublet(request, sublet_id)
    if not sublet.is_active:
        raise Http404
    today = timezone.localdate()
    form = TakeoverForm(request.POST or None, initial={"assessed_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.takeover_decide(
                sublet=sublet,
                decided_by=request.user,
                assessed_on=data["assessed_on"],
                criteria=rules.TakeoverCriteria(
                    rent_paid_on_time=data["rent_paid_on_time"],
                    conditions_kept=data["conditions_kept"],
                    no_disturbance=data["no_disturbance"],
                    landlord_consent=data["landlord_consent"],
                ),
                decision=data["decision"],
                takeover_date=data["takeover_date"],
                new_planned_date=data["new_planned_date"],
                notes=data["notes"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Beslutet är sparat."))
            return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=sublet)
    return TemplateResponse(
        request, "tenancies/takeover_form.html", {"form": form, "sublet": sublet}
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
def sublet_end(request: AuthedHttpRequest, sublet_id: UUID) -> HttpResponse:
    """End a sublet without takeover; the apartment is then vacant until let or returned."""
    sublet = get_sublet(request, sublet_id)
    if not sublet.is_active:
        raise Http404
    form = SubletEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sublet_end(
                sublet=sublet,
                ended_by=request.user,
                end_date=data["end_date"],
                reason=data["reason"],
                note=data["note"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Kontraktet är avslutat. Boka besiktning."))
            return redirect("tenancies:sublet_detail", sublet_id=sublet.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=sublet)
    return TemplateResponse(
        request, "tenancies/sublet_end_form.html", {"form": form, "sublet": sublet}
    )
