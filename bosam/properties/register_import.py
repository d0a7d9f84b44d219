"""Bringing an existing portfolio into the register from the spreadsheets municipalities keep.

One file holds one kind of record: landlords, apartments or head leases (in that order, since an
apartment names its landlord and a lease its apartment). Every row is matched on its key — the
organisation number, the landlord's object number, the agreement number — and created, updated
or left alone, so importing the same file twice changes nothing.

The check and the run are the same code: the check runs every row in a transaction and rolls it
back, so the preview reports exactly what the run would do, including conflicts between rows of
the file (two leases overlapping on one apartment). The run writes nothing unless every row is
good.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bosam.accounts.models import Committee
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import ApplicationError
from bosam.core.tabular import (
    TableError,
    TableRow,
    file_checksum,
    parse_swedish_date,
    parse_swedish_decimal,
    read_table,
)
from bosam.properties import services
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import (
    Apartment,
    EndReason,
    HeadLease,
    Landlord,
    RegisterImport,
    RegisterImportError,
    Usage,
)
from bosam.properties.rules import (
    DEFAULT_NOTICE_PERIOD_MONTHS,
    InvalidApartmentNumber,
    InvalidOrgNumber,
    parse_apartment_number,
    parse_org_number,
)

Kind = RegisterImport.Kind


@dataclass(frozen=True)
class Col:
    header: str  # as the template file and the messages name it
    field: str
    required: bool = False
    aliases: tuple[str, ...] = ()


LANDLORD = "landlord_org_number"  # apartments and leases name their landlord by org number
OBJECT = "landlord_object_number"

COLUMNS: dict[str, list[Col]] = {
    Kind.LANDLORDS: [
        Col("Organisationsnummer", "org_number", True, ("orgnr", "org.nr", "org nr")),
        Col("Namn", "name", True, ("hyresvärd", "företag", "bolag")),
        Col("Typ", "kind"),
        Col("Postadress", "street_address", aliases=("adress", "gatuadress")),
        Col("Postnummer", "postcode"),
        Col("Ort", "town", aliases=("postort",)),
        Col("Telefon", "phone"),
        Col("E-post", "email", aliases=("epost", "e-postadress", "mejl")),
        Col("Anteckningar", "notes", aliases=("kommentar",)),
    ],
    Kind.APARTMENTS: [
        Col("Hyresvärdens organisationsnummer", LANDLORD, True, ("organisationsnummer", "orgnr")),
        Col("Objektnummer", OBJECT, True, ("hyresvärdens objektnummer", "objekt nr")),
        Col("Gatuadress", "street_address", True, ("adress",)),
        Col("Lägenhetsnummer", "apartment_number", aliases=("lgh nr", "lghnr", "lgh")),
        Col("Postnummer", "postcode"),
        Col("Ort", "town", True, ("postort",)),
        Col("Område", "district", aliases=("stadsdel",)),
        Col("Storlek", "rooms", True, ("rum och kök",)),
        Col("Antal rum", "room_count", aliases=("rum",)),
        Col("Boarea", "living_area", True, ("boarea (m²)", "boarea m2", "yta")),
        Col("Våning", "floor"),
        Col("Hiss", "has_lift"),
        Col("Rullstolstillgänglig", "wheelchair_accessible", aliases=("tillgänglig för rullstol",)),
        Col("Anteckningar", "notes", aliases=("kommentar",)),
    ],
    Kind.HEAD_LEASES: [
        Col("Avtalsnummer", "number", True, ("avtal", "avtalsnr")),
        Col("Hyresvärdens organisationsnummer", LANDLORD, True, ("organisationsnummer", "orgnr")),
        Col("Objektnummer", OBJECT, True, ("hyresvärdens objektnummer",)),
        Col("Startdatum", "start_date", True, ("start", "från")),
        Col("Slutdatum", "end_date", aliases=("slut", "till")),
        Col("Uppsägningstid (månader)", "notice_period_months", aliases=("uppsägningstid",)),
        Col("Månadshyra", "monthly_rent", True, ("hyra", "hyra per månad")),
        Col("Nämnd", "committee", True, ("betalande nämnd",)),
        Col("Användning", "usage", True),
        Col("Besittningsskydd avtalat bort", "security_of_tenure_waived"),
        Col("Uppsagt den", "notice_given_on", aliases=("uppsägningsdatum",)),
        Col("Avslutsorsak", "end_reason"),
        Col("Anteckningar", "notes", aliases=("kommentar",)),
    ],
}


@dataclass(frozen=True)
class RowError:
    line: int
    field: str  # the column header, or "" for the row or the file as a whole
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)


class _Bad(Exception):
    """One cell is wrong; `field` is the model field it would fill."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _norm(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().strip(":").lower())


