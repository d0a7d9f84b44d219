"""Matching: requests for housing from the social units, offers of vacant apartments, and the
municipality's matching settings.

Vacancies are not stored: they are derived from head leases and sublets (`selectors.vacancies`,
on tenancies' `rules.vacancy_periods`), so they never disagree with the register. Proposals are
not stored either: they are ranked on demand by `rules`, and the coordinator decides.
"""

from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee, Unit
from bosam.audit.services import AuditPerson
from bosam.core.models import BaseModel, PersonalDataModel
from bosam.households.models import Household
from bosam.properties.models import Apartment, HeadLease, Usage
from bosam.tenancies.models import Sublet


class MatchingSettings(BaseModel):
    """The municipality's matching settings; one row (pk 1), edited by the coordinator after a
    preview of which proposals would change."""

    # The occupancy rule (trångboddhetsnorm): at most this many persons per room.
    max_persons_per_room = models.PositiveSmallIntegerField(
        _("högst antal personer per rum"), default=2
    )
    weight_urgency = models.PositiveSmallIntegerField(_("vikt: brådska"), default=40)
    weight_waiting = models.PositiveSmallIntegerField(_("vikt: väntetid"), default=30)
    weight_district = models.PositiveSmallIntegerField(_("vikt: önskat område"), default=15)
    weight_size = models.PositiveSmallIntegerField(_("vikt: storlek"), default=15)
    # An offer without an answer after this many days stands out on the work queue.
    offer_answer_days = models.PositiveSmallIntegerField(
        _("dagar att svara på erbjudande"), default=7
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("inställningar för matchning")
        verbose_name_plural = _("inställningar för matchning")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_persons_per_room__gte=1),
                name="matchingsettings_persons_per_room_positive",
                violation_error_message=_("Minst en person per rum."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Inställningar för matchning"))


class DeclineReason(BaseModel):
    """Why an offer was declined, tagged with who declined. A catalogue the municipality extends;
    entries are deactivated, never deleted, so old offers keep their meaning."""

    class DeclinedBy(models.TextChoices):
        HOUSEHOLD = "household", _("Hushållet")
        UNIT = "unit", _("Beställande enhet")
        LANDLORD = "landlord", _("Hyresvärden")
        COORDINATOR = "coordinator", _("Bostadssamordningen")

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    declined_by = models.CharField(_("avböjt av"), max_length=20, choices=DeclinedBy.choices)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("orsak till nej")
        verbose_name_plural = _("orsaker till nej")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_declined_by_display()})"


