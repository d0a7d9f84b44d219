"""Requests for housing: made, changed and withdrawn by the social worker of the household's
unit (or the coordinator on their behalf). Each write is atomic and audited."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.accounts.models import Committee
from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.households.models import Household
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import HousingRequest, Offer

EDITABLE = (
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


def districts_clean(names: Iterable[str]) -> list[str]:
    """District names trimmed, empty ones dropped, each once (first spelling kept)."""
    seen: dict[str, str] = {}
    for name in names:
        name = name.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _require_own_unit(user: Any, household: Household) -> None:
    if user_can(user, Capability.MATCHING_WORK):
        return
    if household.unit_id != getattr(user, "unit_id", None):
        audit_record(actor=user, action=AuditAction.DENIED, obj=household)
        raise AccessDenied(_("Du kan bara beställa bostad för hushåll på din egen enhet."))


def _validate(request: HousingRequest) -> None:
    if request.urgency != HousingRequest.Urgency.NORMAL and not request.urgency_reason.strip():
        raise MatchingError(
            _("Ange skälet till att behovet brådskar."),
            code=MatchingErrorCode.REASON_REQUIRED,
            extra={"field": "urgency_reason"},
        )
    both = {d.casefold() for d in request.districts_preferred} & {
        d.casefold() for d in request.districts_avoided
    }
    if both:
        raise MatchingError(
            _("Ett område kan inte vara både önskat och att undvika: %(districts)s.")
            % {"districts": ", ".join(sorted(both))},
            code=MatchingErrorCode.INVALID_HOUSEHOLD,
            extra={"field": "districts_avoided"},
        )
    if request.needed_by is not None and request.needed_by < request.received_on:
        raise MatchingError(
            _("Datumet då bostaden behövs kan inte ligga före beställningens datum."),
            code=MatchingErrorCode.INVALID_DATE,
            extra={"field": "needed_by"},
        )


def _next_reference(year: int) -> str:
    prefix = f"BB-{year}-"
    count = HousingRequest.objects.filter(reference__startswith=prefix).count()
    while True:
        count += 1
        reference = f"{prefix}{count:04d}"
        if not HousingRequest.objects.filter(reference=reference).exists():
            return reference


def request_create(
    *,
    created_by: Any,
    household: Household,
    usage_category: str,
    committee: Committee,
    household_size: int,
    rooms_wanted: int,
    needs_wheelchair_access: bool = False,
    needs_ground_floor_or_lift: bool = False,
    districts_preferred: Iterable[str] = (),
    districts_avoided: Iterable[str] = (),
    other_needs: str = "",
    urgency: str = HousingRequest.Urgency.NORMAL,
    urgency_reason: str = "",
    needed_by: date | None = None,
    received_on: date | None = None,
) -> HousingRequest:
    """A social worker's request for an apartment for a household of their own unit. It waits
    in the pool the coordinator ranks until an offer is made."""
    # Checked outside the transaction, so the audit row of a refusal is not rolled back with it.
    _require_own_unit(created_by, household)
    return _request_create(
        created_by=created_by,
        household=household,
        usage_category=usage_category,
        committee=committee,
        household_size=household_size,
        rooms_wanted=rooms_wanted,
        needs_wheelchair_access=needs_wheelchair_access,
        needs_ground_floor_or_lift=needs_ground_floor_or_lift,
        districts_preferred=districts_preferred,
        districts_avoided=districts_avoided,
        other_needs=other_needs,
        urgency=urgency,
        urgency_reason=urgency_reason,
        needed_by=needed_by,
        received_on=received_on,
    )


@transaction.atomic
def _request_create(
    *,
    created_by: Any,
    household: Household,
    usage_category: str,
    committee: Committee,
    household_size: int,
    rooms_wanted: int,
    needs_wheelchair_access: bool,
    needs_ground_floor_or_lift: bool,
    districts_preferred: Iterable[str],
    districts_avoided: Iterable[str],
    other_needs: str,
    urgency: str,
    urgency_reason: str,
    needed_by: date | None,
    received_on: date | None,
) -> HousingRequest:
    received = received_on or timezone.localdate()
    request = HousingRequest(
        reference=_next_reference(received.year),
        household=household,
        unit_id=household.unit_id,
        requested_by=created_by,
        received_on=received,
        usage_category=usage_category,
        committee=committee,
        household_size=household_size,
        rooms_wanted=rooms_wanted,
        needs_wheelchair_access=needs_wheelchair_access,
        needs_ground_floor_or_lift=needs_ground_floor_or_lift,
        districts_preferred=districts_clean(districts_preferred),
        districts_avoided=districts_clean(districts_avoided),
        other_needs=other_needs.strip(),
        urgency=urgency,
        urgency_reason=urgency_reason.strip(),
        needed_by=needed_by,
    )
    _validate(request)
    _require_no_other_open(request)
    request.full_clean()
    _save_one_open(request)
    audit_record(actor=created_by, action=AuditAction.CREATE, obj=request)
    return request


def _require_no_other_open(request: HousingRequest) -> None:
    """A household has at most one open request of each kind (usage): a second one would put
    the household twice in the pool. The database refuses it too (a partial unique index)."""
    other = (
        HousingRequest.objects.filter(
            household_id=request.household_id,
            usage_category=request.usage_category,
            status__in=(HousingRequest.Status.WAITING, HousingRequest.Status.OFFERED),
        )
        .exclude(pk=request.pk)
        .first()
    )
    if other is not None:
        raise MatchingError(
            _(
                "Hushållet har redan en öppen beställning av samma slag (%(reference)s, "
                "%(kind)s). Ändra den beställningen i stället, eller återkalla den först."
            )
            % {"reference": other.reference, "kind": other.get_usage_category_display()},
            code=MatchingErrorCode.DUPLICATE_OPEN_REQUEST,
            extra={"field": "usage_category", "request_id": str(other.pk)},
        )


def _save_one_open(request: HousingRequest) -> None:
    """Save; a concurrent second open request of the same kind loses at the unique index."""
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        _require_no_other_open(request)  # the clear message, if that was the cause
        raise


def _lock(request: HousingRequest) -> None:
    """Lock the row and read it afresh, so a change made meanwhile is seen (and kept)."""
    HousingRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk").get()
    request.refresh_from_db()


def _require_open(request: HousingRequest) -> None:
    if not request.is_open:
        raise MatchingError(
            _("Beställningen är %(status)s och kan inte ändras.")
            % {"status": request.get_status_display().lower()},
            code=MatchingErrorCode.REQUEST_CLOSED,
        )


@transaction.atomic
def request_update(*, request: HousingRequest, updated_by: Any, **fields: Any) -> HousingRequest:
    """Change the needs of an open request; the next ranking uses them."""
    _require_own_unit(updated_by, request.household)
    _lock(request)
    _require_open(request)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise ValueError(f"request_update cannot change {name}")
        if name in ("districts_preferred", "districts_avoided"):
            value = districts_clean(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(request, name, value)
    _validate(request)
    _require_no_other_open(request)
    request.full_clean()
    _save_one_open(request)
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=request)
    return request


@transaction.atomic
def request_withdraw(
    *, request: HousingRequest, withdrawn_by: Any, reason: str, today: date | None = None
) -> HousingRequest:
    """The unit no longer needs the apartment. An open offer is taken back with the request, so
    its vacancy returns to the pool."""
    _require_own_unit(withdrawn_by, request.household)
    _lock(request)
    _require_open(request)
    if not reason.strip():
        raise MatchingError(
            _("Ange skälet till att beställningen återkallas."),
            code=MatchingErrorCode.REASON_REQUIRED,
            extra={"field": "reason"},
        )
    day = today or timezone.localdate()
    for offer in Offer.objects.filter(request=request, state=Offer.State.OFFERED):
        offer.state = Offer.State.WITHDRAWN
        offer.answered_on = day
        offer.answered_by = withdrawn_by
        offer.answer_note = f"Beställningen återkallades: {reason.strip()}"  # i18n: not UI
        offer.save()
        audit_record(
            actor=withdrawn_by, action=AuditAction.UPDATE, obj=offer, reason=offer.answer_note
        )
    request.status = HousingRequest.Status.WITHDRAWN
    request.withdrawn_reason = reason.strip()
    request.closed_on = day
    request.full_clean()
    request.save()
    audit_record(actor=withdrawn_by, action=AuditAction.UPDATE, obj=request, reason=reason.strip())
    return request
