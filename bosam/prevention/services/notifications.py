"""Notifications in: the tenant found or registered, the household found or created, the case
opened or joined, the statutory deadlines derived and stored."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number
from bosam.households.services import household_create, household_member_add, person_register
from bosam.prevention import rules
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import LandlordImport, Notification, PreventionCase
from bosam.prevention.services.cases import (
    notification_deadlines_apply,
    prevention_case_open_or_join,
    prevention_case_refresh,
)
from bosam.properties.models import Landlord
from bosam.properties.services import landlord_create
from bosam.tenancies.models import Sublet
from bosam.tenancies.selectors import subtenants_in_arrears


@dataclass(frozen=True)
class TenantInput:
    """A tenant by personal number (and name, for someone new), or an already known person."""

    personal_number: str = ""
    first_name: str = ""
    last_name: str = ""
    person: Person | None = None


def _digits(personal_number: str) -> str:
    try:
        return parse_personal_number(personal_number, today=timezone.localdate()).digits
    except InvalidPersonalNumber as exc:
        raise PreventionError(
            f"{personal_number}: {exc}",
            code=PreventionErrorCode.NO_TENANT,
            extra={"field": "personal_number"},
        ) from exc


@transaction.atomic
def landlord_for_notification(*, name: str, org_number: str, created_by: Any) -> Landlord:
    """The landlord with this organisation number; one not yet in the register is created, since
    any landlord in the municipality may notify (not only those the municipality leases from)."""
    try:
        number = orgnr.compact(org_number)
        orgnr.validate(number)
    except ValidationError as exc:
        raise PreventionError(
            _("Organisationsnumret är inte giltigt (tio siffror med rätt kontrollsiffra)."),
            code=PreventionErrorCode.INVALID_ORG_NUMBER,
            extra={"field": "landlord_org_number"},
        ) from exc
    existing = Landlord.objects.filter(org_number=number).first()
    if existing is not None:
        return existing
    if not name.strip():
        raise PreventionError(
            _("Hyresvärden finns inte i registret; ange dess namn."),
            code=PreventionErrorCode.INVALID_ORG_NUMBER,
            extra={"field": "landlord_name"},
        )
    return landlord_create(by=created_by, name=name, org_number=number, kind=Landlord.Kind.OTHER)


def tenant_resolve(*, tenant: TenantInput, registered_by: Any) -> Person:
    """The person with this number (followed through merges), or a newly registered person."""
    if tenant.person is not None:
        return tenant.person.merged_into or tenant.person
    digits = _digits(tenant.personal_number)
    person = Person.objects.filter(personal_number=digits).select_related("merged_into").first()
    if person is not None:
        return person.merged_into or person
    problem = rules.new_tenant_name_error(tenant.first_name, tenant.last_name)
    if problem:
        raise PreventionError(
            _("Personen med nummer %(number)s finns inte i Bosam; ange namn.")
            % {"number": f"{digits[:8]}-****"}
            if problem == rules.NAME_MISSING
            else problem[:1].upper() + problem[1:],
            code=PreventionErrorCode.NO_TENANT,
            extra={"field": "last_name"},
        )
    return person_register(
        registered_by=registered_by,
        first_name=tenant.first_name or "–",
        last_name=tenant.last_name,
        personal_number=digits,
    )


def household_for_tenants(
    *,
    tenants: list[Person],
    unit: Unit,
    street_address: str,
    postcode: str,
    town: str,
    created_by: Any,
) -> Household:
    """The household a tenant lives in now; else a new household in the unit with the tenants."""
    membership = (
        HouseholdMember.objects.filter(person__in=tenants, end_date__isnull=True)
        .select_related("household")
        .order_by("-start_date")
        .first()
    )
    if membership is not None:
        return membership.household
    household = household_create(
        created_by=created_by,
        unit=unit,
        applicant=tenants[0],
        street_address=street_address,
        postcode=postcode,
        town=town,
    )
    for person in tenants[1:]:
        household_member_add(
            household=household,
            person=person,
            relation=HouseholdMember.Relation.OTHER_ADULT,
            added_by=created_by,
        )
    return household


def notification_find_duplicate(
    *, personal_numbers: list[str], landlord: Landlord | None, period: date, stage: str
) -> Notification | None:
    """A notification already registered for the same tenant, landlord, month and stage."""
    return (
        Notification.objects.filter(
            tenants__personal_number__in=personal_numbers,
            landlord=landlord,
            period=rules.notification_period(period),
            stage=stage,
        )
        .select_related("case")
        .first()
    )


@transaction.atomic
def notification_register(
    *,
    registered_by: Any,
    unit: Unit,
    source: str,
    received_on: date,
    tenants: list[TenantInput],
    street_address: str,
    stage: str = "",
    kind: str = "",
    cause: str = Notification.Cause.RENT_ARREARS,
    landlord: Landlord | None = None,
    postcode: str = "",
    town: str = "",
    landlord_reference: str = "",
    debt_amount: Decimal | None = None,
    months_behind: int | None = None,
    notice_served_on: date | None = None,
    committee_notice_on: date | None = None,
    eviction_date: date | None = None,
    period: date | None = None,
    note: str = "",
    external_reference: str = "",
    allow_duplicate: bool = False,
    landlord_import: LandlordImport | None = None,
    import_line: int | None = None,
) -> Notification:
    """Register a notification (underrättelse) and open or join the household's case.

    The same tenant notified by the same landlord for the same month at the same stage is refused
    as a duplicate unless the caller confirms it; an integration's external reference only once.
    `unit` is the unit a new household is placed in (the caseworker's). The kind (what the law
    calls the notice) sets the stage and cause; a caller giving only a stage gets the kind from
    it. The återvinningsfrist runs from the later of `notice_served_on` (the underrättelse served
    on the tenant) and `committee_notice_on` (the landlord's meddelande to the committee)."""
    if not kind and not stage:
        raise PreventionError(
            _("Ange vilken typ av underrättelse det är."),
            code=PreventionErrorCode.INVALID_KIND,
            extra={"field": "kind"},
        )
    if kind == Notification.Kind.EVICTION_DATE and eviction_date is None:
        raise PreventionError(
            _("Ange avhysningsdatumet som Kronofogden har meddelat."),
            code=PreventionErrorCode.INVALID_DATE,
            extra={"field": "eviction_date"},
        )
    if not tenants:
        raise PreventionError(
            _("Ange minst en hyresgäst."),
            code=PreventionErrorCode.NO_TENANT,
            extra={"field": "personal_number"},
        )
    today = timezone.localdate()
    for field, day in (
        ("received_on", received_on),
        ("notice_served_on", notice_served_on),
        ("committee_notice_on", committee_notice_on),
    ):
        if day is not None and day > today:
            raise PreventionError(
                _("Datumet kan inte ligga i framtiden."),
                code=PreventionErrorCode.INVALID_DATE,
                extra={"field": field},
            )
    problem = rules.eviction_date_error(
        eviction_date=eviction_date, notice_served_on=notice_served_on, received_on=received_on
    )
    if problem:
        raise PreventionError(
            problem, code=PreventionErrorCode.INVALID_DATE, extra={"field": "eviction_date"}
        )
    if external_reference and (
        existing := Notification.objects.filter(
            source=source, external_reference=external_reference
        ).first()
    ):
        raise PreventionError(
            _("Underrättelsen med den referensen är redan registrerad."),
            code=PreventionErrorCode.DUPLICATE_NOTIFICATION,
            extra={"field": "external_reference", "existing": str(existing.pk)},
        )
    if kind:
        stage = rules.KIND_STAGE_CAUSE.get(kind, ("", ""))[0] or stage
    period = rules.notification_period(period or received_on)
    given = [
        (t.person.personal_number or "") if t.person else _digits(t.personal_number)
        for t in tenants
    ]
    numbers = [n for n in given if n]
    duplicate = notification_find_duplicate(
        personal_numbers=numbers, landlord=landlord, period=period, stage=stage
    )
    if duplicate is not None and not allow_duplicate:
        raise PreventionError(
            _(
                "Samma hyresgäst är redan underrättad av samma hyresvärd för samma månad "
                "(mottagen %(received)s). Bekräfta om det är en ny underrättelse."
            )
            % {"received": f"{duplicate.received_on:%Y-%m-%d}"},
            code=PreventionErrorCode.DUPLICATE_NOTIFICATION,
            extra={"field": "personal_number", "existing": str(duplicate.pk)},
        )
    persons = [tenant_resolve(tenant=t, registered_by=registered_by) for t in tenants]
    household = household_for_tenants(
        tenants=persons,
        unit=unit,
        street_address=street_address,
        postcode=postcode,
        town=town,
        created_by=registered_by,
    )
    sublet = Sublet.objects.filter(household=household, status=Sublet.Status.ACTIVE).first()
    case, _created = prevention_case_open_or_join(
        household=household, opened_on=received_on, opened_by=registered_by
    )
    notification = Notification(
        case=case,
        source=source,
        cause=cause,
        stage=stage,
        kind=kind,
        received_on=received_on,
        period=period,
        landlord=landlord,
        street_address=street_address,
        postcode=postcode,
        town=town,
        landlord_reference=landlord_reference,
        sublet=sublet,
        debt_amount=debt_amount,
        months_behind=months_behind,
        notice_served_on=notice_served_on,
        committee_notice_on=committee_notice_on,
        eviction_date=eviction_date,
        note=note,
        external_reference=external_reference,
        landlord_import=landlord_import,
        import_line=import_line,
        registered_by=registered_by if getattr(registered_by, "is_authenticated", False) else None,
    )
    notification_deadlines_apply(notification)
    notification.full_clean()
    notification.save()
    notification.tenants.set(persons)
    prevention_case_refresh(case=case)
    audit_record(actor=registered_by, action=AuditAction.CREATE, obj=notification)
    return notification


@transaction.atomic
def notification_update_amounts(
    *,
    notification: Notification,
    debt_amount: Decimal | None,
    months_behind: int | None,
    updated_by: Any,
) -> Notification:
    """A later list gives new figures for the same tenant and month: the notification follows."""
    notification.debt_amount = debt_amount
    notification.months_behind = months_behind
    notification.full_clean()
    notification.save(update_fields=["debt_amount", "months_behind", "updated_at"])
    case: PreventionCase = notification.case
    prevention_case_refresh(case=case)
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=notification)
    return notification


