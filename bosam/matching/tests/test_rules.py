from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from bosam.matching import rules
from bosam.matching.rules import RequestFacts, RuleSettings, VacancyFacts

pytestmark = pytest.mark.nodb

TODAY = date(2024, 6, 1)
SETTINGS = RuleSettings()


def request(**fields: object) -> RequestFacts:
    values: dict[str, object] = {
        "id": "r1",
        "reference": "BB-2024-0001",
        "usage_category": "supported_housing",
        "usage_label": "Stödlägenhet",
        "committee_id": 1,
        "committee_name": "Socialnämnden",
        "household_size": 2,
        "rooms_wanted": 2,
        "received_on": date(2024, 1, 1),
    }
    values.update(fields)
    return RequestFacts(**values)  # type: ignore[arg-type]


def vacancy(**fields: object) -> VacancyFacts:
    values: dict[str, object] = {
        "id": 10,
        "label": "Hagebygatan 1",
        "usage_category": "supported_housing",
        "usage_label": "Stödlägenhet",
        "committee_id": 1,
        "committee_name": "Socialnämnden",
        "room_count": 2,
        "free_from": date(2024, 6, 1),
        "district": "Hageby",
        "floor": 2,
    }
    values.update(fields)
    return VacancyFacts(**values)  # type: ignore[arg-type]


def rules_that_exclude(r: RequestFacts, v: VacancyFacts, s: RuleSettings = SETTINGS) -> list[str]:
    return [e.rule for e in rules.exclusions(r, v, s)]


# --- Hard rules ---


def test_a_fitting_apartment_is_not_excluded() -> None:
    assert rules_that_exclude(request(), vacancy()) == []


def test_a_household_too_large_for_the_rooms_under_the_occupancy_rule_is_excluded() -> None:
    # given two rooms and at most two persons per room
    found = rules.exclusions(request(household_size=5), vacancy(room_count=2), SETTINGS)
    # then five persons are too many, and the message names the rule's numbers
    assert [e.rule for e in found] == ["household_too_large"]
    assert "5 personer" in found[0].message
    assert "högst 4" in found[0].message


def test_the_rules_explain_themselves_in_english_when_english_is_active() -> None:
    # given a user who chose English; the numbers land in the translated sentence
    with translation.override("en"):
        found = rules.exclusions(request(household_size=5), vacancy(room_count=2), SETTINGS)
        text = rules.score(request(urgency="acute"), vacancy(), SETTINGS, TODAY).explanation
    assert found[0].message == (
        "The household has 5 persons, but the apartment has 2 rooms and the rule of at most "
        "2 persons per room allows at most 4."
    )
    assert "Urgency: acute (40 of 40 pts)" in text
    assert "Waiting time: has waited 152 days" in text


def test_a_household_exactly_at_the_occupancy_limit_fits() -> None:
    assert rules_that_exclude(request(household_size=4), vacancy(room_count=2)) == []


def test_a_stricter_occupancy_rule_excludes_what_a_looser_one_allows() -> None:
    strict = RuleSettings(max_persons_per_room=1)
    assert rules_that_exclude(request(household_size=3), vacancy(room_count=2), strict) == [
        "household_too_large"
    ]


def test_wheelchair_access_needed_and_missing_excludes() -> None:
    r = request(needs_wheelchair_access=True)
    assert rules_that_exclude(r, vacancy(wheelchair_accessible=False)) == ["wheelchair"]
    assert rules_that_exclude(r, vacancy(wheelchair_accessible=True)) == []


def test_ground_floor_or_lift_needed_excludes_an_upper_floor_without_lift() -> None:
    r = request(needs_ground_floor_or_lift=True)
    assert rules_that_exclude(r, vacancy(floor=3, has_lift=False)) == ["ground_floor_or_lift"]
    assert rules_that_exclude(r, vacancy(floor=3, has_lift=True)) == []
    assert rules_that_exclude(r, vacancy(floor=0, has_lift=False)) == []


