"""Reading the spreadsheets municipalities and landlords send: CSV (UTF-8 with or without BOM,
UTF-16, Windows-1252 or the DOS code page 850; comma, semicolon or tab) and XLSX, with Swedish
numbers and dates. Every file passes `bosam.core.uploads.check_upload` (size, type, expanded
size and row count) before it is parsed.

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

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from bosam.core.uploads import UploadRefused, check_upload


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


# Bytes that are Swedish letters in the DOS code page 850 (å ä ö Å Ä Ö é ü) and typography or
# nothing at all in Windows-1252; Swedish letters in Windows-1252 are 0xC0 and above.
_DOS_LETTERS = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x81\x90")


def _looks_like_dos(content: bytes) -> bool:
    dos = sum(1 for byte in content if byte in _DOS_LETTERS)
    windows = sum(1 for byte in content if byte >= 0xC0)
    return dos > windows


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" is UTF-16 with a byte order mark (and tabs between columns).
        return content.decode("utf-16", errors="replace")
    if b"\x00" in content[:64]:
        even_zeros = content[0:64:2].count(0)
        return content.decode("utf-16-be" if even_zeros > 16 else "utf-16-le", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel on Swedish Windows saves "CSV" as Windows-1252; old DOS programs write code page 850
    # (where "Müller" is b"M\x81ller", a byte Windows-1252 does not have).
    if _looks_like_dos(content):
        return content.decode("cp850")
    return content.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    if counts["\t"] > max(counts[";"], counts[","]):
        return "\t"
    return ";" if counts[";"] >= counts[","] and counts[";"] else ","


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


def _too_many_rows() -> TableError:
    return TableError(
        _("Filen har fler än %(max)s rader. Dela upp filen.")
        % {"max": settings.BOSAM_UPLOAD_MAX_ROWS}
    )


def _read_csv(content: bytes) -> list[list[str]]:
    text = _decode(content).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    limit = settings.BOSAM_UPLOAD_MAX_ROWS + 1
    rows = []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row])
            if len(rows) > limit:
                raise _too_many_rows()
    except csv.Error as exc:
        raise TableError(
            _("Rad %(line)s kunde inte läsas: %(problem)s")
            % {"line": reader.line_num, "problem": exc}
        ) from exc
    return rows


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(_("Filen kunde inte läsas som en Excel-fil (xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        # The dimension element was checked before; a sheet without one is still bounded here.
        limit = settings.BOSAM_UPLOAD_MAX_ROWS + 1
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(cell) for cell in row])
            if len(rows) > limit:
                raise _too_many_rows()
    except TableError:
        raise
    except Exception as exc:  # a damaged part shows only when its rows are read
        raise TableError(_("Filen kunde inte läsas som en Excel-fil (xlsx).")) from exc
    finally:
        workbook.close()
    return rows


def read_table(content: bytes, filename: str) -> Table:
    """Rows of a CSV or XLSX file. Empty rows are skipped; line numbers stay those of the file."""
    if not content:
        raise TableError(_("Filen är tom."))
    try:
        check_upload(content, filename)
    except UploadRefused as exc:
        raise TableError(str(exc)) from exc
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


# Whole-number digits an amount, an area or a count read from a file may have (10^15 and above
# is refused as a typing or export error).
MAX_AMOUNT_DIGITS = 15
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
    shown = text if len(text) <= 40 else f"{text[:40]}…"
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("%(text)r är inte ett belopp.") % {"text": shown}) from exc
    if not value.is_finite():
        raise ValueError(_("%(text)r är inte ett belopp.") % {"text": shown})
    if value.adjusted() >= MAX_AMOUNT_DIGITS:
        # 1E+30 is a number, but no amount or area in a register: say so on the row, before any
        # arithmetic on it (rounding it to öre would raise) or a database column refuses it.
        raise ValueError(_("%(text)r är inte ett rimligt belopp.") % {"text": shown})
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
