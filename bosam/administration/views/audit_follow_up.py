"""Log follow-up (logguppföljning): who read person X, whom user Y read, reads outside the
reader's own unit. Reading the log is itself a read of personal data, so it is audited too."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from bosam.accounts.models import User
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability, Role
from bosam.administration.forms import AuditFollowUpForm
from bosam.audit.models import AuditAction
from bosam.audit.selectors import AuditFilter, audit_event_search, privilege_changes
from bosam.audit.services import AuditPerson, audit_record
from bosam.core.export import csv_response
from bosam.households.models import Person
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number

FOLLOW_UP_OBJECT = "audit.follow_up"
EXPORT_LIMIT = 100_000  # a CSV larger than this is not a follow-up but a copy of the log


def _persons_for(number: str) -> list[Person]:
    """The person with the number and every record merged into them: the same human being."""
    try:
        digits = parse_personal_number(number).digits
    except InvalidPersonalNumber:
        return []
    person = Person.objects.filter(personal_number=digits).first()
    if person is None:
        return []
    return [person, *Person.objects.filter(merged_into=person)]


def _filters(form: AuditFollowUpForm) -> tuple[AuditFilter, list[Person]]:
    data = form.cleaned_data
    persons: list[Person] = []
    person_ids = None
    if data["personal_number"]:
        persons = _persons_for(data["personal_number"])
        person_ids = tuple(p.pk for p in persons)
    actor: User | None = data["actor"]
    return (
        AuditFilter(
            person_ids=person_ids,
            actor_id=actor.pk if actor else None,
            actor_role=data["actor_role"],
            outside_own_unit=data["outside_own_unit"],
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        ),
        persons,
    )


def _describe(form: AuditFollowUpForm) -> str:
    """The question asked, in the follow-up's own audit row (without the full number)."""
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", False):
            continue
        if name == "personal_number":
            value = str(value)[:8] + "-****"
        parts.append(f"{form.fields[name].label}: {value}")
    return "; ".join(parts)[:1000]


def _audit_reading(
    request: AuthedHttpRequest, form: AuditFollowUpForm, persons: list[Person], action: str
) -> None:
    audit_record(
        actor=request.user,
        action=action,
        object_type=FOLLOW_UP_OBJECT,
        people=[AuditPerson(id=p.pk, label=p.full_name) for p in persons],
        reason=_describe(form),
    )


def _rows(events: Any, role_labels: dict[str, str]) -> list[list[Any]]:
    return [
        [
            e.occurred_at,
            e.actor_username,
            role_labels.get(e.actor_role, e.actor_role),
            e.get_action_display(),
            e.object_type,
            e.object_label,
            e.person_label,
            _("Ja") if e.outside_own_unit else _("Nej"),
            e.ip_address or "",
            e.reason,
        ]
        for e in events
    ]


def headers() -> list[str]:
    """Column names of the export, in the user's language."""
    return [
        _("Tidpunkt"),
        _("Användare"),
        _("Roll"),
        _("Händelse"),
        _("Posttyp"),
        _("Post"),
        _("Person"),
        _("Utanför egen enhet"),
        _("Adress"),
        _("Angivet skäl"),
    ]


@capability_required(Capability.AUDIT_FOLLOW_UP)
def audit_follow_up(request: AuthedHttpRequest) -> HttpResponse:
    form = AuditFollowUpForm(request.GET or None)
    context: dict[str, Any] = {
        "form": form,
        "searched": False,
        "privilege_changes": privilege_changes(user=request.user),
    }
    if not (request.GET and form.is_valid()):
        return TemplateResponse(request, "administration/audit_follow_up.html", context)
    filters, persons = _filters(form)
    events = audit_event_search(user=request.user, filters=filters)
    role_labels = {str(value): str(label) for value, label in Role.choices}
    if request.GET.get("format") == "csv":
        _audit_reading(request, form, persons, AuditAction.EXPORT)
        rows = _rows(events[:EXPORT_LIMIT].iterator(chunk_size=2000), role_labels)
        return csv_response("logguppfoljning", headers(), rows)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    rows = _rows(page.object_list, role_labels)  # before this read's own row is written
    _audit_reading(request, form, persons, AuditAction.VIEW)
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    context.update(
        searched=True,
        page=page,
        persons=persons,
        headers=headers(),
        rows=rows,
        number_not_found=bool(form.cleaned_data["personal_number"]) and not persons,
        csv_query=query.urlencode(),
    )
    return TemplateResponse(request, "administration/audit_follow_up.html", context)
