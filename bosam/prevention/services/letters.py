"""Outreach letters: the unit's own templates, and a letter sent as an outreach attempt."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.prevention import rules
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import LetterTemplate, OutreachAttempt, PreventionCase
from bosam.prevention.services.cases import outreach_record


@transaction.atomic
def letter_template_save(
    *,
    saved_by: Any,
    name: str,
    subject: str,
    body: str,
    active: bool = True,
    template: LetterTemplate | None = None,
) -> LetterTemplate:
    """Create or change a letter template; a placeholder the letter cannot fill is refused."""
    unknown = rules.unknown_placeholders(subject + "\n" + body)
    if unknown:
        raise PreventionError(
            _("Okänd platshållare: %(unknown)s. Använd: %(known)s")
            % {
                "unknown": ", ".join("{{ " + u + " }}" for u in unknown),
                "known": ", ".join(rules.LETTER_PLACEHOLDERS),
            },
            code=PreventionErrorCode.TEMPLATE_INVALID,
            extra={"field": "body"},
        )
    template = template or LetterTemplate()
    template.name = name.strip()
    template.subject = subject.strip()
    template.body = body
    template.active = active
    template.updated_by = saved_by
    template.full_clean()
    template.save()
    return template


def letter_values(*, case: PreventionCase, sender: Any, today: date) -> dict[str, str]:
    """What the placeholders are filled with, from the case's latest notification."""
    household = case.household
    members = household.current_members_cached()
    applicant = members[0].person.full_name if members else ""
    latest = case.notifications.select_related("landlord").order_by("-received_on").first()
    return {
        "namn": applicant,
        "adress": household.street_address or (latest.street_address if latest else ""),
        "postadress": f"{household.postcode} {household.town}".strip(),
        "hyresvard": latest.landlord.name if latest and latest.landlord else "",
        "skuld": rules.format_amount(case.debt_amount),
        "sista_dag": f"{case.atervinningsfrist_ends_on:%Y-%m-%d}"
        if case.atervinningsfrist_ends_on
        else "",
        "handlaggare": getattr(sender, "display_name", ""),
        "datum": f"{today:%Y-%m-%d}",
    }


@transaction.atomic
def outreach_letter_send(
    *, case: PreventionCase, template: LetterTemplate, made_by: Any, made_on: date
) -> OutreachAttempt:
    """Record a letter as an outreach attempt, with its text as sent (for re-printing)."""
    values = letter_values(case=case, sender=made_by, today=made_on)
    text = (
        rules.render_letter(template.subject, values)
        + "\n\n"
        + rules.render_letter(template.body, values)
    )
    attempt = outreach_record(
        case=case,
        method=OutreachAttempt.Method.LETTER,
        made_on=made_on,
        result=OutreachAttempt.Result.SENT,
        made_by=made_by,
        note=template.name,
        letter_text=text,
    )
    audit_record(actor=made_by, action=AuditAction.EXPORT, obj=case, reason=template.name)
    return attempt
