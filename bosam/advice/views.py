"""Pages for housing advice: intake, the case and its work, the list, and the figures.

Thin: forms in, services and selectors do the work; every page that shows a person (or a case
of an identified person) writes its audit rows."""

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
from bosam.advice import selectors, services
from bosam.advice.forms import (
    CaseEditForm,
    CaseFilterForm,
    CloseForm,
    ContactForm,
    IntakeForm,
    ReferralForm,
)
from bosam.advice.models import AdviceCase
from bosam.advice.rules import format_minutes
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.search_terms import clean_query
from bosam.core.submissions import one_time_submission

READ = selectors.READ_CAPABILITIES
WORK = (Capability.ADVICE_WORK,)


def _get_case(request: AuthedHttpRequest, case_id: UUID) -> AdviceCase:
    try:
        return selectors.advice_case_get(user=request.user, case_id=case_id)
    except AdviceCase.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


def _get_workable_case(request: AuthedHttpRequest, case_id: UUID) -> AdviceCase:
    case = _get_case(request, case_id)
    if not selectors.advice_case_may_work(request.user, case):
        audit_record(actor=request.user, action=AuditAction.DENIED, obj=case)
        raise PermissionDenied(_("Bara en rådgivare på ärendets enhet kan registrera arbete."))
    return case


def _closed_refusal(request: AuthedHttpRequest, case: AdviceCase) -> HttpResponse | None:
    """A closed case takes no more work; say so rather than showing forms that are gone."""
    if case.status == AdviceCase.Status.OPEN:
        return None
    messages.error(
        request,
        _("Ärendet är avslutat. Registrera ett nytt ärende om personen hör av sig igen."),
    )
    return redirect("advice:case_detail", case_id=case.pk)


@capability_required(*READ)
def case_list(request: AuthedHttpRequest) -> HttpResponse:
    """Cases the user may see, filtered by status, own cases, period, reference and person."""
    form = CaseFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    cases = selectors.advice_case_list(
        user=request.user,
        status=filters.get("status") or "",
        mine=bool(filters.get("mine")),
        start=filters.get("start"),
        end=filters.get("end"),
        reference=filters.get("reference") or "",
        query=clean_query(filters.get("query")),
    )
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    context = {
        "form": form,
        "page": page,
        "can_work": request.user.has_capability(Capability.ADVICE_WORK),
        "querystring": _without_page(request),
    }
    if request.htmx:
        return TemplateResponse(request, "advice/case_list.html#results", context)
    return TemplateResponse(request, "advice/case_list.html", context)


