import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.catalogues import all_catalogues, entry_in_use
from bosam.households.models import InterventionType
from bosam.households.services import intervention_record

pytestmark = pytest.mark.django_db


def test_the_organisation_page_shows_the_tree(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    page = client.get(reverse("administration:organisation")).content.decode()
    assert org.committee.name in page
    assert org.unit_a.name in page


def test_a_unit_is_created_and_deactivated_with_audit(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    client.post(
        reverse("administration:unit_create"),
        {"name": "Ungdomsenheten", "office": org.office.pk, "active": "on"},
    )
    unit = Unit.objects.get(name="Ungdomsenheten")
    assert unit.active
    client.post(
        reverse("administration:unit_edit", args=[unit.pk]),
        {"name": "Ungdomsenheten", "office": org.office.pk},
    )
    unit.refresh_from_db()
    assert not unit.active
    events = AuditEvent.objects.filter(object_type="accounts.unit", object_id=str(unit.pk))
    assert [e.action for e in events.order_by("id")] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events.get(action=AuditAction.UPDATE).reason == "Ändrat: aktiv"


def test_a_duplicate_unit_name_in_one_office_names_the_problem(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:unit_create"),
        {"name": org.unit_a.name, "office": org.office.pk, "active": "on"},
    )
    assert response.status_code == 200
    assert Unit.objects.filter(name=org.unit_a.name).count() == 1
    assert 'class="error-summary"' in response.content.decode()


def test_a_committee_is_renamed(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    client.post(
        reverse("administration:committee_edit", args=[org.committee.pk]),
        {"name": "Social- och omsorgsnämnden", "short_name": "SON", "active": "on"},
    )
    org.committee.refresh_from_db()
    assert org.committee.name == "Social- och omsorgsnämnden"


@pytest.mark.parametrize("persona", ["coordinator", "manager", "committee_reader"])
def test_only_the_administrator_edits_the_organisation(client, org, request, persona) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("administration:organisation")).status_code == 403
    response = client.post(reverse("administration:unit_edit", args=[org.unit_a.pk]), {"name": "X"})
    assert response.status_code == 403


def test_intervention_types_are_a_registered_catalogue(db) -> None:  # type: ignore[no-untyped-def]
    assert "insatstyper" in [c.key for c in all_catalogues()]


def test_a_new_intervention_type_is_created_and_audited(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:catalogue_create", args=["insatstyper"]),
        {
            "code": "budget_advice",
            "kind": InterventionType.Kind.ADVICE,
            "name": "Budgetrådgivning",
            "counts_in_total": "on",
            "active": "on",
            "sort_order": 50,
        },
    )
    assert response.status_code == 302
    kind = InterventionType.objects.get(code="budget_advice")
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(kind.pk)).exists()


def _edit(client, entry: InterventionType, **changes: object):  # type: ignore[no-untyped-def]
    data = {
        "code": entry.code,
        "kind": entry.kind,
        "name": entry.name,
        "counts_in_total": "on" if entry.counts_in_total else "",
        "active": "on" if entry.active else "",
        "sort_order": entry.sort_order,
        **changes,
    }
    return client.post(
        reverse("administration:catalogue_edit", args=["insatstyper", entry.pk]), data
    )


def test_an_unused_code_may_change_and_a_used_one_may_not(client, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    kind = InterventionType.objects.create(code="new_type", name="Ny", kind="other")
    client.force_login(sysadmin)
    _edit(client, kind, code="renamed_type")
    kind.refresh_from_db()
    assert kind.code == "renamed_type"
    intervention_record(
        household=None,
        type_code="renamed_type",
        performed_on=timezone.localdate(),
        performed_by=coordinator,
    )
    assert entry_in_use(kind)
    _edit(client, kind, code="other_code", name="Nytt namn", counts_in_total="")
    kind.refresh_from_db()
    assert kind.code == "renamed_type"  # the disabled field keeps the stored code
    assert (kind.name, kind.counts_in_total) == ("Nytt namn", False)


def test_the_kind_never_changes_after_creation(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    kind = InterventionType.objects.create(code="k", name="K", kind="other")
    client.force_login(sysadmin)
    _edit(client, kind, kind=InterventionType.Kind.ADVICE)
    kind.refresh_from_db()
    assert kind.kind == "other"


def test_the_service_refuses_a_used_code_change(coordinator, sysadmin) -> None:  # type: ignore[no-untyped-def]
    from bosam.administration.errors import AdministrationError
    from bosam.administration.services.organisation import catalogue_entry_update
    from bosam.core.catalogues import catalogue_by_key

    kind = InterventionType.objects.create(code="used", name="U", kind="other")
    intervention_record(
        household=None,
        type_code="used",
        performed_on=timezone.localdate(),
        performed_by=coordinator,
    )
    catalogue = catalogue_by_key("insatstyper")
    assert catalogue is not None
    with pytest.raises(AdministrationError, match="Koden används redan"):
        catalogue_entry_update(
            catalogue=catalogue, entry=kind, values={"code": "changed"}, updated_by=sysadmin
        )


@pytest.mark.parametrize("persona", ["coordinator", "finance"])
def test_only_the_catalogue_administrator_edits_catalogues(client, request, persona) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("administration:catalogue_list")).status_code == 403
    url = reverse("administration:catalogue_detail", args=["insatstyper"])
    assert client.get(url).status_code == 403


def test_an_unknown_catalogue_is_not_found(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    url = reverse("administration:catalogue_detail", args=["finns-inte"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "key",
    [
        "anvandningar",
        "avslutsorsaker-avtal",
        "villkor",
        "avslutsorsaker-andrahand",
        "avbojandeorsaker",
    ],
)
def test_the_register_tenancy_and_matching_catalogues_are_maintained_by_the_administrator(
    client, sysadmin, key
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    assert client.get(reverse("administration:catalogue_detail", args=[key])).status_code == 200
    assert client.get(reverse("administration:catalogue_create", args=[key])).status_code == 200


def test_a_new_decline_reason_is_added_and_who_declined_stays_fixed(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    from bosam.matching.models import DeclineReason

    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:catalogue_create", args=["avbojandeorsaker"]),
        {
            "code": "too_far_from_school",
            "declined_by": DeclineReason.DeclinedBy.HOUSEHOLD,
            "name": "För långt till skolan",
            "active": "on",
            "sort_order": 50,
        },
    )
    assert response.status_code == 302
    reason = DeclineReason.objects.get(code="too_far_from_school")
    client.post(
        reverse("administration:catalogue_edit", args=["avbojandeorsaker", reason.pk]),
        {
            "code": reason.code,
            "declined_by": DeclineReason.DeclinedBy.LANDLORD,
            "name": "För långt till skolan och jobbet",
            "active": "on",
            "sort_order": 50,
        },
    )
    reason.refresh_from_db()
    assert reason.name == "För långt till skolan och jobbet"
    assert reason.declined_by == DeclineReason.DeclinedBy.HOUSEHOLD
