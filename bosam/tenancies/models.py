"""Sublets (andrahandskontrakt, sociala kontrakt) on the municipality's head leases, their
follow-up, the path to takeover, move-out inspections and the rent the subtenants pay.

Vacancies are not stored: they are the parts of a head lease's period no sublet covers, derived
in `rules.vacancy_periods` so they can never disagree with the sublets.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee, Unit
from bosam.audit.services import AuditPerson
from bosam.core.models import BaseModel, PersonalDataModel
from bosam.households.models import Household
from bosam.properties.models import Apartment, HeadLease


class TenancySettings(BaseModel):
    """The municipality's tenancy settings; one row (pk 1), edited by the manager."""

    # Months from a sublet's start to its planned takeover (one large city starts at 18).
    months_to_takeover = models.PositiveSmallIntegerField(
        _("månader till planerat övertagande"), default=18
    )
    # How often a supported-housing sublet is followed up, for the planned follow-ups.
    follow_up_interval_months = models.PositiveSmallIntegerField(
        _("månader mellan uppföljningar"), default=3
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("inställningar för andrahandskontrakt")
        verbose_name_plural = _("inställningar för andrahandskontrakt")

    def __str__(self) -> str:
        return str(_("Inställningar för andrahandskontrakt"))


class GoalTarget(BaseModel):
    """The target for takeover goal fulfilment in a year, set by the manager."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    target_percent = models.DecimalField(_("mål (%)"), max_digits=5, decimal_places=1)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("satt av"),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("målvärde för övertagande")
        verbose_name_plural = _("målvärden för övertagande")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_percent__gte=0) & Q(target_percent__lte=100),
                name="goaltarget_percent_range",
                violation_error_message=_("Målet ska vara mellan 0 och 100 procent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.target_percent} %"


class Condition(BaseModel):
    """A catalogue of conditions (villkor) a sublet can be given; the municipality extends it."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("villkor")
        verbose_name_plural = _("villkor")

    def __str__(self) -> str:
        return self.name


class SubletEndReason(BaseModel):
    """Why a sublet ended without takeover. `excluded_from_goal` takes such sublets out of the
    goal-fulfilment denominator (configured by the municipality; death and care by default)."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    excluded_from_goal = models.BooleanField(_("räknas inte i måluppfyllelsen"), default=False)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("avslutsorsak för andrahandskontrakt")
        verbose_name_plural = _("avslutsorsaker för andrahandskontrakt")

    def __str__(self) -> str:
        return self.name


class Sublet(PersonalDataModel):
    """The municipality's sublet of an apartment to a household (andrahandskontrakt; a socialt
    kontrakt when the household is a social-services client). Lies inside its head lease."""

    class Kind(models.TextChoices):
        SUPPORTED_HOUSING = "supported_housing", _("Socialt kontrakt, stödlägenhet")
        TRAINING_APARTMENT = "training_apartment", _("Träningslägenhet")
        OPERATIONAL_APARTMENT = "operational_apartment", _("Placering i verksamhetslägenhet")
        REFUGEE_HOUSING = "refugee_housing", _("Bostad för nyanlända")
        HOUSING_FIRST = "housing_first", _("Bostad först")
        EMERGENCY = "emergency", _("Jourlägenhet")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Pågående")  # the household lives there under the sublet
        ENDED = "ended", _("Avslutat")  # took over, moved out or ended otherwise

    class Outcome(models.TextChoices):
        NONE = "", _("Inget utfall ännu")  # still running, no decision taken
        TOOK_OVER = "took_over", _("Tog över kontraktet")  # now first-hand tenant; sublet ended
        EXTENDED = "extended", _("Förlängt")  # takeover postponed; the sublet runs on
        ENDED_WITHOUT_TAKEOVER = "ended_without_takeover", _("Avslutat utan övertagande")

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="sublets", verbose_name=_("hushåll")
    )
    apartment = models.ForeignKey(
        Apartment, on_delete=models.PROTECT, related_name="sublets", verbose_name=_("objekt")
    )
    head_lease = models.ForeignKey(
        HeadLease, on_delete=models.PROTECT, related_name="sublets", verbose_name=_("avtal")
    )
    number = models.CharField(_("kontraktsnummer"), max_length=40, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    start_date = models.DateField(_("startdatum"))
    # Empty while the sublet runs until further notice; the last day once it has ended.
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    monthly_rent = models.DecimalField(_("månadshyra (kr)"), max_digits=10, decimal_places=2)
    conditions = models.ManyToManyField(
        Condition, blank=True, related_name="sublets", verbose_name=_("villkor")
    )
    conditions_text = models.TextField(_("övriga villkor"), blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sublets",
        verbose_name=_("ansvarig socialsekreterare"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="sublets", verbose_name=_("ansvarig enhet")
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="sublets",
        verbose_name=_("betalande nämnd"),
    )
    # Takeover is the plan when the head lease's usage aims at it; fixed at the start.
    takeover_planned = models.BooleanField(_("övertagande planerat"), default=False)
    planned_takeover_date = models.DateField(_("planerat övertagande"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = models.CharField(
        _("utfall"), max_length=30, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    end_reason = models.ForeignKey(
        SubletEndReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sublets",
        verbose_name=_("avslutsorsak"),
    )
    end_note = models.TextField(_("kommentar till avslut"), blank=True)

    class Meta:
        ordering = ["-start_date", "number"]
        verbose_name = _("andrahandskontrakt")
        verbose_name_plural = _("andrahandskontrakt")
        indexes = [
            # Overlap check and the apartment timeline look up an apartment's sublets by date.
            models.Index(fields=["apartment", "start_date"], name="sublet_apartment_start"),
            # Goal fulfilment and the "ending" queue filter ended sublets by end date.
            models.Index(fields=["status", "end_date"], name="sublet_status_end"),
            # Work queue: takeovers due.
            models.Index(fields=["status", "planned_takeover_date"], name="sublet_takeover_due"),
            # A social worker's list is their unit's sublets.
            models.Index(fields=["unit", "status"], name="sublet_unit_status"),
            models.Index(fields=["start_date"], name="sublet_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="sublet_end_after_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(monthly_rent__gte=0),
                name="sublet_rent_not_negative",
                violation_error_message=_("Hyran kan inte vara negativ."),
            ),
            # The database backs the rule "a household has at most one current sublet".
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status="active"),
                name="sublet_one_active_per_household",
                violation_error_message=_("Hushållet har redan ett pågående andrahandskontrakt."),
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(end_date__isnull=False),
                name="sublet_ended_has_end_date",
                violation_error_message=_("Ett avslutat kontrakt måste ha ett slutdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.apartment}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.household.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.unit_id


class _SubletPart(PersonalDataModel):
    """A record that belongs to one sublet and concerns its household."""

    sublet: "models.ForeignKey[Sublet, Sublet]"

    class Meta:
        abstract = True

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.sublet.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.sublet.unit_id


class FollowUp(_SubletPart):
    """A planned or held home visit or meeting during a sublet (uppföljning). Notes and
    participants are personal data."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", _("Hembesök")
        MEETING = "meeting", _("Möte")
        PHONE = "phone", _("Telefonsamtal")

    sublet = models.ForeignKey(
        Sublet, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("kontrakt")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.HOME_VISIT)
    planned_on = models.DateField(_("planerat datum"))
    done_on = models.DateField(_("genomfört datum"), null=True, blank=True)
    participants = models.CharField(_("deltagare"), max_length=300, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("antecknad av"),
    )

    class Meta:
        ordering = ["planned_on"]
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        indexes = [
            # Work queue: follow-ups planned in the past and not yet held.
            models.Index(fields=["done_on", "planned_on"], name="followup_overdue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%Y-%m-%d}"


class TakeoverAssessment(_SubletPart):
    """An assessment of a sublet against the takeover criteria (bedömning inför övertagande)."""

    sublet = models.ForeignKey(
        Sublet, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("kontrakt")
    )
    assessed_on = models.DateField(_("bedömt den"))
    rent_paid_on_time = models.BooleanField(_("hyran betald i tid"))
    conditions_kept = models.BooleanField(_("villkoren följda"))
    no_disturbance = models.BooleanField(_("inga störningar"))
    landlord_consent = models.BooleanField(_("hyresvärden samtycker"))
    notes = models.TextField(_("motivering"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bedömd av"),
    )

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("bedömning inför övertagande")
        verbose_name_plural = _("bedömningar inför övertagande")

    def __str__(self) -> str:
        return f"{_('Bedömning')} {self.assessed_on:%Y-%m-%d}"


class Inspection(_SubletPart):
    """The move-out inspection (besiktning) of the apartment when a sublet ends."""

    sublet = models.ForeignKey(
        Sublet, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("kontrakt")
    )
    inspected_on = models.DateField(_("besiktningsdatum"))
    inspector = models.CharField(_("besiktningsman"), max_length=200, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    # What happens to the apartment next: let again (vacant until then) or returned.
    returned_to_landlord = models.BooleanField(_("lämnas tillbaka till hyresvärden"), default=False)

    class Meta:
        ordering = ["-inspected_on"]
        verbose_name = _("besiktning")
        verbose_name_plural = _("besiktningar")

    def __str__(self) -> str:
        return f"{_('Besiktning')} {self.inspected_on:%Y-%m-%d}"


class Damage(BaseModel):
    """A damage found at an inspection, its cost and who bears it."""

    class Payer(models.TextChoices):
        TENANT = "tenant", _("Hyresgästen")  # charged to the household
        COMMITTEE = "committee", _("Nämnden")  # borne by the paying committee
        LANDLORD = "landlord", _("Hyresvärden")  # normal wear, the landlord's

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="damages", verbose_name=_("besiktning")
    )
    description = models.CharField(_("beskrivning"), max_length=300)
    cost = models.DecimalField(_("kostnad (kr)"), max_digits=10, decimal_places=2)
    payer = models.CharField(_("betalas av"), max_length=20, choices=Payer.choices)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("skada")
        verbose_name_plural = _("skador")
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="damage_cost_not_negative",
                violation_error_message=_("Kostnaden kan inte vara negativ."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.cost} kr)"


class RentCharge(_SubletPart):
    """The rent charged to the subtenant for one month, and what has been paid against it."""

    sublet = models.ForeignKey(
        Sublet, on_delete=models.CASCADE, related_name="rent_charges", verbose_name=_("kontrakt")
    )
    month = models.DateField(_("månad"), help_text=_("Första dagen i månaden."))
    due_date = models.DateField(_("förfallodag"))
    amount = models.DecimalField(_("belopp (kr)"), max_digits=10, decimal_places=2)
    paid_amount = models.DecimalField(
        _("betalt (kr)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    paid_on = models.DateField(_("senast betalt"), null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("hyresavi")
        verbose_name_plural = _("hyresavier")
        indexes = [
            # Arrears: charges due before a day and not paid in full.
            models.Index(fields=["due_date"], name="rentcharge_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sublet", "month"],
                name="rentcharge_one_per_month",
                violation_error_message=_("Månaden är redan aviserad."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(paid_amount__gte=0),
                name="rentcharge_amounts_not_negative",
                violation_error_message=_("Beloppen kan inte vara negativa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.amount} kr"

    @property
    def outstanding(self) -> Decimal:
        return max(Decimal("0"), self.amount - self.paid_amount)
