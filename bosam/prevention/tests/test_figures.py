from datetime import date

import pytest

from bosam.households.models import HouseholdMember
from bosam.households.services import intervention_record
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention import figures
from bosam.prevention.models import OutreachAttempt, PreventionCase
from bosam.prevention.services import (
    case_intervention_record,
    outreach_record,
    prevention_case_close,
)
from bosam.prevention.tests.factories import household_with_children, personal_number, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]


def _adult(org, serial: int):  # type: ignore[no-untyped-def]
    person = make_person(
        "Per", "Persson", personal_number=personal_number(date(1975, 5, 5), serial)
    )
    make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    return person


def test_notifications_received_count_the_period_and_name_the_records(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    in_2022 = register(prevention_caseworker, _adult(org, 901), received_on=date(2022, 2, 1))
    register(
        prevention_caseworker,
        _adult(org, 902),
        received_on=date(2021, 12, 31),
        notice_served_on=date(2021, 12, 30),
    )
    figure = figures.notifications_received(2022)
    assert (figure.count, figure.ids) == (1, [str(in_2022.pk)])
    assert figures.notifications_received(start=date(2021, 12, 1), end=date(2022, 2, 1)).count == 2


def test_households_reached_and_days_to_first_contact(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    reached = []
    for serial, days in ((903, 2), (904, 10)):
        case = register(
            prevention_caseworker, _adult(org, serial), received_on=date(2022, 5, 2)
        ).case
        outreach_record(
            case=case,
            method=OutreachAttempt.Method.PHONE,
            made_on=date(2022, 5, 2 + days),
            result=OutreachAttempt.Result.REACHED,
            made_by=prevention_caseworker,
        )
        reached.append(str(case.pk))
    # a household tried but never reached does not count
    never = register(prevention_caseworker, _adult(org, 905), received_on=date(2022, 5, 2)).case
    outreach_record(
        case=never,
        method=OutreachAttempt.Method.LETTER,
        made_on=date(2022, 5, 3),
        result=OutreachAttempt.Result.SENT,
        made_by=prevention_caseworker,
    )
    figure = figures.households_reached(2022)
    assert sorted(figure.ids) == sorted(reached)
    assert figure.median_days == 6
    assert figure.within_7_days == 1


def test_stay_in_home_interventions_count_kvarboende_types_in_prevention_cases_only(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    case = register(prevention_caseworker, _adult(org, 906)).case
    counted = case_intervention_record(
        case=case,
        type_code="payment_plan",
        performed_on=date(2022, 5, 10),
        performed_by=prevention_caseworker,
    )
    case_intervention_record(
        case=case,
        type_code="budget_debt_counselling",
        performed_on=date(2021, 12, 31),  # another year
        performed_by=prevention_caseworker,
    )
    # a placement is not a stay-in-home intervention
    intervention_record(
        household=case.household,
        type_code="placement_supported_housing",
        performed_on=date(2022, 5, 10),
        performed_by=prevention_caseworker,
    )
    figure = figures.stay_in_home_interventions(2022)
    assert (figure.count, figure.ids) == (1, [str(counted.pk)])


def test_outcomes_evictions_and_children_affected(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, with_kids = household_with_children(org.unit_a, children=3)
    evicted = register(prevention_caseworker, with_kids).case
    stayed = register(prevention_caseworker, _adult(org, 907)).case
    prevention_case_close(
        case=evicted,
        outcome=PreventionCase.Outcome.EVICTED,
        closed_on=date(2022, 5, 31),
        closed_by=prevention_caseworker,
    )
    prevention_case_close(
        case=stayed,
        outcome=PreventionCase.Outcome.KVARBOENDE,
        stayed_because=PreventionCase.StayedBecause.PAYMENT_PLAN,
        closed_on=date(2022, 5, 31),
        closed_by=prevention_caseworker,
    )
    outcomes = figures.outcomes(2022).by_outcome
    assert outcomes["kvarboende"].ids == [str(stayed.pk)]
    assert outcomes["moved"].count == 0
    assert figures.evictions(2022).ids == [str(evicted.pk)]
    children = figures.children_affected(2022)
    assert (children.count, children.ids) == (3, [str(evicted.pk)])
    assert figures.households_with_children_notified(2022).ids == [str(evicted.pk)]
