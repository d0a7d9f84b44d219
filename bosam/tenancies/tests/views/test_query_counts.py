"""Query discipline: the sublet pages run as many SQL queries for one row as for many.

Each test opens the small case once to warm per-process caches, counts its queries, and asserts
the large case runs exactly as many (`django_assert_num_queries`). Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_person
from bosam.tenancies.models import (
    Condition,
    Damage,
    FollowUp,
    Inspection,
    RentCharge,
    Sublet,
    TakeoverAssessment,
)
from bosam.tenancies.tests.factories import make_client, make_head_lease, place
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db


def _sublet(org, by, size: int) -> Sublet:  # type: ignore[no-untyped-def]
    """A sublet whose household, conditions, follow-ups, assessments, inspections (with damages)
    and rent charges each have `size` rows or so."""
    household = make_client(org.unit_a)
    for i in range(size - 1):
        HouseholdMember.objects.create(
            household=household,
            person=make_person(f"Barn{i}", "Andersson", date(2015, 1, 1) + timedelta(days=i)),
            relation=HouseholdMember.Relation.CHILD,
            start_date=date(2020, 1, 1),
        )
    sublet = place(by, household, make_head_lease(org.committee))
    sublet.conditions.set(Condition.objects.all()[:size])
    sublet.social_worker = by
    sublet.save(update_fields=["social_worker"])
    for i in range(size):
        day = date(2021, 2, 1) + timedelta(days=31 * i)
        FollowUp.objects.create(sublet=sublet, planned_on=day, done_on=day, recorded_by=by)
        TakeoverAssessment.objects.create(
            sublet=sublet,
            assessed_on=day,
            rent_paid_on_time=True,
            conditions_kept=True,
            no_disturbance=True,
            landlord_consent=bool(i % 2),
            assessed_by=by,
        )
        inspection = Inspection.objects.create(
            sublet=sublet, inspected_on=day, inspector="Besiktningsman"
        )
        for j in range(size):
            Damage.objects.create(
                inspection=inspection,
                description=f"Skada {j}",
                cost=Decimal("500"),
                payer=Damage.Payer.TENANT,
            )
        RentCharge.objects.create(
            sublet=sublet,
            month=day.replace(day=1),
            due_date=day.replace(day=1),
            amount=Decimal("6500"),
            paid_amount=Decimal("6500") if i % 2 else Decimal("0"),
        )
    return sublet


def test_sublet_detail_queries_do_not_grow_with_its_records(
    client, org, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = _sublet(org, coordinator, 1)
    large = _sublet(org, coordinator, 8)
    client.force_login(coordinator)
    page_query_count(client, reverse("tenancies:sublet_detail", args=[small.pk]))
    few = page_query_count(client, reverse("tenancies:sublet_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("tenancies:sublet_detail", args=[large.pk]))


@pytest.mark.parametrize("persona", ["coordinator", "social_worker_a"])
def test_sublet_list_queries_do_not_grow_with_rows(
    client, request, org, coordinator, persona, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def more(count: int) -> None:
        for i in range(count):
            household = make_client(org.unit_a, f"Person{i}")
            HouseholdMember.objects.create(
                household=household,
                person=make_person(f"Barn{i}", "Andersson", date(2016, 1, 1)),
                relation=HouseholdMember.Relation.CHILD,
                start_date=date(2020, 1, 1),
            )
            place(coordinator, household, make_head_lease(org.committee))

    more(1)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("tenancies:sublet_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    more(12)
    with django_assert_num_queries(few):
        client.get(url)
