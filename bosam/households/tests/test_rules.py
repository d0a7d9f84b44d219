from datetime import date

import pytest

from bosam.households.rules import (
    InvalidPersonalNumber,
    NumberKind,
    is_child,
    mask_personal_number,
    parse_personal_number,
)

pytestmark = pytest.mark.nodb


def test_ten_digit_personnummer_is_stored_as_twelve_digits() -> None:
    parsed = parse_personal_number("811228-9874")
    assert parsed.digits == "198112289874"
    assert parsed.kind == NumberKind.PERSONNUMMER
    assert parsed.birth_date == date(1981, 12, 28)


def test_plus_sign_means_a_hundred_years_or_older() -> None:
    assert parse_personal_number("811228+9874").digits == "188112289874"


def test_samordningsnummer_has_day_plus_sixty() -> None:
    parsed = parse_personal_number("701063-2391")
    assert parsed.kind == NumberKind.SAMORDNINGSNUMMER
    assert parsed.birth_date == date(1970, 10, 3)
    assert parsed.digits == "197010632391"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("811228-9875", "Kontrollsiffran"),
        ("811232-9874", "Födelsedatumet"),
        ("12345", "10 eller 12 siffror"),
        ("701063-2392", "Kontrollsiffran"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidPersonalNumber, match=message):
        parse_personal_number(text)


def test_a_number_born_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidPersonalNumber, match="framtiden"):
        parse_personal_number("20121212-1212", today=date(2010, 1, 1))


def test_lists_show_the_birth_date_and_hide_the_last_four() -> None:
    assert mask_personal_number("198503121234") == "19850312-****"


def test_a_child_is_under_eighteen_on_the_day() -> None:
    born = date(2008, 5, 10)
    assert is_child(born, date(2026, 5, 9))
    assert not is_child(born, date(2026, 5, 10))
    assert not is_child(None, date(2026, 5, 10))


def test_retention_is_due_after_the_whole_period_without_activity() -> None:
    from bosam.households.rules import is_due_for_retention

    today = date(2026, 11, 25)
    assert is_due_for_retention(date(2021, 11, 24), today=today, years=5)
    assert not is_due_for_retention(date(2021, 11, 25), today=today, years=5)
    assert not is_due_for_retention(date(2024, 1, 1), today=today, years=5)


def test_retention_cutoff_from_leap_day_falls_on_the_28th() -> None:
    from bosam.households.rules import retention_cutoff

    assert retention_cutoff(date(2028, 2, 29), 5) == date(2023, 2, 28)
