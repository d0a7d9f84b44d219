from datetime import date, timedelta

import pytest
from django.utils import timezone

from bosam.advice import services
from bosam.advice.errors import AdviceError
from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceOutcome,
    AdviceReason,
    ReferralTarget,
)
from bosam.advice.selectors import advice_case_earlier
from bosam.advice.tests.factories import close, entry, record_contact, refer, register_case
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember, Intervention, Person
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def test_an_anonymous_case_carries_no_personal_data(adviser) -> None:
    # when
    case = register_case(adviser, notes="Ville inte uppge namn.")
    # then
    assert case.person is None
    assert (case.age_band, case.household_type) == ("26_35", "single")
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(case.pk))
    assert created.person_id is None
    assert created.person_label == ""
    # an anonymous case is no intervention for anybody
    assert not Intervention.objects.filter(source_id=str(case.pk)).exists()


def test_an_anonymous_case_needs_age_band_and_household_type(adviser) -> None:
    with pytest.raises(AdviceError, match="åldersgrupp och hushållstyp") as error:
        services.advice_case_register(
            registered_by=adviser,
            channel=entry(AdviceChannel, "phone"),
            reason=entry(AdviceReason, "overcrowded"),
            age_band="18_25",
        )
    assert error.value.extra["field"] == "household_type"


def test_an_identified_case_finds_the_person_and_records_an_advice_intervention(
    org, adviser
) -> None:
    # given a person in a household in the register
    person = make_person("Anna", "Andersson", date(1990, 5, 1))
    household = make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    # when
    case = register_case(
        adviser, personal_number=person.formatted_number, received_on=date(2025, 6, 1)
    )
    # then the age band is derived from the birth date on the day the case came in
    assert case.person == person
    assert case.age_band == "26_35"
    intervention = Intervention.objects.get(source_id=str(case.pk))
    assert intervention.intervention_type.code == "advice_case"
    # the catalogue keeps advice cases out of the annual intervention total
    assert intervention.intervention_type.counts_in_total is False
    assert intervention.household == household
    assert intervention.source_type == "advice.advicecase"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(case.pk), person_id=person.pk
    ).exists()


def test_a_new_person_is_registered_through_the_register(adviser) -> None:
    # when
    case = register_case(
        adviser, personal_number="811228-9874", first_name="Åsa", last_name="Öberg"
    )
    # then
    person = Person.objects.get(personal_number="198112289874")
    assert case.person == person
    assert person.full_name == "Åsa Öberg"
    # no household yet: the intervention still names the case
    assert Intervention.objects.get(source_id=str(case.pk)).household is None


def test_a_new_person_needs_a_name(adviser) -> None:
    with pytest.raises(AdviceError, match="Ange förnamn och efternamn") as error:
        register_case(adviser, personal_number="811228-9874", first_name="Åsa")
    assert error.value.extra["field"] == "last_name"
    assert not Person.objects.exists()


def test_an_invalid_number_is_refused_on_its_field(adviser) -> None:
    with pytest.raises(AdviceError, match="Kontrollsiffran") as error:
        register_case(adviser, personal_number="811228-9875", first_name="A", last_name="B")
    assert error.value.extra["field"] == "personal_number"


def test_a_returning_person_has_their_earlier_cases(adviser) -> None:
    # given
    person = make_person()
    first = register_case(
        adviser, personal_number=person.formatted_number, received_on=date(2023, 3, 1)
    )
    close(first, adviser)
    # when
    second = register_case(adviser, personal_number=person.formatted_number)
    # then
    assert advice_case_earlier(user=adviser, person=person, exclude=second) == [first]


def test_case_numbers_run_per_year(adviser) -> None:
    a = register_case(adviser, received_on=date(2022, 12, 30))
    b = register_case(adviser, received_on=date(2022, 12, 31))
    c = register_case(adviser, received_on=date(2023, 1, 2))
    assert [a.reference, b.reference, c.reference] == ["2022-0001", "2022-0002", "2023-0001"]


def test_a_case_cannot_come_in_in_the_future(adviser) -> None:
    with pytest.raises(AdviceError, match="framtiden"):
        register_case(adviser, received_on=timezone.localdate() + timedelta(days=1))


def test_a_retired_reason_cannot_be_chosen(adviser) -> None:
    AdviceReason.objects.filter(code="homeless").update(active=False)
    with pytest.raises(AdviceError, match="används inte längre"):
        register_case(adviser, reason="homeless")