@transaction.atomic
def notification_notices_update(
    *,
    notification: Notification,
    notice_served_on: date | None,
    committee_notice_on: date | None,
    updated_by: Any,
) -> Notification:
    """The dates of the two notices as they become known: the underrättelse served on the tenant
    and the landlord's meddelande to the committee. The återvinningsfrist is computed again from
    the later one (final once both are known), and the case's deadlines follow."""
    today = timezone.localdate()
    for field, day in (
        ("notice_served_on", notice_served_on),
        ("committee_notice_on", committee_notice_on),
    ):
        if day is not None and day > today:
            raise PreventionError(
                _("Datumet kan inte ligga i framtiden."),
                code=PreventionErrorCode.INVALID_DATE,
                extra={"field": field},
            )
    notification.notice_served_on = notice_served_on
    notification.committee_notice_on = committee_notice_on
    notification_deadlines_apply(notification)
    notification.full_clean()
    notification.save(
        update_fields=[
            "notice_served_on",
            "committee_notice_on",
            "atervinningsfrist_ends_on",
            "atervinningsfrist_provisional",
            "kind",
            "stage",
            "cause",
            "updated_at",
        ]
    )
    case: PreventionCase = notification.case
    prevention_case_refresh(case=case)
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=notification)
    return notification


@dataclass(frozen=True)
class SubtenantArrearsResult:
    created: list[Notification]
    already_known: int


