"""Users: create, change unit and role, deactivate, set a password, unlock, API tokens."""

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from bosam.accounts.models import Unit, User
from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.administration.errors import AdministrationError, AdministrationErrorCode
from bosam.administration.services.changes import save_changed, save_created
from bosam.administration.services.privileges import privilege_change_record
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
    privilege_change_record(user=user, changed_by=created_by, old_role="")
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
    """Change name, e-mail, role or unit; the audit row names what changed. Nobody changes their
    own role or unit: an administrator cannot quietly make themselves a caseworker. A role that
    grants personal data is a privilege change (listed in the follow-up, other admins told)."""
    if user.pk == getattr(updated_by, "pk", None):
        for field, new, old in (("role", role, user.role), ("unit", unit, user.unit)):
            if new != old:
                raise AdministrationError(
                    _("Du kan inte ändra din egen roll eller enhet; be en annan systemförvaltare."),
                    code=AdministrationErrorCode.OWN_ACCOUNT,
                    extra={"field": field},
                )
    old_role = user.role
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip(),
        "role": role,
        "unit": unit,
    }
    save_changed(obj=user, values=values, actor=updated_by)
    privilege_change_record(user=user, changed_by=updated_by, old_role=old_role)
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
        Token.objects.filter(user=user).delete()
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
def api_token_create(*, user: User, created_by: Any) -> str:
    """A new API token; any earlier one stops working. Returns the key to show once."""
    _require_token_right(created_by, user)
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(
        actor=created_by,
        action=AuditAction.CREATE,
        object_type=TOKEN_OBJECT,
        object_id=str(user.pk),
        reason=f"API-nyckel för {user.username}",  # i18n: not UI
    )
    return str(token.key)


@transaction.atomic
def api_token_revoke(*, user: User, revoked_by: Any) -> bool:
    _require_token_right(revoked_by, user)
    deleted, _count = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=revoked_by,
            action=AuditAction.DELETE,
            object_type=TOKEN_OBJECT,
            object_id=str(user.pk),
            reason=f"API-nyckel för {user.username}",  # i18n: not UI
        )
    return bool(deleted)
