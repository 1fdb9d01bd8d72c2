"""Safe CSV and XLSX downloads of tables, shared by every app that exports a list.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some read a
leading tab or carriage return the same way), so a branch named `=HYPERLINK("http://evil")`
would become a link, or worse, on the desk of whoever opens the export. `safe_cell` turns
such a text into plain text with a leading apostrophe; numbers and dates stay what they are.

CSV is written for Danish Excel: UTF-8 with a byte-order mark (or Excel guesses the code page
and ruins æ, ø and å) and `;` between fields (Excel reads `,` as the decimal comma). It is
streamed row by row, so an export of every row costs no more memory than one row. XLSX is
written with openpyxl's write-only workbook, which keeps only the current row in memory."""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Control characters an XLSX file cannot hold (openpyxl refuses them).
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")
# Characters a sheet title may not contain, and its longest length.
_ILLEGAL_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31

Cell = str | int | float | Decimal | datetime.date | None


def safe_cell(value: Any) -> Cell:
    """The value as a spreadsheet should receive it: numbers and dates unchanged, None as an
    empty cell, anything else as text, with a leading apostrophe where the text would
    otherwise be read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file that hands back what is written to it, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def _csv_text(value: Cell) -> str | int | float | Decimal:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value if value is not None else ""


def _csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield ("\ufeff" + writer.writerow([_csv_text(safe_cell(h)) for h in header])).encode()
    for row in rows:
        yield writer.writerow([_csv_text(safe_cell(value)) for value in row]).encode()


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"


def file_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file to download (a board document…), never kept by a cache on the way."""
    response = HttpResponse(content, content_type=content_type)
    _attachment(response, filename)
    return response


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A streamed CSV download: `;`-separated UTF-8 with a byte-order mark. `rows` is read
    lazily, one row at a time, while the response is sent."""
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    _attachment(response, filename)
    return response


def _xlsx_value(value: Any) -> Cell:
    cell = safe_cell(value)
    if isinstance(cell, str):
        return _ILLEGAL_XLSX.sub("", cell)
    if isinstance(cell, datetime.datetime) and cell.tzinfo is not None:
        # Excel has no time zones: the local wall time is what the reader expects.
        from django.utils import timezone

        return timezone.localtime(cell).replace(tzinfo=None)
    return cell


def clean_sheet_title(title: str) -> str:
    """A title Excel accepts: no `[]:*?/\\`, at most 31 characters, never empty."""
    cleaned = _ILLEGAL_SHEET_TITLE.sub(" ", _ILLEGAL_XLSX.sub("", title)).strip(" '")
    return cleaned[:SHEET_TITLE_MAX].strip() or "Sheet"


def xlsx_response(
    filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An XLSX download of one sheet, written with openpyxl's write-only workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=clean_sheet_title(sheet_title))
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_value(title))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    _attachment(response, filename)
    return response
