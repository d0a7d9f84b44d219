"""The schedule's record of what ran, the worker's sign of life, and the day's reminders."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bosam.core.models import BaseModel


class ScheduledRun(BaseModel):
    """One run of one scheduled job for one period (a day, a month, an hour). The pair is
    unique, so a job is done once per period however often the schedule is looked at."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")  # enqueued, the worker has not started it
        RUNNING = "running", _("Pågår")  # the worker is running it
        DONE = "done", _("Klar")  # finished; `result` says what it did
        FAILED = "failed", _("Misslyckades")  # `result` says what failed

    job = models.CharField(_("jobb"), max_length=40)
    period = models.CharField(_("period"), max_length=20)  # 2026-12-03, 2026-12, 2026-12-03T14
    due_at = models.DateTimeField(_("skulle köras"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    result = models.TextField(_("resultat"), blank=True)

    class Meta:
        ordering = ["-due_at"]
        verbose_name = _("schemalagd körning")
        verbose_name_plural = _("schemalagda körningar")
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")
        ]
        indexes = [models.Index(fields=["job", "-due_at"], name="scheduled_run_job_due")]

    def __str__(self) -> str:
        return f"{self.job} {self.period} {self.status}"


class Reminder(BaseModel):
    """A reminder the schedule raised for a day (a deadline, a planned follow-up). `key` says
    what it is about, so the same reminder is raised once however often the day is run. The
    inbox that shows reminders to people is built on these rows."""

    key = models.CharField(max_length=200, unique=True)
    day = models.DateField(_("dag"), db_index=True)
    kind = models.CharField(_("slag"), max_length=40)
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    unit_id = models.BigIntegerField(null=True, blank=True)  # the unit the reminder is for

    class Meta:
        ordering = ["day", "kind"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")

    def __str__(self) -> str:
        return f"{self.day} {self.kind}"
