"""Writes on advice cases. Each is atomic and writes its audit rows in the same transaction."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.advice.errors import AdviceError, AdviceErrorCode
from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceContact,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    AdviceReferral,
    AgeBand,
    CatalogueEntry,
    DigitalHelpKind,
    HouseholdType,
    ReferralTarget,
)
from bosam.advice.rules import age_band_for, minutes_are_plausible
from bosam.advice.selectors import person_by_number
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.rules import InvalidPersonalNumber
from bosam.households.services import intervention_record, person_register

ADVICE_INTERVENTION_TYPE = "advice_case"  # households' catalogue; not counted in the total


def _require_active(entry: CatalogueEntry, field: str) -> None:
    if not entry.active:
        raise AdviceError(
            _("”%(name)s” används inte längre. Välj ett annat alternativ.") % {"name": entry.name},
            code=AdviceErrorCode.INACTIVE_CATALOGUE_ENTRY,
            extra={"field": field},
        )


def _require_open(case: AdviceCase) -> None:
    if case.status != AdviceCase.Status.OPEN:
        raise AdviceError(
            _("Ärendet är avslutat. Registrera ett nytt ärende om personen hör av sig igen."),
            code=AdviceErrorCode.CASE_CLOSED,
        )


def _require_not_before_received(case: AdviceCase, day: date, field: str) -> None:
    if day < case.received_on:
        raise AdviceError(
            _("Datumet kan inte ligga före den dag ärendet kom in (%(day)s).")
            % {"day": f"{case.received_on:%Y-%m-%d}"},
            code=AdviceErrorCode.INVALID_DATE,
            extra={"field": field},
        )
    if day > timezone.localdate():
        raise AdviceError(
            _("Datumet kan inte ligga i framtiden."),
            code=AdviceErrorCode.INVALID_DATE,
            extra={"field": field},
        )


def _identified_person(
    *, registered_by: Any, personal_number: str, first_name: str, last_name: str
) -> Person:
    """The register's person with this number, registered now (through households) if new."""
    try:
        person = person_by_number(personal_number)
    except InvalidPersonalNumber as exc:
        raise AdviceError(
            str(exc),
            code=AdviceErrorCode.INVALID_PERSONAL_NUMBER,
            extra={"field": "personal_number"},
        ) from exc
    if person is not None:
        return person
    if not first_name.strip() or not last_name.strip():
        raise AdviceError(
            _("Personen finns inte i registret. Ange förnamn och efternamn så registreras hen."),
            code=AdviceErrorCode.NAME_REQUIRED,
            extra={"field": "first_name" if not first_name.strip() else "last_name"},
        )
    return person_register(
        registered_by=registered_by,
        first_name=first_name,
        last_name=last_name,
        personal_number=personal_number,
    )


def _next_sequence(year: int) -> int:
    highest = AdviceCase.objects.filter(year=year).aggregate(top=Max("sequence"))["top"]
    return (highest or 0) + 1


def _save_with_reference(case: AdviceCase) -> None:
    # Two advisers saving at the same moment may compute the same number; the unique constraint
    # refuses the second, which then takes the next number.
    for _attempt in range(5):
        case.sequence = _next_sequence(case.year)
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:
            continue
        return
    raise IntegrityError("Could not allocate an advice case number.")


def _current_household(person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.filter(person=person, end_date__isnull=True)
        .order_by("start_date")
        .first()
    )
    return member.household if member is not None else None


@transaction.atomic
def advice_case_register(
    *,
    registered_by: Any,
    channel: AdviceChannel,
    reason: AdviceReason,
    personal_number: str = "",
    first_name: str = "",
    last_name: str = "",
    age_band: str = "",
    household_type: str = "",
    notes: str = "",
    received_on: date | None = None,
) -> AdviceCase:
    """Register a new advice case (the intake).

    With a personal number the case is identified: the person is found in the register, or
    registered there when new (first and last name needed). Without one the case is anonymous
    and needs an age band and a household type instead; it then holds no personal data.
    An identified case also records an `advice_case` intervention for the person's household
    (a type the report does not count in the intervention total)."""
    _require_active(channel, "channel")
    _require_active(reason, "reason")
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise AdviceError(
            _("Ett ärende kan inte komma in i framtiden."),
            code=AdviceErrorCode.INVALID_DATE,
            extra={"field": "received_on"},
        )
    person = None
    if personal_number.strip():
        person = _identified_person(
            registered_by=registered_by,
            personal_number=personal_number,
            first_name=first_name,
            last_name=last_name,
        )
        age_band = age_band_for(person.birth_date, received_on)
        household_type = household_type or HouseholdType.UNKNOWN
    else:
        missing = [
            name
            for name, value in (("age_band", age_band), ("household_type", household_type))
            if not value
        ]
        if missing:
            raise AdviceError(
                _("Ett anonymt ärende behöver åldersgrupp och hushållstyp."),
                code=AdviceErrorCode.ANONYMOUS_DETAILS_REQUIRED,
                extra={"field": missing[0]},
            )
    case = AdviceCase(
        year=received_on.year,
        sequence=0,  # allocated on save
        received_on=received_on,
        channel=channel,
        reason=reason,
        person=person,
        age_band=age_band or AgeBand.UNKNOWN,
        household_type=household_type,
        notes=notes.strip(),
        unit=registered_by.unit,
        adviser=registered_by,
    )
    case.full_clean(exclude=["sequence"], validate_constraints=False)
    _save_with_reference(case)
    audit_record(actor=registered_by, action=AuditAction.CREATE, obj=case)
    if person is not None:
        intervention_record(
            household=_current_household(person),
            type_code=ADVICE_INTERVENTION_TYPE,
            performed_on=received_on,
            performed_by=registered_by,
            source=case,
            unit=case.unit,
        )
    return case


