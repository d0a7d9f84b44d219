"""The municipality's organisation as data: committees, offices, units, and the users in them."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability, Role, role_capabilities
from bosam.core.concurrency import check_version_on_save
from bosam.core.models import BaseModel


class Committee(BaseModel):
    """A political committee (nämnd) that steers the unit and pays for apartments."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=40, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")

    def __str__(self) -> str:
        return self.name


class Office(BaseModel):
    """An administration (förvaltning/kontor), e.g. socialkontoret, under a committee."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="offices", verbose_name=_("nämnd")
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")

    def __str__(self) -> str:
        return self.name


class Unit(BaseModel):
    """A unit (enhet) that users belong to; a social unit sees only its own clients."""

    name = models.CharField(_("namn"), max_length=200)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="units", verbose_name=_("förvaltning")
    )
    is_housing_coordination = models.BooleanField(
        _("bostadssamordningen"),
        default=False,
        help_text=_("Enheten som driver bostadssamordningen själv."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="unit_name_unique_in_office")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. The role decides capabilities; the unit decides whose clients they see."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("enhet"),
    )
    role = models.CharField(_("roll"), max_length=40, choices=Role.choices, blank=True)
    # A program (an integration) rather than a person: it never logs in with a password and
    # reaches only the API, with a token the system administrator issues.
    is_service_account = models.BooleanField(_("tjänstekonto"), default=False)
    # The version of the account: an edit made from an older version is refused (issue 21).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        verbose_name = _("användare")  # type: ignore[assignment]
        verbose_name_plural = _("användare")  # type: ignore[assignment]

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_version_on_save(self)  # as every BaseModel: a stale edit is refused (StaleUpdate)
        super().save(*args, **kwargs)

    def has_capability(self, capability: Capability) -> bool:
        return self.is_active and capability in role_capabilities(self.role)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """An API key of a user or a service account.

    Only the SHA-256 digest of the key is stored, so a copy of the database (a backup, a test
    restore) holds no working key; the key is shown once, when it is made. The first characters
    (`prefix`) name the key in lists and in the audit trail. A key expires; a revoked key is kept
    (revoked_at) so the list and the log can say what happened to it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("användare")
    )
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("början av nyckeln"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("gäller till"))
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
