import random
import sys
from datetime import date

import pytest

from bosam.accounts import demo as accounts_demo
from bosam.core.demo import DemoContext
from bosam.households import demo as households_demo
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
    assert figures.evictions(2022).count + figures.outcomes(2022).by_outcome["kvarboende"].count
    assert PreventionCase.objects.filter(status=PreventionCase.Status.OPEN).exists()
    assert LandlordImport.objects.filter(status=LandlordImport.Status.ACCEPTED).exists()
