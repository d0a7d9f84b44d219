from enum import StrEnum

from bosam.core.errors import ApplicationError


class PreventionErrorCode(StrEnum):
    INVALID_ORG_NUMBER = "invalid_org_number"
    INVALID_DATE = "invalid_date"
    DUPLICATE_NOTIFICATION = "duplicate_notification"
    NO_TENANT = "no_tenant"
    CASE_CLOSED = "case_closed"
    OUTCOME_INVALID = "outcome_invalid"
    NOT_INTERVENTION = "not_kvarboende_intervention"
    TEMPLATE_INVALID = "template_invalid"
    IMPORT_INVALID = "import_invalid"
    IMPORT_ALREADY_DONE = "import_already_done"
    INVALID_KIND = "invalid_kind"


class PreventionError(ApplicationError):
    default_code = "prevention_error"
