"""Pure rules of eviction prevention: statutory deadlines, the work queue's order, duplicate
detection and reading a landlord's list row. No database, no Django.

Law: Jordabalken 12 kap. 44 § (the återvinningsfrist and the notice to the social welfare
committee), lag (1930:173) om beräkning av lagstadgad tid (a period ending on a closed day ends on
the next working day).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from bosam.core.i18n import gettext as _
from bosam.core.i18n import gettext_noop
from bosam.core.tabular import parse_swedish_date, parse_swedish_decimal
from bosam.core.working_days import next_working_day_if_closed
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number

ATERVINNINGSFRIST = timedelta(weeks=3)
# A case whose next deadline is this close and nobody has been reached stands out in the queue.
URGENT_WITHIN_DAYS = 7


def atervinningsfrist_ends_on(notice_served_on: date | None) -> date | None:
    """The last day the tenant can pay (or the committee undertake in writing to pay) and keep
    the lease: three weeks from the day the notice was served (12 kap. 44 § JB); a period that
    ends on a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve
    ends on the next working day (1930:173, 2 §). None when no notice has been served."""
    if notice_served_on is None:
        return None
    return next_working_day_if_closed(notice_served_on + ATERVINNINGSFRIST)


def eviction_date_error(
    *, eviction_date: date | None, notice_served_on: date | None, received_on: date
) -> str:
    """Why an eviction date cannot be right, or '' when it can. An eviction follows the
    termination; a date before the notice was served is a typing error."""
    if eviction_date is None:
        return ""
    if notice_served_on is not None and eviction_date < notice_served_on:
        return _("Avhysningsdatumet kan inte ligga före delgivningen av uppsägningen.")
    if eviction_date < received_on - timedelta(days=365):
        return _("Avhysningsdatumet ligger mer än ett år före underrättelsen.")
    return ""


@dataclass(frozen=True)
class NotificationDeadlines:
    received_on: date
    atervinningsfrist_ends_on: date | None
    eviction_date: date | None


def case_deadlines(
    notifications: Iterable[NotificationDeadlines],
) -> tuple[date | None, date | None]:
    """The case's återvinningsfrist and eviction date from its notifications: the latest notice's
    frist (a new termination starts a new period), and the eviction date of the most recently
    received notification that gives one (the Enforcement Authority may move the date)."""
    items = list(notifications)
    frists = [n.atervinningsfrist_ends_on for n in items if n.atervinningsfrist_ends_on]
    with_eviction = [n for n in items if n.eviction_date]
    eviction = (
        max(with_eviction, key=lambda n: n.received_on).eviction_date if with_eviction else None
    )
    return (max(frists) if frists else None), eviction


def next_deadline(
    *, atervinningsfrist_ends_on: date | None, eviction_date: date | None, today: date
) -> date | None:
    """The nearest statutory deadline that has not passed; None when none is known or all passed.
    The eviction date is the last deadline; once the frist has passed it is the one that counts."""
    upcoming = [d for d in (atervinningsfrist_ends_on, eviction_date) if d and d >= today]
    return min(upcoming) if upcoming else None


def days_left(deadline: date | None, today: date) -> int | None:
    return (deadline - today).days if deadline else None


@dataclass(frozen=True)
class QueueFacts:
    """What the work queue knows about an open case."""

    case_id: object
    deadline: date | None  # next_deadline(...)
    has_children: bool
    contacted: bool
    opened_on: date


def urgency_key(facts: QueueFacts) -> tuple[int, int, int, int, date]:
    """Most urgent first: the nearest statutory deadline (none known goes last), then households
    with children, then those not yet contacted, then the oldest case."""
    return (
        0 if facts.deadline else 1,
        facts.deadline.toordinal() if facts.deadline else 0,
        0 if facts.has_children else 1,
        1 if facts.contacted else 0,
        facts.opened_on,
    )


def work_queue_order(items: Iterable[QueueFacts]) -> list[QueueFacts]:
    return sorted(items, key=urgency_key)


def stands_out(
    *, deadline: date | None, contacted: bool, today: date, within_days: int = URGENT_WITHIN_DAYS
) -> bool:
    """A deadline within `within_days` and nobody reached yet: the case must stand out."""
    return deadline is not None and not contacted and (deadline - today).days <= within_days


def notification_period(day: date) -> date:
    """The month a notification concerns, as its first day."""
    return day.replace(day=1)


def duplicate_key(
    *, personal_number: str, landlord_id: object, period: date, stage: str
) -> tuple[str, str, date, str]:
    """The same tenant notified by the same landlord for the same month at the same stage is the
    same notification sent twice."""
    return (personal_number, str(landlord_id or ""), notification_period(period), stage)


def days_to_first_contact(received_on: date, first_contact_on: date | None) -> int | None:
    """Calendar days from the first notification to the first contact; None if never reached.
    Contact before the notification (already known to the unit) counts as 0."""
    if first_contact_on is None:
        return None
    return max(0, (first_contact_on - received_on).days)


def median(values: Iterable[int]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


# --- Reading one row of a landlord's arrears list ---------------------------------------------


@dataclass(frozen=True)
class ImportField:
    key: str
    name: str  # Swedish, marked for the catalogue; `label` is the name in the user's language
    required: bool
    synonyms: tuple[str, ...]

    @property
    def label(self) -> str:
        """The field's name in forms and error messages, in the active language."""
        return _(self.name)


