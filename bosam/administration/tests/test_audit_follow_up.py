import pytest
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db
URL = "administration:audit_follow_up"


def _actors(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[1] for row in response.context["rows"]}


def _people(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[6] for row in response.context["rows"]}


def _read(client, user, obj_url: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.get(obj_url)
    client.logout()


def test_who_looked_at_a_person(client, org, sysadmin, coordinator, adviser) -> None:  # type: ignore[no-untyped-def]
    # given two users read Anna, one reads Bo
    anna, bo = make_person("Anna", "Ek"), make_person("Bo", "Ek")
    _read(client, coordinator, reverse("households:person_detail", args=[anna.pk]))
    _read(client, adviser, reverse("households:person_detail", args=[bo.pk]))
    # when the administrator searches for Anna's number
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"personal_number": anna.formatted_number})
    # then only Anna's reader is listed
    assert response.status_code == 200
    assert _actors(response) == {coordinator.username}


def test_whom_a_user_looked_at(client, org, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    anna = make_person("Anna", "Ek")
    _read(client, coordinator, reverse("households:person_detail", args=[anna.pk]))
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"actor": coordinator.pk, "action": AuditAction.VIEW})
    assert _people(response) == {"Anna Ek"}


def test_accesses_outside_the_users_own_unit(
    client, org, sysadmin, social_worker_a, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    own = make_household(
        org.unit_a, (make_person("Own", "Unit"), HouseholdMember.Relation.APPLICANT)
    )
    _read(client, social_worker_a, reverse("households:household_detail", args=[own.pk]))
    _read(client, social_worker_b, reverse("households:household_detail", args=[own.pk]))
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"outside_own_unit": "on"})
    # the refused attempt from another unit, not the own unit's read
    assert _actors(response) == {social_worker_b.username}


def test_reads_outside_own_unit_by_role(
    client, org, sysadmin, coordinator, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    household = make_household(
        org.unit_a, (make_person("A", "B"), HouseholdMember.Relation.APPLICANT)
    )
    _read(client, coordinator, reverse("households:household_detail", args=[household.pk]))
    _read(client, social_worker_b, reverse("households:household_detail", args=[household.pk]))
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"outside_own_unit": "on", "actor_role": "social_worker"})
    assert _actors(response) == {social_worker_b.username}


def test_the_period_filter_includes_the_end_day(client, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    anna = make_person("Anna", "Ek")
    _read(client, coordinator, reverse("households:person_detail", args=[anna.pk]))
    day = AuditEvent.objects.get(action=AuditAction.VIEW).occurred_at
    from django.utils import timezone

    local_day = timezone.localtime(day).date().isoformat()
    client.force_login(sysadmin)
    hit = client.get(reverse(URL), {"date_from": local_day, "date_to": local_day, "action": "view"})
    assert _people(hit) == {"Anna Ek"}
    miss = client.get(reverse(URL), {"date_to": "2000-01-01", "action": "view"})
    assert _people(miss) == set()


def test_reading_the_follow_up_is_itself_audited(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    anna = make_person("Anna", "Ek")
    client.force_login(sysadmin)
    client.get(reverse(URL), {"personal_number": anna.formatted_number})
    event = AuditEvent.objects.get(actor=sysadmin, object_type="audit.follow_up")
    assert event.action == AuditAction.VIEW
    assert event.person_id == anna.pk
    assert anna.formatted_number not in event.reason


def test_csv_export_is_formula_neutralised_and_audited(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    evil = make_person("=HYPERLINK(1)", "Ek")
    AuditEvent.objects.create(
        action=AuditAction.VIEW,
        object_type="households.person",
        person_id=evil.pk,
        person_label=evil.full_name,
    )
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"personal_number": evil.formatted_number, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1) Ek" in text
    assert AuditEvent.objects.filter(actor=sysadmin, action=AuditAction.EXPORT).exists()


def test_an_unknown_number_says_so(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.get(reverse(URL), {"personal_number": "19811228-9874"})
    assert "Ingen person med det personnumret" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["coordinator", "manager", "social_worker_a", "committee_reader"]
)
def test_only_the_system_administrator_follows_up_the_log(client, request, persona) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(URL), {"action": "view"}).status_code == 403


def test_follow_up_queries_do_not_grow_with_rows(
    client, sysadmin, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    person = make_person()
    AuditEvent.objects.bulk_create(
        AuditEvent(action=AuditAction.VIEW, object_type="households.person", person_id=person.pk)
        for _ in range(60)
    )
    client.force_login(sysadmin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(URL), {"action": "view"})
    assert response.status_code == 200
