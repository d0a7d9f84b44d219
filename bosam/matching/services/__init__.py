"""Writes on requests, offers and settings. Each is atomic and audited. Import from here."""

from bosam.matching.services.offers import (
    offer_accept,
    offer_decline,
    offer_expire,
    offer_make,
    offer_withdraw,
)
from bosam.matching.services.requests import (
    districts_clean,
    request_create,
    request_update,
    request_withdraw,
)
from bosam.matching.services.settings import matching_settings_update

__all__ = [
    "districts_clean",
    "matching_settings_update",
    "offer_accept",
    "offer_decline",
    "offer_expire",
    "offer_make",
    "offer_withdraw",
    "request_create",
    "request_update",
    "request_withdraw",
]