def test_work_records_advice_digital_help_and_time(adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 2, 1))
    record_contact(case, adviser, minutes=45, digital=("e_identification", "queue_registration"))
    contact = case.contacts.get()
    assert contact.minutes == 45
    assert {k.code for k in contact.digital_help_kinds.all()} == {
        "e_identification",
        "queue_registration",
    }
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(case.pk)).exists()


@pytest.mark.parametrize("minutes", [0, 481])
def test_time_spent_must_be_plausible(adviser, minutes) -> None:
    case = register_case(adviser)
    with pytest.raises(AdviceError, match="mellan 1 och 480") as error:
        record_contact(case, adviser, minutes=minutes)
    assert error.value.extra["field"] == "minutes"


def test_work_cannot_be_dated_before_the_case_came_in(adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 2, 1))
    with pytest.raises(AdviceError, match="före den dag ärendet kom in"):
        record_contact(case, adviser, on=date(2024, 1, 31))


def test_a_referral_needs_the_special_reasons(adviser) -> None:
    case = register_case(adviser)
    with pytest.raises(AdviceError, match="särskilda skälen"):
        services.advice_referral_record(
            case=case,
            recorded_by=adviser,
            target=entry(ReferralTarget, "skills_supply_office"),
            special_reasons="  ",
        )
    refer(case, adviser, "skills_supply_office")
    assert case.referrals.get().target.code == "skills_supply_office"


def test_closing_records_the_outcome_and_ends_the_work(adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 2, 1))
    close(case, adviser, "no_further_contact")
    case.refresh_from_db()
    assert case.status == AdviceCase.Status.CLOSED
    assert case.outcome == entry(AdviceOutcome, "no_further_contact")
    assert case.closed_on == date(2024, 2, 1)
    with pytest.raises(AdviceError, match="Ärendet är avslutat"):
        record_contact(case, adviser)
    with pytest.raises(AdviceError, match="Ärendet är avslutat"):
        close(case, adviser)


def test_a_case_cannot_close_before_it_came_in(adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 2, 1))
    with pytest.raises(AdviceError, match="före den dag"):
        services.advice_case_close(
            case=case,
            closed_by=adviser,
            outcome=entry(AdviceOutcome, "referred"),
            closed_on=date(2024, 1, 1),
        )


def test_catalogue_entries_are_added_and_retired_not_deleted(sysadmin) -> None:
    added = services.catalogue_entry_save(
        model=AdviceReason, saved_by=sysadmin, code="eviction", name="Vräkningshotad"
    )
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(added.pk)).exists()
    services.catalogue_entry_save(
        model=AdviceReason, saved_by=sysadmin, entry=added, name="Hotad av vräkning", active=False
    )
    added.refresh_from_db()
    assert (added.code, added.name, added.active) == ("eviction", "Hotad av vräkning", False)


def test_a_catalogue_code_is_unique(sysadmin) -> None:
    with pytest.raises(AdviceError) as error:
        services.catalogue_entry_save(
            model=AdviceReason, saved_by=sysadmin, code="homeless", name="Dubblett"
        )
    assert error.value.extra["field"] == "code"


def test_the_intake_can_be_corrected_after_closing_and_is_audited(adviser) -> None:
    case = register_case(adviser, received_on=date(2024, 2, 1))
    close(case, adviser)
    services.advice_case_update(
        case=case,
        updated_by=adviser,
        channel=entry(AdviceChannel, "phone"),
        reason=entry(AdviceReason, "separation"),
        household_type="couple",
        age_band="51_64",
        notes="Rättat: ringde, kom inte på besök.",
    )
    case.refresh_from_db()
    assert (case.channel.code, case.reason.code, case.age_band) == ("phone", "separation", "51_64")
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(case.pk)).count() == 2


def test_an_identified_cases_age_band_follows_the_birth_date_on_correction(adviser) -> None:
    person = make_person(birth_date=date(1990, 5, 1))
    case = register_case(
        adviser, personal_number=person.formatted_number, received_on=date(2025, 6, 1)
    )
    services.advice_case_update(
        case=case,
        updated_by=adviser,
        channel=case.channel,
        reason=case.reason,
        household_type="single",
        age_band="65_plus",
    )
    case.refresh_from_db()
    assert case.age_band == "26_35"
