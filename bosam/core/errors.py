"""One base for the errors a service raises on purpose; views turn them into messages."""

from enum import StrEnum
from typing import Any


class ApplicationError(Exception):
    """A rule said no. `message` is UI copy in the active language (Swedish unless the user
    chose English: services wrap it in gettext); `code` is stable for the API."""

    default_code: str = "application_error"

    def __init__(
        self,
        message: str,
        *,
        code: StrEnum | str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = str(code) if code is not None else self.default_code
        self.extra = extra or {}


class AccessDenied(ApplicationError):
    """The user may not see or change this record."""

    default_code = "access_denied"
