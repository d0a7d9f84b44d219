from datetime import date

import pytest

from bosam.advice.figures import FigureRow, advice_cases_received, advice_figures
from bosam.advice.models import AdviceReason
from bosam.advice.tests.factories import close, record_contact, refer, register_case
from bosam.households.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _row(rows: list[FigureRow], code: str) -> FigureRow:
    return next(r for r in rows if r.code == code)


def test_a_case_counts_in_the_year_it_came_in_even_when_closed_the_next(adviser) -> None:
    # given a case received on New Year's Eve and closed in January
    late = register_case(adviser, received_on=date(2022, 12, 31))
    record_contact(late, adviser, on=date(2023, 1, 9))
    close(late, adviser)
    early = register_case(adviser, received_on=date(2023, 1, 2))
    # then
    assert advice_cases_received(2022).count == 1
    assert advice_cases_received(2022).ids == [late.pk]
    assert advice_cases_received(2023).ids == [early.pk]
    assert advice_cases_received(2021).count == 0


def test_figures_break_the_received_cases_down(adviser) -> None:
    # given
    person = make_person()
    a = register_case(
        adviser,
        personal_number=person.formatted_number,
        channel="walk_in",
        received_on=date(2022, 3, 1),
    )
    record_contact(a, adviser, minutes=30, advice=("housing_queue",), digital=("e_identification",))
    record_contact(a, adviser, minutes=45, advice=("housing_queue", "budget"), on=date(2022, 3, 8))
    refer(a, adviser, "social_office")
    close(a, adviser, "referred")
    b = register_case(
        adviser,
        personal_number=person.formatted_number,
        channel="phone",
        reason="overcrowded",
        received_on=date(2022, 6, 1),
    )
    c = register_case(adviser, channel="email", received_on=date(2022, 9, 1))
    close(c, adviser, "found_housing_own")
    register_case(adviser, received_on=date(2023, 1, 1))  # outside the period
    # when
    figures = advice_figures(start=date(2022, 1, 1), end=date(2022, 12, 31))
    # then
    assert figures.received.count == 3
    assert (figures.identified.count, figures.anonymous.count) == (2, 1)
    assert _row(figures.by_channel, "walk_in").ids == [a.pk]
    assert _row(figures.by_channel, "outreach").count == 0  # active entries show with zero
    assert _row(figures.by_reason, "homeless").ids == [a.pk, c.pk]
    assert _row(figures.by_reason, "overcrowded").ids == [b.pk]
    # a case counts once per kind of help, however many contacts gave it
    assert _row(figures.by_advice_kind, "housing_queue").ids == [a.pk]
    assert _row(figures.by_digital_help, "e_identification").ids == [a.pk]
    assert figures.with_digital_help.ids == [a.pk]
    assert _row(figures.by_referral_target, "social_office").ids == [a.pk]
    assert figures.referred.count == 1
    assert _row(figures.by_outcome, "referred").ids == [a.pk]
    assert _row(figures.by_outcome, "found_housing_own").ids == [c.pk]
    assert figures.still_open.ids == [b.pk]
    assert figures.people_more_than_once == 1
    assert set(figures.cases_of_people_more_than_once.ids) == {a.pk, b.pk}
    assert figures.minutes_total == 75


def test_a_retired_catalogue_entry_stays_in_figures_where_it_was_used(adviser) -> None:
    case = register_case(adviser, reason="first_home", received_on=date(2022, 5, 5))
    AdviceReason.objects.filter(code="first_home").update(active=False)
    AdviceReason.objects.filter(code="separation").update(active=False)
    figures = advice_figures(start=date(2022, 1, 1), end=date(2022, 12, 31))
    codes = {r.code for r in figures.by_reason}
    assert "separation" not in codes  # retired and unused in the period
    row = _row(figures.by_reason, "first_home")
    assert (row.ids, row.active) == ([case.pk], False)


def test_figures_take_the_same_queries_whatever_the_number_of_cases(
    adviser, django_assert_max_num_queries
) -> None:
    for day in range(1, 21):
        case = register_case(adviser, received_on=date(2022, 2, day))
        record_contact(case, adviser, digital=("online_search",))
    # One aggregate per number and breakdown, and one read of each catalogue for its rows.
    with django_assert_max_num_queries(17):
        figures = advice_figures(start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert figures.received.count == 20


def test_the_cases_behind_a_number_are_read_only_when_asked_for(
    adviser, django_assert_num_queries
) -> None:
    cases = [register_case(adviser, received_on=date(2022, 2, day)) for day in (1, 2)]
    figures = advice_figures(start=date(2022, 1, 1), end=date(2022, 12, 31))
    with django_assert_num_queries(1):
        assert figures.received.ids == [c.pk for c in cases]
    with django_assert_num_queries(0):
        assert figures.received.ids == [c.pk for c in cases]
