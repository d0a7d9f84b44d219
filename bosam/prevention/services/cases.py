"""Writes on prevention cases: open or join, outreach, stay-in-home interventions, closing."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.models import Household, Intervention, InterventionType
from bosam.households.services import intervention_record
from bosam.prevention import rules
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import Notification, OutreachAttempt, PreventionCase

CONTACT_RESULTS = {OutreachAttempt.Result.REACHED, OutreachAttempt.Result.DECLINED}


def _children_count(household: Household, on: date) -> int:
    return sum(1 for m in household.current_members_cached() if m.person.is_child_on(on))


def _ensure_open(case: PreventionCase) -> None:
    if not case.is_open:
        raise PreventionError(
            _("Ärendet är avslutat. Öppna ett nytt ärende genom en ny underrättelse."),
            code=PreventionErrorCode.CASE_CLOSED,
        )


@transaction.atomic
def prevention_case_open_or_join(
    *, household: Household, opened_on: date, opened_by: Any
) -> tuple[PreventionCase, bool]:
    """The household's open case, or a new one. Returns (case, created)."""
    # Lock the household row so two notifications at once cannot open two cases.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    case = PreventionCase.objects.filter(
        household=household, status=PreventionCase.Status.OPEN
    ).first()
    if case is not None:
        return case, False
    case = PreventionCase(
        household=household,
        opened_on=opened_on,
        caseworker=opened_by if getattr(opened_by, "is_authenticated", False) else None,
        children_count=_children_count(household, opened_on),
    )
    case.full_clean()
    case.save()
    audit_record(actor=opened_by, action=AuditAction.CREATE, obj=case)
    return case, True


def prevention_case_refresh(*, case: PreventionCase) -> PreventionCase:
    """Store the case's deadlines and latest debt, derived from its notifications."""
    notifications = list(case.notifications.order_by("received_on", "created_at"))
    frist, eviction = rules.case_deadlines(
        rules.NotificationDeadlines(
            received_on=n.received_on,
            atervinningsfrist_ends_on=n.atervinningsfrist_ends_on,
            eviction_date=n.eviction_date,
        )
        for n in notifications
    )
    case.atervinningsfrist_ends_on = frist
    case.atervinningsfrist_provisional = rules.case_frist_provisional(
        rules.NotificationDeadlines(
            received_on=n.received_on,
            atervinningsfrist_ends_on=n.atervinningsfrist_ends_on,
            eviction_date=n.eviction_date,
            atervinningsfrist_provisional=n.atervinningsfrist_provisional,
        )
        for n in notifications
    )
    case.eviction_date = eviction
    amounts = [n.debt_amount for n in notifications if n.debt_amount is not None]
    case.debt_amount = amounts[-1] if amounts else None
    case.save(
        update_fields=[
            "atervinningsfrist_ends_on",
            "atervinningsfrist_provisional",
            "eviction_date",
            "debt_amount",
        ]
    )
    return case


@transaction.atomic
def outreach_record(
    *,
    case: PreventionCase,
    method: str,
    made_on: date,
    result: str,
    made_by: Any,
    note: str = "",
    letter_text: str = "",
) -> OutreachAttempt:
    """An attempt to reach the household. The first one that reached someone sets the case's
    first contact (the figure 'days to first contact' is measured to it)."""
    _ensure_open(case)
    if made_on > timezone.localdate():
        raise PreventionError(
            _("Datumet kan inte ligga i framtiden."),
            code=PreventionErrorCode.INVALID_DATE,
            extra={"field": "made_on"},
        )
    attempt = OutreachAttempt(
        case=case,
        method=method,
        made_on=made_on,
        result=result,
        note=note,
        letter_text=letter_text,
        made_by=made_by if getattr(made_by, "is_authenticated", False) else None,
    )
    attempt.full_clean()
    attempt.save()
    if result in CONTACT_RESULTS and (
        case.first_contact_on is None or made_on < case.first_contact_on
    ):
        case.first_contact_on = made_on
        case.save(update_fields=["first_contact_on", "updated_at"])
    audit_record(actor=made_by, action=AuditAction.CREATE, obj=attempt)
    return attempt


