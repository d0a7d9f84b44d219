"""Users: create, change unit and role, deactivate, set a password, unlock, API tokens."""

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.accounts.models import ApiToken, Unit, User
from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.accounts.tokens import KEY_PREFIX, new_token_key, token_digest, token_expiry
from bosam.administration.errors import AdministrationError, AdministrationErrorCode
from bosam.administration.services.changes import save_changed, save_created
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record

TOKEN_OBJECT = "accounts.api_token"  # the key itself is a secret and never enters the log


def _checked_password(password: str, user: User) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AdministrationError(
            " ".join(exc.messages),
            code=AdministrationErrorCode.WEAK_PASSWORD,
            extra={"field": "password1"},
        ) from exc
    return password


@transaction.atomic
def user_create(
    *,
    created_by: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    unit: Unit | None,
    is_service_account: bool = False,
    password: str = "",
) -> User:
    """A new user. A service account gets no password: it reaches only the API, by token."""
    user = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        role=role,
        unit=unit,
        is_service_account=is_service_account,
    )
    if is_service_account:
        user.set_unusable_password()
    else:
        user.set_password(_checked_password(password, user))
    save_created(obj=user, actor=created_by)
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    updated_by: Any,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    unit: Unit | None,
) -> User:
    """Change name, e-mail, role or unit; the audit row names what changed."""
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip(),
        "role": role,
        "unit": unit,
    }
    save_changed(obj=user, values=values, actor=updated_by)
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, changed_by: Any) -> User:
    """Deactivate (or reactivate) a user. Nobody deactivates themselves: someone must remain
    who can undo it. A deactivated user's API token stops working with the account."""
    if user.pk == getattr(changed_by, "pk", None) and not active:
        raise AdministrationError(
            _("Du kan inte inaktivera ditt eget konto."), code=AdministrationErrorCode.OWN_ACCOUNT
        )
    save_changed(obj=user, values={"is_active": active}, actor=changed_by)
    if not active:
        # A deactivated account's keys are revoked, not only refused: reactivating the account
        # must not bring back keys nobody is watching.
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return user


@transaction.atomic
def user_password_set(*, user: User, password: str, changed_by: Any) -> User:
    """Set a new password (e.g. after a forgotten one); also lifts a lockout."""
    if user.is_service_account:
        raise AdministrationError(
            _("Ett tjänstekonto har inget lösenord; det använder en API-nyckel."),
            code=AdministrationErrorCode.TOKEN_NOT_ALLOWED,
        )
    user.set_password(_checked_password(password, user))
    user.save(update_fields=["password"])
    axes_reset(username=user.username)
    audit_record(
        actor=changed_by,
        action=AuditAction.UPDATE,
        obj=user,
        reason="Nytt lösenord",  # i18n: not UI
    )
    return user


@transaction.atomic
def user_unlock(*, user: User, unlocked_by: Any) -> int:
    """Lift a lockout after too many failed logins; returns how many attempts were cleared."""
    cleared: int = axes_reset(username=user.username)
    audit_record(
        actor=unlocked_by,
        action=AuditAction.UPDATE,
        obj=user,
        reason="Spärr hävd",  # i18n: not UI
    )
    return cleared


def may_manage_token(actor: Any, user: User) -> bool:
    """Everyone manages their own token; the user administrator those of service accounts."""
    if actor.pk == user.pk:
        return bool(user.is_active)
    return user.is_service_account and user_can(actor, Capability.USER_ADMIN)


def _require_token_right(actor: Any, user: User) -> None:
    if not may_manage_token(actor, user):
        raise AdministrationError(
            _("Du får inte hantera API-nyckeln för det här kontot."),
            code=AdministrationErrorCode.TOKEN_NOT_ALLOWED,
        )


@transaction.atomic
def api_token_create(
    *, user: User, created_by: Any, name: str = "", days: int | None = None
) -> tuple[ApiToken, str]:
    """A new API key for the user, valid for `days` (at most BOSAM_API_TOKEN_DAYS). Returns the
    stored token and the key itself, which is shown once and never again."""
    _require_token_right(created_by, user)
    key = new_token_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or _("API-nyckel"),
        prefix=key[: len(KEY_PREFIX) + 4],
        digest=token_digest(key),
        created_by=created_by if getattr(created_by, "pk", None) else None,
        expires_at=token_expiry(days),
    )
    audit_record(
        actor=created_by,
        action=AuditAction.CREATE,
        object_type=TOKEN_OBJECT,
        object_id=str(token.pk),
        # The prefix names the key; the key itself never enters the log.
        reason=f"API-nyckel {token.prefix}… för {user.username}, "  # i18n: not UI
        f"gäller till {token.expires_at:%Y-%m-%d}",
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by: Any) -> None:
    """Revoke a key (its owner, or the user administrator for any account)."""
    if not may_revoke_token(revoked_by, token.user):
        raise AdministrationError(
            _("Du får inte hantera API-nyckeln för det här kontot."),
            code=AdministrationErrorCode.TOKEN_NOT_ALLOWED,
        )
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=revoked_by,
        action=AuditAction.DELETE,
        object_type=TOKEN_OBJECT,
        object_id=str(token.pk),
        reason=f"API-nyckel {token.prefix}… för {token.user.username} återkallad",  # i18n: not UI
    )


def may_revoke_token(actor: Any, user: User) -> bool:
    """The owner revokes their own keys; the user administrator anyone's (a person who left, a
    key that leaked)."""
    return actor.pk == user.pk or user_can(actor, Capability.USER_ADMIN)


def api_tokens_of(user: User) -> list[ApiToken]:
    """The user's keys, newest first, revoked and expired ones too (the list says which)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))
