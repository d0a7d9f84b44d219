from enum import StrEnum

from bosam.core.errors import ApplicationError


class MatchingErrorCode(StrEnum):
    REQUEST_CLOSED = "request_closed"
    REQUEST_HAS_OPEN_OFFER = "request_has_open_offer"
    VACANCY_TAKEN = "vacancy_taken"
    NOT_VACANT = "not_vacant"
    OFFER_CLOSED = "offer_closed"
    REASON_REQUIRED = "reason_required"
    INVALID_DATE = "invalid_date"
    INVALID_HOUSEHOLD = "invalid_household"
    INVALID_SETTINGS = "invalid_settings"
    DUPLICATE_OPEN_REQUEST = "duplicate_open_request"


class MatchingError(ApplicationError):
    default_code = "matching_error"
