"""Writes on persons and households. Each is atomic and writes its audit rows in the same
transaction, so a change without its log entry cannot exist."""

from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.errors import HouseholdError, HouseholdErrorCode
from bosam.households.models import (
    Household,
    HouseholdMember,
    Intervention,
    InterventionType,
    Person,
)
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number
from bosam.households.selectors import (
    person_duplicate_candidates,
    person_other_households_hidden_from,
)


def _identity(personal_number: str, birth_date: date | None) -> tuple[str | None, str, date | None]:
    if not personal_number.strip():
        return None, Person.NumberKind.NONE, birth_date
    try:
        parsed = parse_personal_number(personal_number, today=timezone.localdate())
    except InvalidPersonalNumber as exc:
        raise HouseholdError(
            str(exc),
            code=HouseholdErrorCode.INVALID_PERSONAL_NUMBER,
            extra={"field": "personal_number"},
        ) from exc
    return parsed.digits, parsed.kind.value, parsed.birth_date


@transaction.atomic
def person_register(
    *,
    registered_by: Any,
    first_name: str,
    last_name: str,
    personal_number: str = "",
    birth_date: date | None = None,
    no_number_reason: str = "",
    allow_possible_duplicate: bool = False,
) -> Person:
    """Register a person after searching for the same person first.

    The same number is never registered twice. The same name and birth date without a number is
    refused as a likely duplicate unless the caller confirms it is someone else."""
    digits, kind, born = _identity(personal_number, birth_date)
    candidates = person_duplicate_candidates(
        personal_number=digits, first_name=first_name, last_name=last_name, birth_date=born
    )
    if digits and candidates:
        raise HouseholdError(
            _("Det finns redan en person med det personnumret."),
            code=HouseholdErrorCode.DUPLICATE_PERSON,
            extra={"field": "personal_number", "existing": [str(p.pk) for p in candidates]},
        )
    if candidates and not allow_possible_duplicate:
        raise HouseholdError(
            _(
                "Det finns redan en person med samma namn och födelsedatum. Kontrollera att det "
                "inte är samma person, och bekräfta i så fall att en ny person ska registreras."
            ),
            code=HouseholdErrorCode.DUPLICATE_PERSON,
            extra={"field": "last_name", "existing": [str(p.pk) for p in candidates]},
        )
    person = Person(
        personal_number=digits,
        number_kind=kind,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=born,
        no_number_reason="" if digits else no_number_reason.strip(),
        registered_by_unit_id=getattr(registered_by, "unit_id", None),
    )
    person.full_clean()
    person.save()
    audit_record(actor=registered_by, action=AuditAction.CREATE, obj=person)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    updated_by: Any,
    first_name: str,
    last_name: str,
    personal_number: str = "",
    birth_date: date | None = None,
    no_number_reason: str = "",
) -> Person:
    """Correct a person's name or identity; a number already used by someone else is refused."""
    digits, kind, born = _identity(personal_number, birth_date)
    if digits and Person.objects.filter(personal_number=digits).exclude(pk=person.pk).exists():
        raise HouseholdError(
            _("En annan person har redan det personnumret. Slå ihop posterna i stället."),
            code=HouseholdErrorCode.DUPLICATE_PERSON,
            extra={"field": "personal_number"},
        )
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.personal_number = digits
    person.number_kind = kind
    person.birth_date = born
    person.no_number_reason = "" if digits else no_number_reason.strip()
    person.full_clean()
    person.save()
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=person)
    return person


def _person_references() -> list[models.ForeignKey[Any, Any]]:
    """Every foreign key in Bosam that points at a person (other modules add theirs)."""
    fields = []
    for rel in Person._meta.related_objects:
        if rel.many_to_many or rel.related_model is Person:
            continue
        fields.append(rel.field)
    return fields  # type: ignore[return-value]


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, merged_by: Any, reason: str) -> Person:
    """Merge two records of one person: everything that pointed at the duplicate now points at
    the kept record; the duplicate stays, marked as merged, so both histories remain."""
    if keep.pk == duplicate.pk:
        raise HouseholdError(_("Välj två olika poster."), code=HouseholdErrorCode.MERGE_INVALID)
    if duplicate.merged_into_id or keep.merged_into_id:
        raise HouseholdError(
            _("En av posterna är redan sammanslagen."), code=HouseholdErrorCode.MERGE_INVALID
        )
    if not reason.strip():
        raise HouseholdError(
            _("Ange skäl till sammanslagningen."),
            code=HouseholdErrorCode.MERGE_INVALID,
            extra={"field": "reason"},
        )
    if (
        keep.personal_number
        and duplicate.personal_number
        and keep.personal_number != duplicate.personal_number
    ):
        raise HouseholdError(
            _("Posterna har olika personnummer och kan inte vara samma person."),
            code=HouseholdErrorCode.MERGE_INVALID,
        )
    # Household memberships that would collide (both records in the same household) end.
    for member in HouseholdMember.objects.filter(person=duplicate, end_date__isnull=True):
        if HouseholdMember.objects.filter(
            household_id=member.household_id, person=keep, end_date__isnull=True
        ).exists():
            member.end_date = max(member.start_date, timezone.localdate())
            member.save(update_fields=["end_date", "updated_at"])
    for field in _person_references():
        if field.model is Person:
            continue
        field.model._default_manager.filter(**{field.name: duplicate}).update(**{field.name: keep})
    if not keep.personal_number and duplicate.personal_number:
        number = duplicate.personal_number
        duplicate.personal_number = None
        duplicate.no_number_reason = "Sammanslagen"
        duplicate.birth_date = duplicate.birth_date or keep.birth_date
        duplicate.save()
        keep.personal_number = number
        keep.number_kind = duplicate.number_kind
        keep.no_number_reason = ""
        keep.save()
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    audit_record(actor=merged_by, action=AuditAction.MERGE, obj=keep, reason=reason)
    audit_record(actor=merged_by, action=AuditAction.MERGE, obj=duplicate, reason=reason)
    return keep


