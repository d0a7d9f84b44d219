from enum import StrEnum

from bosam.core.errors import ApplicationError


class AdministrationErrorCode(StrEnum):
    OWN_ACCOUNT = "own_account"
    WEAK_PASSWORD = "weak_password"
    CODE_IN_USE = "code_in_use"
    TOKEN_NOT_ALLOWED = "token_not_allowed"
    INVALID = "invalid"


class AdministrationError(ApplicationError):
    default_code = "administration_error"
