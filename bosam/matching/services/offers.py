"""Offers: the coordinator offers a vacancy to a request; the unit and the household answer.
An accepted offer becomes a sublet (tenancies' `sublet_create`) in the same transaction; a
declined, withdrawn or expired one returns both the vacancy and the request to the pool.

Two coordinators may offer the same vacancy at the same moment. `offer_make` locks the head
lease row first (SELECT … FOR UPDATE), so the second waits, then sees the first one's offer and
gets a clear message; the partial unique constraint on open offers backs this on databases
without row locks (SQLite serialises writers instead)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.matching import rules
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import DeclineReason, HousingRequest, Offer
from bosam.matching.selectors.proposals import (
    request_facts,
    rule_settings,
    settings_get,
    vacancy_get,
)
from bosam.properties.models import HeadLease
from bosam.tenancies.services import sublet_create


def _taken_message(offer: Offer) -> str:
    return _(
        "Objektet har redan erbjudits till beställning %(reference)s (av %(by)s %(on)s). "
        "Erbjudandet måste besvaras eller tas tillbaka innan objektet kan erbjudas igen. "
        "Välj ett annat objekt."
    ) % {
        "reference": offer.request.reference,
        "by": offer.offered_by.get_full_name() or offer.offered_by.get_username(),
        "on": f"{offer.offered_on:%Y-%m-%d}",
    }


@transaction.atomic
def offer_make(
    *,
    offered_by: Any,
    request: HousingRequest,
    head_lease: HeadLease,
    note: str = "",
    override_reason: str = "",
    today: date | None = None,
) -> Offer:
    """Offer a vacant apartment to a waiting request. The rules propose; the coordinator
    decides: a pairing a hard rule excludes needs a stated reason, which is audited."""
    day = today or timezone.localdate()
    # Lock order: head lease, then request. Every path that changes an offer's state locks
    # the offer only, so there is no cycle.
    lease = HeadLease.objects.select_for_update().get(pk=head_lease.pk)
    HousingRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk").get()
    request.refresh_from_db()
    taken = (
        Offer.objects.filter(head_lease=lease, state=Offer.State.OFFERED)
        .select_related("request", "offered_by")
        .first()
    )
    if taken is not None:
        raise MatchingError(
            _taken_message(taken),
            code=MatchingErrorCode.VACANCY_TAKEN,
            extra={"field": "head_lease"},
        )
    if request.status == HousingRequest.Status.OFFERED:
        raise MatchingError(
            _("Beställningen har redan ett erbjudande som väntar på svar."),
            code=MatchingErrorCode.REQUEST_HAS_OPEN_OFFER,
        )
    if request.status != HousingRequest.Status.WAITING:
        raise MatchingError(
            _("Beställningen är %(status)s.") % {"status": request.get_status_display().lower()},
            code=MatchingErrorCode.REQUEST_CLOSED,
        )
    vacancy = vacancy_get(head_lease_id=lease.pk, today=day)
    if vacancy is None:
        raise MatchingError(
            _("Objektet är inte ledigt och blir inte ledigt inom den närmaste tiden."),
            code=MatchingErrorCode.NOT_VACANT,
            extra={"field": "head_lease"},
        )
    settings = rule_settings(settings_get())
    facts, place = request_facts(request), vacancy.facts()
    excluded = rules.exclusions(facts, place, settings)
    if excluded and not override_reason.strip():
        raise MatchingError(
            _(
                "Reglerna utesluter objektet för beställningen: %(rules)s "
                "Ange skälet om du ändå vill erbjuda det."
            )
            % {"rules": " ".join(e.message for e in excluded)},
            code=MatchingErrorCode.REASON_REQUIRED,
            extra={"field": "override_reason", "rules": [e.rule for e in excluded]},
        )
    # The explanation is stored on the offer and read later by others: it is written in the
    # default language, not in the language of the coordinator who happens to make the offer.
    with translation.override(django_settings.LANGUAGE_CODE):
        proposal = rules.score(facts, place, settings, day)
        explanation = proposal.explanation
        if excluded:
            explanation = (
                "Erbjuden trots reglerna ("
                + "; ".join(e.message for e in rules.exclusions(facts, place, settings))
                + f"). Skäl: {override_reason.strip()}. {explanation}"  # i18n: not UI
            )
    offer = Offer(
        request=request,
        head_lease=lease,
        apartment_id=lease.apartment_id,
        available_from=max(vacancy.free_from, day),
        offered_on=day,
        offered_by=offered_by,
        score=proposal.points,
        explanation=explanation,
        note=note.strip(),
    )
    offer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError as exc:
        # Only reached where the row lock does not serialise (the constraint caught the race).
        raise MatchingError(
            _("Objektet erbjöds just till en annan beställning. Välj ett annat objekt."),
            code=MatchingErrorCode.VACANCY_TAKEN,
            extra={"field": "head_lease"},
        ) from exc
    request.status = HousingRequest.Status.OFFERED
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=offered_by, action=AuditAction.CREATE, obj=offer, reason=explanation)
    return offer


def _locked_open(offer: Offer) -> Offer:
    """Lock the offer and read it afresh; refuse one that has been answered meanwhile."""
    Offer.objects.select_for_update().filter(pk=offer.pk).values_list("pk").get()
    offer.refresh_from_db()
    offer.request.refresh_from_db()
    if offer.state != Offer.State.OFFERED:
        raise MatchingError(
            _("Erbjudandet är redan %(state)s.") % {"state": offer.get_state_display().lower()},
            code=MatchingErrorCode.OFFER_CLOSED,
        )
    return offer


def _back_to_pool(request: HousingRequest) -> None:
    request.status = HousingRequest.Status.WAITING
    request.save(update_fields=["status", "updated_at"])


@transaction.atomic
def offer_accept(
    *,
    offer: Offer,
    answered_by: Any,
    move_in: date | None = None,
    monthly_rent: Decimal | None = None,
    note: str = "",
    today: date | None = None,
) -> Offer:
    """The household and the unit say yes: the sublet is made in the same step (the
    andrahandskontrakt is signed) and the request is housed."""
    day = today or timezone.localdate()
    offer = _locked_open(offer)
    start = move_in or max(offer.available_from, day)
    if start < offer.available_from:
        raise MatchingError(
            _("Inflyttningen kan inte ske före %(date)s, då objektet blir ledigt.")
            % {"date": f"{offer.available_from:%Y-%m-%d}"},
            code=MatchingErrorCode.INVALID_DATE,
            extra={"field": "move_in"},
        )
    request = offer.request
    sublet = sublet_create(
        created_by=answered_by,
        household=request.household,
        head_lease=offer.head_lease,
        start_date=start,
        monthly_rent=monthly_rent if monthly_rent is not None else offer.head_lease.monthly_rent,
        social_worker=request.requested_by,
        unit=request.unit,
        committee=request.committee,
    )
    offer.state = Offer.State.ACCEPTED
    offer.answered_on = day
    offer.answered_by = answered_by
    offer.answer_note = note.strip()
    offer.sublet = sublet
    offer.full_clean(validate_constraints=False)
    offer.save()
    request.status = HousingRequest.Status.HOUSED
    request.closed_on = day
    request.save(update_fields=["status", "closed_on", "updated_at"])
    audit_record(  # i18n: not UI
        actor=answered_by,
        action=AuditAction.UPDATE,
        obj=offer,
        reason=f"Ja; kontrakt {sublet.number} från {start:%Y-%m-%d}. {note}".strip(),
    )
    return offer


@transaction.atomic
def offer_decline(
    *,
    offer: Offer,
    answered_by: Any,
    reason: DeclineReason | None,
    note: str = "",
    today: date | None = None,
) -> Offer:
    """Someone said no, with a reason from the catalogue that says who (household, unit,
    landlord, coordinator). The vacancy and the request return to the pool."""
    if reason is None or not reason.active:
        raise MatchingError(
            _("Välj orsaken till nej."),
            code=MatchingErrorCode.REASON_REQUIRED,
            extra={"field": "decline_reason"},
        )
    offer = _locked_open(offer)
    offer.state = Offer.State.DECLINED
    offer.answered_on = today or timezone.localdate()
    offer.answered_by = answered_by
    offer.decline_reason = reason
    offer.answer_note = note.strip()
    offer.full_clean(validate_constraints=False)
    offer.save()
    _back_to_pool(offer.request)
    audit_record(
        actor=answered_by,
        action=AuditAction.UPDATE,
        obj=offer,
        reason=f"Nej: {reason.name} ({reason.get_declined_by_display()}). {note}".strip(),
    )
    return offer


def _close_unanswered(offer: Offer, *, by: Any, state: str, note: str, day: date) -> Offer:
    offer.state = state
    offer.answered_on = day
    offer.answered_by = by
    offer.answer_note = note
    offer.save()
    _back_to_pool(offer.request)
    audit_record(actor=by, action=AuditAction.UPDATE, obj=offer, reason=note)
    return offer


@transaction.atomic
def offer_withdraw(
    *, offer: Offer, withdrawn_by: Any, reason: str, today: date | None = None
) -> Offer:
    """The coordinator takes an offer back (the landlord withdrew the apartment, a mistake …)."""
    if not reason.strip():
        raise MatchingError(
            _("Ange skälet till att erbjudandet tas tillbaka."),
            code=MatchingErrorCode.REASON_REQUIRED,
            extra={"field": "reason"},
        )
    offer = _locked_open(offer)
    return _close_unanswered(
        offer,
        by=withdrawn_by,
        state=Offer.State.WITHDRAWN,
        note=reason.strip(),
        day=today or timezone.localdate(),
    )


@transaction.atomic
def offer_expire(*, offer: Offer, expired_by: Any, today: date | None = None) -> Offer:
    """Close an offer that got no answer within the settings' days; both return to the pool."""
    day = today or timezone.localdate()
    offer = _locked_open(offer)
    days = settings_get().offer_answer_days
    if offer.offered_on + timedelta(days=days) > day:
        raise MatchingError(
            _("Erbjudandet kan förklaras utgånget först när %(days)s dagar har gått utan svar.")
            % {"days": days},
            code=MatchingErrorCode.INVALID_DATE,
        )
    return _close_unanswered(
        offer,
        by=expired_by,
        state=Offer.State.EXPIRED,
        note=f"Inget svar inom {days} dagar.",
        day=day,
    )
