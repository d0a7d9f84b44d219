"""Pure rules on identity numbers, ages and children. No database here.

Personal identity numbers (personnummer, folkbokföringslagen 18 §) and co-ordination numbers
(samordningsnummer, 18 a §: the day of birth plus 60) are checked with python-stdnum and stored
normalised as 12 digits, YYYYMMDDNNNC, with the co-ordination number's day kept as issued.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from bosam.core.i18n import gettext as _

CHILD_AGE_LIMIT = 18  # a child is a person under 18 (Barnkonventionen art. 1)


class NumberKind(StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"


class InvalidPersonalNumber(ValueError):
    """The text is not a valid personnummer or samordningsnummer; the message is UI copy."""


@dataclass(frozen=True)
class PersonalNumber:
    digits: str  # 12 digits, YYYYMMDDNNNC
    kind: NumberKind
    birth_date: date


_SHAPE = re.compile(r"^(\d{6}|\d{8})([-+]?)(\d{4})$")


def _birth_date_of_samordningsnummer(raw: str) -> tuple[str, date]:
    # stdnum knows only personnummer: subtract 60 from the day, let stdnum read the century and
    # date, and check the Luhn digit on the number as issued.
    m = _SHAPE.match(raw)
    if not m:
        raise InvalidPersonalNumber(_("Numret ska ha 10 eller 12 siffror."))
    head, sep, tail = m.groups()
    day = int(head[-2:]) - 60
    as_personnummer = f"{head[:-2]}{day:02d}{sep}{tail}"
    if not luhn.is_valid(head[-6:] + tail):
        raise InvalidPersonalNumber(_("Kontrollsiffran stämmer inte."))
    try:
        born = personnummer.get_birth_date(as_personnummer)
    except (ValidationError, ValueError) as exc:
        raise InvalidPersonalNumber(_("Födelsedatumet i numret finns inte.")) from exc
    return tail, born


def parse_personal_number(text: str, *, today: date | None = None) -> PersonalNumber:
    """Validate and normalise a personnummer or samordningsnummer (10 or 12 digits, with or
    without '-' or '+'). Raises InvalidPersonalNumber with a message a caseworker understands."""
    raw = re.sub(r"\s", "", text or "")
    m = _SHAPE.match(raw)
    if not m:
        raise InvalidPersonalNumber(
            _("Ange personnummer som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN (10 eller 12 siffror).")
        )
    head, _sep, tail = m.groups()
    if int(head[-2:]) > 60:
        tail, born = _birth_date_of_samordningsnummer(raw)
        kind = NumberKind.SAMORDNINGSNUMMER
        digits = f"{born.year:04d}{head[-4:]}{tail}"
    else:
        try:
            personnummer.validate(raw)
            born = personnummer.get_birth_date(raw)
        except ValidationError as exc:
            if "checksum" in type(exc).__name__.lower():
                raise InvalidPersonalNumber(_("Kontrollsiffran stämmer inte.")) from exc
            raise InvalidPersonalNumber(_("Födelsedatumet i numret finns inte.")) from exc
        kind = NumberKind.PERSONNUMMER
        digits = f"{born:%Y%m%d}{tail}"
    if today is not None and born > today:
        raise InvalidPersonalNumber(_("Födelsedatumet i numret ligger i framtiden."))
    return PersonalNumber(digits=digits, kind=kind, birth_date=born)


def format_personal_number(digits: str) -> str:
    """19850312NNNC -> 19850312-NNNC (the full number, for detail pages only)."""
    return f"{digits[:8]}-{digits[8:]}" if len(digits) == 12 else digits


def mask_personal_number(digits: str) -> str:
    """19850312NNNC -> 19850312-**** (lists show the birth date, never the last four)."""
    return f"{digits[:8]}-****" if len(digits) == 12 else ""


def personal_number_search_digits(text: str) -> str:
    """The digits of a search term, for matching stored numbers by full or partial number."""
    return re.sub(r"\D", "", text or "")


def age_on(birth_date: date, on: date) -> int:
    """Whole years on a date (a person born 29 February turns a year older on 1 March)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_child(birth_date: date | None, on: date) -> bool:
    """A person under 18 on the date. Unknown birth date: not counted as a child."""
    return birth_date is not None and 0 <= age_on(birth_date, on) < CHILD_AGE_LIMIT


def retention_cutoff(today: date, years: int) -> date:
    """The day `years` before today (29 February falls back to the 28th in a common year)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def is_due_for_retention(last_activity: date, *, today: date, years: int) -> bool:
    """Personal data is deleted when nothing has happened for the whole retention period:
    the last activity lies before the cutoff day (activity on the cutoff day itself keeps it)."""
    return last_activity < retention_cutoff(today, years)
