from datetime import date

import pytest

from bosam.households.models import Intervention
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import LetterTemplate, OutreachAttempt, PreventionCase
from bosam.prevention.pdf import outreach_letter_pdf
from bosam.prevention.services import (
    case_intervention_record,
    letter_template_save,
    outreach_letter_send,
    outreach_record,
    prevention_case_close,
)
from bosam.prevention.tests.factories import household_with_children, make_landlord, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]


@pytest.fixture
def case(org, prevention_caseworker) -> PreventionCase:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a, children=1)
    return register(prevention_caseworker, adult, landlord=make_landlord("Bostäder AB")).case


def test_only_an_attempt_that_reached_someone_counts_as_first_contact(
    case, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    outreach_record(
        case=case,
        method=OutreachAttempt.Method.PHONE,
        made_on=date(2022, 5, 3),
        result=OutreachAttempt.Result.NO_ANSWER,
        made_by=prevention_caseworker,
    )
    case.refresh_from_db()
    assert case.first_contact_on is None
    outreach_record(
        case=case,
        method=OutreachAttempt.Method.HOME_VISIT,
        made_on=date(2022, 5, 5),
        result=OutreachAttempt.Result.REACHED,
        made_by=prevention_caseworker,
    )
    case.refresh_from_db()
    assert case.first_contact_on == date(2022, 5, 5)


def test_a_stay_in_home_intervention_is_recorded_against_the_case(
    case, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    intervention = case_intervention_record(
        case=case,
        type_code="payment_plan",
        performed_on=date(2022, 5, 10),
        performed_by=prevention_caseworker,
    )
    assert intervention.household == case.household
    assert (intervention.source_type, intervention.source_id) == (
        "prevention.preventioncase",
        str(case.pk),
    )
    assert intervention.intervention_type.kind == "kvarboende"


def test_an_intervention_of_another_kind_is_refused(case, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError) as exc:
        case_intervention_record(
            case=case,
            type_code="placement_supported_housing",
            performed_on=date(2022, 5, 10),
            performed_by=prevention_caseworker,
        )
    assert exc.value.code == PreventionErrorCode.NOT_INTERVENTION
    assert not Intervention.objects.exists()


def test_a_household_that_stayed_must_say_how(case, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError) as exc:
        prevention_case_close(
            case=case,
            outcome=PreventionCase.Outcome.KVARBOENDE,
            closed_on=date(2022, 5, 30),
            closed_by=prevention_caseworker,
        )
    assert exc.value.extra["field"] == "stayed_because"


def test_closing_stores_the_outcome_and_the_children_and_stops_further_work(
    case, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    prevention_case_close(
        case=case,
        outcome=PreventionCase.Outcome.EVICTED,
        closed_on=date(2022, 5, 30),
        closed_by=prevention_caseworker,
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.children_count) == ("closed", "evicted", 1)
    with pytest.raises(PreventionError) as exc:
        outreach_record(
            case=case,
            method=OutreachAttempt.Method.PHONE,
            made_on=date(2022, 5, 31),
            result=OutreachAttempt.Result.REACHED,
            made_by=prevention_caseworker,
        )
    assert exc.value.code == PreventionErrorCode.CASE_CLOSED


def test_a_case_cannot_close_before_it_opened(case, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError):
        prevention_case_close(
            case=case,
            outcome=PreventionCase.Outcome.MOVED,
            closed_on=date(2022, 1, 1),
            closed_by=prevention_caseworker,
        )


def test_a_letter_is_written_from_the_units_template_and_printed_as_pdf(
    case, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    template = LetterTemplate.objects.get()  # the one the migration seeds
    attempt = outreach_letter_send(
        case=case, template=template, made_by=prevention_caseworker, made_on=date(2022, 6, 1)
    )
    assert attempt.method == OutreachAttempt.Method.LETTER
    assert "Hej Anna Andersson" in attempt.letter_text
    assert "Bostäder AB" in attempt.letter_text
    assert "2022-05-23" in attempt.letter_text  # the återvinningsfrist
    assert "{{" not in attempt.letter_text
    pdf = outreach_letter_pdf(attempt=attempt, municipality="Demokommun")
    assert pdf.startswith(b"%PDF")


def test_a_template_with_an_unknown_placeholder_is_refused(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError) as exc:
        letter_template_save(
            saved_by=prevention_caseworker,
            name="Ny",
            subject="Hej",
            body="Hej {{ namm }}",
        )
    assert "namm" in exc.value.message