def _resolve_headers(kind: str, headers: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Map the file's headers to fields; also the required columns missing and the unused ones."""
    by_name: dict[str, Col] = {}
    for spec in COLUMNS[kind]:
        for name in (spec.header, *spec.aliases):
            by_name.setdefault(_norm(name), spec)
    mapping: dict[str, str] = {}
    unused = []
    for header in headers:
        col = by_name.get(_norm(header))
        if col is None or col.field in mapping.values():
            unused.append(header)
        else:
            mapping[header] = col.field
    missing = [c.header for c in COLUMNS[kind] if c.required and c.field not in mapping.values()]
    return mapping, missing, unused


def _header_of(kind: str, field_name: str | None) -> str:
    for col in COLUMNS[kind]:
        if col.field == field_name:
            return col.header
    return ""


# --- cell parsing -----------------------------------------------------------------------------

TRUE = {"ja", "j", "x", "1", "true", "sant", "yes"}
FALSE = {"nej", "n", "0", "false", "falskt", "no"}
KIND_WORDS = {
    "kommunalt bostadsbolag": Landlord.Kind.MUNICIPAL_COMPANY,
    "kommunalt": Landlord.Kind.MUNICIPAL_COMPANY,
    "allmännyttan": Landlord.Kind.MUNICIPAL_COMPANY,
    "privat": Landlord.Kind.PRIVATE,
    "privat hyresvärd": Landlord.Kind.PRIVATE,
    "bostadsrättsförening": Landlord.Kind.COOPERATIVE,
    "brf": Landlord.Kind.COOPERATIVE,
    "kooperativ": Landlord.Kind.COOPERATIVE,
    "annan": Landlord.Kind.OTHER,
}


def _bool(name: str, text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise _Bad(name, "Skriv ja eller nej.")


def _int(name: str, text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not re.fullmatch(r"-?\d+", value):
        raise _Bad(name, f"{value!r} är inte ett heltal.")
    return int(value)


def _decimal(name: str, text: str) -> Decimal:
    try:
        return parse_swedish_decimal(text)
    except ValueError as exc:
        raise _Bad(name, str(exc)) from exc


def _date(name: str, text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_swedish_date(text)
    except ValueError as exc:
        raise _Bad(name, str(exc)) from exc


def _required(values: dict[str, str], name: str) -> str:
    text = values.get(name, "").strip()
    if not text:
        raise _Bad(name, "Värde saknas.")
    return text


def _org(values: dict[str, str], name: str) -> str:
    try:
        return parse_org_number(_required(values, name))
    except InvalidOrgNumber as exc:
        raise _Bad(name, str(exc)) from exc


class _Catalogues:
    """Committees, usages and end reasons by name or code, read once per file."""

    def __init__(self) -> None:
        self.committees: dict[str, Committee] = {}
        for c in Committee.objects.all():
            self.committees[c.name.lower()] = c
            if c.short_name:
                self.committees[c.short_name.lower()] = c
        self.usages = {u.code.lower(): u for u in Usage.objects.all()}
        self.usages.update({u.name.lower(): u for u in Usage.objects.all()})
        self.reasons = {r.code.lower(): r for r in EndReason.objects.all()}
        self.reasons.update({r.name.lower(): r for r in EndReason.objects.all()})


def _lookup[T](table: dict[str, T], name: str, text: str, what: str) -> T:
    found = table.get(text.strip().lower())
    if found is None:
        raise _Bad(name, f"{what} {text.strip()!r} finns inte i katalogen.")
    return found


# --- rows -------------------------------------------------------------------------------------


def _changed(obj: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in wanted.items() if getattr(obj, name) != value}


def _landlord_row(values: dict[str, str], by: Any, _cat: _Catalogues) -> tuple[str, str]:
    org = _org(values, "org_number")
    wanted: dict[str, Any] = {
        name: values[name].strip()
        for name in ("name", "street_address", "postcode", "town", "phone", "email", "notes")
        if name in values
    }
    _required(values, "name")
    kind_text = values.get("kind", "").strip().lower()
    if kind_text:
        kind = KIND_WORDS.get(kind_text) or (
            kind_text if kind_text in Landlord.Kind.values else None
        )
        if kind is None:
            raise _Bad(
                "kind", "Skriv kommunalt bostadsbolag, privat, bostadsrättsförening eller annan."
            )
        wanted["kind"] = kind
    existing = Landlord.objects.filter(org_number=org).first()
    if existing is None:
        services.landlord_create(by=by, org_number=org, **wanted)
        return "created", org
    changes = _changed(existing, wanted)
    if changes:
        services.landlord_update(landlord=existing, by=by, **changes)
        return "updated", org
    return "unchanged", org


def _apartment_of(values: dict[str, str]) -> tuple[Landlord, str]:
    org = _org(values, LANDLORD)
    landlord = Landlord.objects.filter(org_number=org).first()
    if landlord is None:
        raise _Bad(
            LANDLORD,
            f"Ingen hyresvärd med organisationsnummer {org[:6]}-{org[6:]} finns i registret. "
            "Importera hyresvärdarna först.",
        )
    return landlord, _required(values, OBJECT)


def _apartment_row(values: dict[str, str], by: Any, _cat: _Catalogues) -> tuple[str, str]:
    landlord, object_number = _apartment_of(values)
    wanted: dict[str, Any] = {
        name: values[name].strip()
        for name in ("street_address", "postcode", "town", "district", "rooms", "notes")
        if name in values
    }
    for name in ("street_address", "town", "rooms"):
        _required(values, name)
    if "apartment_number" in values:
        try:
            wanted["apartment_number"] = parse_apartment_number(values["apartment_number"])
        except InvalidApartmentNumber as exc:
            raise _Bad("apartment_number", str(exc)) from exc
    wanted["living_area"] = _decimal("living_area", _required(values, "living_area"))
    room_count = _int("room_count", values.get("room_count", ""))
    if room_count is None:
        leading = re.match(r"\s*(\d+)", wanted["rooms"])
        if leading is None:
            raise _Bad(
                "room_count", "Ange antal rum, eller en storlek som börjar med antalet (2 rok)."
            )
        room_count = int(leading.group(1))
    wanted["room_count"] = room_count
    if values.get("floor", "").strip():
        wanted["floor"] = _int("floor", values["floor"])
    for name in ("has_lift", "wheelchair_accessible"):
        flag = _bool(name, values.get(name, ""))
        if flag is not None:
            wanted[name] = flag
    existing = Apartment.objects.filter(
        landlord=landlord, landlord_object_number=object_number
    ).first()
    key = f"{landlord.org_number}/{object_number}"
    if existing is None:
        services.apartment_create(
            by=by, landlord=landlord, landlord_object_number=object_number, **wanted
        )
        return "created", key
    changes = _changed(existing, wanted)
    if changes:
        services.apartment_update(apartment=existing, by=by, **changes)
        return "updated", key
    return "unchanged", key


def _head_lease_row(values: dict[str, str], by: Any, cat: _Catalogues) -> tuple[str, str]:
    number = _required(values, "number")
    landlord, object_number = _apartment_of(values)
    apartment = Apartment.objects.filter(
        landlord=landlord, landlord_object_number=object_number
    ).first()
    if apartment is None:
        raise _Bad(OBJECT, f"Objekt {object_number} hos {landlord.name} finns inte i registret.")
    wanted: dict[str, Any] = {
        "start_date": _date("start_date", _required(values, "start_date")),
        "end_date": _date("end_date", values.get("end_date", "")),
        "monthly_rent": _decimal("monthly_rent", _required(values, "monthly_rent")),
        "committee": _lookup(
            cat.committees, "committee", _required(values, "committee"), "Nämnden"
        ),
        "usage": _lookup(cat.usages, "usage", _required(values, "usage"), "Användningen"),
    }
    months = _int("notice_period_months", values.get("notice_period_months", ""))
    wanted["notice_period_months"] = DEFAULT_NOTICE_PERIOD_MONTHS if months is None else months
    waived = _bool("security_of_tenure_waived", values.get("security_of_tenure_waived", ""))
    wanted["security_of_tenure_waived"] = True if waived is None else waived
    if "notes" in values:
        wanted["notes"] = values["notes"].strip()
    notice_given_on = _date("notice_given_on", values.get("notice_given_on", ""))
    reason_text = values.get("end_reason", "").strip()
    reason = (
        _lookup(cat.reasons, "end_reason", reason_text, "Avslutsorsaken") if reason_text else None
    )
    if reason is not None and wanted["end_date"] is None:
        raise _Bad("end_date", "Ett avslutat avtal behöver slutdatum.")
    if notice_given_on is not None:
        wanted["notice_given_on"] = notice_given_on
    existing = HeadLease.objects.filter(number=number).first()
    if existing is not None and existing.apartment_id != apartment.pk:
        raise _Bad("number", f"Avtalsnumret {number} finns redan på ett annat objekt.")
    if existing is None:
        lease = services.head_lease_create(
            by=by,
            apartment=apartment,
            number=number,
            landlord=landlord,
            **{k: v for k, v in wanted.items() if k != "notice_given_on"},
        )
        if reason is not None:
            services.head_lease_end(
                head_lease=lease,
                end_date=wanted["end_date"],
                reason=reason,
                by=by,
                notice_given_on=notice_given_on,
            )
        elif notice_given_on is not None:
            services.head_lease_update(head_lease=lease, by=by, notice_given_on=notice_given_on)
        return "created", number
    if reason is not None:
        wanted["end_reason"] = reason
    changes = _changed(existing, wanted)
    if changes:
        services.head_lease_update(head_lease=existing, by=by, **changes)
        return "updated", number
    return "unchanged", number


ROW_HANDLERS: dict[str, Callable[[dict[str, str], Any, _Catalogues], tuple[str, str]]] = {
    Kind.LANDLORDS: _landlord_row,
    Kind.APARTMENTS: _apartment_row,
    Kind.HEAD_LEASES: _head_lease_row,
}


def _row_values(row: TableRow, mapping: dict[str, str]) -> dict[str, str]:
    return {name: row.values.get(header, "") for header, name in mapping.items()}


def run_import(*, kind: str, content: bytes, filename: str, by: Any, apply: bool) -> ImportResult:
    """Check (apply=False) or run a file. Either way nothing stays written unless `apply` is set
    and every row is good."""
    result = ImportResult()
    try:
        table = read_table(content, filename)
    except TableError as exc:
        result.errors.append(RowError(line=1, field="", message=str(exc)))
        return result
    mapping, missing, result.unused_columns = _resolve_headers(kind, table.headers)
    for header in missing:
        result.errors.append(RowError(line=1, field=header, message="Kolumnen saknas i filen."))
    if missing:
        return result
    if not table.rows:
        result.errors.append(RowError(line=2, field="", message="Filen har inga rader."))
        return result
    handler = ROW_HANDLERS[kind]
    catalogues = _Catalogues()
    seen: dict[str, int] = {}
    with transaction.atomic():
        for row in table.rows:
            result.rows += 1
            try:
                # A savepoint per row: a failing row is undone whole, and the check goes on to
                # report every other bad row too.
                with transaction.atomic():
                    outcome, key = handler(_row_values(row, mapping), by, catalogues)
            except _Bad as bad:
                result.errors.append(RowError(row.line, _header_of(kind, bad.field), bad.message))
                continue
            except ApplicationError as exc:
                header = _header_of(kind, exc.extra.get("field"))
                result.errors.append(RowError(row.line, header, exc.message))
                continue
            if key in seen:
                result.errors.append(
                    RowError(row.line, "", f"Samma post finns redan på rad {seen[key]}.")
                )
                continue
            seen[key] = row.line
            setattr(result, outcome, getattr(result, outcome) + 1)
        if result.errors or not apply:
            transaction.set_rollback(True)
    return result


def _store(record: RegisterImport, result: ImportResult) -> None:
    """Save the record with the counts and the errors of its latest check or run."""
    record.row_count = result.rows
    record.created_count = result.created
    record.updated_count = result.updated
    record.unchanged_count = result.unchanged
    record.error_count = len(result.errors)
    record.save()
    record.errors.all().delete()
    RegisterImportError.objects.bulk_create(
        RegisterImportError(register_import=record, line=e.line, field=e.field, message=e.message)
        for e in result.errors
    )


def register_import_check(*, by: Any, kind: str, filename: str, content: bytes) -> RegisterImport:
    """Keep the file and check every row without writing any: the preview."""
    if kind not in Kind.values:
        raise ValueError(f"unknown import kind {kind}")
    result = run_import(kind=kind, content=content, filename=filename, by=by, apply=False)
    record = RegisterImport(
        kind=kind,
        status=RegisterImport.Status.REJECTED if result.errors else RegisterImport.Status.PREVIEWED,
        filename=filename[:255],
        sha256=file_checksum(content),
        content=content,
        size=len(content),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _store(record, result)
    audit_record(actor=by, action=AuditAction.CREATE, obj=record, reason="Förhandsgranskning")
    return record


def register_import_apply(*, register_import: RegisterImport, by: Any) -> RegisterImport:
    """Run a checked file: all rows in one transaction, or none if any row fails now."""
    with transaction.atomic():
        record = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
        if record.status != RegisterImport.Status.PREVIEWED:
            raise RegisterError(
                "Importen kan bara genomföras en gång, och bara när filen är utan fel.",
                code=RegisterErrorCode.IMPORT_INVALID,
            )
        result = run_import(
            kind=record.kind,
            content=bytes(record.content),
            filename=record.filename,
            by=by,
            apply=True,
        )
        if result.errors:
            # The register changed since the check; the file is kept, marked, and nothing written.
            record.status = RegisterImport.Status.REJECTED
        else:
            record.status = RegisterImport.Status.APPLIED
            record.applied_by = by if getattr(by, "is_authenticated", False) else None
            record.applied_at = timezone.now()
        _store(record, result)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=record,
            reason=f"Import: {result.created} nya, {result.updated} ändrade, "
            f"{result.unchanged} oförändrade, {len(result.errors)} fel",
        )
    return record
