import random
import sys
from collections import Counter
from datetime import date

import pytest

from bosam.accounts import demo as accounts_demo
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.demo import DemoContext
from bosam.households import demo as households_demo
from bosam.households.models import HouseholdMember, Intervention
from bosam.prevention import demo, figures
from bosam.prevention.models import LandlordImport, PreventionCase
from bosam.properties import demo as properties_demo

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_seeds_stay_in_home_interventions_at_any_scale() -> None:
    # given a small demo municipality (the figures scale; at scale 1 they are 170 and 152)
    ctx = DemoContext(
        rng=random.Random(2022), scale=0.2, today=date(2026, 11, 25), stdout=sys.stdout
    )
    for module in (accounts_demo, households_demo, properties_demo, demo):
        module.build(ctx)
    # then
    assert figures.stay_in_home_interventions(2021).count == ctx.count(170)
    assert figures.stay_in_home_interventions(2022).count == ctx.count(152)
    assert figures.notifications_received(2022).count > 0
    # ten years of history, so scale 10 is the benchmark's "ten years at ten times the size"
    assert figures.notifications_received(2017).count > 0
    assert figures.notifications_received(2016).count == 0
    assert figures.evictions(2022).count + figures.outcomes(2022).by_outcome["kvarboende"].count
    assert PreventionCase.objects.filter(status=PreventionCase.Status.OPEN).exists()
    assert LandlordImport.objects.filter(status=LandlordImport.Status.ACCEPTED).exists()


def test_the_demos_interventions_are_audited_as_the_service_audits_them() -> None:
    # given a small demo municipality (most interventions are written in bulk, a few through
    # intervention_record)
    ctx = DemoContext(
        rng=random.Random(2022), scale=0.05, today=date(2026, 11, 25), stdout=sys.stdout
    )
    for module in (accounts_demo, households_demo, properties_demo, demo):
        module.build(ctx)
    interventions = Intervention.objects.filter(source_type="prevention.preventioncase")
    assert interventions.count() > demo.SERVICE_SAMPLE
    # then every one has a creation event per current household member, as the service writes
    events = AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="households.intervention"
    )
    per_intervention = Counter(events.values_list("object_id", flat=True))
    for intervention in interventions:
        members = HouseholdMember.objects.filter(
            household__interventions=intervention, end_date__isnull=True
        ).count()
        assert per_intervention[str(intervention.pk)] == members > 0
    assert set(events.values_list("actor__username", flat=True)) == {"handlaggare"}
