"""Published annual reports and PDF generation jobs.

A published report keeps what it said: each figure's value, the ids of the records it counted and
its breakdown, plus the PDF bytes. Later changes to records never rewrite it; the report page
compares the published figures with today's instead.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.core.models import BaseModel


class PublishedReport(BaseModel):
    """The annual report of one year as a manager published it."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    published_at = models.DateTimeField(_("publicerad"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    # The threshold the PDF and the committee readers' view were suppressed with.
    suppression_threshold = models.PositiveSmallIntegerField(_("gräns för små tal"))
    pdf = models.BinaryField(_("PDF"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("publicerad årsrapport")
        verbose_name_plural = _("publicerade årsrapporter")

    def __str__(self) -> str:
        return str(_("Årsrapport %(year)s") % {"year": self.year})


class PublishedFigure(BaseModel):
    """One figure of a published report, for the whole municipality (no committee) or one
    committee, with the earlier year's value as it was shown beside it."""

    report = models.ForeignKey(PublishedReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(_("figur"), max_length=60)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nämnd"),
    )
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2, null=True)
    previous_value = models.DecimalField(
        _("föregående års värde"), max_digits=14, decimal_places=2, null=True
    )
    note = models.CharField(_("not"), max_length=200, blank=True)
    model_label = models.CharField(_("posttyp"), max_length=60)

    class Meta:
        ordering = ["report", "key"]
        verbose_name = _("publicerad figur")
        verbose_name_plural = _("publicerade figurer")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key", "committee"], name="published_figure_once"
            ),
            # NULLs are distinct in a unique constraint: the municipality row needs its own.
            models.UniqueConstraint(
                fields=["report", "key"],
                condition=Q(committee__isnull=True),
                name="published_figure_once_for_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.key}"


class ReportJob(BaseModel):
    """A PDF being generated in the background; the page polls it for progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")  # created, the worker has not started
        RUNNING = "running", _("Pågår")  # the worker is computing or rendering
        DONE = "done", _("Klar")  # the PDF is ready to download
        FAILED = "failed", _("Misslyckades")  # see `error`

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveSmallIntegerField(_("år"))
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=100, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapportjobb")
        verbose_name_plural = _("rapportjobb")

    def __str__(self) -> str:
        return f"{self.year} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class PublishedFigureRecord(BaseModel):
    """A record a published figure counted, so the figure drills down to what it counted then."""

    figure = models.ForeignKey(PublishedFigure, on_delete=models.CASCADE, related_name="records")
    # A string: interventions have UUIDs, head leases integers.
    record_id = models.CharField(_("post-id"), max_length=64)

    class Meta:
        ordering = ["figure", "record_id"]
        verbose_name = _("räknad post")
        verbose_name_plural = _("räknade poster")
        indexes = [
            # "Which published figures counted this record?" when a record changes later.
            models.Index(fields=["record_id"], name="published_record_id"),
        ]

    def __str__(self) -> str:
        return self.record_id


class PublishedBreakdownRow(BaseModel):
    """One row of a published figure's breakdown, with the earlier year's value beside it."""

    figure = models.ForeignKey(
        PublishedFigure, on_delete=models.CASCADE, related_name="breakdown_rows"
    )
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    previous_value = models.DecimalField(max_digits=14, decimal_places=2, null=True)

    class Meta:
        ordering = ["figure", "position"]
        verbose_name = _("publicerad uppdelning")
        verbose_name_plural = _("publicerade uppdelningar")

    def __str__(self) -> str:
        return self.label
