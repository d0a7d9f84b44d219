"""Retention (gallring) of households and persons with no activity for the retention period.

A household's last activity is the latest of its own change, its members' changes and moves,
and its interventions. Deleting it keeps its interventions for the statistics, without the
household (they become anonymous, like an anonymous advice case). A person is due when their
own record is old and every household they belonged to is gone or due too. Records another
module still needs (a sublet, a prevention case) are kept: their own retention rules go first."""

from datetime import date, datetime

from django.db.models import Max, Q
from django.utils import timezone

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.retention import RetentionRule
from bosam.households.models import Household, Intervention, Person
from bosam.households.rules import is_due_for_retention, retention_cutoff


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


def household_last_activity(household: Household) -> date:
    """The latest day anything happened to the household (from the annotations below)."""
    days = [
        _day(household.updated_at),
        _day(getattr(household, "last_member_change", None)),
        _day(getattr(household, "last_member_end", None)),
        _day(getattr(household, "last_member_start", None)),
        _day(getattr(household, "last_intervention", None)),
    ]
    return max(day for day in days if day is not None)


def households_due(today: date, years: int) -> list[Household]:
    cutoff = retention_cutoff(today, years)
    # Only a household whose own row is old can be due; the rest is checked per household.
    candidates = Household.objects.filter(updated_at__date__lt=cutoff).annotate(
        last_member_change=Max("memberships__updated_at"),
        last_member_end=Max("memberships__end_date"),
        last_member_start=Max("memberships__start_date"),
        last_intervention=Max("interventions__performed_on"),
    )
    return [
        h
        for h in candidates.order_by("created_at")
        if is_due_for_retention(household_last_activity(h), today=today, years=years)
    ]


def household_delete(household: Household) -> None:
    audit_record(
        actor=None,
        action=AuditAction.DELETE,
        obj=household,
        reason="Gallring: ingen aktivitet under gallringsfristen",
    )
    # The interventions stay in the statistics, without the household.
    Intervention.objects.filter(household=household).update(household=None)
    household.delete()


def persons_due(today: date, years: int) -> list[Person]:
    """Old person records not in any household that is kept."""
    cutoff = retention_cutoff(today, years)
    kept_households = Household.objects.exclude(pk__in=[h.pk for h in households_due(today, years)])
    return list(
        Person.objects.filter(updated_at__date__lt=cutoff, merged_into__isnull=True)
        .exclude(Q(memberships__household__in=kept_households))
        .distinct()
        .order_by("created_at")
    )


def person_delete(person: Person) -> None:
    """Delete a person and the merged-away records of the same person."""
    for record in [*Person.objects.filter(merged_into=person), person]:
        audit_record(
            actor=None,
            action=AuditAction.DELETE,
            obj=record,
            reason="Gallring: ingen aktivitet under gallringsfristen",
        )
        record.memberships.all().delete()
        record.delete()


RETENTION_RULES = [
    # Households before persons: a person is freed when their last household goes.
    RetentionRule(
        key="households",
        label="Hushåll utan aktivitet",  # i18n: not UI
        due=households_due,
        delete=household_delete,  # type: ignore[arg-type]
    ),
    RetentionRule(
        key="persons",
        label="Personer utan hushåll och utan aktivitet",  # i18n: not UI
        due=persons_due,
        delete=person_delete,  # type: ignore[arg-type]
    ),
]
