"""Persons and households: the people every other module's records are about."""

from collections.abc import Sequence
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bosam.accounts.models import Unit
from bosam.audit.services import AuditPerson
from bosam.core.models import PersonalDataModel
from bosam.households.rules import format_personal_number, is_child, mask_personal_number


class Person(PersonalDataModel):
    """One human being. Identified by personnummer/samordningsnummer, or by birth date and a
    stated reason when the person has no Swedish number."""

    class NumberKind(models.TextChoices):
        PERSONNUMMER = "personnummer", _("Personnummer")
        SAMORDNINGSNUMMER = "samordningsnummer", _("Samordningsnummer")
        NONE = "none", _("Saknar svenskt nummer")

    personal_number = models.CharField(
        _("personnummer"), max_length=12, null=True, blank=True, unique=True
    )
    number_kind = models.CharField(
        _("nummertyp"), max_length=20, choices=NumberKind.choices, default=NumberKind.NONE
    )
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    birth_date = models.DateField(_("födelsedatum"), null=True, blank=True)
    no_number_reason = models.CharField(
        _("skäl till att nummer saknas"), max_length=200, blank=True
    )
    # A social worker sees the persons their unit registered even before they join one of the
    # unit's households (otherwise a person registered first would vanish from its registrar).
    registered_by_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av enhet"),
    )
    # A merged record stays (its history is evidence) and points at the record that lives on.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sammanslagen med"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        # The search (selectors.person_search_filter) matches parts of names and numbers:
        # UPPER(name) LIKE '%…%' and personal_number LIKE '%…%', which no B-tree here serves. On
        # PostgreSQL, pg_trgm GIN indexes on UPPER(first_name), UPPER(last_name) and
        # personal_number do (person_*_trgm, migration 0005), so a search does not read the
        # whole register. They are created by SQL that SQLite skips, not declared here: Django
        # would otherwise try to build them on SQLite whenever it rebuilds the table.
        indexes = [
            # Sorting by name; birth-date lookups for duplicates.
            models.Index(fields=["last_name", "first_name"], name="person_name"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(personal_number__isnull=False) | ~Q(no_number_reason=""),
                name="person_number_or_reason",
                violation_error_message=_("En person utan personnummer måste ha ett angivet skäl."),
            ),
            models.CheckConstraint(
                condition=Q(personal_number__isnull=False) | Q(birth_date__isnull=False),
                name="person_number_or_birth_date",
                violation_error_message=_("En person utan personnummer måste ha ett födelsedatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def masked_number(self) -> str:
        return mask_personal_number(self.personal_number or "") or (
            f"{self.birth_date:%Y%m%d}" if self.birth_date else ""
        )

    @property
    def formatted_number(self) -> str:
        return format_personal_number(self.personal_number or "")

    def is_child_on(self, day: date) -> bool:
        return is_child(self.birth_date, day)

    def audit_people(self) -> Sequence[AuditPerson]:
        return [AuditPerson(id=self.id, label=self.full_name)]

    def audit_unit_id(self) -> int | None:
        return None


class Household(PersonalDataModel):
    """The people who live together and are the client of a housing measure."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("ansvarig enhet"),
    )
    care_of = models.CharField(_("c/o"), max_length=100, blank=True)
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=6, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    members: "models.ManyToManyField[Person, HouseholdMember]" = models.ManyToManyField(
        Person, through="HouseholdMember", related_name="households"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hushåll")
        verbose_name_plural = _("hushåll")

    def __str__(self) -> str:
        head = next(iter(self.current_members_cached()), None)
        if head is None:
            return str(_("Hushåll"))
        return str(_("Hushåll %(name)s") % {"name": head.person.full_name})

    def current_members_cached(self) -> list["HouseholdMember"]:
        """Current members, from a prefetch when the selector made one."""
        members: list[HouseholdMember] | None = getattr(self, "prefetched_current_members", None)
        if members is not None:
            return members
        return list(
            self.memberships.filter(end_date__isnull=True)
            .select_related("person")
            .order_by("relation", "person__birth_date")
        )

    def audit_people(self) -> Sequence[AuditPerson]:
        return [
            AuditPerson(id=m.person_id, label=m.person.full_name)
            for m in self.current_members_cached()
        ]

    def audit_unit_id(self) -> int | None:
        return self.unit_id


class HouseholdMember(PersonalDataModel):
    """A person's membership of a household over a period; ended memberships stay as history."""

    class Relation(models.TextChoices):
        APPLICANT = "applicant", _("Sökande")
        PARTNER = "partner", _("Make/maka/sambo")
        # Context: the same word heads a column counting children, which English makes plural.
        CHILD = "child", pgettext_lazy("household relation", "Barn")
        OTHER_ADULT = "other_adult", _("Annan vuxen")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    start_date = models.DateField(_("från"))
    end_date = models.DateField(_("till"), null=True, blank=True)

    class Meta:
        ordering = ["relation", "start_date"]
        verbose_name = _("hushållsmedlem")
        verbose_name_plural = _("hushållsmedlemmar")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "person"],
                condition=Q(end_date__isnull=True),
                name="member_once_per_household",
                violation_error_message=_("Personen finns redan i hushållet."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="member_end_after_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"


class InterventionType(PersonalDataModel):
    """A catalogue entry for interventions (insatser); the municipality extends the list.

    `counts_in_total` decides whether the type counts towards the annual report's "insatser
    totalt"; `kind` groups types for the report (e.g. every kvarboende type)."""

    class Kind(models.TextChoices):
        KVARBOENDE = "kvarboende", _("Kvarboendeinsats")  # lets a household stay in its home
        PLACEMENT = "placement", _("Placering i lägenhet")  # a sublet starts
        TAKEOVER = "takeover", _("Övertagande")  # the household takes over the lease
        ADVICE = "advice", _("Bostadsrådgivning")
        FOLLOW_UP = "follow_up", _("Uppföljning och stöd")
        OTHER = "other", _("Annan insats")

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    counts_in_total = models.BooleanField(_("räknas i totalen"), default=True)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveIntegerField(_("sorteringsordning"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("insatstyp")
        verbose_name_plural = _("insatstyper")

    def __str__(self) -> str:
        return self.name


class Intervention(PersonalDataModel):
    """Something the unit did for a household on a day (insats). The annual report counts these.

    `source_type`/`source_id` name the record it came from (a sublet, a prevention case, an
    advice case), so a figure drills down to the case behind each intervention."""

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="interventions",
        null=True,
        blank=True,
        verbose_name=_("hushåll"),
        help_text=_("Tomt för anonyma rådgivningsärenden."),
    )
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, related_name="+", verbose_name=_("insatstyp")
    )
    performed_on = models.DateField(_("datum"), db_index=True)
    performed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
    )
    committee = models.ForeignKey(
        "accounts.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nämnd"),
    )
    source_type = models.CharField(_("källa"), max_length=60, blank=True)
    source_id = models.CharField(_("käll-id"), max_length=64, blank=True)
    notes = models.TextField(_("anteckning"), blank=True)

    class Meta:
        ordering = ["-performed_on", "-created_at"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="intervention_source"),
            models.Index(
                fields=["performed_on", "intervention_type"], name="intervention_day_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention_type} {self.performed_on:%Y-%m-%d}"

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.household.audit_people() if self.household_id else []  # type: ignore[union-attr]

    def audit_unit_id(self) -> int | None:
        return self.household.unit_id if self.household_id else None  # type: ignore[union-attr]
