"""Exporting any list to XLSX or CSV. Cells that a spreadsheet would run as a formula (starting
with =, +, -, @, tab or carriage return, or the fullwidth ＝ ＋ － ＠ that some spreadsheets read as
their ASCII forms) are neutralised with a leading apostrophe (OWASP CSV injection), so an exported
name like "=HYPERLINK(…)" stays text. An export holds personal data: it is never cached."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
Cell = str | int | float | Decimal | date | datetime | None


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would treat as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    return str(value)


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    """A semicolon-separated UTF-8 CSV with BOM, as Swedish Excel opens it correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_text(neutralise(cell)) for cell in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    add_never_cache_headers(response)
    return response


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        sheet.append(
            [
                neutralise(cell.replace(tzinfo=None) if isinstance(cell, datetime) else cell)
                for cell in row
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(filename, headers, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    add_never_cache_headers(response)
    return response
