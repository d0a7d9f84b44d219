"""Issue 21, item 2: uploads are bounded before they are parsed.

A spreadsheet that expands to more than the limit, or says it holds more rows than may be imported,
is refused from its zip directory and its sheet's <dimension> element; macro-enabled workbooks and
files that are not what their name says are refused; a request body above the upload limit gets a
page saying so (413), not a 500.
"""

import io
import re
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from bosam.accounts.models import User
from bosam.core.uploads import UploadRefused, check_upload
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import LandlordImport
from bosam.prevention.services import landlord_import_upload
from bosam.prevention.tests.factories import make_landlord
from bosam.properties.models import RegisterImport
from bosam.properties.register_import import register_import_check

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def handmade_xlsx(sheet_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A zip laid out like an xlsx, with the given first sheet; only its directory matters."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet(dimension: str, rows: int = 2, padding: int = 0) -> bytes:
    body = b"".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
        for r in range(1, rows + 1)
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f'<dimension ref="{dimension}"/>'.encode()
        + b"<sheetData>"
        + body
        + b"</sheetData>"
        + b" " * padding
        + b"</worksheet>"
    )


def real_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def without_dimension(xlsx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
                assert b"<dimension" not in data
            target.writestr(entry, data)
    return buffer.getvalue()


def _upload(user: User, content: bytes, name: str) -> LandlordImport:
    return landlord_import_upload(
        landlord=make_landlord(),
        filename=name,
        content=content,
        period=date(2022, 5, 15),
        uploaded_by=user,
    )


def test_xlsx_expanding_beyond_50_mb_is_refused_from_its_zip_directory(
    prevention_caseworker: User,
) -> None:
    # given a 0.1 MB workbook whose sheet unpacks to 51 MB (mostly blanks)
    bomb = handmade_xlsx(sheet("A1:A2", padding=51 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    # when it is uploaded as a landlord's list
    with pytest.raises(PreventionError) as refused:
        _upload(prevention_caseworker, bomb, "lista.xlsx")
    # then it is refused with the sizes, and nothing is kept
    assert refused.value.code == PreventionErrorCode.IMPORT_INVALID
    assert "packas upp till 51 MB" in refused.value.message
    assert "högst 50 MB" in refused.value.message
    assert not LandlordImport.objects.exists()


def test_expanded_size_limit_is_a_setting(settings: Any) -> None:
    settings.BOSAM_UPLOAD_MAX_EXPANDED_BYTES = 1024 * 1024
    with pytest.raises(UploadRefused, match="högst 1 MB"):
        check_upload(handmade_xlsx(sheet("A1:A2", padding=2 * 1024 * 1024)), "lista.xlsx")


def test_xlsx_whose_sheet_says_it_has_more_than_200000_rows_is_refused_before_reading_them(
    coordinator: User,
) -> None:
    # given a sheet whose dimension element says 250,000 rows below the headings (the rows
    # themselves are not there: only the directory and the dimension are read)
    workbook = handmade_xlsx(sheet("A1:F250001"))
    # when it is checked as a register import
    record = register_import_check(
        by=coordinator,
        kind=RegisterImport.Kind.APARTMENTS,
        filename="objekt.xlsx",
        content=workbook,
    )
    # then the file is rejected with the row count and the limit, on the file's first line
    assert record.status == RegisterImport.Status.REJECTED
    (error,) = record.errors.all()
    assert error.line == 1
    assert "250000 rader" in error.message
    assert "högst 200000" in error.message


def test_csv_with_more_rows_than_the_limit_is_refused(
    prevention_caseworker: User, settings: Any
) -> None:
    settings.BOSAM_UPLOAD_MAX_ROWS = 10
    rows = "\n".join(f"19800115981{i % 10};Namn;Gata;1000" for i in range(11))
    content = f"Personnummer;Namn;Adress;Skuld\n{rows}\n".encode()
    with pytest.raises(PreventionError, match="högst 10 rader"):
        _upload(prevention_caseworker, content, "lista.csv")


def test_sheet_without_a_dimension_is_still_bounded_while_it_is_read(
    prevention_caseworker: User, settings: Any
) -> None:
    # given a workbook of 5 rows whose sheet has no <dimension> element, and a limit of 3
    settings.BOSAM_UPLOAD_MAX_ROWS = 3
    content = without_dimension(
        real_xlsx([["Personnummer", "Namn", "Adress", "Skuld"], *[["1", "a", "b", 1]] * 5])
    )
    with pytest.raises(PreventionError, match="fler än 3 rader"):
        _upload(prevention_caseworker, content, "lista.xlsx")


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("lista.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
        ("lista.xlsm", {}),
    ],
)
def test_macro_enabled_workbook_is_refused(
    prevention_caseworker: User, name: str, extra: dict[str, bytes]
) -> None:
    workbook = handmade_xlsx(sheet("A1:A2"), extra=extra)
    with pytest.raises(PreventionError, match="makron"):
        _upload(prevention_caseworker, workbook, name)


def test_file_named_xlsx_that_is_not_a_workbook_is_refused(prevention_caseworker: User) -> None:
    with pytest.raises(PreventionError, match="ingen Excel-fil"):
        _upload(prevention_caseworker, b"Personnummer;Namn\n1;2\n", "lista.xlsx")


def test_pdf_named_csv_is_refused(prevention_caseworker: User) -> None:
    with pytest.raises(PreventionError, match="ingen textfil"):
        _upload(prevention_caseworker, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "lista.csv")


def test_file_above_the_upload_limit_is_refused_with_the_limit(
    prevention_caseworker: User, settings: Any
) -> None:
    settings.BOSAM_UPLOAD_MAX_BYTES = 1024 * 1024
    content = b"Personnummer;Namn;Adress;Skuld\n" + b"1;a;b;1\n" * 200_000
    with pytest.raises(PreventionError, match="större än 1 MB"):
        _upload(prevention_caseworker, content, "lista.csv")


def test_ordinary_workbook_passes_the_checks() -> None:
    check_upload(real_xlsx([["Personnummer", "Namn"], ["198001159816", "Anna"]]), "lista.xlsx")


def test_request_body_above_the_upload_limit_is_answered_413_with_a_message(
    client: Client, prevention_caseworker: User, settings: Any
) -> None:
    # given an upload limit of 1 MB (plus Django's 2.5 MB for the form's other fields)
    settings.BOSAM_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(prevention_caseworker)
    big = SimpleUploadedFile("lista.csv", b"x" * (4 * 1024 * 1024), content_type="text/csv")
    # when a 4 MB file is posted
    response = client.post(reverse("prevention:import_list"), {"file": big})
    # then the request is refused before its body is read, with a page that says why
    assert response.status_code == 413
    assert "Filen är för stor" in response.content.decode()
    assert not LandlordImport.objects.exists()
