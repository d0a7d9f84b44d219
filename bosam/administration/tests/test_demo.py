import random
import sys
from datetime import date

import pytest
from django.urls import reverse

from bosam.accounts import demo as accounts_demo
from bosam.administration import demo
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.demo import DemoContext
from bosam.households import demo as households_demo
from bosam.prevention import demo as prevention_demo
from bosam.prevention.models import PreventionCase
from bosam.properties import demo as properties_demo

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture
def town() -> DemoContext:
    ctx = DemoContext(rng=random.Random(2022), scale=0.05, today=TODAY, stdout=sys.stdout)
    for module in (accounts_demo, households_demo, properties_demo, prevention_demo):
        module.build(ctx)
    return ctx


def test_the_demo_audit_trail_holds_ten_years_of_everyday_reads(town) -> None:
    demo.build(town)
    reads = AuditEvent.objects.filter(action__in=[AuditAction.VIEW, AuditAction.LIST])
    years = {when.year for when in reads.values_list("occurred_at", flat=True)}
    assert years == set(range(TODAY.year - 9, TODAY.year + 1))
    # only working days, office hours, never today (the day's reads are the real ones)
    first = reads.order_by("occurred_at").first()
    last = reads.order_by("-occurred_at").first()
    assert first is not None
    assert last is not None
    assert last.occurred_at.date() < TODAY
    assert all(e.occurred_at.weekday() < 5 for e in reads.order_by("?")[:200])


def test_a_past_read_names_each_person_of_the_record_as_a_read_at_the_time_would(town) -> None:
    demo.build(town)
    opened = AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        object_type="prevention.preventioncase",
        actor_username="handlaggare",
    ).first()
    assert opened is not None
    case = PreventionCase.objects.get(pk=opened.object_id)
    rows = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=opened.object_id, occurred_at=opened.occurred_at
    )
    assert {(r.person_id, r.person_label) for r in rows} == {
        (p.id, p.label) for p in case.audit_people()
    }
    assert opened.path == reverse("prevention:case_detail", args=[case.pk])
    assert opened.record_unit_id == case.household.unit_id
    assert opened.outside_own_unit == (opened.actor_unit_id != case.household.unit_id)


def test_the_demo_history_is_the_same_for_the_same_seed(town) -> None:
    def history() -> list[tuple[object, str, str]]:
        town.rng = random.Random(7)
        reads = demo._past_reads(town, demo._readers(town))
        return [(r.occurred_at, r.subject.object_id, r.action) for r in reads]

    first = history()
    assert first
    assert history() == first