@transaction.atomic
def subtenant_arrears_register(
    *, registered_by: Any, unit: Unit, on: date, min_months: int = 1
) -> SubtenantArrearsResult:
    """The unit's own knowledge: each of the municipality's subtenants who owe rent on the day
    becomes an early-signal notification on the sublet (the municipality is the landlord). A
    sublet already notified for the month is not notified again."""
    created: list[Notification] = []
    known = 0
    month = rules.notification_period(on)
    for row in subtenants_in_arrears(on=on, min_months=min_months):
        sublet = row.sublet
        if Notification.objects.filter(
            sublet=sublet, period=month, stage=Notification.Stage.EARLY_SIGNAL
        ).exists():
            known += 1
            continue
        household = sublet.household
        adults = [
            m.person
            for m in household.current_members_cached()
            if m.relation != HouseholdMember.Relation.CHILD
        ]
        if not adults:
            continue
        apartment = sublet.apartment
        created.append(
            notification_register(
                registered_by=registered_by,
                unit=unit,
                source=Notification.Source.OWN_KNOWLEDGE,
                stage=Notification.Stage.EARLY_SIGNAL,
                received_on=on,
                tenants=[TenantInput(person=p) for p in adults],
                street_address=apartment.street_address,
                postcode=apartment.postcode,
                town=apartment.town,
                debt_amount=row.amount,
                months_behind=row.months,
                note=(
                    "Egen andrahandshyresgäst; "  # i18n: not UI (stored on the notification)
                    f"äldsta obetalda hyra förföll {row.oldest_due}."
                ),
                allow_duplicate=True,
            )
        )
    return SubtenantArrearsResult(created=created, already_known=known)
