from enum import StrEnum

from bosam.core.errors import ApplicationError


class AdviceErrorCode(StrEnum):
    INVALID_PERSONAL_NUMBER = "invalid_personal_number"
    NAME_REQUIRED = "name_required"
    ANONYMOUS_DETAILS_REQUIRED = "anonymous_details_required"
    INACTIVE_CATALOGUE_ENTRY = "inactive_catalogue_entry"
    CASE_CLOSED = "case_closed"
    INVALID_MINUTES = "invalid_minutes"
    INVALID_DATE = "invalid_date"
    SPECIAL_REASONS_REQUIRED = "special_reasons_required"
    INVALID_PERIOD = "invalid_period"
    INVALID_CATALOGUE_ENTRY = "invalid_catalogue_entry"


class AdviceError(ApplicationError):
    default_code = "advice_error"
