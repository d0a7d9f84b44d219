import random
import sys
from datetime import date

import pytest

from bosam.accounts import demo as accounts_demo
from bosam.core.demo import DemoContext
from bosam.households import demo as households_demo
from bosam.matching import demo, selectors
from bosam.matching.models import HousingRequest, Offer
from bosam.properties import demo as properties_demo
from bosam.tenancies import demo as tenancies_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_and_offers_in_every_state() -> None:
    # given the lower layers' demo at a small scale
    ctx = DemoContext(
        rng=random.Random(2022), scale=0.3, today=date(2026, 11, 25), stdout=sys.stdout
    )
    for module in (accounts_demo, households_demo, properties_demo, tenancies_demo, demo):
        module.build(ctx)
    # then every request status and offer state occurs, over several years
    assert set(HousingRequest.objects.values_list("status", flat=True)) == set(
        HousingRequest.Status.values
    )
    assert set(Offer.objects.values_list("state", flat=True)) == set(Offer.State.values)
    years = {d.year for d in HousingRequest.objects.values_list("received_on", flat=True)}
    assert len(years) >= 3
    # and every accepted offer is the sublet its request was housed in
    for offer in Offer.objects.filter(state=Offer.State.ACCEPTED).select_related(
        "sublet", "request"
    )[:50]:
        assert offer.sublet is not None
        assert offer.sublet.household_id == offer.request.household_id
    # and the figures have something to show
    assert selectors.matching_figures(2025).rows[-1].requests_received.count > 0
