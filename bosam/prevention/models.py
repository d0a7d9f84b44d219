"""Eviction prevention: notifications (underrättelser) in, one prevention case per household,
outreach, stay-in-home interventions (recorded as households.Intervention) and the outcome.

Deadlines are derived by `rules` and stored on the notification and the case, so the work queue
and the lists can filter and sort on them in the database.
"""

import json
from collections.abc import Sequence

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import User
from bosam.audit.services import AuditPerson
from bosam.core.models import BaseModel, PersonalDataModel
from bosam.households.models import Household, Person
from bosam.prevention import rules
from bosam.properties.models import Landlord
from bosam.tenancies.models import Sublet


class PreventionCase(PersonalDataModel):
    """A household's prevention case. At most one is open per household; every notification about
    the household while it is open joins it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Pågående")  # notified, work not finished
        CLOSED = "closed", _("Avslutat")  # an outcome is recorded

    class Outcome(models.TextChoices):
        KVARBOENDE = "kvarboende", _("Bor kvar")  # the household kept its home
        MOVED = "moved", _("Flyttat på egen hand")  # left voluntarily, no eviction
        EVICTED = "evicted", _("Avhyst")  # the Enforcement Authority carried out the eviction
        NOT_REACHED = "not_reached", _("Gick inte att nå")  # no contact before the case closed
        OTHER = "other", _("Annat")

    class StayedBecause(models.TextChoices):
        DEBT_PAID = "debt_paid", _("Skulden betald")
        PAYMENT_PLAN = "payment_plan", _("Avbetalningsplan")
        COMMITTEE_UNDERTAKING = "committee_undertaking", _("Betalningsförbindelse från nämnden")
        TERMINATION_WITHDRAWN = "termination_withdrawn", _("Uppsägningen återtagen")
        SUBLET = "sublet", _("Andrahandskontrakt med stöd")
        OTHER = "other", _("Annat")

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="prevention_cases",
        verbose_name=_("hushåll"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("öppnat"))
    caseworker = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prevention_cases",
        verbose_name=_("handläggare"),
    )
    # Derived from the case's notifications (rules.case_deadlines), stored for the queue's sort.
    atervinningsfrist_ends_on = models.DateField(
        _("återvinningsfrist löper ut"), null=True, blank=True
    )
    atervinningsfrist_provisional = models.BooleanField(_("preliminär frist"), default=False)
    eviction_date = models.DateField(_("avhysningsdatum"), null=True, blank=True)
    # The illness exception of 12 kap. 44 § JB (illness or a similar unforeseen circumstance kept
    # the tenant from paying in time): a note for the court, not a new clock.
    illness_note = models.TextField(_("sjukdom eller liknande hinder"), blank=True)
    debt_amount = models.DecimalField(
        _("hyresskuld (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Set by the first outreach attempt that reached someone.
    first_contact_on = models.DateField(_("första kontakt"), null=True, blank=True)
    children_count = models.PositiveSmallIntegerField(_("antal barn"), default=0)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    stayed_because = models.CharField(
        _("kvarboende genom"), max_length=30, choices=StayedBecause.choices, blank=True
    )
    outcome_note = models.TextField(_("kommentar till utfallet"), blank=True)

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("ärende (vräkningsförebyggande)")
        verbose_name_plural = _("ärenden (vräkningsförebyggande)")
        indexes = [
            # The work queue reads the open cases; lists filter by status and period.
            models.Index(fields=["status", "opened_on"], name="prevcase_status_opened"),
            # The case list's order, newest first: a page of it is read off the index.
            models.Index(fields=["-opened_on", "-created_at"], name="prevcase_list_order"),
            # Figures count closed cases per year by outcome.
            models.Index(fields=["closed_on", "outcome"], name="prevcase_closed_outcome"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status="open"),
                name="prevcase_one_open_per_household",
                violation_error_message=_("Hushållet har redan ett pågående ärende."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="prevcase_closed_has_outcome",
                violation_error_message=_("Ett avslutat ärende måste ha datum och utfall."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Ärende %(household)s") % {"household": self.household})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.household.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.household.unit_id


class LandlordImport(BaseModel):
    """One landlord list file (CSV/XLSX) as received: kept with its checksum, whether or not it
    was accepted. Rows become notifications only when the file is accepted."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Förhandsgranskas")  # uploaded, nothing written yet
        ACCEPTED = "accepted", _("Importerad")  # rows written as notifications
        DISCARDED = "discarded", _("Förkastad")  # the caseworker did not accept it

    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="+", verbose_name=_("hyresvärd")
    )
    filename = models.CharField(_("filnamn"), max_length=255)
    content = models.BinaryField(_("fil"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    period = models.DateField(_("avser månad"), help_text=_("Första dagen i månaden."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    uploaded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdad av")
    )
    accepted_at = models.DateTimeField(_("importerad"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rader"), default=0)
    created_count = models.PositiveIntegerField(_("nya"), default=0)
    updated_count = models.PositiveIntegerField(_("uppdaterade"), default=0)
    unchanged_count = models.PositiveIntegerField(_("oförändrade"), default=0)
    refused_count = models.PositiveIntegerField(_("avvisade"), default=0)
    # Each refused row's message ("Rad 4, Skuld: …"), one per line, kept with the file.
    # Text, not JSONField: SQLite's JSON check would need a database for `makemigrations --check`.
    refused_text = models.TextField(_("avvisade rader"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import av hyresvärdslista")
        verbose_name_plural = _("importer av hyresvärdslistor")
        constraints = [
            # Re-importing the same file creates nothing: one accepted import per file content.
            models.UniqueConstraint(
                fields=["landlord", "sha256"],
                condition=Q(status="accepted"),
                name="landlordimport_file_once",
                violation_error_message=_("Filen är redan importerad."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.landlord} {self.filename}"

    @property
    def refused_rows(self) -> list[str]:
        return [line for line in self.refused_text.splitlines() if line]


class Notification(PersonalDataModel):
    """An underrättelse: a landlord's or the Enforcement Authority's notice, or the unit's own
    knowledge, that a household risks losing its home."""

    class Source(models.TextChoices):
        LANDLORD = "landlord", _("Hyresvärd")
        ENFORCEMENT_AUTHORITY = "enforcement_authority", _("Kronofogden")
        OWN_KNOWLEDGE = "own_knowledge", _("Egen kännedom")

    class Cause(models.TextChoices):
        RENT_ARREARS = "rent_arrears", _("Hyresskuld")
        DISTURBANCE = "disturbance", _("Störningar")
        OTHER = "other", _("Annat")

    class Kind(models.TextChoices):
        """What the law calls the notice (rules.KIND_*); only the rent-arrears and cooperative
        terminations have an återvinningsfrist (rules.KINDS_WITH_ATERVINNINGSFRIST)."""

        EARLY_SIGNAL = "early_signal", _("Tidig signal om hyresskuld")  # arrears list
        RENT_ARREARS_TERMINATION = (  # 12 kap. 44 § JB
            "rent_arrears_termination",
            _("Uppsägning för hyresskuld (12 kap. 44 § JB)"),
        )
        DISTURBANCE_WARNING = (  # tillsägelse, 12 kap. 25 § JB
            "disturbance_warning",
            _("Tillsägelse om störningar (12 kap. 25 § JB)"),
        )
        DISTURBANCE_TERMINATION = (  # 12 kap. 25 § JB
            "disturbance_termination",
            _("Uppsägning för störningar"),
        )
        EXTENSION_DISPUTE = (  # since 1 July 2014
            "extension_dispute",
            _("Tvist om förlängning av hyresavtalet"),
        )
        COOPERATIVE_TERMINATION = (  # bostadsrättslagen 7 kap. 23 §, the same clock
            "cooperative_termination",
            _("Uppsägning av bostadsrätt (7 kap. 23 § bostadsrättslagen)"),
        )
        EVICTION_APPLICATION = "eviction_application", _("Ansökan om avhysning")
        EVICTION_DATE = (  # the date is stored as received, never computed
            "eviction_date",
            _("Kronofogdens underrättelse om avhysningsdatum"),
        )
        OTHER = "other", _("Annat")

    class Stage(models.TextChoices):
        EARLY_SIGNAL = "early_signal", _("Tidig signal (hyresskuld)")  # monthly arrears list
        WARNING = "warning", _("Tillsägelse")  # a warning before any termination (12:25 JB)
        TERMINATION = "termination", _("Uppsägning")  # notice served (12 kap. 44 § JB)
        EVICTION_APPLICATION = "eviction_application", _("Ansökan om avhysning")
        EVICTION_SCHEDULED = "eviction_scheduled", _("Avhysning utsatt")  # a date is set

    case = models.ForeignKey(
        PreventionCase,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("ärende"),
    )
    source = models.CharField(_("avsändare"), max_length=30, choices=Source.choices)
    cause = models.CharField(
        _("orsak"), max_length=20, choices=Cause.choices, default=Cause.RENT_ARREARS
    )
    stage = models.CharField(_("skede"), max_length=30, choices=Stage.choices)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    received_on = models.DateField(_("mottagen"))
    # The month the notification concerns: the key of duplicate detection with the tenant.
    period = models.DateField(_("avser månad"))
    tenants = models.ManyToManyField(
        Person, related_name="prevention_notifications", verbose_name=_("hyresgäster")
    )
    landlord = models.ForeignKey(
        Landlord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hyresvärd"),
    )
    street_address = models.CharField(_("adress"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=6, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    landlord_reference = models.CharField(_("hyresvärdens objektnummer"), max_length=40, blank=True)
    # The household's running sublet from the municipality when notified (the municipality is
    # then the landlord); matched by the service.
    sublet = models.ForeignKey(
        Sublet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("andrahandskontrakt"),
    )
    debt_amount = models.DecimalField(
        _("hyresskuld (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    months_behind = models.PositiveSmallIntegerField(_("antal månader"), null=True, blank=True)
    # The two notices of 12 kap. 44 § JB: the underrättelse served (delgiven) on the tenant, and
    # the landlord's meddelande to the social welfare committee. The frist runs from the later.
    notice_served_on = models.DateField(
        _("underrättelsen delgiven hyresgästen"), null=True, blank=True
    )
    committee_notice_on = models.DateField(
        _("meddelandet till socialnämnden"), null=True, blank=True
    )
    # Stored as received from Kronofogden; never derived.
    eviction_date = models.DateField(_("avhysningsdatum"), null=True, blank=True)
    # Derived (rules.atervinningsfrist) and stored so lists can filter on it.
    atervinningsfrist_ends_on = models.DateField(
        _("återvinningsfrist löper ut"), null=True, blank=True
    )
    # One of the two notices is not known yet: the frist runs at least until the date.
    atervinningsfrist_provisional = models.BooleanField(_("preliminär frist"), default=False)
    note = models.TextField(_("anteckning"), blank=True)
    # An integration's own id for the notification: posting it twice creates nothing new.
    external_reference = models.CharField(_("extern referens"), max_length=100, blank=True)
    landlord_import = models.ForeignKey(
        LandlordImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("import"),
    )
    import_line = models.PositiveIntegerField(_("rad i filen"), null=True, blank=True)
    registered_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    class Meta:
        ordering = ["-received_on", "-created_at"]
        verbose_name = _("underrättelse")
        verbose_name_plural = _("underrättelser")
        indexes = [
            # The list's order (newest first), so a page is read off the index; figures count
            # notifications received per period and the list filters by date, on the same index.
            models.Index(fields=["-received_on", "-created_at"], name="notification_list_order"),
            # Duplicate detection looks up the same landlord and period (then the tenant).
            models.Index(fields=["landlord", "period"], name="notification_landlord_period"),
            models.Index(fields=["atervinningsfrist_ends_on"], name="notification_frist"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_reference"],
                condition=~Q(external_reference=""),
                name="notification_external_reference_once",
                violation_error_message=_("Underrättelsen med den referensen finns redan."),
            ),
            models.CheckConstraint(
                condition=Q(debt_amount__isnull=True) | Q(debt_amount__gte=0),
                name="notification_debt_not_negative",
                violation_error_message=_("Skulden kan inte vara negativ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}, {self.street_address}"

    @property
    def frist_missing_text(self) -> str:
        """Which notice a provisional frist waits for, in words ('' when the frist is final)."""
        if not self.atervinningsfrist_provisional:
            return ""
        found = rules.atervinningsfrist(
            kind=self.kind,
            served_on=self.notice_served_on,
            committee_notice_on=self.committee_notice_on,
        )
        return rules.missing_notice_text(found.missing) if found else ""

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.case.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.case.household.unit_id


class OutreachAttempt(PersonalDataModel):
    """An attempt to reach the household: a letter, a call, a text, a home visit or a meeting."""

    class Method(models.TextChoices):
        LETTER = "letter", _("Brev")
        PHONE = "phone", _("Telefon")
        TEXT_MESSAGE = "text_message", _("Sms")
        HOME_VISIT = "home_visit", _("Hembesök")
        MEETING = "meeting", _("Möte")

    class Result(models.TextChoices):
        REACHED = "reached", _("Kontakt – vill ha stöd")  # counts as first contact
        DECLINED = "declined", _("Kontakt – avböjer stöd")  # contact, too
        NO_ANSWER = "no_answer", _("Ingen kontakt")
        SENT = "sent", _("Skickat, inget svar ännu")  # letters and texts

    case = models.ForeignKey(
        PreventionCase, on_delete=models.CASCADE, related_name="outreach", verbose_name=_("ärende")
    )
    method = models.CharField(_("sätt"), max_length=20, choices=Method.choices)
    made_on = models.DateField(_("datum"))
    result = models.CharField(_("resultat"), max_length=20, choices=Result.choices)
    note = models.TextField(_("anteckning"), blank=True)
    # The letter as sent (rendered from the template at the time), so it can be re-printed.
    letter_text = models.TextField(_("brevtext"), blank=True)
    made_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("av")
    )

    class Meta:
        ordering = ["-made_on", "-created_at"]
        verbose_name = _("kontaktförsök")
        verbose_name_plural = _("kontaktförsök")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.made_on:%Y-%m-%d}"

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.case.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.case.household.unit_id


class LetterTemplate(BaseModel):
    """An outreach letter the unit writes and edits itself; placeholders like {{ namn }} are
    filled in from the case (rules.LETTER_PLACEHOLDERS)."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    subject = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("brevtext"))
    active = models.BooleanField(_("aktiv"), default=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("brevmall")
        verbose_name_plural = _("brevmallar")

    def __str__(self) -> str:
        return self.name


class ImportMapping(BaseModel):
    """Which of a landlord's column headings holds which field (rules.IMPORT_FIELDS)."""

    landlord = models.OneToOneField(
        Landlord, on_delete=models.CASCADE, related_name="+", verbose_name=_("hyresvärd")
    )
    # {"personal_number": "Pnr", …} as JSON text (see LandlordImport.refused_text for why).
    columns_json = models.TextField(_("kolumner"), default="{}")
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["landlord__name"]
        verbose_name = _("kolumnmappning")
        verbose_name_plural = _("kolumnmappningar")

    def __str__(self) -> str:
        return str(self.landlord)

    @property
    def columns(self) -> dict[str, str]:
        loaded = json.loads(self.columns_json or "{}")
        return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