class HousingRequest(PersonalDataModel):
    """A social unit's request for an apartment for a household (beställning av bostad)."""

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")  # the household has somewhere to stay meanwhile
        HIGH = "high", _("Hög")  # must move within weeks (eviction date, discharge, separation)
        ACUTE = "acute", _("Akut")  # homeless now, or children without a home

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar")  # no open offer; in the pool the coordinator ranks
        OFFERED = "offered", _("Erbjudande lämnat")  # one open offer awaits an answer
        HOUSED = "housed", _("Placerad")  # an offer was accepted; a sublet exists
        WITHDRAWN = "withdrawn", _("Återkallad")  # the unit withdrew it; no longer matched

    reference = models.CharField(_("beställningsnummer"), max_length=20, unique=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="housing_requests",
        verbose_name=_("hushåll"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="housing_requests",
        verbose_name=_("beställande enhet"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="housing_requests",
        verbose_name=_("socialsekreterare"),
    )
    received_on = models.DateField(_("inkom"))
    usage_category = models.CharField(
        _("avsedd användning"), max_length=40, choices=Usage.Category.choices
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="housing_requests",
        verbose_name=_("betalande nämnd"),
    )
    household_size = models.PositiveSmallIntegerField(_("antal personer i hushållet"))
    rooms_wanted = models.PositiveSmallIntegerField(_("önskat antal rum"))
    needs_wheelchair_access = models.BooleanField(
        _("behöver tillgänglighet för rullstol"), default=False
    )
    needs_ground_floor_or_lift = models.BooleanField(
        _("behöver bottenvåning eller hiss"), default=False
    )
    districts_preferred = models.JSONField(_("önskade områden"), default=list, blank=True)
    districts_avoided = models.JSONField(_("områden att undvika"), default=list, blank=True)
    other_needs = models.TextField(_("övriga behov"), blank=True)
    urgency = models.CharField(
        _("brådska"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    urgency_reason = models.TextField(_("skäl till brådska"), blank=True)
    needed_by = models.DateField(_("behövs senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    closed_on = models.DateField(_("avslutad"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("skäl till återkallelse"), blank=True)

    class Meta:
        ordering = ["received_on", "reference"]
        verbose_name = _("beställning av bostad")
        verbose_name_plural = _("beställningar av bostad")
        indexes = [
            # The pool the coordinator ranks is the waiting requests; the unit's list is its own.
            models.Index(fields=["status", "received_on"], name="request_status_received"),
            models.Index(fields=["unit", "status"], name="request_unit_status"),
            # The request list's order (open first, longest waiting first, then the most recently
            # closed): DESC puts NULLs (open) first on PostgreSQL, so a page is read off the index.
            models.Index(
                fields=["-closed_on", "received_on", "reference"], name="request_list_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(household_size__gte=1),
                name="request_household_not_empty",
                violation_error_message=_("Hushållet har minst en person."),
            ),
            models.CheckConstraint(
                condition=Q(rooms_wanted__gte=1),
                name="request_rooms_positive",
                violation_error_message=_("Ange minst ett rum."),
            ),
            models.CheckConstraint(
                condition=Q(urgency="normal") | ~Q(urgency_reason=""),
                name="request_urgency_has_reason",
                violation_error_message=_("Ange skälet till att behovet brådskar."),
            ),
            # One open request per household and kind (usage): a second would be matched twice.
            models.UniqueConstraint(
                fields=["household", "usage_category"],
                condition=Q(status__in=["waiting", "offered"]),
                name="request_one_open_per_household_kind",
                violation_error_message=_(
                    "Hushållet har redan en öppen beställning av samma slag."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.OFFERED)

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.household.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.unit_id


class Offer(PersonalDataModel):
    """A vacant apartment offered to a request (erbjudande). offered → accepted (a sublet is
    made in the same step), declined (with a catalogue reason), withdrawn or expired."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Erbjuden")  # waiting for the unit's and household's answer
        ACCEPTED = "accepted", _("Accepterad")  # the sublet is made; the request is housed
        DECLINED = "declined", _("Avböjd")  # said no; the vacancy returns to the pool
        WITHDRAWN = "withdrawn", _("Återtagen")  # the coordinator took the offer back
        EXPIRED = "expired", _("Utgången")  # no answer in time; closed by the coordinator

    request = models.ForeignKey(
        HousingRequest,
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("beställning"),
    )
    head_lease = models.ForeignKey(
        HeadLease, on_delete=models.PROTECT, related_name="offers", verbose_name=_("avtal")
    )
    apartment = models.ForeignKey(
        Apartment, on_delete=models.PROTECT, related_name="offers", verbose_name=_("objekt")
    )
    available_from = models.DateField(_("ledig från"))
    offered_on = models.DateField(_("erbjuden den"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("erbjuden av"),
    )
    # The ranking at the time of the offer, so the decision can be read later as it was made.
    score = models.PositiveSmallIntegerField(_("poäng"), default=0)
    explanation = models.TextField(_("motivering"), blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    state = models.CharField(_("läge"), max_length=20, choices=State.choices, default=State.OFFERED)
    answered_on = models.DateField(_("besvarad den"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    decline_reason = models.ForeignKey(
        DeclineReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("orsak till nej"),
    )
    answer_note = models.TextField(_("kommentar till svaret"), blank=True)
    sublet = models.OneToOneField(
        Sublet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer",
        verbose_name=_("andrahandskontrakt"),
    )

    class Meta:
        ordering = ["-offered_on", "-created_at"]
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        indexes = [
            # Work queue: open offers by the day they were made.
            models.Index(fields=["state", "offered_on"], name="offer_state_offered_on"),
            # The offer list's order (open first, then newest): a descending index puts NULLs
            # (unanswered) first on PostgreSQL, so a page of it is read off the index.
            models.Index(
                fields=["-answered_on", "-offered_on", "-created_at"], name="offer_list_order"
            ),
        ]
        constraints = [
            # The database backs the race the service settles under a row lock: one open offer
            # per head lease, and one per request.
            models.UniqueConstraint(
                fields=["head_lease"],
                condition=Q(state="offered"),
                name="offer_one_open_per_head_lease",
                violation_error_message=_("Objektet är redan erbjudet."),
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state="offered"),
                name="offer_one_open_per_request",
                violation_error_message=_("Beställningen har redan ett öppet erbjudande."),
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | Q(decline_reason__isnull=False),
                name="offer_declined_has_reason",
                violation_error_message=_("Ange orsaken till nej."),
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(sublet__isnull=False),
                name="offer_accepted_has_sublet",
                violation_error_message=_("Ett accepterat erbjudande har ett andrahandskontrakt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} – {self.apartment}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OFFERED

    def audit_people(self) -> Sequence[AuditPerson]:
        return self.request.audit_people()

    def audit_unit_id(self) -> int | None:
        return self.request.unit_id
