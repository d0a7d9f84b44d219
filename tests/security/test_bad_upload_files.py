"""Issue 21, item 3: every bad file gets a named error (row and field), never a 500.

The files are in tests/assets/bad_uploads/ (written by make.py there); each test feeds one to the
service a person's upload reaches: a landlord's arrears list (prevention) or a register import.
"""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from bosam.accounts.models import User
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import LandlordImport
from bosam.prevention.services import landlord_import_preview, landlord_import_upload
from bosam.prevention.services.imports import ImportPreview
from bosam.prevention.tests.factories import make_landlord
from bosam.properties.models import Apartment, RegisterImport
from bosam.properties.register_import import register_import_check
from bosam.properties.tests.factories import make_landlord as make_register_landlord

pytestmark = pytest.mark.django_db

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "bad_uploads"


@pytest.fixture(autouse=True)
def june_2022() -> Iterator[None]:
    with time_machine.travel(datetime(2022, 6, 1, 10, 0, tzinfo=UTC), tick=False):
        yield


def asset(name: str) -> bytes:
    return (ASSETS / name).read_bytes()


def _upload(user: User, name: str) -> LandlordImport:
    return landlord_import_upload(
        landlord=make_landlord(),
        filename=name,
        content=asset(name),
        period=date(2022, 5, 15),
        uploaded_by=user,
    )


def _preview(user: User, name: str) -> ImportPreview:
    return landlord_import_preview(landlord_import=_upload(user, name))


def _register_errors(user: User, name: str) -> list[tuple[int, str, str]]:
    make_register_landlord(org_number="5566778899")
    record = register_import_check(
        by=user, kind=RegisterImport.Kind.APARTMENTS, filename=name, content=asset(name)
    )
    assert record.status == RegisterImport.Status.REJECTED
    assert not Apartment.objects.exists()
    return [(e.line, e.field, e.message) for e in record.errors.order_by("line")]


# --- Encodings --------------------------------------------------------------------------------


def test_dos_code_page_850_list_reads_mueller_as_mueller(prevention_caseworker: User) -> None:
    # given a list saved by a DOS program (code page 850: "ü" is the byte 0x81)
    # when it is previewed
    preview = _preview(prevention_caseworker, "arrears_cp850.csv")
    # then the headings are recognised and the tenant's name is read as written
    assert preview.mapping_errors == []
    (row,) = preview.rows
    assert row.row.errors == []
    assert (row.row.first_name, row.row.last_name) == ("Hans", "Müller")


def test_dos_code_page_437_list_reads_swedish_letters(prevention_caseworker: User) -> None:
    preview = _preview(prevention_caseworker, "arrears_cp437.csv")
    (row,) = preview.rows
    assert (row.row.first_name, row.row.last_name, row.row.street_address) == (
        "Åsa",
        "Öberg",
        "Ågatan 5",
    )


def test_utf16_unicode_text_from_excel_is_read(prevention_caseworker: User) -> None:
    # given Excel's "Unicode text": UTF-16 with a byte order mark, tabs between the columns
    preview = _preview(prevention_caseworker, "arrears_utf16.txt")
    (row,) = preview.rows
    assert row.row.errors == []
    assert row.row.last_name == "Müller"
    assert str(row.row.debt_amount) == "4500.00"


# --- Not a spreadsheet ------------------------------------------------------------------------


def test_program_renamed_to_csv_is_refused_as_a_landlords_list(prevention_caseworker: User) -> None:
    with pytest.raises(PreventionError) as refused:
        _upload(prevention_caseworker, "program_renamed.csv")
    assert refused.value.code == PreventionErrorCode.IMPORT_INVALID
    assert refused.value.extra["field"] == "file"
    assert "program_renamed.csv är ingen textfil" in refused.value.message
    assert not LandlordImport.objects.exists()


def test_program_renamed_to_csv_is_refused_as_a_register_import(coordinator: User) -> None:
    ((line, field, message),) = _register_errors(coordinator, "program_renamed.csv")
    assert (line, field) == (1, "")
    assert "ingen textfil" in message


# --- Values no register holds -----------------------------------------------------------------


def test_debt_of_1e30_is_named_on_its_row(prevention_caseworker: User) -> None:
    # given a list whose only row owes 1E+30 kronor
    # when it is previewed
    preview = _preview(prevention_caseworker, "arrears_amount_1e30.csv")
    # then the row is refused with its line and field, and the preview still answers
    (row,) = preview.rows
    assert row.status == "refused"
    (error,) = row.row.errors
    assert error.startswith("Rad 2, Skuld:")


def test_room_count_of_5000_digits_is_named_on_its_row(coordinator: User) -> None:
    ((line, field, message),) = _register_errors(
        coordinator, "apartments_room_count_5000_digits.csv"
    )
    assert (line, field) == (2, "Antal rum")
    assert "inte ett rimligt värde (1–20)" in message
    assert len(message) < 200  # the 5,000 digits are not repeated back


def test_floor_99999999999_is_named_on_its_row(coordinator: User) -> None:
    ((line, field, message),) = _register_errors(coordinator, "apartments_floor_99999999999.csv")
    assert (line, field) == (2, "Våning")
    assert "inte ett rimligt värde (-5–60)" in message


def test_negative_living_area_is_named_on_its_row(coordinator: User) -> None:
    ((line, field, message),) = _register_errors(coordinator, "apartments_negative_living_area.csv")
    assert (line, field) == (2, "Boarea")
    assert "inte ett rimligt värde" in message


# --- Nothing to import ------------------------------------------------------------------------


def test_landlords_list_with_only_a_header_row_says_it_has_no_rows(
    prevention_caseworker: User,
) -> None:
    # given a list with its headings and no tenant
    # when it is uploaded
    with pytest.raises(PreventionError) as refused:
        _upload(prevention_caseworker, "arrears_header_only.csv")
    # then it is refused as having no rows, instead of an empty import to accept
    assert "inga rader" in refused.value.message
    assert refused.value.extra["field"] == "file"
    assert not LandlordImport.objects.exists()


def test_register_file_with_only_a_header_row_says_it_has_no_rows(coordinator: User) -> None:
    ((line, field, message),) = _register_errors(coordinator, "apartments_header_only.csv")
    assert (line, field) == (2, "")
    assert message == "Filen har inga rader."