# The synonyms are headings matched in landlords' files, not UI.
IMPORT_FIELDS: tuple[ImportField, ...] = (  # i18n: not UI
    ImportField(
        "personal_number", gettext_noop("Personnummer"), True, ("personnummer", "pnr", "personnr")
    ),
    ImportField("name", gettext_noop("Namn"), False, ("namn", "hyresgäst", "kund", "kundnamn")),
    ImportField(
        "street_address", gettext_noop("Adress"), True, ("adress", "gatuadress", "objektadress")
    ),
    ImportField("postcode", gettext_noop("Postnummer"), False, ("postnummer", "postnr")),
    ImportField("town", gettext_noop("Ort"), False, ("ort", "postort")),
    ImportField(
        "landlord_reference", gettext_noop("Objektnummer"), False, ("objektnummer", "objekt", "lgh")
    ),
    ImportField(
        "debt_amount", gettext_noop("Skuld"), True, ("skuld", "belopp", "hyresskuld", "saldo")
    ),
    ImportField(
        "months_behind", gettext_noop("Antal månader"), False, ("månader", "antal månader", "mån")
    ),
    ImportField(
        "notice_served_on", gettext_noop("Uppsägning delgiven"), False, ("delgiven", "delgivning")
    ),
)


def import_field_labels() -> dict[str, str]:
    """Each field's name in the active language, by key."""
    return {f.key: f.label for f in IMPORT_FIELDS}


def _normalise_header(text: str) -> str:
    return re.sub(r"[^a-zåäö0-9 ]", "", text.lower()).strip()  # i18n: not UI


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """A first guess of which column holds which field, from common Swedish headings."""
    mapping: dict[str, str] = {}
    normalised = {_normalise_header(h): h for h in headers}
    for fld in IMPORT_FIELDS:
        for synonym in fld.synonyms:
            hit = next((orig for norm, orig in normalised.items() if synonym == norm), None)
            hit = hit or next((o for n, o in normalised.items() if n.startswith(synonym)), None)
            if hit and hit not in mapping.values():
                mapping[fld.key] = hit
                break
    return mapping


def mapping_errors(mapping: Mapping[str, str], headers: Iterable[str]) -> list[str]:
    """Why a mapping cannot be used on this file: a required field without a column, or a column
    the file does not have."""
    present = set(headers)
    errors = []
    for fld in IMPORT_FIELDS:
        column = mapping.get(fld.key, "")
        if fld.required and not column:
            errors.append(
                _("Välj vilken kolumn som innehåller %(field)s.") % {"field": fld.label.lower()}
            )
        elif column and column not in present:
            errors.append(
                _("Kolumnen %(column)r (%(field)s) finns inte i filen.")
                % {"column": column, "field": fld.label}
            )
    return errors


@dataclass
class ArrearsRow:
    line: int
    personal_number: str = ""
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    number_kind: str = ""  # households.rules.NumberKind's value, for a tenant not yet in Bosam
    street_address: str = ""
    postcode: str = ""
    town: str = ""
    landlord_reference: str = ""
    debt_amount: Decimal | None = None
    months_behind: int | None = None
    notice_served_on: date | None = None
    errors: list[str] = field(default_factory=list)  # "Rad 4, Skuld: 'abc' är inte ett belopp."


def split_name(text: str) -> tuple[str, str]:
    """'Andersson, Anna' or 'Anna Andersson' -> ('Anna', 'Andersson')."""
    text = " ".join((text or "").split())
    if "," in text:
        last, first = (part.strip() for part in text.split(",", 1))
        return first, last
    if " " in text:
        first, last = text.rsplit(" ", 1)
        return first, last
    return "", text


# A debt is stored with twelve digits, two of them öre (Notification.debt_amount).
MAX_DEBT_AMOUNT = Decimal("9999999999.99")
# A name part is stored in at most this many characters (Person.first_name, Person.last_name).
MAX_NAME_LENGTH = 100


