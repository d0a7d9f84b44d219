"""The register: landlords, apartment objects and the head leases (avtal) the municipality holds.

An apartment lives on after its head lease ends and may be leased again; whether a head lease is on
a *new* or a *re-used* apartment is derived from that history (see `selectors`), never typed.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.core.models import BaseModel


class Landlord(BaseModel):
    """A landlord (hyresvärd, fastighetsägare) the municipality rents apartments from."""

    class Kind(models.TextChoices):
        MUNICIPAL_COMPANY = "municipal_company", _("Kommunalt bostadsbolag")
        PRIVATE = "private", _("Privat hyresvärd")
        COOPERATIVE = "cooperative", _("Bostadsrättsförening/kooperativ")
        OTHER = "other", _("Annan")

    name = models.CharField(_("namn"), max_length=200)
    # Ten digits without hyphen, validated with python-stdnum (se.orgnr) in the service.
    org_number = models.CharField(_("organisationsnummer"), max_length=10, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices, default=Kind.PRIVATE)
    street_address = models.CharField(_("postadress"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=6, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hyresvärd")
        verbose_name_plural = _("hyresvärdar")
        indexes = [models.Index(fields=["name"], name="landlord_name")]  # list search and sort

    def __str__(self) -> str:
        return self.name


class LandlordContact(BaseModel):
    """A person at the landlord the unit deals with (förvaltare, uthyrare, ekonomi)."""

    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("hyresvärd")
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("roll"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class Usage(BaseModel):
    """What a head lease is for. A catalogue the municipality extends; `category` is the fixed kind
    the figures and the matching rules reason about."""

    class Category(models.TextChoices):
        SUPPORTED_HOUSING = "supported_housing", _("Stödlägenhet")
        TRAINING_APARTMENT = "training_apartment", _("Träningslägenhet")
        OPERATIONAL_APARTMENT = "operational_apartment", _("Verksamhetslägenhet")
        REFUGEE_SETTLEMENT = "refugee_settlement", _("Flyktingbostad (bosättningslagen)")
        REFUGEE_TEMPORARY_PROTECTION = (
            "refugee_temporary_protection",
            _("Bostad för personer med tillfälligt skydd"),
        )
        HOUSING_FIRST = "housing_first", _("Bostad först")
        EMERGENCY = "emergency", _("Jourlägenhet")
        OTHER = "other", _("Annan")

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    category = models.CharField(_("kategori"), max_length=40, choices=Category.choices)
    # Operational apartments serve a target group (e.g. "unga vuxna", "LSS").
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    # Sublets on this usage are planned to end in the household taking over the lease.
    aims_at_takeover = models.BooleanField(_("syftar till övertagande"), default=False)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("användning")
        verbose_name_plural = _("användningar")

    def __str__(self) -> str:
        return self.name


class Apartment(BaseModel):
    """One rentable apartment (lägenhetsobjekt). Outlives its head leases."""

    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="apartments", verbose_name=_("hyresvärd")
    )
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=6, blank=True)
    town = models.CharField(_("ort"), max_length=100)
    district = models.CharField(_("område"), max_length=100, blank=True)
    landlord_object_number = models.CharField(_("hyresvärdens objektnummer"), max_length=40)
    # The national four-digit apartment number; first two digits are the floor (10 = entrance).
    apartment_number = models.CharField(_("lägenhetsnummer"), max_length=4, blank=True)
    rooms = models.CharField(_("storlek"), max_length=20, help_text=_("T.ex. 2 rok"))
    room_count = models.PositiveSmallIntegerField(_("antal rum"))
    living_area = models.DecimalField(_("boarea (m²)"), max_digits=6, decimal_places=1)
    floor = models.SmallIntegerField(_("våning"), null=True, blank=True)
    has_lift = models.BooleanField(_("hiss"), default=False)
    wheelchair_accessible = models.BooleanField(_("tillgänglig för rullstol"), default=False)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["street_address", "apartment_number"]
        verbose_name = _("lägenhetsobjekt")
        verbose_name_plural = _("lägenhetsobjekt")
        indexes = [
            # Address search and the default sort of the object list.
            models.Index(fields=["street_address", "apartment_number"], name="apartment_address"),
            # Filter by district (matching's district wishes, the list filter).
            models.Index(fields=["district"], name="apartment_district"),
        ]
        constraints = [
            # The landlord's own object number identifies the apartment in their lists and imports.
            models.UniqueConstraint(
                fields=["landlord", "landlord_object_number"],
                name="apartment_unique_landlord_object_number",
                violation_error_message=_("Hyresvärden har redan ett objekt med detta nummer."),
            ),
            models.CheckConstraint(
                condition=Q(apartment_number="") | Q(apartment_number__regex=r"^[0-9]{4}$"),
                name="apartment_number_four_digits",
                violation_error_message=_("Lägenhetsnumret ska vara fyra siffror."),
            ),
        ]

    def __str__(self) -> str:
        number = f" lgh {self.apartment_number}" if self.apartment_number else ""
        return f"{self.street_address}{number}, {self.town}"


class EndReason(BaseModel):
    """Why a head lease ended (återlämnad till hyresvärden, hyresgästen tog över, …)."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    # The lease ended because the household took it over in its own name.
    is_takeover = models.BooleanField(_("övertagande"), default=False)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("avslutsorsak")
        verbose_name_plural = _("avslutsorsaker")

    def __str__(self) -> str:
        return self.name


