"""The social worker's pages: request an apartment, follow the unit's requests and their offers.
The coordinator sees the same pages for every unit, with the ranked vacancies added."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.models import Committee
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.matching import selectors, services
from bosam.matching.forms import OfferMakeForm, RequestForm, RequestWithdrawForm, WhyNotForm
from bosam.matching.models import HousingRequest
from bosam.matching.views.common import READ, REQUEST, get_request
from bosam.properties.models import Usage

FIELDS = (
    "usage_category",
    "committee",
    "household_size",
    "rooms_wanted",
    "needs_wheelchair_access",
    "needs_ground_floor_or_lift",
    "districts_preferred",
    "districts_avoided",
    "other_needs",
    "urgency",
    "urgency_reason",
    "needed_by",
)


@capability_required(*READ)
def request_list(request: AuthedHttpRequest) -> HttpResponse:
    """The unit's requests (all units' for the coordinator), open first, longest waiting first."""
    committee = request.GET.get("committee", "")
    filters = selectors.RequestFilters(
        query=request.GET.get("q", ""),
        status=request.GET.get("status", ""),
        urgency=request.GET.get("urgency", ""),
        usage_category=request.GET.get("usage", ""),
        committee_id=int(committee) if committee.isdigit() else None,
    )
    paginator = Paginator(selectors.request_list(user=request.user, filters=filters), 50)
    page = paginator.get_page(request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "statuses": HousingRequest.Status.choices,
        "urgencies": HousingRequest.Urgency.choices,
        "usages": Usage.Category.choices,
        "committees": Committee.objects.filter(active=True),
        "today": timezone.localdate(),
        "can_request": request.user.has_capability(Capability.HOUSING_REQUEST),
    }
    if request.htmx:
        return TemplateResponse(request, "matching/request_list.html#results", context)
    return TemplateResponse(request, "matching/request_list.html", context)


def _form_values(form: RequestForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in FIELDS}


@capability_required(*REQUEST)
@require_http_methods(["GET", "POST"])
@one_time_submission
def request_create(request: AuthedHttpRequest) -> HttpResponse:
    households = selectors.households_for_request(user=request.user)
    initial: dict[str, Any] = {"urgency": HousingRequest.Urgency.NORMAL, "rooms_wanted": 1}
    household_id = request.GET.get("household")
    if household_id:
        chosen = households.filter(pk=household_id).first()
        if chosen is not None:
            initial.update(household=chosen.pk, household_size=len(chosen.current_members_cached()))
    form = RequestForm(request.POST or None, households=households, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.request_create(
                created_by=request.user,
                household=form.cleaned_data["household"],
                **_form_values(form),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Beställningen %(ref)s är skickad.") % {"ref": made})
            return redirect("matching:request_detail", request_id=made.pk)
    # The household select names every household's members: showing them is a read, audited as
    # a list (until a searchable picker shows only what the user searched for).
    audit_list(actor=request.user, objects=households)
    return TemplateResponse(request, "matching/request_form.html", {"form": form})


@capability_required(*REQUEST)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(HousingRequest, "request_id"))
def request_edit(request: AuthedHttpRequest, request_id: UUID) -> HttpResponse:
    housing_request = get_request(request, request_id)
    households = selectors.households_for_request(user=request.user).filter(
        pk=housing_request.household_id
    )
    initial = {name: getattr(housing_request, name) for name in FIELDS}
    initial["committee"] = housing_request.committee_id
    initial["household"] = housing_request.household_id
    form = RequestForm(request.POST or None, households=households, initial=initial)
    form.fields["household"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(
                request=housing_request, updated_by=request.user, **_form_values(form)
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("matching:request_detail", request_id=housing_request.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=housing_request)
    return TemplateResponse(
        request, "matching/request_form.html", {"form": form, "housing_request": housing_request}
    )


@capability_required(*READ)
def request_detail(request: AuthedHttpRequest, request_id: UUID) -> HttpResponse:
    """The request, its offers, and for the coordinator the vacancies ranked for it and the
    "why not" question."""
    housing_request = get_request(request, request_id)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=housing_request)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "housing_request": housing_request,
        "offers": selectors.offers_for_request(request=housing_request),
        "today": today,
        "withdraw_form": RequestWithdrawForm(),
        "can_edit": housing_request.is_open
        and request.user.has_capability(Capability.HOUSING_REQUEST),
    }
    if request.user.has_capability(Capability.MATCHING_WORK):
        ranked = selectors.proposals_for_request(request=housing_request, today=today)
        context.update(
            ranked=ranked,
            proposals=[(p, ranked.vacancies[p.vacancy.id]) for p in ranked.ranking.proposals],
            why_not_form=WhyNotForm(),
            offer_form=OfferMakeForm(),
            can_offer=housing_request.status == HousingRequest.Status.WAITING,
        )
    return TemplateResponse(request, "matching/request_detail.html", context)


@capability_required(*REQUEST)
@require_POST
def request_withdraw(request: AuthedHttpRequest, request_id: UUID) -> HttpResponse:
    housing_request = get_request(request, request_id)
    form = RequestWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.request_withdraw(
                request=housing_request,
                withdrawn_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Beställningen är återkallad."))
    else:
        messages.error(request, _("Ange skälet till att beställningen återkallas."))
    return redirect("matching:request_detail", request_id=housing_request.pk)


@capability_required(Capability.MATCHING_WORK)
def why_not(request: AuthedHttpRequest, request_id: UUID) -> HttpResponse:
    """Answer "why is this apartment not proposed for this request" (htmx partial or page). The
    object is typed; several matches are listed to pick from, none is a message on the field."""
    housing_request = get_request(request, request_id)
    form = WhyNotForm(request.GET or None)
    answer = None
    matches: list[Any] = []
    if form.is_valid():
        matches = selectors.why_not_leases(
            text=form.cleaned_data["lease"], head_lease_id=form.cleaned_data["head_lease"]
        )
        if not matches:
            form.add_error(
                "lease",
                _("Inget gällande avtal har det avtalsnumret, objektnumret eller adressen."),
            )
        elif len(matches) == 1:
            audit_record(actor=request.user, action=AuditAction.VIEW, obj=housing_request)
            answer = selectors.why_not_answer(
                request=housing_request, head_lease=matches[0], today=timezone.localdate()
            )
    context = {
        "housing_request": housing_request,
        "why_not_form": form,
        "answer": answer,
        "asked_about": matches[0] if answer else None,
        "matches": matches[: selectors.WHY_NOT_MATCHES_SHOWN] if len(matches) > 1 else [],
        "more_matches": len(matches) > selectors.WHY_NOT_MATCHES_SHOWN,
    }
    if request.htmx:
        return TemplateResponse(request, "matching/why_not.html#answer", context)
    return TemplateResponse(request, "matching/why_not.html", context)
