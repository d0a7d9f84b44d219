"""The seed's tenancy figures come out of the demo history at scale 1 with the default seed."""

import random
import sys
from datetime import date

import pytest

from bosam.accounts import demo as accounts_demo
from bosam.core.demo import DemoContext
from bosam.households import demo as households_demo
from bosam.households.models import Intervention
from bosam.properties import demo as properties_demo
from bosam.properties.models import HeadLease
from bosam.tenancies import demo, rules, selectors
from bosam.tenancies.models import Sublet

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_tenancies() -> DemoContext:
    ctx = DemoContext(
        rng=random.Random(2022), scale=1.0, today=date(2026, 11, 25), stdout=sys.stdout
    )
    for module in (accounts_demo, households_demo, properties_demo, demo):
        module.build(ctx)
    return ctx


def test_the_seeds_goal_fulfilment_and_interventions_fall_out_of_the_demo(demo_tenancies) -> None:  # type: ignore[no-untyped-def]
    # The seed: 87 % goal fulfilment for takeover in 2022, against 77 % in 2021.
    assert selectors.takeover_goal_fulfilment(2022).percent == 87
    assert selectors.takeover_goal_fulfilment(2021).percent == 77
    # 276 counted interventions by tenancies in 2022: placements plus takeovers.
    counted = Intervention.objects.filter(
        performed_on__year=2022,
        source_type="tenancies.sublet",
        intervention_type__counts_in_total=True,
    )
    assert counted.count() == 276
    takeovers = counted.filter(intervention_type__code="takeover").count()
    assert selectors.placements_in(2022).total + takeovers == 276


def test_the_demo_keeps_every_sublet_rule(demo_tenancies) -> None:  # type: ignore[no-untyped-def]
    sublets = list(Sublet.objects.select_related("head_lease", "head_lease__end_reason"))
    by_apartment: dict[int, list[rules.Period]] = {}
    for sublet in sublets:
        period = rules.Period(sublet.start_date, sublet.end_date)
        lease = sublet.head_lease
        assert rules.lies_within(period, rules.Period(lease.start_date, lease.end_date))
        assert not rules.overlapping(
            period, [(0, p) for p in by_apartment.get(sublet.apartment_id, [])]
        )
        by_apartment.setdefault(sublet.apartment_id, []).append(period)
        if sublet.outcome == Sublet.Outcome.TOOK_OVER:
            # A takeover ends the head lease the same day: the apartment left the portfolio.
            assert lease.end_reason is not None
            assert lease.end_reason.is_takeover
            assert lease.end_date == sublet.end_date
    taken_over = HeadLease.objects.filter(
        end_reason__code="tenant_took_over", end_date__lte=date(2026, 11, 25)
    )
    assert taken_over.count() == sum(1 for s in sublets if s.outcome == Sublet.Outcome.TOOK_OVER)
    # and there is work for the coordinator
    coordinator = demo_tenancies.data["users"]["samordnare"]
    today = date(2026, 11, 25)
    assert selectors.takeovers_due(user=coordinator, today=today)
    assert selectors.follow_ups_overdue(user=coordinator, today=today)
    assert selectors.subtenants_in_arrears(on=today)
    assert selectors.vacancy_days_and_cost(2022, today=today)
