"""A household with one record of every kind Bosam holds on a household (the overview tests)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bosam.advice.models import AdviceCase
from bosam.advice.tests.factories import record_contact, refer, register_case
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.services import intervention_record
from bosam.households.tests.factories import make_household, make_person
from bosam.matching.models import DeclineReason, HousingRequest, Offer
from bosam.matching.tests.factories import make_request, make_vacancy, offer
from bosam.prevention.models import OutreachAttempt, PreventionCase
from bosam.prevention.tests.factories import register
from bosam.tenancies.models import FollowUp, Inspection, RentCharge, Sublet, TakeoverAssessment
from bosam.tenancies.tests.factories import make_head_lease, place
from bosam.testing import Org


@dataclass
class FullHousehold:
    household: Household
    applicant: Person
    child: Person
    old_sublet: Sublet
    sublet: Sublet
    case: PreventionCase
    advice_case: AdviceCase
    request: HousingRequest
    offer: Offer


def full_household(
    org: Org, *, coordinator: Any, prevention_caseworker: Any, adviser: Any
) -> FullHousehold:
    """The household of unit A with sublets (one taken over), follow-up, assessment, inspection,
    rent owed, a prevention case with notification, letter and outcome, an identified advice case
    with contact and referral, a request with a declined offer, and interventions of each kind."""
    applicant = make_person(first_name="Stina", last_name="Överblick", birth_date=date(1985, 3, 12))
    child = make_person(first_name="Kalle", last_name="Överblick", birth_date=date(2015, 6, 1))
    household = make_household(
        org.unit_a,
        (applicant, HouseholdMember.Relation.APPLICANT),
        (child, HouseholdMember.Relation.CHILD),
    )
    # Sublets: an old one taken over, a current one.
    old = place(
        coordinator,
        household,
        make_head_lease(org.committee, start=date(2018, 1, 1)),
        start=date(2019, 1, 1),
    )
    Sublet.objects.filter(pk=old.pk).update(
        status=Sublet.Status.ENDED, end_date=date(2020, 12, 31), outcome=Sublet.Outcome.TOOK_OVER
    )
    Inspection.objects.create(sublet=old, inspected_on=date(2021, 1, 5), inspector="Besiktaren")
    sublet = place(
        coordinator,
        household,
        make_head_lease(org.committee, start=date(2018, 1, 1)),
        start=date(2021, 2, 1),
    )
    FollowUp.objects.create(sublet=sublet, planned_on=date(2021, 6, 1), done_on=date(2021, 6, 2))
    TakeoverAssessment.objects.create(
        sublet=sublet,
        assessed_on=date(2022, 1, 10),
        rent_paid_on_time=True,
        conditions_kept=True,
        no_disturbance=True,
        landlord_consent=False,
    )
    RentCharge.objects.create(
        sublet=sublet,
        month=date(2022, 1, 1),
        due_date=date(2021, 12, 31),
        amount=Decimal("6500"),
        paid_amount=Decimal("0"),
    )
    # Prevention: a notification makes the case; a letter; a kvarboende intervention; closed.
    notification = register(prevention_caseworker, applicant, received_on=date(2022, 3, 1))
    case = notification.case
    OutreachAttempt.objects.create(
        case=case,
        method=OutreachAttempt.Method.LETTER,
        made_on=date(2022, 3, 2),
        result=OutreachAttempt.Result.REACHED,
        made_by=prevention_caseworker,
    )
    intervention_record(
        household=household,
        type_code="payment_plan",
        performed_on=date(2022, 3, 10),
        performed_by=prevention_caseworker,
        source=case,
    )
    PreventionCase.objects.filter(pk=case.pk).update(
        status=PreventionCase.Status.CLOSED,
        closed_on=date(2022, 4, 1),
        outcome=PreventionCase.Outcome.KVARBOENDE,
    )
    # Advice: an identified case with a contact and a referral (its intervention is recorded).
    advice_case = register_case(
        adviser,
        personal_number=applicant.personal_number or "",
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        received_on=date(2022, 5, 2),
    )
    record_contact(advice_case, adviser)
    refer(advice_case, adviser)
    # Matching: a request and an offer declined.
    request = make_request(
        coordinator, household, org.committee, received_on=date(2022, 5, 10), household_size=2
    )
    made = offer(coordinator, request, make_vacancy(org.committee), today=date(2022, 5, 20))
    Offer.objects.filter(pk=made.pk).update(
        state=Offer.State.DECLINED,
        answered_on=date(2022, 5, 25),
        decline_reason=DeclineReason.objects.first(),
    )
    # An intervention recorded by hand, from no case.
    intervention_record(
        household=household,
        type_code="follow_up_visit",
        performed_on=timezone.localdate(),
        performed_by=coordinator,
    )
    return FullHousehold(
        household=household,
        applicant=applicant,
        child=child,
        old_sublet=old,
        sublet=sublet,
        case=case,
        advice_case=advice_case,
        request=request,
        offer=made,
    )
