"""Matching pages: requests (social worker and coordinator), vacancies, offers, settings."""

from bosam.matching.views.offers import (
    offer_accept,
    offer_decline,
    offer_detail,
    offer_expire,
    offer_list,
    offer_make,
    offer_withdraw,
    settings_edit,
    vacancy_detail,
    vacancy_list,
)
from bosam.matching.views.requests import (
    request_create,
    request_detail,
    request_edit,
    request_list,
    request_withdraw,
    why_not,
)

__all__ = [
    "offer_accept",
    "offer_decline",
    "offer_detail",
    "offer_expire",
    "offer_list",
    "offer_make",
    "offer_withdraw",
    "request_create",
    "request_detail",
    "request_edit",
    "request_list",
    "request_withdraw",
    "settings_edit",
    "vacancy_detail",
    "vacancy_list",
    "why_not",
]
