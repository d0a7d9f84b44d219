from enum import StrEnum

from bosam.core.errors import ApplicationError


class HouseholdErrorCode(StrEnum):
    INVALID_PERSONAL_NUMBER = "invalid_personal_number"
    DUPLICATE_PERSON = "duplicate_person"
    MERGE_INVALID = "merge_invalid"
    MEMBER_EXISTS = "member_exists"
    UNKNOWN_INTERVENTION_TYPE = "unknown_intervention_type"
    UNIT_NOT_ALLOWED = "unit_not_allowed"
    LIVES_IN_OTHER_HOUSEHOLD = "lives_in_other_household"


class HouseholdError(ApplicationError):
    default_code = "household_error"
