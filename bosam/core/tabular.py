"""Reading the spreadsheets municipalities and landlords send: CSV (UTF-8 with or without BOM,
or Windows-1252; comma or semicolon) and XLSX, with Swedish numbers and dates.

`read_table` gives rows as dicts keyed by the file's own (stripped) header, each with the line
number a person sees in Excel (the header is line 1), so every error can name its row and field.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook


class TableError(ValueError):
    """The file as a whole cannot be read; the message is UI copy."""


@dataclass(frozen=True)
class TableRow:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[TableRow]
    sha256: str


def file_checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV" as Windows-1252; it decodes every byte.
        return content.decode("cp1252")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") and ";" in first else ","


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(content: bytes) -> list[list[str]]:
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return [[cell.strip() for cell in row] for row in reader]


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(_("Filen kunde inte läsas som en Excel-fil (xlsx).")) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_table(content: bytes, filename: str) -> Table:
    """Rows of a CSV or XLSX file. Empty rows are skipped; line numbers stay those of the file."""
    if not content:
        raise TableError(_("Filen är tom."))
    is_xlsx = filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK"
    raw = _read_xlsx(content) if is_xlsx else _read_csv(content)
    if not raw or not any(raw[0]):
        raise TableError(_("Filen saknar rubrikrad."))
    headers = [h.strip() for h in raw[0]]
    duplicates = {h for h in headers if h and headers.count(h) > 1}
    if duplicates:
        raise TableError(
            _("Kolumnrubriken %(header)r förekommer flera gånger.")
            % {"header": sorted(duplicates)[0]}
        )
    rows = []
    for index, cells in enumerate(raw[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(headers) - len(cells))
        rows.append(
            TableRow(line=index, values={h: padded[i].strip() for i, h in enumerate(headers) if h})
        )
    return Table(headers=[h for h in headers if h], rows=rows, sha256=file_checksum(content))


_AMOUNT_NOISE = re.compile(r"(?i)\s|kr\.?|sek|:-|\u00a0|\u202f")


def parse_swedish_decimal(text: str) -> Decimal:
    """'12 345,50 kr' -> Decimal('12345.50'); also '12345.50', '12.345,50', '-1 200'.
    Raises ValueError with a Swedish message."""
    cleaned = _AMOUNT_NOISE.sub("", text or "")
    if not cleaned:
        raise ValueError(_("Beloppet saknas."))
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("%(text)r är inte ett belopp.") % {"text": text}) from exc
    if not value.is_finite():
        raise ValueError(_("%(text)r är inte ett belopp.") % {"text": text})
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y")


def parse_swedish_date(text: str) -> date:
    """'2022-03-01', '20220301', '1.3.2022', '01/03/2022' -> date. Raises ValueError (Swedish)."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueError(_("Datum saknas."))
    if "T" in cleaned or " " in cleaned:
        cleaned = re.split(r"[T ]", cleaned, maxsplit=1)[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(_("%(text)r är inte ett datum (skriv ÅÅÅÅ-MM-DD).") % {"text": text})
