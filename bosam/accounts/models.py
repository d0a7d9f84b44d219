"""The municipality's organisation as data: committees, offices, units, and the users in them."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability, Role, role_capabilities
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

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        verbose_name = _("användare")  # type: ignore[assignment]
        verbose_name_plural = _("användare")  # type: ignore[assignment]

    def has_capability(self, capability: Capability) -> bool:
        return self.is_active and capability in role_capabilities(self.role)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
