from enum import StrEnum

from bosam.core.errors import ApplicationError


class TenancyErrorCode(StrEnum):
    OVERLAPPING_SUBLET = "overlapping_sublet"
    OUTSIDE_HEAD_LEASE = "outside_head_lease"
    HOUSEHOLD_HAS_SUBLET = "household_has_sublet"
    HEAD_LEASE_ENDED = "head_lease_ended"
    SUBLET_ENDED = "sublet_ended"
    TAKEOVER_NOT_PLANNED = "takeover_not_planned"
    CRITERIA_NOT_MET = "criteria_not_met"
    INVALID_DATE = "invalid_date"
    REASON_REQUIRED = "reason_required"
    CHARGE_EXISTS = "charge_exists"
    OUTSIDE_PERIOD = "charge_outside_period"
    INVALID_AMOUNT = "invalid_amount"


class TenancyError(ApplicationError):
    default_code = "tenancy_error"
