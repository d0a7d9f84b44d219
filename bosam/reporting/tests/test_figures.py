"""Each figure's definition at the year's boundaries, per committee, and the ids it returns."""

from datetime import date

import pytest

from bosam.accounts.models import Committee
from bosam.households.models import InterventionType
from bosam.reporting.figures import REGISTRY, FigureValue
from bosam.reporting.tests import factories as f

pytestmark = pytest.mark.django_db


def _value(key: str, year: int, committee: Committee | None = None) -> FigureValue:
    return REGISTRY[key].compute(year, committee)


def test_every_figure_has_a_label_and_a_definition() -> None:
    for fig in REGISTRY.values():
        assert str(fig.label).strip()
        assert len(str(fig.definition)) > 40, fig.key


def test_interventions_count_from_new_years_day_to_new_years_eve(org, coordinator) -> None:
    # given interventions on both sides of both year boundaries
    household = f.household(org.unit_a)
    days = [date(2021, 12, 31), date(2022, 1, 1), date(2022, 12, 31), date(2023, 1, 1)]
    made = [
        f.intervention(household=household, code="payment_plan", on=day, by=coordinator)
        for day in days
    ]
    # when 2022 is counted
    value = _value("interventions_total", 2022)
    # then exactly the two inside the year
    assert value.value == 2
    assert set(value.record_ids) == {str(made[1].pk), str(made[2].pk)}
    assert value.model_label == "households.intervention"


def test_the_catalogue_decides_what_counts_in_the_total(org, coordinator) -> None:
    household = f.household(org.unit_a)
    day = date(2022, 5, 1)
    f.intervention(household=household, code="payment_plan", on=day, by=coordinator)
    f.intervention(household=household, code="follow_up_visit", on=day, by=coordinator)
    assert _value("interventions_total", 2022).value == 1
    # when the municipality decides follow-up visits count
    InterventionType.objects.filter(code="follow_up_visit").update(counts_in_total=True)
    assert _value("interventions_total", 2022).value == 2


def test_the_total_is_broken_down_by_intervention_type(org, coordinator) -> None:
    household = f.household(org.unit_a)
    for code in ["payment_plan", "payment_plan", "takeover"]:
        f.intervention(household=household, code=code, on=date(2022, 6, 1), by=coordinator)
    breakdown = {row.key: row.value for row in _value("interventions_total", 2022).breakdown}
    assert breakdown == {"payment_plan": 2, "takeover": 1}


def test_stay_in_home_counts_kvarboende_interventions_in_prevention_cases(
    org, coordinator, prevention_caseworker
) -> None:
    household = f.household(org.unit_a)
    day = date(2022, 2, 1)
    # given two kvarboende interventions in a prevention case, and others outside one
    f.stay_in_home(
        household=household,
        on=day,
        by=prevention_caseworker,
        codes=("payment_plan", "rent_guarantee"),
    )
    for code in ["payment_plan", "takeover"]:
        f.intervention(household=household, code=code, on=day, by=coordinator)
    f.stay_in_home(
        household=f.household(org.unit_a), on=date(2021, 12, 31), by=prevention_caseworker
    )
    # then only the two in the case, in the year, are stay-in-home interventions
    value = _value("interventions_stay_in_home", 2022)
    assert value.value == 2
    assert {row.key for row in value.breakdown} == {"payment_plan", "rent_guarantee"}
    # and they count in the total too
    assert _value("interventions_total", 2022).value == 4


def test_stay_in_home_per_committee_is_the_caseworkers_committee(
    org, prevention_caseworker
) -> None:
    f.stay_in_home(household=f.household(org.unit_a), on=date(2022, 5, 5), by=prevention_caseworker)
    assert _value("interventions_stay_in_home", 2022, org.committee).value == 1
    assert _value("interventions_stay_in_home", 2022, org.other_committee).value == 0


