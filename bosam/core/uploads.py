"""Bounds on what a person may upload, checked before a file is parsed.

Every spreadsheet Bosam reads (a landlord's arrears list, a register import) goes through
`bosam.core.tabular.read_table`, which calls `check_upload` first. The check looks only at the
size, the first bytes and, for an xlsx, the zip directory and each sheet's `<dimension>`
element, so a file built to expand to gigabytes or to hold millions of rows is refused before
openpyxl or the csv module reads a single cell.

`RequestSizeLimitMiddleware` refuses a request body larger than the upload limit before Django
reads it (Django's own DATA_UPLOAD_MAX_MEMORY_SIZE does not count file parts).
"""

import re
import zipfile
from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


class UploadRefused(ValueError):
    """The file is refused as a whole; the message is UI copy."""


# The first bytes of files that are certainly not a spreadsheet someone meant to send.
_BINARY_SIGNATURES = (
    b"MZ",  # Windows executable
    b"\x7fELF",  # Linux executable
    b"\xca\xfe\xba\xbe",  # Mach-O / Java class
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"%PDF",
    b"\xd0\xcf\x11\xe0",  # old Office (xls, doc) and msi
    b"Rar!",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
)
_ZIP_SIGNATURE = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::[A-Z]*(\d+))?\"")
# How much of a sheet part is read to find its <dimension>: it comes right after <sheetPr>.
_DIMENSION_PEEK_BYTES = 4096


def max_upload_bytes() -> int:
    return int(settings.BOSAM_UPLOAD_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _refuse_rows(rows: int) -> UploadRefused:
    return UploadRefused(
        _("Filen har %(rows)s rader; högst %(max)s rader kan importeras åt gången. Dela upp filen.")
        % {"rows": rows, "max": settings.BOSAM_UPLOAD_MAX_ROWS}
    )


def _check_xlsx(content: bytes, filename: str) -> None:
    if filename.lower().endswith((".xlsm", ".xltm", ".xlam")):
        raise UploadRefused(
            _("Filer med makron (xlsm) tas inte emot. Spara filen som xlsx utan makron.")
        )
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadRefused(_("Filen kunde inte läsas som en Excel-fil (xlsx).")) from exc
    with archive:
        if len(entries) > settings.BOSAM_UPLOAD_MAX_ZIP_ENTRIES:
            raise UploadRefused(_("Filen kunde inte läsas som en Excel-fil (xlsx)."))
        names = {entry.filename.lower() for entry in entries}
        if any(name.endswith("vbaproject.bin") for name in names):
            raise UploadRefused(
                _("Filer med makron (xlsm) tas inte emot. Spara filen som xlsx utan makron.")
            )
        if "[content_types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise UploadRefused(_("Filen kunde inte läsas som en Excel-fil (xlsx)."))
        expanded = sum(entry.file_size for entry in entries)
        limit = settings.BOSAM_UPLOAD_MAX_EXPANDED_BYTES
        if expanded > limit:
            raise UploadRefused(
                _(
                    "Filen packas upp till %(size)s MB; högst %(max)s MB tas emot. "
                    "Dela upp filen eller spara den som CSV."
                )
                % {"size": _megabytes(expanded), "max": _megabytes(limit)}
            )
        for entry in entries:
            if re.fullmatch(r"xl/worksheets/[^/]+\.xml", entry.filename, re.IGNORECASE):
                with archive.open(entry) as part:
                    head = part.read(_DIMENSION_PEEK_BYTES)
                match = _DIMENSION.search(head)
                if match:
                    # The last row's number; the first row holds the column headings.
                    rows = int(match.group(3) or match.group(2) or 1) - 1
                    if rows > settings.BOSAM_UPLOAD_MAX_ROWS:
                        raise _refuse_rows(rows)


def _looks_binary(content: bytes) -> bool:
    if content.startswith(_UTF16_BOMS):
        return False
    head = content[:8192]
    if b"\x00" not in head:
        return False
    # UTF-16 without a byte order mark: every other byte of ASCII text is zero.
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    half = len(head) // 2
    return not (zeros_odd > 0.9 * half or zeros_even > 0.9 * half)


def check_upload(content: bytes, filename: str) -> None:
    """Refuse a file that is too big, not what its name says, macro-enabled, or that would expand
    or count beyond the limits. Reads no cell."""
    limit = max_upload_bytes()
    if len(content) > limit:
        raise UploadRefused(_("Filen är större än %(max)s MB.") % {"max": _megabytes(limit)})
    name = filename.lower()
    is_zip = content.startswith(_ZIP_SIGNATURE)
    if name.endswith((".xlsx", ".xlsm", ".xltm", ".xlam")) or is_zip:
        if not is_zip:
            raise UploadRefused(
                _("Filen heter %(name)s men är ingen Excel-fil (xlsx).") % {"name": filename}
            )
        _check_xlsx(content, filename)
        return
    if name.endswith(".xls"):
        raise UploadRefused(_("Filer från Excel 97–2003 (xls) tas inte emot. Spara som xlsx."))
    if content.startswith(_BINARY_SIGNATURES) or _looks_binary(content):
        raise UploadRefused(
            _("Filen %(name)s är ingen textfil (CSV); den innehåller binära data.")
            % {"name": filename}
        )
    lines = content.count(b"\n") or content.count(b"\r")
    if content.startswith(_UTF16_BOMS) or b"\x00" in content[:64]:
        lines = content.count(b"\n\x00") + content.count(b"\x00\n")
    if lines > settings.BOSAM_UPLOAD_MAX_ROWS + 1:  # the header line is not a row
        raise _refuse_rows(lines - 1)


class RequestSizeLimitMiddleware:
    """Answer 413 with a page saying so when a request body is larger than the upload limit plus
    room for the form's other fields, before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        allowed = max_upload_bytes() + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > allowed:
            response = TemplateResponse(
                request,
                "core/request_too_large.html",
                {"max_mb": _megabytes(max_upload_bytes())},
                status=413,
            )
            return response.render()
        return self.get_response(request)
