from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from bosam.core.export import neutralise, xlsx_bytes
from bosam.core.tabular import TableError, parse_swedish_date, parse_swedish_decimal, read_table

pytestmark = pytest.mark.nodb


def test_utf8_with_bom_and_semicolons_is_read_with_excel_line_numbers() -> None:
    content = "\ufeffNamn;Skuld\nÅsa Öberg;12 345,50 kr\n\nBo Ek;100\n".encode()
    table = read_table(content, "lista.csv")
    assert table.headers == ["Namn", "Skuld"]
    assert [(r.line, r.values["Namn"]) for r in table.rows] == [(2, "Åsa Öberg"), (4, "Bo Ek")]


def test_windows_1252_with_commas_is_read() -> None:
    content = "Namn,Skuld\nÅsa Öberg,500\n".encode("cp1252")
    table = read_table(content, "lista.csv")
    assert table.rows[0].values == {"Namn": "Åsa Öberg", "Skuld": "500"}


def test_xlsx_is_read_with_dates_as_iso_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Namn", "Datum"])
    sheet.append(["Åsa", date(2022, 3, 1)])
    buffer = BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "lista.xlsx")
    assert table.rows[0].values == {"Namn": "Åsa", "Datum": "2022-03-01"}


def test_a_refused_file_is_explained_in_english_when_english_is_active() -> None:
    with translation.override("en"), pytest.raises(TableError, match="^The file is empty.$"):
        read_table(b"", "lista.csv")
    with translation.override("en"), pytest.raises(ValueError, match="'12,3,4' is not an amount"):
        parse_swedish_decimal("12,3,4")


def test_an_empty_file_or_repeated_header_is_refused() -> None:
    with pytest.raises(TableError, match="tom"):
        read_table(b"", "x.csv")
    with pytest.raises(TableError, match="flera gånger"):
        read_table(b"A;A\n1;2\n", "x.csv")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 345,50 kr", "12345.50"),
        ("12345.50", "12345.50"),
        ("12.345,50", "12345.50"),
        ("-1 200", "-1200"),
        ("3 000:-", "3000"),
        ("1\u00a0000 SEK", "1000"),
    ],
)
def test_swedish_amounts(text: str, value: str) -> None:
    assert parse_swedish_decimal(text) == Decimal(value)


def test_a_non_amount_is_refused_in_swedish() -> None:
    with pytest.raises(ValueError, match="inte ett belopp"):
        parse_swedish_decimal("tolv")


@pytest.mark.parametrize("text", ["2022-03-01", "20220301", "1.3.2022", "01/03/2022"])
def test_swedish_dates(text: str) -> None:
    assert parse_swedish_date(text) == date(2022, 3, 1)


@pytest.mark.parametrize("text", ["=SUM(A1)", "+46", "-1", "@x", "\tx"])
def test_export_neutralises_formula_cells(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_xlsx_export_keeps_formula_text_as_text() -> None:
    data = xlsx_bytes("Lista", ["Namn"], [['=HYPERLINK("x")']])
    sheet = load_workbook(BytesIO(data)).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")'
