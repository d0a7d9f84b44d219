"""The work queue, the case list and the case page with outreach, interventions and outcome."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.prevention import rules, selectors, services
from bosam.prevention.forms import (
    CloseForm,
    IllnessNoteForm,
    InterventionForm,
    LetterForm,
    NoticesForm,
    OutreachForm,
)
from bosam.prevention.models import Notification, OutreachAttempt, PreventionCase
from bosam.prevention.pdf import outreach_letter_pdf

WORK = Capability.PREVENTION_WORK


def get_case(request: AuthedHttpRequest, case_id: UUID) -> PreventionCase:
    try:
        return selectors.case_get(user=request.user, case_id=case_id)
    except PreventionCase.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(WORK)
def work_queue(request: AuthedHttpRequest) -> HttpResponse:
    """Open cases, most urgent first; a near deadline with no contact stands out."""
    today = timezone.localdate()
    page = Paginator(selectors.work_queue_ids(user=request.user, today=today), 50).get_page(
        request.GET.get("page")
    )
    rows = selectors.case_rows(selectors.cases_in_order(page.object_list), today)
    audit_list(actor=request.user, objects=[row.case for row in rows])
    urgent_count = selectors.work_queue_urgent_count(user=request.user, today=today)
    return TemplateResponse(
        request,
        "prevention/work_queue.html",
        {"page": page, "rows": rows, "today": today, "urgent_count": urgent_count},
    )


def _int_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() else None


@capability_required(WORK)
def case_list(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = {
        "status": request.GET.get("status", ""),
        "outcome": request.GET.get("outcome", ""),
        "query": request.GET.get("q", "").strip(),
        "with_children": request.GET.get("children") == "1",
        "not_contacted": request.GET.get("not_contacted") == "1",
        "deadline_within_days": _int_or_none(request.GET.get("within", "")),
    }
    qs = selectors.case_list(user=request.user, today=today, **filters)  # type: ignore[arg-type]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    context = {
        "page": page,
        "rows": selectors.case_rows(list(page.object_list), today),
        "filters": filters,
        "statuses": PreventionCase.Status.choices,
        "outcomes": PreventionCase.Outcome.choices,
    }
    if request.htmx:
        return TemplateResponse(request, "prevention/case_list.html#results", context)
    return TemplateResponse(request, "prevention/case_list.html", context)


def _case_context(request: AuthedHttpRequest, case: PreventionCase) -> dict[str, object]:
    today = timezone.localdate()
    members = case.household.current_members_cached()
    notifications = selectors.case_notifications(case=case)
    notices_forms = [
        (
            n,
            NoticesForm(
                prefix=f"n-{n.pk}",
                initial={
                    "notice_served_on": n.notice_served_on,
                    "committee_notice_on": n.committee_notice_on,
                },
            ),
        )
        for n in notifications
        if n.kind in rules.KINDS_WITH_ATERVINNINGSFRIST
    ]
    return {
        "case": case,
        "row": selectors.case_rows([case], today)[0],
        "members": members,
        "children": [m for m in members if m.person.is_child_on(today)],
        "notifications": notifications,
        "notices_forms": notices_forms,
        "outreach": list(case.outreach.select_related("made_by")),
        "interventions": selectors.case_interventions(case=case),
        "outreach_form": OutreachForm(prefix="outreach"),
        "intervention_form": InterventionForm(prefix="intervention"),
        "close_form": CloseForm(prefix="close"),
        "letter_form": LetterForm(prefix="letter"),
        "illness_form": IllnessNoteForm(prefix="illness", initial={"note": case.illness_note}),
        "today": today,
    }


def _render_case(
    request: AuthedHttpRequest, case: PreventionCase, **forms: object
) -> TemplateResponse:
    context = _case_context(request, case)
    context.update(forms)
    return TemplateResponse(request, "prevention/case_detail.html", context)


@capability_required(WORK)
def case_detail(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case(request, case_id)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=case)
    return _render_case(request, case)


@capability_required(WORK)
@require_POST
@one_time_submission
def outreach_add(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case(request, case_id)
    form = OutreachForm(request.POST, prefix="outreach")
    if form.is_valid():
        try:
            services.outreach_record(case=case, made_by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Kontaktförsöket är registrerat."))
            return redirect("prevention:case_detail", case_id=case.pk)
    return _render_case(request, case, outreach_form=form)


@capability_required(WORK)
@require_POST
@one_time_submission
def intervention_add(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case(request, case_id)
    form = InterventionForm(request.POST, prefix="intervention")
    if form.is_valid():
        try:
            services.case_intervention_record(
                case=case, performed_by=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Insatsen är registrerad."))
            return redirect("prevention:case_detail", case_id=case.pk)
    return _render_case(request, case, intervention_form=form)


@capability_required(WORK)
@require_POST
def notices_update(
    request: AuthedHttpRequest, case_id: UUID, notification_id: UUID
) -> HttpResponse:
    """Add or correct the dates of the two notices; the återvinningsfrist is computed again."""
    case = get_case(request, case_id)
    notification = Notification.objects.filter(pk=notification_id, case=case).first()
    if notification is None:
        raise Http404
    form = NoticesForm(request.POST, prefix=f"n-{notification.pk}")
    if form.is_valid():
        try:
            services.notification_notices_update(
                notification=notification, updated_by=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Datumen är sparade och fristen är räknad på nytt."))
            return redirect("prevention:case_detail", case_id=case.pk)
    # The dates are edited in a row of the notification list: say which field was wrong.
    messages.error(
        request,
        " ".join(
            f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ),
    )
    return redirect("prevention:case_detail", case_id=case.pk)


@capability_required(WORK)
@require_POST
def illness_note_save(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    """The illness exception as a note on the case (no new clock)."""
    case = get_case(request, case_id)
    form = IllnessNoteForm(request.POST, prefix="illness")
    if form.is_valid():
        try:
            services.case_illness_note_save(
                case=case, note=form.cleaned_data["note"], saved_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Anteckningen är sparad."))
            return redirect("prevention:case_detail", case_id=case.pk)
    return _render_case(request, case, illness_form=form)


@capability_required(WORK)
@require_POST
def case_close(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case(request, case_id)
    form = CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.prevention_case_close(case=case, closed_by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ärendet är avslutat."))
            return redirect("prevention:case_detail", case_id=case.pk)
    return _render_case(request, case, close_form=form)


@capability_required(WORK)
@require_POST
@one_time_submission
def letter_send(request: AuthedHttpRequest, case_id: UUID) -> HttpResponse:
    """Write the letter from the chosen template and record it as an outreach attempt."""
    case = get_case(request, case_id)
    form = LetterForm(request.POST, prefix="letter")
    if form.is_valid():
        try:
            attempt = services.outreach_letter_send(
                case=case,
                template=form.cleaned_data["template"],
                made_by=request.user,
                made_on=timezone.localdate(),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Brevet är skapat. Öppna det som PDF i kontaktlistan och skicka det.")
            )
            return redirect(f"{reverse('prevention:case_detail', args=[case.pk])}#a-{attempt.pk}")
    return _render_case(request, case, letter_form=form)


@capability_required(WORK)
def letter_pdf(request: AuthedHttpRequest, case_id: UUID, attempt_id: UUID) -> HttpResponse:
    case = get_case(request, case_id)
    attempt = (
        OutreachAttempt.objects.filter(pk=attempt_id, case=case)
        .exclude(letter_text="")
        .select_related("case__household")
        .first()
    )
    if attempt is None:
        raise Http404
    attempt.case = case  # the case carries the prefetched household members
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=case, reason="brev (PDF)")
    pdf = outreach_letter_pdf(attempt=attempt, municipality=settings.BOSAM_MUNICIPALITY_NAME)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{attempt.made_on:%Y%m%d}.pdf"'
    return response


@capability_required(WORK)
@require_POST
def subtenant_arrears(request: AuthedHttpRequest) -> HttpResponse:
    """Open cases for the municipality's own subtenants who owe rent today."""
    result = services.subtenant_arrears_register(
        registered_by=request.user,
        unit=request.user.unit,  # type: ignore[arg-type]
        on=timezone.localdate(),
    )
    messages.success(
        request,
        _("%(new)s nya underrättelser om egna andrahandshyresgäster; %(known)s redan kända.")
        % {"new": len(result.created), "known": result.already_known},
    )
    return redirect("prevention:work_queue")
