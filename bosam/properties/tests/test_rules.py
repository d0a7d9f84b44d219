from datetime import date

import pytest

from bosam.properties.rules import (
    InvalidApartmentNumber,
    InvalidOrgNumber,
    LeaseStatus,
    end_if_notice_given,
    ends_soon,
    floor_of_apartment_number,
    format_org_number,
    lease_status,
    notice_end_date,
    parse_apartment_number,
    parse_org_number,
    periods_overlap,
)

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "text", ["556677-8899", "5566778899", " 556677 8899 ", "16556677-8899", "165566778899"]
)
def test_org_number_is_accepted_with_or_without_hyphen_and_century_prefix(text: str) -> None:
    assert parse_org_number(text) == "5566778899"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("556677-8898", "kontrollsiffra"),
        ("55667788", "tio siffror"),
        ("55667788AB", "tio siffror"),
        ("", "Ange organisationsnummer"),
    ],
)
def test_an_invalid_org_number_is_refused_with_a_swedish_message(text: str, message: str) -> None:
    with pytest.raises(InvalidOrgNumber, match=message):
        parse_org_number(text)


def test_org_number_is_shown_with_a_hyphen() -> None:
    assert format_org_number("5566778899") == "556677-8899"


@pytest.mark.parametrize(("text", "expected"), [("1102", "1102"), ("lgh 0901", "0901"), ("", "")])
def test_apartment_number_is_four_digits_or_unknown(text: str, expected: str) -> None:
    assert parse_apartment_number(text) == expected


@pytest.mark.parametrize("text", ["102", "11022", "11a2", "1-02"])
def test_apartment_number_with_other_than_four_digits_is_refused(text: str) -> None:
    with pytest.raises(InvalidApartmentNumber, match="fyra siffror"):
        parse_apartment_number(text)


def test_the_apartment_number_gives_the_floor_relative_to_the_entrance() -> None:
    assert floor_of_apartment_number("1102") == 1
    assert floor_of_apartment_number("1001") == 0
    assert floor_of_apartment_number("0901") == -1
    assert floor_of_apartment_number("") is None


@pytest.mark.parametrize("notice_day", [date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 31)])
def test_notice_any_day_in_march_ends_a_three_month_lease_on_30_june(notice_day: date) -> None:
    # JB 12:4: the turn of the month next after three months from the notice.
    assert notice_end_date(notice_day, 3) == date(2026, 6, 30)


def test_notice_period_runs_over_the_new_year() -> None:
    assert notice_end_date(date(2026, 11, 25), 3) == date(2027, 2, 28)
    assert notice_end_date(date(2027, 11, 2), 3) == date(2028, 2, 29)  # a leap year


def test_notice_period_is_data_not_a_constant() -> None:
    assert notice_end_date(date(2026, 3, 10), 1) == date(2026, 4, 30)
    assert notice_end_date(date(2026, 3, 10), 6) == date(2026, 9, 30)
    assert notice_end_date(date(2026, 3, 10), 0) == date(2026, 3, 31)


def test_a_fixed_term_lease_runs_to_its_end_when_notice_reaches_it() -> None:
    end = end_if_notice_given(
        start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
        notice_period_months=3,
        notice_given_on=date(2026, 3, 10),
    )
    assert end == date(2026, 12, 31)


def test_late_notice_on_a_fixed_term_lease_prolongs_it_until_the_notice_has_run() -> None:
    end = end_if_notice_given(
        start_date=date(2025, 1, 1),
        end_date=date(2026, 4, 30),
        notice_period_months=3,
        notice_given_on=date(2026, 3, 10),
    )
    assert end == date(2026, 6, 30)


def test_an_open_ended_lease_ends_by_the_notice_rule() -> None:
    end = end_if_notice_given(
        start_date=date(2020, 5, 1),
        end_date=None,
        notice_period_months=3,
        notice_given_on=date(2026, 11, 25),
    )
    assert end == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), None), False),
        ((date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 6, 30), None), True),
        ((date(2024, 1, 1), None), (date(2030, 1, 1), date(2030, 2, 1)), True),
        ((date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 1, 1), date(2024, 12, 31)), True),
        ((date(2024, 3, 1), date(2024, 3, 31)), (date(2023, 1, 1), date(2024, 2, 29)), False),
    ],
)
def test_two_periods_overlap_when_they_share_a_day(
    a: tuple[date, date | None], b: tuple[date, date | None], overlap: bool
) -> None:
    assert periods_overlap(*a, *b) is overlap
    assert periods_overlap(*b, *a) is overlap


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("start", "end", "notice", "status"),
    [
        (date(2026, 12, 1), None, None, LeaseStatus.PLANNED),
        (date(2020, 1, 1), None, None, LeaseStatus.ACTIVE),
        (date(2020, 1, 1), date(2027, 6, 30), None, LeaseStatus.ACTIVE),  # fixed term
        (date(2020, 1, 1), date(2027, 2, 28), date(2026, 11, 1), LeaseStatus.UNDER_NOTICE),
        (date(2020, 1, 1), TODAY, date(2026, 8, 1), LeaseStatus.UNDER_NOTICE),  # last day
        (date(2020, 1, 1), date(2026, 11, 24), None, LeaseStatus.ENDED),
    ],
)
def test_lease_status_on_a_day(
    start: date, end: date | None, notice: date | None, status: LeaseStatus
) -> None:
    assert (
        lease_status(start_date=start, end_date=end, notice_given_on=notice, today=TODAY) == status
    )


def test_a_lease_ends_soon_when_its_last_day_is_within_ninety_days() -> None:
    assert ends_soon(end_date=date(2027, 2, 23), today=TODAY)
    assert not ends_soon(end_date=date(2027, 2, 24), today=TODAY)
    assert not ends_soon(end_date=None, today=TODAY)
    assert not ends_soon(end_date=date(2026, 11, 24), today=TODAY)
