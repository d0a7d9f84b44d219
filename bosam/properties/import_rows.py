"""The columns an import file may have, and how one row becomes a landlord, an apartment or a
head lease: parsed cell by cell, matched on its key, then created, updated or left as it is
through the register's services (so every write is validated and audited like a form's)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from bosam.accounts.models import Committee
from bosam.core.tabular import parse_swedish_date, parse_swedish_decimal
from bosam.properties import services
from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord, RegisterImport, Usage
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

# The file format: the column names and aliases a landlord's file uses, matched as written.
COLUMNS: dict[str, list[Col]] = {  # i18n: not UI
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


class BadCell(Exception):
    """One cell is wrong; `field` is the model field it would fill."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _norm(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().strip(":").lower())


def resolve_headers(kind: str, headers: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
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


def header_of(kind: str, field_name: str | None) -> str:
    for col in COLUMNS[kind]:
        if col.field == field_name:
            return col.header
    return ""


# --- cell parsing -----------------------------------------------------------------------------

TRUE = {"ja", "j", "x", "1", "true", "sant", "yes"}
FALSE = {"nej", "n", "0", "false", "falskt", "no"}
KIND_WORDS = {  # i18n: not UI (words read from the file)
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
    raise BadCell(name, _("Skriv ja eller nej."))


# What a register value may be, as the forms allow it: a file may not store what a person could not
# type (and a number too large for its column would stop the import with a database error).
INT_RANGES: dict[str, tuple[int, int]] = {
    "room_count": (1, 20),
    "floor": (-5, 60),
    "notice_period_months": (0, 24),
}
DECIMAL_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "living_area": (Decimal("1"), Decimal("99999.9")),
    "monthly_rent": (Decimal("0"), Decimal("99999999.99")),
}


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 20 else f"{text[:20]}… ({len(text)} tecken)"


def _int(name: str, text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not re.fullmatch(r"-?\d{1,9}", value):
        if re.fullmatch(r"-?\d+", value):
            low, high = INT_RANGES.get(name, (None, None))
            raise BadCell(
                name,
                _("%(value)s är inte ett rimligt värde (%(low)s–%(high)s).")
                % {"value": _shown(value), "low": low, "high": high}
                if low is not None
                else _("%(value)s är för stort.") % {"value": _shown(value)},
            )
        raise BadCell(name, _("%(value)r är inte ett heltal.") % {"value": _shown(value)})
    number = int(value)
    low, high = INT_RANGES.get(name, (None, None))
    if low is not None and high is not None and not low <= number <= high:
        raise BadCell(
            name,
            _("%(value)s är inte ett rimligt värde (%(low)s–%(high)s).")
            % {"value": number, "low": low, "high": high},
        )
    return number


def _decimal(name: str, text: str) -> Decimal:
    try:
        number = parse_swedish_decimal(text)
    except ValueError as exc:
        raise BadCell(name, str(exc)) from exc
    low, high = DECIMAL_RANGES.get(name, (None, None))
    if low is not None and high is not None and not low <= number <= high:
        raise BadCell(
            name,
            _("%(value)s är inte ett rimligt värde (%(low)s–%(high)s).")
            % {"value": _shown(text.strip()), "low": low, "high": high},
        )
    return number


def _date(name: str, text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_swedish_date(text)
    except ValueError as exc:
        raise BadCell(name, str(exc)) from exc


def _required(values: dict[str, str], name: str) -> str:
    text = values.get(name, "").strip()
    if not text:
        raise BadCell(name, _("Värde saknas."))
    return text


def _org(values: dict[str, str], name: str) -> str:
    try:
        return parse_org_number(_required(values, name))
    except InvalidOrgNumber as exc:
        raise BadCell(name, str(exc)) from exc


class Catalogues:
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


def _lookup[T](table: dict[str, T], name: str, text: str, message: str) -> T:
    """The catalogue entry named `text`; `message` (with %(value)r) says it is missing."""
    found = table.get(text.strip().lower())
    if found is None:
        raise BadCell(name, message % {"value": text.strip()})
    return found


# --- rows -------------------------------------------------------------------------------------


def _changed(obj: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in wanted.items() if getattr(obj, name) != value}


def _landlord_row(values: dict[str, str], by: Any, _cat: Catalogues) -> tuple[str, str]:
    org = _org(values, "org_number")
    wanted: dict[str, Any] = {
        name: values[name].strip()
        for name in ("name", "street_address", "postcode", "town", "phone", "email", "notes")
        if name in values
    }
    _required(values, "name")
    kind_text = values.get("kind", "").strip().lower()
    if kind_text:
        labels = {str(label).lower(): value for value, label in Landlord.Kind.choices}
        kind = (
            KIND_WORDS.get(kind_text)
            or labels.get(kind_text)
            or (kind_text if kind_text in Landlord.Kind.values else None)
        )
        if kind is None:
            raise BadCell(
                "kind", _("Skriv kommunalt bostadsbolag, privat, bostadsrättsförening eller annan.")
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
        raise BadCell(
            LANDLORD,
            _(
                "Ingen hyresvärd med organisationsnummer %(org)s finns i registret. "
                "Importera hyresvärdarna först."
            )
            % {"org": f"{org[:6]}-{org[6:]}"},
        )
    return landlord, _required(values, OBJECT)


def _apartment_row(values: dict[str, str], by: Any, _cat: Catalogues) -> tuple[str, str]:
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
            raise BadCell("apartment_number", str(exc)) from exc
    wanted["living_area"] = _decimal("living_area", _required(values, "living_area"))
    room_count = _int("room_count", values.get("room_count", ""))
    if room_count is None:
        leading = re.match(r"\s*(\d+)", wanted["rooms"])
        if leading is None:
            raise BadCell(
                "room_count", _("Ange antal rum, eller en storlek som börjar med antalet (2 rok).")
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


def _head_lease_row(values: dict[str, str], by: Any, cat: Catalogues) -> tuple[str, str]:
    number = _required(values, "number")
    landlord, object_number = _apartment_of(values)
    apartment = Apartment.objects.filter(
        landlord=landlord, landlord_object_number=object_number
    ).first()
    if apartment is None:
        raise BadCell(
            OBJECT,
            _("Objekt %(number)s hos %(landlord)s finns inte i registret.")
            % {"number": object_number, "landlord": landlord.name},
        )
    wanted: dict[str, Any] = {
        "start_date": _date("start_date", _required(values, "start_date")),
        "end_date": _date("end_date", values.get("end_date", "")),
        "monthly_rent": _decimal("monthly_rent", _required(values, "monthly_rent")),
        "committee": _lookup(
            cat.committees,
            "committee",
            _required(values, "committee"),
            _("Nämnden %(value)r finns inte i katalogen."),
        ),
        "usage": _lookup(
            cat.usages,
            "usage",
            _required(values, "usage"),
            _("Användningen %(value)r finns inte i katalogen."),
        ),
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
        _lookup(
            cat.reasons,
            "end_reason",
            reason_text,
            _("Avslutsorsaken %(value)r finns inte i katalogen."),
        )
        if reason_text
        else None
    )
    if reason is not None and wanted["end_date"] is None:
        raise BadCell("end_date", _("Ett avslutat avtal behöver slutdatum."))
    if notice_given_on is not None:
        wanted["notice_given_on"] = notice_given_on
    existing = HeadLease.objects.filter(number=number).first()
    if existing is not None and existing.apartment_id != apartment.pk:
        raise BadCell(
            "number",
            _("Avtalsnumret %(number)s finns redan på ett annat objekt.") % {"number": number},
        )
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


ROW_HANDLERS: dict[str, Callable[[dict[str, str], Any, Catalogues], tuple[str, str]]] = {
    Kind.LANDLORDS: _landlord_row,
    Kind.APARTMENTS: _apartment_row,
    Kind.HEAD_LEASES: _head_lease_row,
}
