"""Housing advice (bostadsrådgivning): short cases, often anonymous, counted in the year received.

The catalogues (channels, reasons, advice given, digital help, referral targets, outcomes) are
data: seeded by migration 0002 and edited by a catalogue administrator. Entries are deactivated,
never deleted, so old cases keep their meaning."""

from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Unit
from bosam.audit.services import AuditPerson
from bosam.core.models import BaseModel, PersonalDataModel
from bosam.households.models import Person


class CatalogueEntry(BaseModel):
    """One entry in an advice catalogue. `code` is stable (demo, API, data migrations); the
    name is what people see and may be changed."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveIntegerField(_("sorteringsordning"), default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class AdviceChannel(CatalogueEntry):
    """How the case came in: a visit, a call, an e-mail, a digital meeting …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("kontaktväg")
        verbose_name_plural = _("kontaktvägar")


class AdviceReason(CatalogueEntry):
    """Why the person seeks advice: homeless, must leave their home, overcrowded …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("anledning")
        verbose_name_plural = _("anledningar")


class AdviceKind(CatalogueEntry):
    """Advice given: how housing queues work, tenants' rights, searching on one's own …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("råd")
        verbose_name_plural = _("råd")


class DigitalHelpKind(CatalogueEntry):
    """Hands-on digital help: registering in a housing queue, applying for e-identification …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("digital hjälp")
        verbose_name_plural = _("digital hjälp")


class ReferralTarget(CatalogueEntry):
    """Where a person is referred when special reasons exist: the social office, the
    skills-supply office …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("hänvisning till")
        verbose_name_plural = _("hänvisningsmottagare")


class AdviceOutcome(CatalogueEntry):
    """How a case ended: found housing on their own, referred, no further contact …"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")


class AgeBand(models.TextChoices):
    # Bands wide enough that band + household type never identify anyone.
    UNDER_18 = "under_18", _("Under 18 år")
    AGE_18_25 = "18_25", _("18–25 år")
    AGE_26_35 = "26_35", _("26–35 år")
    AGE_36_50 = "36_50", _("36–50 år")
    AGE_51_64 = "51_64", _("51–64 år")
    AGE_65_PLUS = "65_plus", _("65 år eller äldre")
    UNKNOWN = "unknown", _("Okänd ålder")


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("Ensamstående utan barn")
    SINGLE_WITH_CHILDREN = "single_children", _("Ensamstående med barn")
    COUPLE = "couple", _("Sammanboende utan barn")
    COUPLE_WITH_CHILDREN = "couple_children", _("Sammanboende med barn")
    OTHER = "other", _("Annat")
    UNKNOWN = "unknown", _("Okänt")


class AdviceCase(PersonalDataModel):
    """One person's (or an anonymous person's) request for housing advice.

    Identified cases point at a register `Person`; anonymous cases hold only an age band and a
    household type, so they carry no personal data. A case counts in the year it was received,
    whether or not it has been closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Öppet")  # received; advice, help or referral still going on
        CLOSED = "closed", _("Avslutat")  # an outcome is recorded; the case still counts

    year = models.PositiveIntegerField(_("år"))
    sequence = models.PositiveIntegerField(_("löpnummer"))
    received_on = models.DateField(_("inkom"))
    channel = models.ForeignKey(
        AdviceChannel, on_delete=models.PROTECT, related_name="+", verbose_name=_("kontaktväg")
    )
    reason = models.ForeignKey(
        AdviceReason, on_delete=models.PROTECT, related_name="+", verbose_name=_("anledning")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_cases",
        verbose_name=_("person"),
    )
    age_band = models.CharField(
        _("åldersgrupp"), max_length=20, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    household_type = models.CharField(
        _("hushållstyp"),
        max_length=20,
        choices=HouseholdType.choices,
        default=HouseholdType.UNKNOWN,
    )
    notes = models.TextField(_("anteckningar"), blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rådgivare"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.ForeignKey(
        AdviceOutcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utfall"),
    )
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-sequence"]
        verbose_name = _("rådgivningsärende")
        verbose_name_plural = _("rådgivningsärenden")
        indexes = [
            # Figures and the list filter on the period a case came in.
            models.Index(fields=["received_on"], name="advice_case_received"),
            # The start page: an adviser's open cases, oldest first.
            models.Index(fields=["adviser", "status", "received_on"], name="advice_case_queue"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="advice_case_reference"),
            models.CheckConstraint(
                condition=Q(status="open", outcome__isnull=True, closed_on__isnull=True)
                | Q(status="closed", outcome__isnull=False, closed_on__isnull=False),
                name="advice_case_closed_has_outcome",
                violation_error_message=_("Ett avslutat ärende måste ha utfall och datum."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="advice_case_closed_after_received",
                violation_error_message=_("Ärendet kan inte avslutas före det kom in."),
            ),
        ]

    def __str__(self) -> str:
        # No name here: the label goes into audit rows and start-page panels.
        return str(_("Rådgivningsärende %(reference)s") % {"reference": self.reference})

    @property
    def reference(self) -> str:
        return f"{self.year}-{self.sequence:04d}"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None

    def audit_people(self) -> Sequence[AuditPerson]:
        # Anonymous cases concern nobody the register knows: their audit rows name no person.
        return self.person.audit_people() if self.person is not None else []

    def audit_unit_id(self) -> int | None:
        return self.unit_id


class AdviceContact(PersonalDataModel):
    """One piece of work on a case: a meeting, call or session at the computer, with the advice
    and hands-on digital help given and the time it took."""

    case = models.ForeignKey(AdviceCase, on_delete=models.CASCADE, related_name="contacts")
    contact_on = models.DateField(_("datum"))
    minutes = models.PositiveIntegerField(_("tid (minuter)"))
    advice_kinds = models.ManyToManyField(
        AdviceKind, blank=True, related_name="+", verbose_name=_("råd som getts")
    )
    digital_help_kinds = models.ManyToManyField(
        DigitalHelpKind, blank=True, related_name="+", verbose_name=_("digital hjälp")
    )
    notes = models.TextField(_("anteckningar"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    class Meta:
        ordering = ["contact_on", "created_at"]
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=480),
                name="advice_contact_minutes_in_a_day",
                violation_error_message=_("Tiden ska vara mellan 1 och 480 minuter."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.contact_on:%Y-%m-%d}"


class AdviceReferral(PersonalDataModel):
    """A referral to another office when special reasons exist; the reason is written down."""

    case = models.ForeignKey(AdviceCase, on_delete=models.CASCADE, related_name="referrals")
    target = models.ForeignKey(
        ReferralTarget, on_delete=models.PROTECT, related_name="+", verbose_name=_("hänvisad till")
    )
    referred_on = models.DateField(_("datum"))
    special_reasons = models.TextField(_("särskilda skäl"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    class Meta:
        ordering = ["referred_on", "created_at"]
        verbose_name = _("hänvisning")
        verbose_name_plural = _("hänvisningar")

    def __str__(self) -> str:
        return f"{self.case} → {self.target}"
