"""Apartments, head leases and households simply exist; requests and offers are made through
the services, so their audit rows exist."""

from datetime import date
from importlib import import_module
from typing import Any

from django.apps import apps

from bosam.accounts.models import Committee
from bosam.households.models import Household
from bosam.matching import services
from bosam.matching.models import DeclineReason, HousingRequest, Offer
from bosam.properties.models import HeadLease
from bosam.properties.tests.factories import make_apartment, make_head_lease
from bosam.tenancies.tests.factories import make_client

__all__ = ["make_client", "make_request", "make_vacancy", "offer", "reason"]


def make_vacancy(
    committee: Committee, *, start: date = date(2020, 1, 1), **apartment: object
) -> HeadLease:
    """A running head lease with no sublet: a vacancy since its start."""
    return make_head_lease(make_apartment(None, **apartment), committee, start)


def make_request(
    by: Any, household: Household, committee: Committee, **fields: Any
) -> HousingRequest:
    values: dict[str, Any] = {
        "usage_category": "supported_housing",
        "household_size": 1,
        "rooms_wanted": 2,
        "received_on": date(2024, 1, 10),
    }
    values.update(fields)
    return services.request_create(
        created_by=by, household=household, committee=committee, **values
    )


def offer(
    by: Any, request: HousingRequest, lease: HeadLease, today: date = date(2024, 3, 1)
) -> Offer:
    return services.offer_make(offered_by=by, request=request, head_lease=lease, today=today)


def reason(code: str = "household_area") -> DeclineReason:
    return DeclineReason.objects.get(code=code)


SEED_MIGRATIONS = [
    ("bosam.households.migrations.0003_intervention_catalogue", "add_catalogue"),
    ("bosam.properties.migrations.0002_seed_usage_and_end_reason_catalogues", "add_catalogues"),
    ("bosam.tenancies.migrations.0002_seed_conditions_end_reasons_settings", "add_catalogues"),
    ("bosam.matching.migrations.0002_seed_decline_reasons_and_settings", "seed"),
]


def seed_catalogues() -> None:
    """Run the catalogue seeds of the data migrations again (they are idempotent). A transaction
    test that follows another one finds the tables flushed, and the browser's connection may not
    see a serialized rollback's restore."""
    for module, function in SEED_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
