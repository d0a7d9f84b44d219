"""Reads on advice cases, always scoped to what the user may see.

Advice cases are the advising unit's records: an adviser sees the cases of their own unit; a
role with statistics and access to all personal data (manager, coordinator) sees every case,
read-only. Everyone else sees none."""

from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.advice.models import (
    AdviceCase,
    AdviceContact,
    AdviceReferral,
    CatalogueEntry,
)
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.households import selectors as households_selectors
from bosam.households.models import Person
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number

READ_CAPABILITIES = (Capability.ADVICE_WORK, Capability.STATISTICS)


def advice_case_visible_to(user: Any) -> QuerySet[AdviceCase]:
    """All cases for statistics roles with all personal data; own unit's for an adviser."""
    qs = AdviceCase.objects.all()
    if user_can(user, Capability.STATISTICS) and user_can(user, Capability.PERSONAL_DATA_ALL):
        return qs
    if user_can(user, Capability.ADVICE_WORK) and user.unit_id:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def advice_case_may_work(user: Any, case: AdviceCase) -> bool:
    """Only an adviser of the case's unit records work on it; statistics roles only read."""
    return user_can(user, Capability.ADVICE_WORK) and user.unit_id == case.unit_id


def _with_relations(qs: QuerySet[AdviceCase]) -> QuerySet[AdviceCase]:
    return qs.select_related("channel", "reason", "outcome", "person", "adviser")


def advice_case_list(
    *,
    user: Any,
    status: str = "",
    mine: bool = False,
    start: date | None = None,
    end: date | None = None,
    reference: str = "",
) -> QuerySet[AdviceCase]:
    """The user's visible cases, newest first; filters by status, own cases, period received
    and reference ("2022-0423" or just "423")."""
    qs = advice_case_visible_to(user)
    if status in AdviceCase.Status.values:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(adviser=user)
    if start:
        qs = qs.filter(received_on__gte=start)
    if end:
        qs = qs.filter(received_on__lte=end)
    reference = reference.strip()
    if reference:
        year, _sep, number = reference.rpartition("-")
        if number.isdigit():
            qs = qs.filter(sequence=int(number))
            if year.isdigit():
                qs = qs.filter(year=int(year))
        else:
            qs = qs.none()
    return _with_relations(qs).order_by("-received_on", "-year", "-sequence")


def advice_case_get(*, user: Any, case_id: UUID) -> AdviceCase:
    """One case for the user, or AccessDenied (audited) when it is outside what they may see."""
    case = _with_relations(AdviceCase.objects.filter(pk=case_id)).first()
    if case is None:
        raise AdviceCase.DoesNotExist
    if not advice_case_visible_to(user).filter(pk=case.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=case)
        raise AccessDenied(_("Du har inte behörighet att se det här rådgivningsärendet."))
    return case


def advice_case_contacts(*, case: AdviceCase) -> list[AdviceContact]:
    return list(
        AdviceContact.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related("advice_kinds", "digital_help_kinds")
    )


def advice_case_referrals(*, case: AdviceCase) -> list[AdviceReferral]:
    return list(AdviceReferral.objects.filter(case=case).select_related("target", "recorded_by"))


def advice_case_earlier(
    *, user: Any, person: Person, exclude: AdviceCase | None = None
) -> list[AdviceCase]:
    """A returning person's other cases the user may see, newest first."""
    qs = advice_case_visible_to(user).filter(person=person)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    # The person too: the caller audits the list, and each case names its person there.
    return list(
        qs.select_related("channel", "reason", "outcome", "person").order_by(
            "-received_on", "-sequence"
        )
    )


def advice_open_cases_for(*, user: Any, limit: int = 10) -> list[AdviceCase]:
    """The adviser's own open cases, oldest first (the start-page queue)."""
    return list(
        advice_case_visible_to(user)
        .filter(adviser=user, status=AdviceCase.Status.OPEN)
        .select_related("reason", "channel")
        .order_by("received_on", "sequence")[:limit]
    )


def advice_open_case_count(*, user: Any) -> int:
    return advice_case_visible_to(user).filter(adviser=user, status=AdviceCase.Status.OPEN).count()


def person_by_number(personal_number: str) -> Person | None:
    """The register's person with this number (following a merge), or None; raises
    InvalidPersonalNumber when the text is not a valid number."""
    digits = parse_personal_number(personal_number).digits
    person = Person.objects.filter(personal_number=digits).select_related("merged_into").first()
    if person is not None and person.merged_into is not None:
        return person.merged_into
    return person


def person_lookup(personal_number: str, *, user: Any) -> tuple[Person | None, str]:
    """For the intake form: (person or None, problem text or ""). Only a person the user may
    see is shown (`households.selectors.person_by_number`, the one rule for every form that
    finds a person by a typed number)."""
    if not personal_number.strip():
        return None, ""
    try:
        parse_personal_number(personal_number)
    except InvalidPersonalNumber as exc:
        return None, str(exc)
    return households_selectors.person_by_number(user=user, personal_number=personal_number), ""


def catalogue_entries[T: CatalogueEntry](
    model: type[T], *, include_inactive: bool = False
) -> QuerySet[T]:
    """A catalogue's entries in display order; active ones unless asked otherwise."""
    qs = model._default_manager.all()
    return qs if include_inactive else qs.filter(active=True)