def _check_may_move_in(*, actor: Any, person: Person, household: Household | None) -> None:
    """A person who lives now in a household the actor may not see (another unit's) is not
    taken into one of the actor's households: that would reach across units. The housing unit,
    which sees every household, may (a child living alternately with both parents belongs to
    two current households)."""
    if person_other_households_hidden_from(user=actor, person=person, household=household):
        raise HouseholdError(
            _(
                "Personen bor redan i ett annat hushåll som du inte har behörighet till. "
                "Kontakta bostadssamordningen, som kan lägga till personen."
            ),
            code=HouseholdErrorCode.LIVES_IN_OTHER_HOUSEHOLD,
            extra={"field": "personal_number"},
        )


@transaction.atomic
def household_create(
    *,
    created_by: Any,
    unit: Unit,
    applicant: Person,
    start_date: date | None = None,
    street_address: str = "",
    postcode: str = "",
    town: str = "",
    care_of: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
) -> Household:
    """A new household with its applicant; more members are added with household_member_add.
    An applicant who lives in another unit's household is refused (see _check_may_move_in)."""
    _check_may_move_in(actor=created_by, person=applicant, household=None)
    household = Household(
        unit=unit,
        street_address=street_address,
        postcode=postcode,
        town=town,
        care_of=care_of,
        phone=phone,
        email=email,
        notes=notes,
    )
    household.full_clean()
    household.save()
    HouseholdMember.objects.create(
        household=household,
        person=applicant,
        relation=HouseholdMember.Relation.APPLICANT,
        start_date=start_date or timezone.localdate(),
    )
    audit_record(actor=created_by, action=AuditAction.CREATE, obj=household)
    return household


@transaction.atomic
def household_update(*, household: Household, updated_by: Any, **fields: Any) -> Household:
    """Change a household's contact details or notes."""
    allowed = {"street_address", "postcode", "town", "care_of", "phone", "email", "notes", "unit"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"household_update cannot change {name}")
        setattr(household, name, value)
    household.full_clean()
    household.save()
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=household)
    return household


@transaction.atomic
def household_member_add(
    *,
    household: Household,
    person: Person,
    relation: str,
    added_by: Any,
    start_date: date | None = None,
) -> HouseholdMember:
    """Add a person to a household; a person already a current member is refused, and so is
    one who lives now in a household the actor may not see (see _check_may_move_in)."""
    if HouseholdMember.objects.filter(
        household=household, person=person, end_date__isnull=True
    ).exists():
        raise HouseholdError(
            _("Personen finns redan i hushållet."), code=HouseholdErrorCode.MEMBER_EXISTS
        )
    _check_may_move_in(actor=added_by, person=person, household=household)
    member = HouseholdMember(
        household=household,
        person=person,
        relation=relation,
        start_date=start_date or timezone.localdate(),
    )
    member.full_clean()
    member.save()
    audit_record(
        actor=added_by, action=AuditAction.UPDATE, obj=household, people=person.audit_people()
    )
    return member


@transaction.atomic
def household_member_end(
    *, member: HouseholdMember, ended_by: Any, end_date: date | None = None
) -> HouseholdMember:
    """A person leaves a household; the membership stays as history."""
    member.end_date = end_date or timezone.localdate()
    member.full_clean()
    member.save()
    audit_record(
        actor=ended_by,
        action=AuditAction.UPDATE,
        obj=member.household,
        people=member.person.audit_people(),
    )
    return member


@transaction.atomic
def intervention_record(
    *,
    household: Household | None,
    type_code: str,
    performed_on: date,
    performed_by: Any,
    source: models.Model | None = None,
    committee: Any = None,
    unit: Unit | None = None,
    notes: str = "",
) -> Intervention:
    """Record an intervention (insats) of a catalogue type; the annual report counts these.

    `source` is the record it belongs to (a sublet, a prevention case …) for drill-down."""
    try:
        kind = InterventionType.objects.get(code=type_code)
    except InterventionType.DoesNotExist as exc:
        raise HouseholdError(
            _("Insatstypen %(code)r finns inte i katalogen.") % {"code": type_code},
            code=HouseholdErrorCode.UNKNOWN_INTERVENTION_TYPE,
        ) from exc
    intervention = Intervention(
        household=household,
        intervention_type=kind,
        performed_on=performed_on,
        performed_by=performed_by if getattr(performed_by, "is_authenticated", False) else None,
        unit=unit or getattr(performed_by, "unit", None),
        committee=committee,
        source_type=f"{source._meta.app_label}.{source._meta.model_name}" if source else "",
        source_id=str(source.pk) if source else "",
        notes=notes,
    )
    intervention.full_clean()
    intervention.save()
    audit_record(actor=performed_by, action=AuditAction.CREATE, obj=intervention)
    return intervention
