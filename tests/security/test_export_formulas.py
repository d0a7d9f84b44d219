"""Issue 21, item 11: a cell starting with a fullwidth ＝ ＋ － ＠ is neutralised like its ASCII
form: some spreadsheets read the fullwidth sign as the formula sign."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from bosam.core.export import csv_response, neutralise, xlsx_bytes

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize("text", ["＝SUM(A1)", "＋46", "－1", "＠x", '＝HYPERLINK("http://x")'])
def test_a_fullwidth_formula_sign_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_a_fullwidth_formula_stays_text_in_xlsx_and_csv() -> None:
    sheet = load_workbook(BytesIO(xlsx_bytes("Lista", ["Namn"], [["＝1+1"]]))).active
    assert sheet is not None
    assert sheet["A2"].value == "'＝1+1"
    body = csv_response("lista", ["Namn"], [["＋46 70"]]).content.decode("utf-8-sig")
    assert body.splitlines()[1] == "'＋46 70"


def test_fullwidth_letters_inside_a_name_are_left_alone() -> None:
    assert neutralise("Anna ＝ Berg") == "Anna ＝ Berg"
