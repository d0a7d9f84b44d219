"""The audit trail: one append-only row per read or write of personal data.

Rows are never changed or deleted by the application: the model refuses, and database triggers
(see migrations) refuse UPDATE, DELETE and TRUNCATE too, so not even a bug or a shell session can
rewrite history quietly. The only way rows leave is the trail's own retention
(`bosam.audit.retention`), which on PostgreSQL drops whole years: the table is partitioned by
year of `occurred_at`.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Läst")  # a page or API response showed the record
    LIST = "list", _("Listad")  # the record appeared in a list or search result
    CREATE = "create", _("Skapad")
    UPDATE = "update", _("Ändrad")
    DELETE = "delete", _("Borttagen")
    MERGE = "merge", _("Sammanslagen")
    EXPORT = "export", _("Exporterad")
    DENIED = "denied", _("Nekad åtkomst")  # the user asked for a record they may not see
    LOGIN = "login", _("Inloggning")
    LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
    LOGOUT = "logout", _("Utloggning")
    RETENTION = "retention", _("Gallrad")  # the trail's own retention removed whole years of it


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what to which record, concerning which person, when, from where, and why."""

    occurred_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    # No index of its own: audit_actor_time (actor, -occurred_at) below answers every lookup by
    # actor (the follow-up, PROTECT's check before a user is deleted). A second one would only
    # be written to: every index costs each of the hundred-odd rows a list page writes.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
        db_index=False,
    )
    # Snapshots: the log must say what was true then, even after a user changes unit or role.
    actor_username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    actor_role = models.CharField(_("roll"), max_length=40, blank=True)
    actor_unit_id = models.BigIntegerField(_("användarens enhet"), null=True, blank=True)
    action = models.CharField(_("händelse"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("posttyp"), max_length=60)
    object_id = models.CharField(_("post-id"), max_length=64, blank=True)
    object_label = models.CharField(_("post"), max_length=200, blank=True)
    person_id = models.UUIDField(_("person"), null=True, blank=True)
    person_label = models.CharField(_("personens namn"), max_length=200, blank=True)
    record_unit_id = models.BigIntegerField(_("postens enhet"), null=True, blank=True)
    outside_own_unit = models.BooleanField(_("utanför egen enhet"), default=False)
    ip_address = models.GenericIPAddressField(_("adress"), null=True, blank=True)
    path = models.CharField(_("sökväg"), max_length=300, blank=True)
    reason = models.TextField(_("angivet skäl"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        indexes = [
            # The follow-up's two questions: who read person X; whom did user Y read.
            models.Index(fields=["person_id", "-occurred_at"], name="audit_person_time"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            # The follow-up's third question: reads outside the reader's own unit (a small share
            # of all events, so a partial index stays small).
            models.Index(
                fields=["-occurred_at"],
                condition=models.Q(outside_own_unit=True),
                name="audit_outside_unit_time",
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.occurred_at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events cannot be deleted.")