def test_a_committee_sees_its_own_interventions(org, coordinator) -> None:
    household = f.household(org.unit_a)
    day = date(2022, 2, 1)
    f.intervention(
        household=household, code="payment_plan", on=day, by=coordinator, committee=org.committee
    )
    f.intervention(
        household=household,
        code="payment_plan",
        on=day,
        by=coordinator,
        committee=org.other_committee,
    )
    f.intervention(household=household, code="payment_plan", on=day, by=coordinator)
    assert _value("interventions_total", 2022).value == 3
    assert _value("interventions_total", 2022, org.committee).value == 1


def test_a_new_agreement_on_an_object_never_leased_before_is_a_new_object(org) -> None:
    landlord = f.landlord()
    fresh, reused = f.apartment(landlord), f.apartment(landlord)
    f.head_lease(
        apartment=reused, start=date(2020, 1, 1), end=date(2021, 12, 31), committee=org.committee
    )
    new_on_fresh = f.head_lease(apartment=fresh, start=date(2022, 1, 1), committee=org.committee)
    new_on_reused = f.head_lease(
        apartment=reused, start=date(2022, 12, 31), committee=org.committee
    )
    f.head_lease(apartment=f.apartment(landlord), start=date(2023, 1, 1), committee=org.committee)
    assert _value("agreements_new", 2022).value == 2
    assert _value("agreements_new_objects", 2022).record_ids == (str(new_on_fresh.pk),)
    assert _value("agreements_reused_objects", 2022).record_ids == (str(new_on_reused.pk),)


def test_the_second_agreement_in_one_year_on_an_object_is_on_a_reused_object(org) -> None:
    apartment = f.apartment(f.landlord())
    f.head_lease(
        apartment=apartment, start=date(2022, 1, 1), end=date(2022, 3, 31), committee=org.committee
    )
    f.head_lease(apartment=apartment, start=date(2022, 6, 1), committee=org.committee)
    assert _value("agreements_new_objects", 2022).value == 1
    assert _value("agreements_reused_objects", 2022).value == 1


def test_agreements_are_broken_down_by_usage_and_split_by_committee(org) -> None:
    landlord = f.landlord()
    f.head_lease(
        apartment=f.apartment(landlord),
        start=date(2022, 3, 1),
        committee=org.committee,
        usage_code="supported_housing",
    )
    f.head_lease(
        apartment=f.apartment(landlord),
        start=date(2022, 3, 1),
        committee=org.other_committee,
        usage_code="supported_housing",
    )
    value = _value("agreements_new", 2022)
    assert [(row.label, row.value) for row in value.breakdown] == [("Stödlägenhet", 2)]
    assert _value("agreements_new", 2022, org.other_committee).value == 1


def test_the_portfolio_is_the_leases_running_on_new_years_eve(org) -> None:
    landlord = f.landlord()
    running = f.head_lease(
        apartment=f.apartment(landlord), start=date(2020, 1, 1), committee=org.committee
    )
    ends_that_day = f.head_lease(
        apartment=f.apartment(landlord),
        start=date(2020, 1, 1),
        end=date(2022, 12, 31),
        committee=org.committee,
    )
    f.head_lease(
        apartment=f.apartment(landlord),
        start=date(2020, 1, 1),
        end=date(2022, 12, 30),
        committee=org.committee,
    )
    f.head_lease(apartment=f.apartment(landlord), start=date(2023, 1, 1), committee=org.committee)
    assert set(_value("portfolio_year_end", 2022).record_ids) == {
        str(running.pk),
        str(ends_that_day.pk),
    }


def test_a_landlord_is_new_in_the_year_of_its_first_agreement(org) -> None:
    old, new = f.landlord("Gamla AB"), f.landlord("Nya AB")
    f.head_lease(apartment=f.apartment(old), start=date(2019, 5, 1), committee=org.committee)
    f.head_lease(apartment=f.apartment(old), start=date(2022, 5, 1), committee=org.committee)
    f.head_lease(apartment=f.apartment(new), start=date(2022, 12, 31), committee=org.committee)
    assert _value("landlords_new", 2022).record_ids == (str(new.pk),)
    assert _value("landlords_new", 2023).value == 0
