from enum import StrEnum

from bosam.core.errors import ApplicationError


class RegisterErrorCode(StrEnum):
    INVALID = "invalid"  # a field failed validation; extra["field"] names it
    INVALID_ORG_NUMBER = "invalid_org_number"
    DUPLICATE_ORG_NUMBER = "duplicate_org_number"
    INVALID_APARTMENT_NUMBER = "invalid_apartment_number"
    DUPLICATE_OBJECT_NUMBER = "duplicate_object_number"
    DUPLICATE_LEASE_NUMBER = "duplicate_lease_number"
    OVERLAPPING_LEASE = "overlapping_lease"
    LEASE_ALREADY_ENDED = "lease_already_ended"
    END_BEFORE_START = "end_before_start"
    UNKNOWN_END_REASON = "unknown_end_reason"
    IMPORT_INVALID = "import_invalid"


class RegisterError(ApplicationError):
    default_code = "register_error"
