from datetime import date
from decimal import Decimal

import pytest

from bosam.prevention import rules

pytestmark = pytest.mark.nodb

TODAY = date(2022, 6, 1)


# --- The återvinningsfrist (12 kap. 44 § JB, 1930:173) ---


def test_the_frist_is_three_weeks_from_the_day_notice_was_served() -> None:
    # Served Tuesday 3 May 2022 -> Tuesday 24 May 2022, a working day.
    assert rules.atervinningsfrist_ends_on(date(2022, 5, 3)) == date(2022, 5, 24)


def test_a_frist_ending_on_a_saturday_moves_to_monday() -> None:
    assert rules.atervinningsfrist_ends_on(date(2022, 3, 5)) == date(2022, 3, 28)


def test_a_frist_ending_on_a_sunday_moves_to_monday() -> None:
    assert rules.atervinningsfrist_ends_on(date(2022, 3, 6)) == date(2022, 3, 28)


def test_a_frist_ending_on_midsummer_eve_moves_past_the_weekend() -> None:
    # Midsummer Eve 2022 is Friday 24 June; Saturday is Midsummer Day, then Sunday.
    assert rules.atervinningsfrist_ends_on(date(2022, 6, 3)) == date(2022, 6, 27)


def test_a_frist_ending_on_christmas_eve_moves_past_christmas_and_boxing_day() -> None:
    # 24 Dec 2021 is a Friday; 25-26 are the weekend and holidays -> Monday 27 December.
    assert rules.atervinningsfrist_ends_on(date(2021, 12, 3)) == date(2021, 12, 27)


def test_a_frist_ending_on_new_years_eve_moves_into_the_next_year() -> None:
    # 31 Dec 2020 (Thursday, an eve) -> 1 Jan holiday -> weekend -> Monday 4 January 2021.
    assert rules.atervinningsfrist_ends_on(date(2020, 12, 10)) == date(2021, 1, 4)


def test_a_frist_ending_on_epiphany_moves_to_the_next_day() -> None:
    # 6 January 2022 (Thursday) is a public holiday -> Friday 7 January.
    assert rules.atervinningsfrist_ends_on(date(2021, 12, 16)) == date(2022, 1, 7)


def test_a_frist_ending_on_good_friday_moves_past_easter_monday() -> None:
    # Good Friday 15 April 2022, Easter Monday 18 April -> Tuesday 19 April.
    assert rules.atervinningsfrist_ends_on(date(2022, 3, 25)) == date(2022, 4, 19)


def test_no_notice_served_means_no_frist() -> None:
    assert rules.atervinningsfrist_ends_on(None) is None


# --- Eviction date handling ---


def test_the_eviction_date_counts_once_the_frist_has_passed() -> None:
    assert rules.next_deadline(
        atervinningsfrist_ends_on=date(2022, 5, 20),
        eviction_date=date(2022, 6, 15),
        today=TODAY,
    ) == date(2022, 6, 15)


def test_the_nearest_deadline_is_the_frist_while_it_runs() -> None:
    assert rules.next_deadline(
        atervinningsfrist_ends_on=date(2022, 6, 10),
        eviction_date=date(2022, 8, 15),
        today=TODAY,
    ) == date(2022, 6, 10)


def test_no_deadline_when_all_have_passed() -> None:
    assert (
        rules.next_deadline(
            atervinningsfrist_ends_on=date(2022, 5, 1), eviction_date=None, today=TODAY
        )
        is None
    )


def test_an_eviction_before_the_notice_was_served_is_refused() -> None:
    assert rules.eviction_date_error(
        eviction_date=date(2022, 4, 1), notice_served_on=date(2022, 5, 1), received_on=TODAY
    )
    assert not rules.eviction_date_error(
        eviction_date=date(2022, 7, 1), notice_served_on=date(2022, 5, 1), received_on=TODAY
    )


def test_the_case_takes_the_latest_frist_and_the_most_recently_given_eviction_date() -> None:
    notes = [
        rules.NotificationDeadlines(date(2022, 3, 1), date(2022, 3, 28), None),
        rules.NotificationDeadlines(date(2022, 5, 1), None, date(2022, 6, 20)),
        # the Enforcement Authority moved the date
        rules.NotificationDeadlines(date(2022, 5, 20), None, date(2022, 7, 4)),
    ]
    assert rules.case_deadlines(notes) == (date(2022, 3, 28), date(2022, 7, 4))


# --- The work queue ---


def _facts(name: str, deadline: date | None, children: bool, contacted: bool) -> rules.QueueFacts:
    return rules.QueueFacts(name, deadline, children, contacted, date(2022, 5, 1))