def test_an_unregistered_floor_without_lift_cannot_meet_a_ground_floor_need() -> None:
    found = rules.exclusions(
        request(needs_ground_floor_or_lift=True), vacancy(floor=None), SETTINGS
    )
    assert found[0].rule == "ground_floor_or_lift"
    assert "inte registrerad" in found[0].message


def test_another_usage_excludes() -> None:
    found = rules.exclusions(
        request(usage_category="refugee_settlement", usage_label="Flyktingbostad"),
        vacancy(),
        SETTINGS,
    )
    assert [e.rule for e in found] == ["usage"]
    assert "flyktingbostad" in found[0].message


def test_another_paying_committee_excludes() -> None:
    found = rules.exclusions(
        request(committee_id=2, committee_name="Vård- och omsorgsnämnden"), vacancy(), SETTINGS
    )
    assert [e.rule for e in found] == ["committee"]
    assert "Vård- och omsorgsnämnden" in found[0].message


def test_an_avoided_district_excludes_whatever_the_spelling() -> None:
    assert rules_that_exclude(request(districts_avoided=("hageby ",)), vacancy()) == [
        "avoided_district"
    ]


def test_every_rule_that_excludes_is_named() -> None:
    r = request(
        household_size=9, needs_wheelchair_access=True, committee_id=2, committee_name="VON"
    )
    assert rules_that_exclude(r, vacancy()) == ["committee", "household_too_large", "wheelchair"]


# --- Soft scores and their explanation ---


def test_the_explanation_names_every_part_in_words() -> None:
    proposal = rules.score(
        request(urgency="acute", districts_preferred=("Hageby",)), vacancy(), SETTINGS, TODAY
    )
    text = proposal.explanation
    assert "Brådska: akut (40 av 40 p)" in text
    assert "Väntetid: har väntat 152 dagar" in text
    assert "Område: Hageby är ett önskat område (15 av 15 p)" in text
    assert "Storlek: 2 rum, som önskat (15 av 15 p)" in text
    assert proposal.points == 40 + 12 + 15 + 15


def test_waiting_earns_full_weight_after_a_year_and_no_more() -> None:
    long_ago = request(received_on=date(2020, 1, 1))
    assert rules.score_waiting(long_ago, SETTINGS, TODAY).points == SETTINGS.weight_waiting


def test_no_district_wish_scores_half_and_says_so() -> None:
    part = rules.score_district(request(), vacancy(), SETTINGS)
    assert part.points == 8
    assert part.explanation == "inga önskemål om område"


def test_a_district_not_wished_for_scores_nothing_and_names_the_wishes() -> None:
    part = rules.score_district(request(districts_preferred=("Ljura", "Haga")), vacancy(), SETTINGS)
    assert part.points == 0
    assert "Ljura, Haga" in part.explanation


def test_one_room_too_many_fits_better_than_one_too_few() -> None:
    bigger = rules.score_size(request(rooms_wanted=2), vacancy(room_count=3), SETTINGS)
    smaller = rules.score_size(request(rooms_wanted=2), vacancy(room_count=1), SETTINGS)
    assert bigger.points > smaller.points
    assert "1 fler än önskat" in bigger.explanation


# --- Ranking both ways ---


def test_requests_for_a_vacancy_rank_acute_before_long_waiting_before_new() -> None:
    acute = request(id="a", reference="BB-3", urgency="acute", received_on=date(2024, 5, 1))
    waited = request(id="w", reference="BB-1", received_on=date(2023, 6, 1))
    new = request(id="n", reference="BB-2", received_on=date(2024, 5, 20))
    too_big = request(id="x", reference="BB-4", household_size=8)
    ranking = rules.rank_requests(vacancy(), [new, too_big, waited, acute], SETTINGS, TODAY)
    assert [p.request.id for p in ranking.proposals] == ["a", "w", "n"]
    assert [p.rank for p in ranking.proposals] == [1, 2, 3]
    assert [(e.request.id, e.exclusions[0].rule) for e in ranking.excluded] == [
        ("x", "household_too_large")
    ]


