"""What each scheduled job does, for one period's day. Each returns a short summary (counts
and contract numbers, never names) that the schedule keeps as the run's result. Changes to
records go through the same services a user calls, with the system account as the actor."""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext

from bosam.accounts.models import User
from bosam.audit.models import AuditEvent
from bosam.audit.trail_retention import audit_partitions_ensure, audit_trail_retention_apply
from bosam.core.errors import ApplicationError
from bosam.core.reminding import reminders_due
from bosam.core.retention import all_rules
from bosam.properties.models import HeadLease
from bosam.properties.services.head_leases import head_lease_end
from bosam.reporting.services import report_jobs_fail_stale
from bosam.scheduling.models import Reminder, ScheduledRun
from bosam.tenancies import rules as tenancy_rules
from bosam.tenancies.models import Sublet, SubletEndReason
from bosam.tenancies.services.rent import rent_charges_generate
from bosam.tenancies.services.sublets import sublet_end

logger = logging.getLogger(__name__)

SYSTEM_USERNAME = "bosam-system"
# The end reason the schedule gives a sublet whose agreed end date has passed (tenancies/0003).
PERIOD_ENDED = "period_ended"
# The head lease's end reason when its agreed end date passed: the apartment goes back.
LEASE_PERIOD_ENDED = "returned_to_landlord"


class JobFailed(Exception):
    """A job that did part of its work and says, in Swedish, what it could not do."""


def system_user() -> User:
    """The actor of what the schedule does: a service account that cannot log in."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Bosam", "last_name": "(systemet)", "is_service_account": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def stale_tasks_fail(day: date) -> str:
    """A background job that has not reported progress for BOSAM_TASK_STALE_MINUTES is failed
    (its page then offers a retry) instead of spinning for ever."""
    minutes = settings.BOSAM_TASK_STALE_MINUTES
    cutoff = timezone.now() - timedelta(minutes=minutes)
    reports = report_jobs_fail_stale(older_than=cutoff, minutes=minutes)
    runs = ScheduledRun.objects.filter(
        status=ScheduledRun.Status.RUNNING, started_at__lt=cutoff
    ).update(
        status=ScheduledRun.Status.FAILED,
        finished_at=timezone.now(),
        result=gettext("Avbröts: inga framsteg på %(minutes)d minuter.") % {"minutes": minutes},
    )
    return gettext("%(reports)d rapportjobb och %(runs)d schemalagda körningar avbrutna.") % {
        "reports": reports,
        "runs": runs,
    }


def ends_apply(day: date) -> str:
    """Sublets whose end date has passed are ended (the household can be placed again), then
    head leases whose end date has passed leave the portfolio."""
    user = system_user()
    reason = SubletEndReason.objects.get(code=PERIOD_ENDED)
    note = gettext("Slutdatumet har passerat; avslutat av systemet.")
    ended: list[str] = []
    refused: list[str] = []
    for sublet in Sublet.objects.filter(
        status=Sublet.Status.ACTIVE, end_date__lt=day
    ).select_related("head_lease"):
        assert sublet.end_date is not None
        try:
            sublet_end(
                sublet=sublet, ended_by=user, end_date=sublet.end_date, reason=reason, note=note
            )
        except ApplicationError as exc:
            refused.append(f"{sublet.number}: {exc.message}")
        else:
            ended.append(sublet.number)
    leases: list[str] = []
    for lease in HeadLease.objects.filter(end_reason__isnull=True, end_date__lt=day):
        assert lease.end_date is not None
        if lease.sublets.filter(status=Sublet.Status.ACTIVE).exists():
            refused.append(
                gettext("%(number)s: ett andrahandskontrakt löper fortfarande")
                % {"number": lease.number}
            )
            continue
        try:
            head_lease_end(
                head_lease=lease,
                end_date=lease.end_date,
                reason=LEASE_PERIOD_ENDED,
                note=note,
                by=user,
            )
        except ApplicationError as exc:
            refused.append(f"{lease.number}: {exc.message}")
        else:
            leases.append(lease.number)
    summary = gettext("Avslutade kontrakt: %(sublets)s. Avslutade avtal: %(leases)s.") % {
        "sublets": ", ".join(ended) or "0",
        "leases": ", ".join(leases) or "0",
    }
    if refused:
        raise JobFailed(
            summary + " " + gettext("Kunde inte avslutas: %(list)s") % {"list": "; ".join(refused)}
        )
    return summary


def retention_run(day: date) -> str:
    """Gallring: a dry-run report of what is due, or deletion when the municipality turned it
    on (BOSAM_RETENTION_DELETE). A record still referred to is kept."""
    apply = settings.BOSAM_RETENTION_DELETE
    by_rule: dict[str, int] = settings.BOSAM_RETENTION_YEARS_BY_RULE
    lines: list[str] = []
    for rule in all_rules():
        years = by_rule.get(rule.key, settings.BOSAM_RETENTION_YEARS)
        due = list(rule.due(day, years))
        line = gettext("%(label)s (%(years)d år): %(count)d att gallra") % {
            "label": rule.label,
            "years": years,
            "count": len(due),
        }
        if apply:
            deleted = kept = 0
            for record in due:
                try:
                    with transaction.atomic():
                        rule.delete(record)
                except (ProtectedError, RestrictedError):
                    kept += 1
                else:
                    deleted += 1
            line += gettext(", %(deleted)d raderade, %(kept)d behålls") % {
                "deleted": deleted,
                "kept": kept,
            }
        lines.append(line)
    lines.append(_audit_trail_retention(day, apply=apply))
    head = gettext("Gallring.") if apply else gettext("Torrkörning, inget raderat.")
    return f"{head} {'; '.join(lines)}"


def _audit_trail_retention(day: date, *, apply: bool) -> str:
    """The audit trail's own retention (BOSAM_AUDIT_RETENTION_YEARS), the only way events leave
    it: whole years dropped when deletion is on, otherwise counted. Next year's partition is made
    ahead either way, so new events never land in the default partition."""
    audit_partitions_ensure(today=day)
    years: int = settings.BOSAM_AUDIT_RETENTION_YEARS
    if apply:
        result = audit_trail_retention_apply(today=day)
        count, before = result.deleted, result.kept_from
    else:
        before = date(day.year - years, 1, 1)
        # A bound on the column itself, so the index (or the partitions) answers.
        start = timezone.make_aware(datetime.combine(before, time.min))
        count = AuditEvent.objects.filter(occurred_at__lt=start).count()
    return gettext("loggen (%(years)d år): %(count)d händelser före %(before)s") % {
        "years": years,
        "count": count,
        "before": before.isoformat(),
    }


def rents_charge(day: date) -> str:
    """Next month's rent for every running sublet not yet charged (idempotent per sublet)."""
    month = tenancy_rules.add_months(day.replace(day=1), 1)
    charges = rent_charges_generate(month=month, charged_by=system_user())
    return gettext("%(month)s: %(count)d hyresavier skapade.") % {
        "month": f"{month:%Y-%m}",
        "count": len(charges),
    }


def reminders_raise(day: date) -> str:
    """Record the day's reminders from every app's `reminders.py`, each once."""
    created = 0
    for due in reminders_due(day):
        _, new = Reminder.objects.get_or_create(
            key=due.key,
            defaults={
                "day": day,
                "kind": due.kind,
                "text": due.text[:300],
                "url": due.url,
                "unit_id": due.unit_id,
            },
        )
        created += int(new)
    return gettext("%(count)d påminnelser för %(day)s.") % {
        "count": created,
        "day": day.isoformat(),
    }
