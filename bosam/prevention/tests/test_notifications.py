from datetime import date
from decimal import Decimal

import pytest

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_person
from bosam.prevention import selectors
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import Notification, PreventionCase
from bosam.prevention.services import (
    TenantInput,
    landlord_for_notification,
    notification_register,
    prevention_case_close,
)
from bosam.prevention.tests.factories import (
    household_with_children,
    make_landlord,
    personal_number,
    register,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]


def test_a_notification_on_an_unknown_tenant_registers_the_person_household_and_case(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    # given a landlord and a tenant Bosam has never seen
    landlord = make_landlord()
    number = personal_number(date(1990, 4, 4), 981)
    # when
    notification = notification_register(
        registered_by=prevention_caseworker,
        unit=prevention_caseworker.unit,
        source=Notification.Source.LANDLORD,
        stage=Notification.Stage.TERMINATION,
        received_on=date(2022, 5, 30),
        tenants=[TenantInput(number, "Omar", "Haddad")],
        landlord=landlord,
        street_address="Kungsgatan 3",
        debt_amount=Decimal("15400.00"),
        months_behind=2,
        notice_served_on=date(2022, 5, 27),
    )
    # then
    person = Person.objects.get(personal_number=number)
    case = notification.case
    assert list(notification.tenants.all()) == [person]
    assert case.household.unit == prevention_caseworker.unit
    assert case.household.memberships.get().person == person
    # served Friday 27 May -> three weeks is Friday 17 June, a working day
    assert notification.atervinningsfrist_ends_on == date(2022, 6, 17)
    assert case.atervinningsfrist_ends_on == date(2022, 6, 17)
    assert case.debt_amount == Decimal("15400.00")
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(notification.pk), person_id=person.pk
    ).exists()


def test_a_known_tenant_is_matched_to_the_household_they_live_in(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    household, adult = household_with_children(org.unit_a, children=2)
    notification = register(prevention_caseworker, adult)
    assert notification.case.household == household
    assert notification.case.children_count == 2
    assert Household.objects.count() == 1


def test_a_second_notification_joins_the_open_case_and_the_eviction_date_is_kept(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    landlord = make_landlord()
    first = register(prevention_caseworker, adult, landlord=landlord)
    second = register(
        prevention_caseworker,
        adult,
        landlord=landlord,
        stage=Notification.Stage.EVICTION_SCHEDULED,
        received_on=date(2022, 5, 31),
        notice_served_on=None,
        eviction_date=date(2022, 7, 12),
    )
    assert second.case == first.case
    case = PreventionCase.objects.get()
    assert case.eviction_date == date(2022, 7, 12)
    assert case.atervinningsfrist_ends_on == date(2022, 5, 23)


def test_the_same_tenant_and_month_notified_twice_is_refused_unless_confirmed(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    landlord = make_landlord()
    register(prevention_caseworker, adult, landlord=landlord, received_on=date(2022, 5, 2))
    with pytest.raises(PreventionError) as exc:
        register(prevention_caseworker, adult, landlord=landlord, received_on=date(2022, 5, 20))
    assert exc.value.code == PreventionErrorCode.DUPLICATE_NOTIFICATION
    register(
        prevention_caseworker,
        adult,
        landlord=landlord,
        received_on=date(2022, 5, 20),
        allow_duplicate=True,
    )
    # the next month is not a duplicate
    register(prevention_caseworker, adult, landlord=landlord, received_on=date(2022, 6, 1))
    assert Notification.objects.count() == 3


def test_an_integrations_reference_is_registered_once(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    register(prevention_caseworker, adult, external_reference="KFM-1")
    with pytest.raises(PreventionError) as exc:
        register(
            prevention_caseworker,
            adult,
            external_reference="KFM-1",
            allow_duplicate=True,
        )
    assert exc.value.extra["field"] == "external_reference"


def test_an_eviction_date_before_the_notice_was_served_is_refused(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    with pytest.raises(PreventionError) as exc:
        register(prevention_caseworker, adult, eviction_date=date(2022, 4, 1))
    assert exc.value.extra["field"] == "eviction_date"
    assert not Notification.objects.exists()


def test_a_notice_served_in_the_future_is_refused(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    with pytest.raises(PreventionError):
        register(prevention_caseworker, adult, notice_served_on=date(2022, 6, 2))


def test_an_unknown_tenant_without_a_name_is_refused(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError) as exc:
        notification_register(
            registered_by=prevention_caseworker,
            unit=prevention_caseworker.unit,
            source=Notification.Source.OWN_KNOWLEDGE,
            stage=Notification.Stage.EARLY_SIGNAL,
            received_on=date(2022, 5, 30),
            tenants=[TenantInput(personal_number(date(1990, 4, 4), 982))],
            street_address="Kungsgatan 3",
        )
    assert exc.value.extra["field"] == "last_name"


def test_a_notification_after_the_case_closed_opens_a_new_case(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    first = register(prevention_caseworker, adult)
    prevention_case_close(
        case=first.case,
        outcome=PreventionCase.Outcome.KVARBOENDE,
        stayed_because=PreventionCase.StayedBecause.DEBT_PAID,
        closed_on=date(2022, 5, 20),
        closed_by=prevention_caseworker,
    )
    second = register(
        prevention_caseworker, adult, received_on=date(2022, 5, 31), allow_duplicate=True
    )
    assert second.case != first.case
    assert PreventionCase.objects.filter(status=PreventionCase.Status.OPEN).count() == 1


def test_an_unknown_landlord_is_created_from_a_valid_org_number(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    landlord = landlord_for_notification(
        name="Privatvärden AB", org_number="556000-0043", created_by=prevention_caseworker
    )
    assert landlord.org_number == "5560000043"
    again = landlord_for_notification(name="", org_number="5560000043", created_by=None)
    assert again == landlord


def test_an_invalid_org_number_is_refused(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError) as exc:
        landlord_for_notification(
            name="X", org_number="556000-0044", created_by=prevention_caseworker
        )
    assert exc.value.code == PreventionErrorCode.INVALID_ORG_NUMBER


def test_a_merged_tenant_is_followed_to_the_record_that_lives_on(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    keep = make_person("Anna", "Berg", personal_number=None)
    duplicate = make_person("Anna", "Berg")
    duplicate.merged_into = keep
    duplicate.save()
    notification = register(prevention_caseworker, duplicate)
    assert list(notification.tenants.all()) == [keep]
    assert HouseholdMember.objects.get().person == keep


def test_the_notification_list_shows_the_notifications_of_the_cases_the_user_may_see(
    prevention_caseworker, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    older = register(prevention_caseworker, make_person(), received_on=date(2022, 5, 2))
    newer = register(prevention_caseworker, make_person(), received_on=date(2022, 5, 20))
    # the caseworker sees every case, and so every notification, newest first
    assert list(selectors.case_visible_to(prevention_caseworker).order_by("opened_on")) == [
        older.case,
        newer.case,
    ]
    assert list(selectors.notification_list(user=prevention_caseworker)) == [newer, older]
    # a social worker sees no prevention case, and so no notification
    assert not selectors.case_visible_to(social_worker_a).exists()
    assert not selectors.notification_list(user=social_worker_a).exists()
