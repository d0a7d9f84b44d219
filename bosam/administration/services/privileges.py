"""Privilege changes: an account given a role with access to personal data.

A system administrator may not change their own role or unit (`user_update` refuses), but could
still give another account, or a new one, a caseworker's role. Every such grant is therefore
written to the audit trail as a privilege change, listed on the log follow-up's page, and the
other administrators are told by e-mail (`notify_privilege_change`)."""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bosam.accounts.models import User
from bosam.accounts.roles import Capability, Role, role_capabilities, role_sees_personal_data
from bosam.audit.models import AuditAction
from bosam.audit.selectors import PRIVILEGE_CHANGE_OBJECT
from bosam.audit.services import audit_record

logger = logging.getLogger(__name__)


def grants_personal_data(old_role: str, new_role: str) -> bool:
    """True when the new role is another one, and it reads personal data."""
    return new_role != old_role and role_sees_personal_data(new_role)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role or "–"


def privilege_change_record(*, user: User, changed_by: Any, old_role: str) -> None:
    """Audit a grant of personal data (a no-op for any other change) and, once it is committed,
    tell the other administrators."""
    if not grants_personal_data(old_role, user.role):
        return
    with translation.override(settings.LANGUAGE_CODE):  # the log's reasons are Swedish data
        reason = f"Roll: {_role_label(old_role)} → {_role_label(user.role)}"  # i18n: not UI
    audit_record(
        actor=changed_by,
        action=AuditAction.UPDATE,
        obj=user,
        object_type=PRIVILEGE_CHANGE_OBJECT,
        reason=reason,
    )
    transaction.on_commit(
        lambda: notify_privilege_change(changed_by=changed_by, role=user.role),
        robust=True,
    )


def _other_administrators(changed_by: Any) -> list[str]:
    admin_roles = [r for r in Role.values if Capability.USER_ADMIN in role_capabilities(r)]
    admins = User.objects.filter(role__in=admin_roles, is_active=True).exclude(email="")
    if getattr(changed_by, "pk", None) is not None:
        admins = admins.exclude(pk=changed_by.pk)
    return list(admins.order_by("pk").values_list("email", flat=True))


def notify_privilege_change(*, changed_by: Any, role: str) -> int:
    """Tell every other active administrator that an account was given a role with access to
    personal data; returns how many were told. The message says only that, which role, and
    where to look (the follow-up's list of privilege changes): no names, no personal data.

    The one place a privilege change is announced: an in-app inbox hooks in here."""
    recipients = _other_administrators(changed_by)
    if not recipients:
        return 0
    link = settings.BOSAM_SITE_URL.rstrip("/") + reverse("administration:audit_follow_up")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Bosam: en behörighet till personuppgifter har getts")
        body = _(
            "En systemförvaltare har gett ett konto rollen %(role)s, som har tillgång till "
            "personuppgifter.\n\nSe listan över ändrade behörigheter i logguppföljningen:\n"
            "%(link)s#behorigheter\n"
        ) % {"role": _role_label(role), "link": link}
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        # The change itself stands; the list on the follow-up page still shows it.
        logger.exception("Could not e-mail the administrators about a privilege change.")
        return 0
    return len(recipients)