@transaction.atomic
def case_intervention_record(
    *, case: PreventionCase, type_code: str, performed_on: date, performed_by: Any, notes: str = ""
) -> Intervention:
    """A stay-in-home intervention (kvarboende insats) in the case; the annual report counts it."""
    _ensure_open(case)
    kind = InterventionType.objects.filter(code=type_code).values_list("kind", flat=True).first()
    if kind != InterventionType.Kind.KVARBOENDE:
        raise PreventionError(
            _("Välj en kvarboendeinsats ur katalogen."),
            code=PreventionErrorCode.NOT_INTERVENTION,
            extra={"field": "type_code"},
        )
    if performed_on > timezone.localdate():
        raise PreventionError(
            _("Datumet kan inte ligga i framtiden."),
            code=PreventionErrorCode.INVALID_DATE,
            extra={"field": "performed_on"},
        )
    unit = getattr(performed_by, "unit", None)
    return intervention_record(
        household=case.household,
        type_code=type_code,
        performed_on=performed_on,
        performed_by=performed_by,
        source=case,
        unit=unit,
        committee=unit.office.committee if unit is not None else None,
        notes=notes,
    )


@transaction.atomic
def case_illness_note_save(*, case: PreventionCase, note: str, saved_by: Any) -> PreventionCase:
    """The illness exception of 12 kap. 44 § JB (illness or a similar unforeseen circumstance kept
    the tenant from paying within the frist, and they paid as soon as they could): recorded as a
    note on the case for the court. It starts no new clock; the frist stays as it is."""
    _ensure_open(case)
    case.illness_note = note.strip()
    case.full_clean()
    case.save(update_fields=["illness_note", "updated_at"])
    audit_record(actor=saved_by, action=AuditAction.UPDATE, obj=case)
    return case


@transaction.atomic
def prevention_case_close(
    *,
    case: PreventionCase,
    outcome: str,
    closed_on: date,
    closed_by: Any,
    stayed_because: str = "",
    note: str = "",
) -> PreventionCase:
    """Close the case with its outcome. A household that stayed says how (debt paid, payment
    plan …); the children in the household on the closing day are stored for the figures."""
    _ensure_open(case)
    if outcome == PreventionCase.Outcome.KVARBOENDE and not stayed_because:
        raise PreventionError(
            _("Ange hur hushållet kunde bo kvar."),
            code=PreventionErrorCode.OUTCOME_INVALID,
            extra={"field": "stayed_because"},
        )
    if closed_on < case.opened_on or closed_on > timezone.localdate():
        raise PreventionError(
            _("Avslutsdatumet ska ligga mellan ärendets start och i dag."),
            code=PreventionErrorCode.INVALID_DATE,
            extra={"field": "closed_on"},
        )
    case.status = PreventionCase.Status.CLOSED
    case.outcome = outcome
    case.stayed_because = stayed_because if outcome == PreventionCase.Outcome.KVARBOENDE else ""
    case.closed_on = closed_on
    case.outcome_note = note
    case.children_count = _children_count(case.household, closed_on)
    case.full_clean()
    case.save()
    audit_record(actor=closed_by, action=AuditAction.UPDATE, obj=case)
    return case


def notification_kind_apply(notification: Notification) -> None:
    """Make kind, stage and cause agree (not saved here): a notification given only a stage and
    cause gets its kind from them; a kind sets the stage and cause it implies."""
    if not notification.kind or notification.kind == Notification.Kind.OTHER:
        notification.kind = rules.kind_from_stage(notification.stage, notification.cause)
    stage, cause = rules.KIND_STAGE_CAUSE.get(notification.kind, ("", ""))
    notification.stage = stage or notification.stage or Notification.Stage.TERMINATION
    notification.cause = cause or notification.cause or Notification.Cause.OTHER


def notification_deadlines_apply(notification: Notification) -> None:
    """Derive and set the notification's kind and återvinningsfrist (not saved here): from the
    later of the two notices, provisional while one of them is missing."""
    notification_kind_apply(notification)
    frist = rules.atervinningsfrist(
        kind=notification.kind,
        served_on=notification.notice_served_on,
        committee_notice_on=notification.committee_notice_on,
    )
    notification.atervinningsfrist_ends_on = frist.ends_on if frist else None
    notification.atervinningsfrist_provisional = bool(frist and frist.provisional)
