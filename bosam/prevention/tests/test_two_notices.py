"""The återvinningsfrist's two notices (12 kap. 44 § JB; NJA 1985 s. 586), the notification kinds
the law names, the committee's written undertaking and the illness exception."""

from datetime import date

import pytest
from django.urls import reverse

from bosam.households.tests.factories import make_person
from bosam.prevention import rules
from bosam.prevention.errors import PreventionError
from bosam.prevention.models import Notification, PreventionCase
from bosam.prevention.services import (
    case_illness_note_save,
    case_intervention_record,
    notification_notices_update,
)
from bosam.prevention.tests.factories import make_landlord, register

RENT = rules.KIND_RENT_ARREARS_TERMINATION


# --- The rule (no database) -------------------------------------------------------------------


@pytest.mark.nodb
def test_the_frist_runs_from_the_later_of_the_service_on_the_tenant_and_the_committee_notice() -> (
    None
):
    # served on the tenant Tuesday 3 May, the meddelande reached the committee Monday 9 May
    frist = rules.atervinningsfrist(
        kind=RENT, served_on=date(2022, 5, 3), committee_notice_on=date(2022, 5, 9)
    )
    assert frist == rules.Atervinningsfrist(date(2022, 5, 30))


@pytest.mark.nodb
def test_a_committee_notice_before_the_service_lets_the_service_start_the_frist() -> None:
    frist = rules.atervinningsfrist(
        kind=RENT, served_on=date(2022, 5, 9), committee_notice_on=date(2022, 5, 3)
    )
    assert frist is not None
    assert frist.ends_on == date(2022, 5, 30)


@pytest.mark.nodb
def test_the_later_notice_keeps_the_working_day_rule() -> None:
    # the later notice on Friday 3 June 2022: three weeks is Midsummer Eve -> Monday 27 June
    frist = rules.atervinningsfrist(
        kind=RENT, served_on=date(2022, 5, 20), committee_notice_on=date(2022, 6, 3)
    )
    assert frist is not None
    assert frist.ends_on == date(2022, 6, 27)


@pytest.mark.nodb
def test_with_only_the_service_known_the_frist_is_provisional_and_names_the_missing_meddelande() -> (
    None
):
    frist = rules.atervinningsfrist(kind=RENT, served_on=date(2022, 5, 3), committee_notice_on=None)
    assert frist == rules.Atervinningsfrist(
        date(2022, 5, 24), provisional=True, missing=rules.MISSING_COMMITTEE_NOTICE
    )
    assert "meddelande till socialnämnden" in rules.missing_notice_text(frist.missing)


@pytest.mark.nodb
def test_with_only_the_meddelande_known_the_frist_is_provisional_and_names_the_missing_service() -> (
    None
):
    frist = rules.atervinningsfrist(kind=RENT, served_on=None, committee_notice_on=date(2022, 5, 3))
    assert frist is not None
    assert frist.provisional
    assert "delgivning" in rules.missing_notice_text(frist.missing)


@pytest.mark.nodb
def test_neither_notice_known_means_no_frist() -> None:
    assert rules.atervinningsfrist(kind=RENT, served_on=None, committee_notice_on=None) is None


@pytest.mark.nodb
def test_a_cooperative_termination_runs_on_the_same_clock() -> None:
    frist = rules.atervinningsfrist(
        kind=rules.KIND_COOPERATIVE_TERMINATION,
        served_on=date(2022, 5, 3),
        committee_notice_on=date(2022, 5, 9),
    )
    assert frist is not None
    assert frist.ends_on == date(2022, 5, 30)


@pytest.mark.nodb
@pytest.mark.parametrize(
    "kind",
    [
        rules.KIND_EARLY_SIGNAL,
        rules.KIND_DISTURBANCE_WARNING,
        rules.KIND_DISTURBANCE_TERMINATION,
        rules.KIND_EXTENSION_DISPUTE,
        rules.KIND_EVICTION_APPLICATION,
        rules.KIND_EVICTION_DATE,
        rules.KIND_OTHER,
    ],
)
def test_only_rent_arrears_and_cooperative_terminations_have_an_atervinningsfrist(
    kind: str,
) -> None:
    assert (
        rules.atervinningsfrist(
            kind=kind, served_on=date(2022, 5, 3), committee_notice_on=date(2022, 5, 3)
        )
        is None
    )


@pytest.mark.nodb
def test_every_kind_of_the_model_is_known_to_the_rules() -> None:
    assert {k.value for k in Notification.Kind} == set(rules.KIND_STAGE_CAUSE)


@pytest.mark.nodb
def test_a_termination_for_rent_arrears_recorded_by_stage_is_a_12_44_termination() -> None:
    assert rules.kind_from_stage("termination", "rent_arrears") == RENT
    assert rules.kind_from_stage("eviction_scheduled", "rent_arrears") == rules.KIND_EVICTION_DATE


# --- Notifications, cases and interventions ----------------------------------------------------

june = pytest.mark.usefixtures("june_2022")