def _without_page(request: AuthedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@capability_required(*WORK)
@require_http_methods(["GET", "POST"])
@one_time_submission
def case_create(request: AuthedHttpRequest) -> HttpResponse:
    """The intake. Saving goes straight to the case, where the work is recorded."""
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.advice_case_register(
                registered_by=request.user,
                channel=data["channel"],
                reason=data["reason"],
                personal_number=data["personal_number"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                age_band=data["age_band"],
                household_type=data["household_type"],
                notes=data["notes"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Ärende %(reference)s är registrerat.") % {"reference": case.reference}
            )
            if "save_and_new" in request.POST:
                return redirect("advice:case_create")
            return redirect("advice:case_detail", case_id=case.pk)
    lookup = _lookup_context(request, form.data.get("personal_number", "")) if form.data else {}
    return TemplateResponse(request, "advice/case_form.html", {"form": form, **lookup})


def _lookup_context(request: AuthedHttpRequest, number: str) -> dict[str, Any]:
    """Who the number belongs to and their earlier cases; reading them is audited."""
    person, problem = selectors.person_lookup(number, user=request.user)
    earlier: list[AdviceCase] = []
    if person is not None:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=person)
        earlier = selectors.advice_case_earlier(user=request.user, person=person)
        audit_list(actor=request.user, objects=earlier)
    return {
        "lookup_number": number.strip(),
        "lookup_person": person,
        "lookup_problem": problem,
        "earlier_cases": earlier,
    }


@capability_required(*WORK)
def person_lookup(request: AuthedHttpRequest) -> HttpResponse:
    """The intake's live answer to a typed number: the person and their earlier cases."""
    context = _lookup_context(request, request.GET.get("personal_number", ""))
    return TemplateResponse(request, "advice/case_form.html#lookup", context)


def _detail(
    request: AuthedHttpRequest,
    case: AdviceCase,
    *,
    contact_form: ContactForm | None = None,
    referral_form: ReferralForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=case)
    earlier: list[AdviceCase] = []
    if case.person is not None:
        earlier = selectors.advice_case_earlier(user=request.user, person=case.person, exclude=case)
        audit_list(actor=request.user, objects=earlier)
    today = timezone.localdate()
    may_work = selectors.advice_case_may_work(request.user, case)
    is_open = case.status == AdviceCase.Status.OPEN
    contacts = selectors.advice_case_contacts(case=case)
    context = {
        "case": case,
        "earlier_cases": earlier,
        "contacts": contacts,
        "referrals": selectors.advice_case_referrals(case=case),
        "minutes_total": format_minutes(sum(c.minutes for c in contacts)),
        "may_work": may_work and is_open,
        "may_correct": may_work,
        "contact_form": contact_form or ContactForm(initial={"contact_on": today}),
        "referral_form": referral_form or ReferralForm(initial={"referred_on": today}),
        "close_form": close_form or CloseForm(initial={"closed_on": today}),
    }
    return TemplateResponse(request, "advice/case_detail.html", context, status=status)


@capability_required(*READ)
def case_detail(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    return _detail(request, _get_case(request, case_id))


@capability_required(*WORK)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(AdviceCase, "case_id"))
def case_edit(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    """Correct the intake (channel, reason, household type, notes; age band if anonymous)."""
    case = _get_workable_case(request, case_id)
    initial = {
        "channel": case.channel_id,
        "reason": case.reason_id,
        "age_band": case.age_band,
        "household_type": case.household_type,
        "notes": case.notes,
    }
    form = CaseEditForm(request.POST or None, initial=initial, anonymous=case.is_anonymous)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_case_update(
                case=case,
                updated_by=request.user,
                channel=data["channel"],
                reason=data["reason"],
                household_type=data["household_type"],
                notes=data["notes"],
                age_band=data.get("age_band", ""),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("advice:case_detail", case_id=case.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=case)
    return TemplateResponse(request, "advice/case_edit.html", {"form": form, "case": case})


@capability_required(*WORK)
@require_POST
@one_time_submission
def contact_add(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = _get_workable_case(request, case_id)
    if refusal := _closed_refusal(request, case):
        return refusal
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_contact_record(
                case=case,
                recorded_by=request.user,
                contact_on=data["contact_on"],
                minutes=data["minutes"],
                advice_kinds=list(data["advice_kinds"]),
                digital_help_kinds=list(data["digital_help_kinds"]),
                notes=data["notes"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Arbetet är registrerat."))
            return redirect("advice:case_detail", case_id=case.pk)
    return _detail(request, case, contact_form=form, status=422)


@capability_required(*WORK)
@require_POST
@one_time_submission
def referral_add(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = _get_workable_case(request, case_id)
    if refusal := _closed_refusal(request, case):
        return refusal
    form = ReferralForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_referral_record(
                case=case,
                recorded_by=request.user,
                target=data["target"],
                special_reasons=data["special_reasons"],
                referred_on=data["referred_on"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Hänvisningen är registrerad."))
            return redirect("advice:case_detail", case_id=case.pk)
    return _detail(request, case, referral_form=form, status=422)


@capability_required(*WORK)
@require_POST
def case_close(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = _get_workable_case(request, case_id)
    if refusal := _closed_refusal(request, case):
        return refusal
    form = CloseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_case_close(
                case=case,
                closed_by=request.user,
                outcome=data["outcome"],
                closed_on=data["closed_on"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Ärende %(reference)s är avslutat.") % {"reference": case.reference}
            )
            return redirect("advice:case_detail", case_id=case.pk)
    return _detail(request, case, close_form=form, status=422)