@transaction.atomic
def advice_case_update(
    *,
    case: AdviceCase,
    updated_by: Any,
    channel: AdviceChannel,
    reason: AdviceReason,
    household_type: str,
    notes: str = "",
    age_band: str = "",
) -> AdviceCase:
    """Correct the intake: channel, reason, household type and notes, and the age band of an
    anonymous case (an identified case's age band follows the birth date). Allowed on closed
    cases too, since the figures should be right; the audit keeps who changed it."""
    if channel.pk != case.channel_id:
        _require_active(channel, "channel")
    if reason.pk != case.reason_id:
        _require_active(reason, "reason")
    case.channel = channel
    case.reason = reason
    case.household_type = household_type or HouseholdType.UNKNOWN
    case.notes = notes.strip()
    if case.person_id is None and age_band:
        case.age_band = age_band
    case.full_clean()
    case.save()
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=case)
    return case


@transaction.atomic
def advice_contact_record(
    *,
    case: AdviceCase,
    recorded_by: Any,
    minutes: int,
    advice_kinds: Sequence[AdviceKind] = (),
    digital_help_kinds: Sequence[DigitalHelpKind] = (),
    notes: str = "",
    contact_on: date | None = None,
) -> AdviceContact:
    """Record work on an open case: the advice and hands-on digital help given, and the time."""
    _require_open(case)
    contact_on = contact_on or timezone.localdate()
    _require_not_before_received(case, contact_on, "contact_on")
    if not minutes_are_plausible(minutes):
        raise AdviceError(
            _("Ange tiden i minuter, mellan 1 och 480."),
            code=AdviceErrorCode.INVALID_MINUTES,
            extra={"field": "minutes"},
        )
    for kind in advice_kinds:
        _require_active(kind, "advice_kinds")
    for help_kind in digital_help_kinds:
        _require_active(help_kind, "digital_help_kinds")
    contact = AdviceContact(
        case=case,
        contact_on=contact_on,
        minutes=minutes,
        notes=notes.strip(),
        recorded_by=recorded_by,
    )
    contact.full_clean()
    contact.save()
    contact.advice_kinds.set(advice_kinds)
    contact.digital_help_kinds.set(digital_help_kinds)
    audit_record(actor=recorded_by, action=AuditAction.UPDATE, obj=case)
    return contact


@transaction.atomic
def advice_referral_record(
    *,
    case: AdviceCase,
    recorded_by: Any,
    target: ReferralTarget,
    special_reasons: str,
    referred_on: date | None = None,
) -> AdviceReferral:
    """Refer the person onwards (social office, skills-supply office …); the special reasons
    that justify it must be written down."""
    _require_open(case)
    _require_active(target, "target")
    referred_on = referred_on or timezone.localdate()
    _require_not_before_received(case, referred_on, "referred_on")
    if not special_reasons.strip():
        raise AdviceError(
            _("Ange de särskilda skälen till hänvisningen."),
            code=AdviceErrorCode.SPECIAL_REASONS_REQUIRED,
            extra={"field": "special_reasons"},
        )
    referral = AdviceReferral(
        case=case,
        target=target,
        referred_on=referred_on,
        special_reasons=special_reasons.strip(),
        recorded_by=recorded_by,
    )
    referral.full_clean()
    referral.save()
    audit_record(actor=recorded_by, action=AuditAction.UPDATE, obj=case)
    return referral


@transaction.atomic
def advice_case_close(
    *,
    case: AdviceCase,
    closed_by: Any,
    outcome: AdviceOutcome,
    closed_on: date | None = None,
) -> AdviceCase:
    """Close a case with its outcome. It still counts in the year it was received."""
    _require_open(case)
    _require_active(outcome, "outcome")
    closed_on = closed_on or timezone.localdate()
    _require_not_before_received(case, closed_on, "closed_on")
    case.status = AdviceCase.Status.CLOSED
    case.outcome = outcome
    case.closed_on = closed_on
    case.full_clean()
    case.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
    audit_record(actor=closed_by, action=AuditAction.UPDATE, obj=case)
    return case


@transaction.atomic
def catalogue_entry_save(
    *,
    model: type[CatalogueEntry],
    saved_by: Any,
    entry: CatalogueEntry | None = None,
    code: str = "",
    name: str,
    active: bool = True,
    sort_order: int = 100,
) -> CatalogueEntry:
    """Add a catalogue entry or change one's name, order or whether it is in use. The code of
    an existing entry never changes: integrations and data migrations rely on it."""
    created = entry is None
    if entry is None:
        entry = model(code=code.strip())
    entry.name = name.strip()
    entry.active = active
    entry.sort_order = sort_order
    try:
        entry.full_clean()
    except ValidationError as exc:
        field, problems = next(iter(exc.message_dict.items()))
        raise AdviceError(
            problems[0], code=AdviceErrorCode.INVALID_CATALOGUE_ENTRY, extra={"field": field}
        ) from exc
    entry.save()
    audit_record(
        actor=saved_by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=entry,
    )
    return entry
