"""The coordinator's matching pages (vacancies ranked, offers made, settings with a what-if)
and the offer pages both the coordinator and the requesting unit answer on."""

from typing import Any
from uuid import UUID

from django.contrib import messages
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
from bosam.core.edit_guards import guard_stale_edit
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.matching import selectors, services
from bosam.matching.forms import (
    OfferAcceptForm,
    OfferDeclineForm,
    OfferMakeForm,
    OfferWithdrawForm,
    SettingsForm,
)
from bosam.matching.models import MatchingSettings, Offer
from bosam.matching.views.common import READ, REQUEST, WORK, get_offer, get_request
from bosam.properties.models import HeadLease


@capability_required(*WORK)
def vacancy_list(request: AuthedHttpRequest) -> HttpResponse:
    """Vacant apartments and those becoming free, earliest first (no personal data)."""
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "matching/vacancy_list.html",
        {
            "vacancies": selectors.vacancies(today=today),
            "today": today,
            "horizon": selectors.VACANCY_HORIZON_DAYS,
        },
    )


@capability_required(*WORK)
def vacancy_detail(request: AuthedHttpRequest, head_lease_id: int) -> HttpResponse:
    """One vacancy with the waiting requests ranked for it, each explained, and the excluded
    ones with the rule that excluded them."""
    today = timezone.localdate()
    vacancy = selectors.vacancy_get(head_lease_id=head_lease_id, today=today)
    if vacancy is None:
        if not HeadLease.objects.filter(pk=head_lease_id).exists():
            raise Http404
        messages.info(
            request, _("Objektet är inte ledigt och blir inte ledigt den närmaste tiden.")
        )
        return redirect("matching:vacancy_list")
    ranked = selectors.proposals_for_vacancy(vacancy=vacancy, today=today)
    shown = [ranked.requests[p.request.id] for p in ranked.ranking.proposals]
    excluded = [ranked.requests[e.request.id] for e in ranked.ranking.excluded]
    audit_list(actor=request.user, objects=shown + excluded)
    return TemplateResponse(
        request,
        "matching/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "today": today,
            "proposals": [(p, ranked.requests[p.request.id]) for p in ranked.ranking.proposals],
            "excluded": [(e, ranked.requests[e.request.id]) for e in ranked.ranking.excluded],
            "offer_form": OfferMakeForm(),
        },
    )