def parse_debt_amount(text: str) -> Decimal:
    """'12 345,50 kr' -> Decimal('12345.50'); a negative debt is a credit, not arrears."""
    value = parse_swedish_decimal(text)
    if value < 0:
        raise ValueError(
            _("%(text)r är negativt; ange skulden som ett positivt belopp.") % {"text": text}
        )
    # Compared before rounding: rounding 1E+30 to öre exceeds the decimal precision and raises.
    if value > MAX_DEBT_AMOUNT or value.quantize(Decimal("0.01")) > MAX_DEBT_AMOUNT:
        raise ValueError(_("%(text)r är inte ett belopp.") % {"text": text})
    return value.quantize(Decimal("0.01"))


# Returned when a new tenant has no surname; each caller says it in its own words.
NAME_MISSING = "name_missing"


def new_tenant_name_error(first_name: str, last_name: str) -> str:
    """Why a tenant not yet in Bosam cannot be registered under this name, or '' when they can:
    a new person needs a surname (NAME_MISSING), and a name that does not fit the register is a
    typing error. Checked by a single notification and by every row of a landlord's list alike,
    each saying it in its own words."""
    if not last_name.strip():
        return NAME_MISSING
    if max(len(first_name.strip()), len(last_name.strip())) > MAX_NAME_LENGTH:
        return _("namnet är längre än %(max)s tecken.") % {"max": MAX_NAME_LENGTH}
    return ""


def parse_months_behind(text: str) -> int | None:
    cleaned = re.sub(r"(?i)\s|mån(ader)?\.?", "", text or "")  # i18n: not UI
    if not cleaned:
        return None
    if not cleaned.isdigit() or int(cleaned) > 120:
        raise ValueError(_("%(text)r är inte ett antal månader.") % {"text": text})
    return int(cleaned)


def read_arrears_row(
    line: int, values: Mapping[str, str], mapping: Mapping[str, str], *, today: date
) -> ArrearsRow:
    """One row of a landlord's list as a notification's facts, or with every error named by its
    line and field."""
    row = ArrearsRow(line=line)

    def cell(key: str) -> str:
        column = mapping.get(key, "")
        return (values.get(column, "") if column else "").strip()

    def fail(key: str, message: str) -> None:
        label = next(f.label for f in IMPORT_FIELDS if f.key == key)
        row.errors.append(
            _("Rad %(line)s, %(field)s: %(message)s")
            % {"line": line, "field": label, "message": message}
        )

    for fld in IMPORT_FIELDS:
        if fld.required and not cell(fld.key):
            fail(fld.key, _("värde saknas."))
    if cell("personal_number"):
        try:
            parsed = parse_personal_number(cell("personal_number"), today=today)
        except InvalidPersonalNumber as exc:
            fail("personal_number", str(exc))
        else:
            row.personal_number, row.birth_date = parsed.digits, parsed.birth_date
            row.number_kind = parsed.kind.value
    row.first_name, row.last_name = split_name(cell("name"))
    row.street_address = cell("street_address")[:200]
    row.postcode = cell("postcode")[:6]
    row.town = cell("town")[:100]
    row.landlord_reference = cell("landlord_reference")[:40]
    if cell("debt_amount"):
        try:
            row.debt_amount = parse_debt_amount(cell("debt_amount"))
        except ValueError as exc:
            fail("debt_amount", str(exc))
    try:
        row.months_behind = parse_months_behind(cell("months_behind"))
    except ValueError as exc:
        fail("months_behind", str(exc))
    if cell("notice_served_on"):
        try:
            row.notice_served_on = parse_swedish_date(cell("notice_served_on"))
        except ValueError as exc:
            fail("notice_served_on", str(exc))
        else:
            if row.notice_served_on > today:
                fail("notice_served_on", _("datumet ligger i framtiden."))
    return row


# --- The outreach letter -----------------------------------------------------------------------

# Translated where shown; the keys are what the unit writes in its letters.
LETTER_PLACEHOLDERS = {
    "namn": gettext_noop("Mottagarens namn"),
    "adress": gettext_noop("Gatuadress"),
    "postadress": gettext_noop("Postnummer och ort"),
    "hyresvard": gettext_noop("Hyresvärdens namn"),
    "skuld": gettext_noop("Skulden i kronor"),
    "sista_dag": gettext_noop("Sista dag att betala (återvinningsfristen)"),
    "handlaggare": gettext_noop("Handläggarens namn"),
    "datum": gettext_noop("Dagens datum"),
}
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in a template that the letter cannot fill in (typing errors)."""
    return sorted({m for m in _PLACEHOLDER.findall(text) if m not in LETTER_PLACEHOLDERS})


def render_letter(text: str, values: Mapping[str, str]) -> str:
    """Fill in {{ namn }}-style placeholders. Plain substitution, not a template language: the
    unit edits these texts, and they must not be able to reach anything but the given values."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def format_amount(value: Decimal | None) -> str:
    """Decimal('12345.50') -> '12 345,50 kr'."""
    if value is None:
        return ""
    whole, _sep, cents = f"{value:.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{groups},{cents} kr"