@pytest.mark.django_db
@june
def test_a_notification_records_both_notices_and_the_case_takes_the_frist_from_the_later(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Eva", "Nord")
    notification = register(
        prevention_caseworker,
        person,
        landlord=make_landlord(),
        kind=RENT,
        notice_served_on=date(2022, 5, 3),
        committee_notice_on=date(2022, 5, 9),
    )
    case = PreventionCase.objects.get(pk=notification.case_id)
    assert notification.kind == RENT
    assert (notification.atervinningsfrist_ends_on, notification.atervinningsfrist_provisional) == (
        date(2022, 5, 30),
        False,
    )
    assert (case.atervinningsfrist_ends_on, case.atervinningsfrist_provisional) == (
        date(2022, 5, 30),
        False,
    )


@pytest.mark.django_db
@june
def test_a_provisional_frist_becomes_final_when_the_missing_notice_is_added(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    # given a termination whose service on the tenant is known, not the meddelande
    notification = register(
        prevention_caseworker,
        make_person("Eva", "Nord"),
        kind=RENT,
        notice_served_on=date(2022, 5, 3),
    )
    assert notification.atervinningsfrist_provisional
    assert "meddelande till socialnämnden" in notification.frist_missing_text
    # when the meddelande's date is added
    notification_notices_update(
        notification=notification,
        notice_served_on=date(2022, 5, 3),
        committee_notice_on=date(2022, 5, 9),
        updated_by=prevention_caseworker,
    )
    # then the frist runs from the later one and is no longer provisional
    case = PreventionCase.objects.get(pk=notification.case_id)
    assert (case.atervinningsfrist_ends_on, case.atervinningsfrist_provisional) == (
        date(2022, 5, 30),
        False,
    )


@pytest.mark.django_db
@june
def test_a_disturbance_warning_is_a_prevention_case_without_a_frist(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    notification = register(
        prevention_caseworker,
        make_person("Eva", "Nord"),
        kind=rules.KIND_DISTURBANCE_WARNING,
        notice_served_on=date(2022, 5, 3),
        committee_notice_on=date(2022, 5, 3),
    )
    assert (notification.stage, notification.cause) == ("warning", "disturbance")
    assert notification.atervinningsfrist_ends_on is None
    assert notification.case.is_open


@pytest.mark.django_db
@june
def test_kronofogdens_eviction_date_is_stored_as_received_and_required(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Eva", "Nord")
    with pytest.raises(PreventionError) as refused:
        register(prevention_caseworker, person, kind=rules.KIND_EVICTION_DATE, eviction_date=None)
    assert refused.value.extra["field"] == "eviction_date"
    notification = register(
        prevention_caseworker,
        person,
        kind=rules.KIND_EVICTION_DATE,
        eviction_date=date(2022, 6, 22),
    )
    assert notification.eviction_date == date(2022, 6, 22)
    assert notification.atervinningsfrist_ends_on is None
    assert notification.stage == Notification.Stage.EVICTION_SCHEDULED


@pytest.mark.django_db
@june
def test_the_committees_written_undertaking_is_an_intervention_that_does_not_close_the_frist(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    notification = register(
        prevention_caseworker,
        make_person("Eva", "Nord"),
        kind=RENT,
        notice_served_on=date(2022, 5, 20),
        committee_notice_on=date(2022, 5, 20),
    )
    case = notification.case
    intervention = case_intervention_record(
        case=case,
        type_code="committee_undertaking",
        performed_on=date(2022, 5, 25),
        performed_by=prevention_caseworker,
    )
    case.refresh_from_db()
    assert intervention.intervention_type.code == "committee_undertaking"
    assert case.is_open
    assert case.atervinningsfrist_ends_on == date(2022, 6, 10)


@pytest.mark.django_db
@june
def test_the_illness_exception_is_a_note_on_the_case_not_a_new_clock(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    notification = register(
        prevention_caseworker,
        make_person("Eva", "Nord"),
        kind=RENT,
        notice_served_on=date(2022, 5, 3),
        committee_notice_on=date(2022, 5, 3),
    )
    case = case_illness_note_save(
        case=notification.case,
        note="Inlagd på sjukhus 10–28 maj; betalade 30 maj.",
        saved_by=prevention_caseworker,
    )
    case.refresh_from_db()
    assert case.illness_note.startswith("Inlagd")
    assert case.atervinningsfrist_ends_on == date(2022, 5, 24)


@pytest.mark.django_db
@june
def test_a_wrongly_typed_notice_date_is_refused_naming_the_notice(
    client, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    notification = register(
        prevention_caseworker,
        make_person("Eva", "Nord"),
        kind=RENT,
        notice_served_on=date(2022, 5, 3),
    )
    client.force_login(prevention_caseworker)
    prefix = f"n-{notification.pk}"
    page = client.post(
        reverse("prevention:notices_update", args=[notification.case_id, notification.pk]),
        {f"{prefix}-notice_served_on": "2022-05-03", f"{prefix}-committee_notice_on": "9 maj"},
        follow=True,
    ).content.decode()
    assert "Meddelandet till socialnämnden: Fyll i ett giltigt datum." in page
    notification.refresh_from_db()
    assert notification.committee_notice_on is None