@capability_required(*WORK)
@require_POST
@one_time_submission
def offer_make(request: AuthedHttpRequest) -> HttpResponse:
    """Offer a vacancy to a request. A second coordinator who was a moment too late gets the
    service's message and is sent back to the page they came from."""
    form = OfferMakeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Erbjudandet kunde inte lämnas: uppgifter saknas."))
        return redirect("matching:vacancy_list")
    housing_request = get_request(request, form.cleaned_data["request"])
    lease = HeadLease.objects.filter(pk=form.cleaned_data["head_lease"]).first()
    if lease is None:
        raise Http404
    try:
        made = services.offer_make(
            offered_by=request.user,
            request=housing_request,
            head_lease=lease,
            note=form.cleaned_data["note"],
            override_reason=form.cleaned_data["override_reason"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        if request.POST.get("back") == "request":
            return redirect("matching:request_detail", request_id=housing_request.pk)
        return redirect("matching:vacancy_detail", head_lease_id=lease.pk)
    messages.success(
        request,
        _("%(apartment)s är erbjuden till %(ref)s.")
        % {"apartment": made.apartment, "ref": housing_request.reference},
    )
    return redirect("matching:offer_detail", offer_id=made.pk)


@capability_required(*READ)
def offer_list(request: AuthedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    paginator = Paginator(selectors.offer_list(user=request.user, state=state), 50)
    page = paginator.get_page(request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    return TemplateResponse(
        request,
        "matching/offer_list.html",
        {
            "page": page,
            "state": state,
            "states": Offer.State.choices,
            "today": timezone.localdate(),
            "answer_days": selectors.settings_get().offer_answer_days,
        },
    )


def _may_answer(request: AuthedHttpRequest) -> bool:
    return any(request.user.has_capability(c) for c in REQUEST)


@capability_required(*READ)
def offer_detail(request: AuthedHttpRequest, offer_id: UUID) -> HttpResponse:
    offer = get_offer(request, offer_id)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=offer)
    return TemplateResponse(request, "matching/offer_detail.html", _offer_context(request, offer))


def _offer_context(request: AuthedHttpRequest, offer: Offer, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    answer_days = selectors.settings_get().offer_answer_days
    context: dict[str, Any] = {
        "offer": offer,
        "today": today,
        "can_answer": offer.is_open and _may_answer(request),
        "can_manage": offer.is_open and request.user.has_capability(Capability.MATCHING_WORK),
        "overdue": offer.is_open and (today - offer.offered_on).days > answer_days,
        "answer_days": answer_days,
        "accept_form": OfferAcceptForm(
            initial={
                "move_in": max(offer.available_from, today),
                "monthly_rent": offer.head_lease.monthly_rent,
            }
        ),
        "decline_form": OfferDeclineForm(),
        "withdraw_form": OfferWithdrawForm(),
    }
    context.update(forms)
    return context


@capability_required(*REQUEST)
@require_POST
def offer_accept(request: AuthedHttpRequest, offer_id: UUID) -> HttpResponse:
    """Yes to the offer: the sublet is signed in the same step."""
    offer = get_offer(request, offer_id)
    form = OfferAcceptForm(request.POST)
    if form.is_valid():
        try:
            services.offer_accept(offer=offer, answered_by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("Erbjudandet är accepterat och andrahandskontraktet %(number)s är skapat.")
                % {"number": offer.sublet.number if offer.sublet else ""},
            )
            return redirect("matching:offer_detail", offer_id=offer.pk)
    return TemplateResponse(
        request,
        "matching/offer_detail.html",
        _offer_context(request, offer, accept_form=form),
        status=400,
    )


@capability_required(*REQUEST)
@require_POST
def offer_decline(request: AuthedHttpRequest, offer_id: UUID) -> HttpResponse:
    """No to the offer, with who said no and why; the vacancy returns to the pool."""
    offer = get_offer(request, offer_id)
    form = OfferDeclineForm(request.POST)
    if form.is_valid():
        try:
            services.offer_decline(
                offer=offer,
                answered_by=request.user,
                reason=form.cleaned_data["decline_reason"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Nej till erbjudandet är registrerat."))
            return redirect("matching:offer_detail", offer_id=offer.pk)
    return TemplateResponse(
        request,
        "matching/offer_detail.html",
        _offer_context(request, offer, decline_form=form),
        status=400,
    )


@capability_required(*WORK)
@require_POST
def offer_withdraw(request: AuthedHttpRequest, offer_id: UUID) -> HttpResponse:
    offer = get_offer(request, offer_id)
    form = OfferWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.offer_withdraw(
                offer=offer, withdrawn_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Erbjudandet är tillbakataget."))
    else:
        messages.error(request, _("Ange skälet att ta tillbaka erbjudandet."))
    return redirect("matching:offer_detail", offer_id=offer.pk)


@capability_required(*WORK)
@require_POST
def offer_expire(request: AuthedHttpRequest, offer_id: UUID) -> HttpResponse:
    offer = get_offer(request, offer_id)
    try:
        services.offer_expire(offer=offer, expired_by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Erbjudandet är markerat som utgånget."))
    return redirect("matching:offer_detail", offer_id=offer.pk)


@capability_required(*WORK)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(lambda **_: MatchingSettings.objects.filter(pk=1).first())
def settings_edit(request: AuthedHttpRequest) -> HttpResponse:
    """The occupancy rule, the weights and the answer days. "Förhandsgranska" lists the current
    proposals that would change; only "Spara" saves."""
    current = selectors.settings_get()
    form = SettingsForm(request.POST or None, instance=current)
    changes = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        if "save" in request.POST:
            try:
                services.matching_settings_update(updated_by=request.user, **values)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Inställningarna är sparade."))
                return redirect("matching:settings")
        else:
            changes = selectors.settings_changes(new_values=values, today=timezone.localdate())
            people = selectors.requests_by_id([c.request.id for c in changes])
            audit_list(actor=request.user, objects=list(people.values()))
    current.refresh_from_db()
    return TemplateResponse(
        request,
        "matching/settings.html",
        {"form": form, "changes": changes, "current": current},
    )
