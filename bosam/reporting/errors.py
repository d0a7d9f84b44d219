from enum import StrEnum

from bosam.core.errors import ApplicationError


class ReportingErrorCode(StrEnum):
    ALREADY_PUBLISHED = "already_published"
    YEAR_NOT_ENDED = "year_not_ended"
    UNKNOWN_FIGURE = "unknown_figure"
    NOT_PUBLISHED = "not_published"
    JOB_NOT_FOUND = "job_not_found"


class ReportingError(ApplicationError):
    default_code = "reporting_error"