def test_equal_requests_rank_by_waiting_time_then_reference() -> None:
    first = request(id="1", reference="BB-2", received_on=date(2024, 1, 1))
    second = request(id="2", reference="BB-1", received_on=date(2024, 1, 1))
    ranking = rules.rank_requests(vacancy(), [first, second], SETTINGS, TODAY)
    assert [p.request.reference for p in ranking.proposals] == ["BB-1", "BB-2"]


def test_vacancies_for_a_request_rank_the_wished_district_and_right_size_first() -> None:
    r = request(districts_preferred=("Ljura",))
    wished = vacancy(id=1, label="A", district="Ljura")
    other = vacancy(id=2, label="B", district="Hageby")
    too_small = vacancy(id=3, label="C", district="Ljura", room_count=1)
    inaccessible = vacancy(id=4, label="D", usage_category="emergency", usage_label="Jour")
    ranking = rules.rank_vacancies(r, [other, too_small, inaccessible, wished], SETTINGS, TODAY)
    assert [p.vacancy.id for p in ranking.proposals] == [1, 3, 2]
    assert [e.vacancy.id for e in ranking.excluded] == [4]


# --- Why not ---


def test_why_not_names_the_rule_that_excluded_the_vacancy() -> None:
    answer = rules.why_not(request(household_size=6), vacancy(), [vacancy()], SETTINGS, TODAY)
    assert answer.excluded
    assert answer.exclusions[0].rule == "household_too_large"
    assert answer.proposal is None


def test_why_not_for_a_proposed_vacancy_gives_its_rank_and_explanation() -> None:
    better = vacancy(id=1, label="A", district="Ljura")
    asked = vacancy(id=2, label="B", district="Hageby")
    answer = rules.why_not(
        request(districts_preferred=("Ljura",)), asked, [better, asked], SETTINGS, TODAY
    )
    assert not answer.excluded
    assert answer.proposal is not None
    assert answer.proposal.rank == 2
    assert "inte önskat" in answer.proposal.explanation


# --- What if the settings change ---


def test_a_stricter_occupancy_rule_lists_the_proposals_that_fall_away() -> None:
    big = request(id="big", reference="BB-1", household_size=3)
    small = request(id="small", reference="BB-2", household_size=1)
    changes = rules.proposal_changes(
        [vacancy(room_count=2)],
        [big, small],
        SETTINGS,
        replace(SETTINGS, max_persons_per_room=1),
        TODAY,
    )
    assert len(changes) == 2
    dropped = next(c for c in changes if c.request.id == "big")
    assert dropped.new_rank is None
    assert dropped.old_rank == 1
    assert dropped.description.startswith("faller bort (var nr 1): Hushållet är 3 personer")
    moved = next(c for c in changes if c.request.id == "small")
    assert moved.description == "flyttas från nr 2 till nr 1"


def test_a_heavier_waiting_weight_moves_the_long_waiting_request_up() -> None:
    acute = request(id="a", reference="BB-1", urgency="acute", received_on=date(2024, 5, 1))
    waited = request(id="w", reference="BB-2", received_on=date(2022, 1, 1))
    new = replace(SETTINGS, weight_urgency=5, weight_waiting=80)
    changes = rules.proposal_changes([vacancy()], [acute, waited], SETTINGS, new, TODAY)
    assert {(c.request.id, c.old_rank, c.new_rank) for c in changes} == {
        ("w", 2, 1),
        ("a", 1, 2),
    }


def test_unchanged_settings_change_no_proposal() -> None:
    assert rules.proposal_changes([vacancy()], [request()], SETTINGS, SETTINGS, TODAY) == []
