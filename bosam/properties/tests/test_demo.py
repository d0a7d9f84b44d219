import random
import sys
from datetime import date

import pytest

from bosam.accounts import demo as accounts_demo
from bosam.core.demo import DemoContext
from bosam.properties import demo
from bosam.properties.models import HeadLease, RegisterImport
from bosam.properties.rules import LeaseStatus, lease_status
from bosam.properties.selectors import head_leases_started_in, landlords_new_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_register() -> DemoContext:
    ctx = DemoContext(
        rng=random.Random(2022), scale=1.0, today=date(2026, 11, 25), stdout=sys.stdout
    )
    accounts_demo.build(ctx)
    demo.build(ctx)
    return ctx


def test_the_seeds_2022_agreements_fall_out_of_the_demo_history(demo_register) -> None:  # type: ignore[no-untyped-def]
    # The seed: 160 new agreements in 2022, 127 on new objects and 33 on re-used ones. The
    # demo plans a history; the selector derives the split from it.
    figures = head_leases_started_in(2022)
    assert (figures.total.count, figures.on_new_objects.count) == (160, 127)
    assert figures.on_reused_objects.count == 33


def test_the_demo_has_history_new_landlords_and_every_status(demo_register) -> None:  # type: ignore[no-untyped-def]
    ctx = demo_register
    assert len(ctx.data["landlords"]) == 40
    assert 550 <= len(ctx.data["apartments"]) <= 650
    largest = max(ctx.data["landlords"], key=lambda landlord: landlord.apartments.count())
    assert largest.name == "Hyresbostäder i Norrköping AB"
    assert landlords_new_in(2022).count >= 1
    statuses = {
        lease_status(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_given_on=lease.notice_given_on,
            today=ctx.today,
        )
        for lease in HeadLease.objects.all()
    }
    assert statuses == set(LeaseStatus)
    reasons = set(
        HeadLease.objects.exclude(end_reason=None).values_list("end_reason__code", flat=True)
    )
    assert {"returned_to_landlord", "tenant_took_over"} <= reasons
    committees = set(HeadLease.objects.values_list("committee__short_name", flat=True))
    assert committees == {"SN", "VON", "KFN", "BMN"}
    assert HeadLease.objects.filter(end_date__isnull=False, end_reason=None).exists()  # fixed term
    # the landlord list imported again changed nothing
    rerun = RegisterImport.objects.get()
    assert rerun.status == RegisterImport.Status.APPLIED
    assert (rerun.created_count, rerun.updated_count, rerun.unchanged_count) == (0, 0, 40)
