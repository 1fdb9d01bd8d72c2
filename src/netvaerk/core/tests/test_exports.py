"""CSV and XLSX downloads: formula injection neutralised, numbers kept, Danish Excel's format."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.http import StreamingHttpResponse

from netvaerk.core.exports import clean_sheet_title, csv_response, safe_cell, xlsx_response

EVIL = '=HYPERLINK("http://evil.example.org","Klik")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Gladsaxe", "Gladsaxe"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_cell_neutralises_text_a_spreadsheet_would_run(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    "value", [0, 42, -7, 3.5, -0.25, Decimal("-33.40"), datetime.date(2026, 3, 1)]
)
def test_safe_cell_keeps_numbers_and_dates_as_they_are(value):
    assert safe_cell(value) == value
    assert type(safe_cell(value)) is type(value)


def test_safe_cell_writes_a_boolean_as_a_number():
    assert safe_cell(True) == 1
    assert safe_cell(False) == 0


def _csv_body(response: StreamingHttpResponse) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_response_streams_utf8_with_bom_and_semicolons_for_danish_excel():
    rows = iter([["Ærø", 12, datetime.date(2026, 3, 1)], [EVIL, -3, None]])
    response = csv_response("rekruttering-æ.csv", ["Afdeling", "Personer", "Dato"], rows)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "rekruttering" in response["Content-Disposition"]
    body = _csv_body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0] == "Afdeling;Personer;Dato"
    read = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert read == [
        ["Afdeling", "Personer", "Dato"],
        ["Ærø", "12", "2026-03-01"],
        ["'" + EVIL, "-3", ""],
    ]


def test_csv_response_quotes_separators_and_line_breaks_inside_a_value():
    response = csv_response("x.csv", ["a", "b"], [["one; two", 'line\nbreak "quoted"']])
    text = _csv_body(response).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == [
        "one; two",
        'line\nbreak "quoted"',
    ]


def test_csv_response_reads_its_rows_only_while_streaming():
    consumed = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield [n]

    response = csv_response("x.csv", ["n"], rows())
    assert consumed == []
    _csv_body(response)
    assert consumed == [0, 1, 2]


def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_xlsx_response_keeps_numbers_and_dates_and_neutralises_formulas():
    response = xlsx_response(
        "rekruttering.xlsx",
        "Rekruttering",
        ["Afdeling", "Personer", "Dato"],
        [["Ærø", 12, datetime.date(2026, 3, 1)], [EVIL, Decimal("2.5"), None]],
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = _workbook(response)
    sheet = workbook["Rekruttering"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Afdeling", "Personer", "Dato")
    assert rows[1][0] == "Ærø"
    assert rows[1][1] == 12
    assert rows[1][2] == datetime.datetime(2026, 3, 1)
    assert rows[2][0] == "'" + EVIL
    assert rows[2][1] == 2.5
    assert rows[2][2] is None
    # No cell of the sheet is a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["A1"].font.bold


def test_xlsx_response_drops_control_characters_a_workbook_cannot_hold():
    response = xlsx_response("x.xlsx", "x", ["a"], [["bad\x00\x07text"]])
    assert list(_workbook(response).active.iter_rows(values_only=True))[1] == ("badtext",)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rekruttering", "Rekruttering"),
        ("Bolig/Kultur: [2026]?", "Bolig Kultur   2026"),
        ("x" * 40, "x" * 31),
        ("***", "Sheet"),
    ],
)
def test_a_sheet_title_is_one_excel_accepts(title, expected):
    assert clean_sheet_title(title) == expected
    xlsx_response("x.xlsx", title, ["a"], [])
