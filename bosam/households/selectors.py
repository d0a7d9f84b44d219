"""Reads on persons and households, always scoped to what the user may see."""

from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.core.search_terms import SEARCH_PAGE_SIZE, clean_query
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.rules import (
    InvalidPersonalNumber,
    parse_personal_number,
    personal_number_search_digits,
)


def household_visible_to(user: Any) -> QuerySet[Household]:
    """Households the user may see: all for the housing unit's roles, own unit's for a social
    worker, none for roles without personal data."""
    qs = Household.objects.all()
    if user_can(user, Capability.PERSONAL_DATA_ALL):
        return qs
    if user_can(user, Capability.PERSONAL_DATA_OWN_UNIT) and user.unit_id:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def person_visible_to(user: Any) -> QuerySet[Person]:
    """Persons the user may see: for a social worker, members (now or before) of own households."""
    qs = Person.objects.all()
    if user_can(user, Capability.PERSONAL_DATA_ALL):
        return qs
    if user_can(user, Capability.PERSONAL_DATA_OWN_UNIT) and user.unit_id:
        own_members = HouseholdMember.objects.filter(household__unit_id=user.unit_id)
        return qs.filter(
            Q(pk__in=own_members.values("person_id")) | Q(registered_by_unit_id=user.unit_id)
        )
    return qs.none()


def _with_current_members(qs: QuerySet[Household]) -> QuerySet[Household]:
    return qs.select_related("unit").prefetch_related(
        Prefetch(
            "memberships",
            queryset=HouseholdMember.objects.filter(end_date__isnull=True)
            .select_related("person")
            .order_by("relation", "person__birth_date"),
            to_attr="prefetched_current_members",
        )
    )


def person_search_filter(query: str) -> Q:
    """Full number, partial number (e.g. birth date 19850312 or last four), or name words.
    A term that is no search (`clean_query`: control characters, fewer than three letters or
    digits) matches nobody, never everybody."""
    query = clean_query(query)
    if not query:
        return Q(pk__in=[])
    digits = personal_number_search_digits(query)
    if digits and len(digits) >= 4 and not any(ch.isalpha() for ch in query):
        if len(digits) == 10:
            # A 10-digit number: match on the last 10 of the 12 stored digits.
            return Q(personal_number__endswith=digits)
        return Q(personal_number__contains=digits)
    words = [w for w in query.split() if w]
    cond = Q()
    for word in words:
        cond &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return cond


def person_search_queryset(*, user: Any, query: str) -> QuerySet[Person]:
    """Persons matching the query that the user may see, not merged-away records; none for an
    empty query or one that is no search (nobody browses the whole population)."""
    if not clean_query(query):
        return Person.objects.none()
    qs = person_visible_to(user).filter(person_search_filter(query), merged_into__isnull=True)
    return qs.order_by("last_name", "first_name", "id")


def person_search(
    *, user: Any, query: str, limit: int = SEARCH_PAGE_SIZE
) -> tuple[list[Person], bool]:
    """One page of matches, and whether there were more (then the term must be narrower:
    a search is not a way to page through the register)."""
    found = list(person_search_queryset(user=user, query=query)[: limit + 1])
    return found[:limit], len(found) > limit


def person_duplicate_candidates(
    *, personal_number: str | None, first_name: str, last_name: str, birth_date: Any
) -> list[Person]:
    """Who might already be this person: the same number, else the same name and birth date.
    Searches all persons (not scoped): a duplicate must be found even in another unit."""
    if personal_number:
        return list(Person.objects.filter(personal_number=personal_number))
    if not birth_date:
        return []
    return list(
        Person.objects.filter(
            birth_date=birth_date,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
        )
    )


def household_list(*, user: Any, query: str = "") -> QuerySet[Household]:
    """Households the user may see, optionally those with a member matching the query."""
    qs = household_visible_to(user)
    if query.strip():
        ids = person_visible_to(user).filter(person_search_filter(query)).values("id")
        # IN, not a join made DISTINCT (see prevention's case_list): one semi-join, no sort of
        # every matching household's columns before the page.
        members = HouseholdMember.objects.filter(person_id__in=ids).values("household_id")
        qs = qs.filter(pk__in=members)
    return _with_current_members(qs).order_by("-created_at")


def household_get(*, user: Any, household_id: UUID) -> Household:
    """One household for the user, or AccessDenied (audited) when it is another unit's."""
    household = _with_current_members(Household.objects.filter(pk=household_id)).first()
    if household is None:
        raise Household.DoesNotExist
    if not household_visible_to(user).filter(pk=household.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=household)
        raise AccessDenied(gettext("Du har inte behörighet att se det här hushållet."))
    return household


def person_get(*, user: Any, person_id: UUID) -> Person:
    """One person for the user, or AccessDenied (audited)."""
    person = Person.objects.filter(pk=person_id).select_related("merged_into").first()
    if person is None:
        raise Person.DoesNotExist
    if not person_visible_to(user).filter(pk=person.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=person)
        raise AccessDenied(gettext("Du har inte behörighet att se den här personen."))
    return person


def person_by_number(*, user: Any, personal_number: str) -> Person | None:
    """The person with this personnummer (followed through a merge), if the user may see them;
    else nobody.

    Every form that finds a person by a typed number goes through here, so a number belonging
    to someone outside the user's scope is not matched, not named and not attached: the form
    behaves as for a number Bosam does not know (the API's member add takes only a person the
    user may open, and answers 403 otherwise). The attempt is audited as denied, naming the
    person, so the follow-up sees who tried to reach whom."""
    try:
        digits = parse_personal_number(personal_number, today=timezone.localdate()).digits
    except InvalidPersonalNumber:
        return None
    found = Person.objects.filter(personal_number=digits).select_related("merged_into").first()
    if found is None:
        return None
    person = found.merged_into or found
    if not person_visible_to(user).filter(pk=person.pk).exists():
        audit_record(
            actor=user,
            action=AuditAction.DENIED,
            obj=person,
            reason="Personnumret angavs i ett formulär; personen är utanför behörigheten.",
        )
        return None
    return person


def person_other_households_hidden_from(
    *, user: Any, person: Person, household: Household | None = None
) -> bool:
    """Whether the person lives now in a household (other than this one) the user may not see."""
    current = HouseholdMember.objects.filter(person=person, end_date__isnull=True)
    if household is not None:
        current = current.exclude(household=household)
    return current.exclude(household__in=household_visible_to(user)).exists()


def person_memberships(*, person: Person) -> list[HouseholdMember]:
    return list(
        HouseholdMember.objects.filter(person=person)
        .select_related("household", "household__unit")
        .order_by("-start_date")
    )