class HeadLease(BaseModel):
    """The municipality's lease (avtal, blockhyresavtal) with a landlord for one apartment.

    Two head leases on one apartment never overlap (checked in the service under a row lock on the
    apartment). `end_date` is empty while the lease runs until further notice; it is set when a
    fixed term is agreed or notice is given, and `end_reason` when the lease has ended.
    """

    number = models.CharField(_("avtalsnummer"), max_length=40, unique=True)
    apartment = models.ForeignKey(
        Apartment, on_delete=models.PROTECT, related_name="head_leases", verbose_name=_("objekt")
    )
    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="head_leases", verbose_name=_("hyresvärd")
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    # Contractual notice in months (JB 12:4 defaults to three for a residential lease).
    notice_period_months = models.PositiveSmallIntegerField(
        _("uppsägningstid (månader)"), default=3
    )
    notice_given_on = models.DateField(_("uppsagt den"), null=True, blank=True)
    security_of_tenure_waived = models.BooleanField(
        _("besittningsskydd avtalat bort"), default=True
    )
    monthly_rent = models.DecimalField(_("månadshyra (kr)"), max_digits=10, decimal_places=2)
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="head_leases", verbose_name=_("nämnd")
    )
    usage = models.ForeignKey(
        Usage, on_delete=models.PROTECT, related_name="head_leases", verbose_name=_("användning")
    )
    end_reason = models.ForeignKey(
        EndReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="head_leases",
        verbose_name=_("avslutsorsak"),
    )
    end_note = models.TextField(_("kommentar till avslut"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["-start_date", "number"]
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        indexes = [
            # New-or-re-used is "an earlier lease on the same apartment": an index on both columns.
            models.Index(fields=["apartment", "start_date"], name="headlease_apartment_start"),
            # The landlord list's "first lease" and running-lease counts per landlord: with the
            # start date in the index, the first lease is its first entry, not a scan by date.
            models.Index(fields=["landlord", "start_date"], name="headlease_landlord_start"),
            # Report counts per year and the "ending soon" filter.
            models.Index(fields=["start_date"], name="headlease_start"),
            models.Index(fields=["end_date"], name="headlease_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="headlease_end_after_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(monthly_rent__gte=0),
                name="headlease_rent_not_negative",
                violation_error_message=_("Hyran kan inte vara negativ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.apartment}"


class RegisterImport(BaseModel):
    """One file brought into the register: kept with its bytes, so the preview, the run and any
    later question ("what did that file say?") read the same content on any machine."""

    class Kind(models.TextChoices):
        LANDLORDS = "landlords", _("Hyresvärdar")
        APARTMENTS = "apartments", _("Lägenhetsobjekt")
        HEAD_LEASES = "head_leases", _("Avtal")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Förhandsgranskad")  # checked, nothing written yet
        REJECTED = "rejected", _("Fel i filen")  # the check found bad rows; nothing written
        APPLIED = "applied", _("Genomförd")  # every row written in one transaction

    kind = models.CharField(_("innehåll"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    filename = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, db_index=True)
    content = models.BinaryField(_("filens innehåll"))
    size = models.PositiveIntegerField(_("storlek (byte)"))
    row_count = models.PositiveIntegerField(_("rader"), default=0)
    created_count = models.PositiveIntegerField(_("nya"), default=0)
    updated_count = models.PositiveIntegerField(_("ändrade"), default=0)
    unchanged_count = models.PositiveIntegerField(_("oförändrade"), default=0)
    error_count = models.PositiveIntegerField(_("fel"), default=0)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    applied_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("genomförd av"),
    )
    applied_at = models.DateTimeField(_("genomförd"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import till registret")
        verbose_name_plural = _("importer till registret")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"


class RegisterImportError(models.Model):
    """One bad row (or the file as a whole) found when a file was last checked or run."""

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="errors", verbose_name=_("import")
    )
    line = models.PositiveIntegerField(_("rad"))
    field = models.CharField(_("kolumn"), max_length=100, blank=True)
    message = models.TextField(_("fel"))

    class Meta:
        ordering = ["line", "id"]
        verbose_name = _("fel i import")
        verbose_name_plural = _("fel i import")

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"