def test_the_queue_puts_the_nearest_deadline_first_then_children_then_not_contacted() -> None:
    items = [
        _facts("no deadline", None, True, False),
        _facts("later", date(2022, 6, 20), True, False),
        _facts("soon, contacted, no children", date(2022, 6, 3), False, True),
        _facts("soon, not contacted, no children", date(2022, 6, 3), False, False),
        _facts("soon, children", date(2022, 6, 3), True, True),
    ]
    order = [f.case_id for f in rules.work_queue_order(items)]
    assert order == [
        "soon, children",
        "soon, not contacted, no children",
        "soon, contacted, no children",
        "later",
        "no deadline",
    ]


def test_a_deadline_within_days_and_no_contact_stands_out() -> None:
    assert rules.stands_out(deadline=date(2022, 6, 5), contacted=False, today=TODAY)
    assert not rules.stands_out(deadline=date(2022, 6, 5), contacted=True, today=TODAY)
    assert not rules.stands_out(deadline=date(2022, 7, 5), contacted=False, today=TODAY)
    assert not rules.stands_out(deadline=None, contacted=False, today=TODAY)


# --- Duplicates, amounts, rows ---


def test_the_same_tenant_landlord_month_and_stage_is_a_duplicate() -> None:
    a = rules.duplicate_key(
        personal_number="198503121234", landlord_id=1, period=date(2022, 3, 4), stage="x"
    )
    b = rules.duplicate_key(
        personal_number="198503121234", landlord_id=1, period=date(2022, 3, 28), stage="x"
    )
    c = rules.duplicate_key(
        personal_number="198503121234", landlord_id=1, period=date(2022, 4, 1), stage="x"
    )
    assert a == b
    assert a != c


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12 345,50 kr", "12345.50"),
        ("8000", "8000.00"),
        ("1.200,00", "1200.00"),
        ("950 SEK", "950.00"),
    ],
)
def test_debt_amounts_are_read_the_swedish_way(text: str, amount: str) -> None:
    assert rules.parse_debt_amount(text) == Decimal(amount)


def test_a_negative_debt_is_refused() -> None:
    with pytest.raises(ValueError, match="negativt"):
        rules.parse_debt_amount("-500")


MAPPING = {
    "personal_number": "Pnr",
    "name": "Kund",
    "street_address": "Adress",
    "debt_amount": "Skuld",
    "months_behind": "Mån",
}


def test_a_good_row_is_read() -> None:
    row = rules.read_arrears_row(
        2,
        {
            "Pnr": "850312-9804",
            "Kund": "Andersson, Anna",
            "Adress": "Storgatan 1",
            "Skuld": "12 345,50 kr",
            "Mån": "2",
        },
        MAPPING,
        today=TODAY,
    )
    assert row.errors == []
    assert (row.first_name, row.last_name) == ("Anna", "Andersson")
    assert row.debt_amount == Decimal("12345.50")
    assert row.months_behind == 2


def test_every_bad_field_is_named_with_its_line() -> None:
    row = rules.read_arrears_row(
        7,
        {"Pnr": "850312-1235", "Kund": "X", "Adress": "", "Skuld": "mycket", "Mån": "tre"},
        MAPPING,
        today=TODAY,
    )
    assert any(e.startswith("Rad 7, Personnummer:") for e in row.errors)
    assert any(e.startswith("Rad 7, Adress:") for e in row.errors)
    assert any(e.startswith("Rad 7, Skuld:") for e in row.errors)
    assert any(e.startswith("Rad 7, Antal månader:") for e in row.errors)


def test_the_mapping_is_guessed_from_common_headings_and_checked() -> None:
    headers = ["Personnummer", "Namn", "Gatuadress", "Skuld (kr)", "Antal månader"]
    mapping = rules.guess_mapping(headers)
    assert mapping["personal_number"] == "Personnummer"
    assert mapping["debt_amount"] == "Skuld (kr)"
    assert rules.mapping_errors(mapping, headers) == []
    assert rules.mapping_errors({}, headers)


def test_a_letter_fills_in_known_placeholders_only() -> None:
    text = "Hej {{ namn }}, betala senast {{sista_dag}}. {{ okand }}"
    assert rules.unknown_placeholders(text) == ["okand"]
    assert rules.render_letter(text, {"namn": "Anna", "sista_dag": "2022-06-27"}) == (
        "Hej Anna, betala senast 2022-06-27. {{ okand }}"
    )


def test_days_to_first_contact_and_median() -> None:
    assert rules.days_to_first_contact(date(2022, 1, 1), date(2022, 1, 8)) == 7
    assert rules.days_to_first_contact(date(2022, 1, 1), None) is None
    assert rules.median([5, 1, 3]) == 3
    assert rules.median([1, 2, 3, 4]) == 2.5
    assert rules.median([]) is None
