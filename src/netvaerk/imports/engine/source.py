"""Reading an uploaded file: what it is (by its content, never its name), and its rows.

CSV is decoded in chunks and parsed as a stream; XLSX is read with openpyxl's read-only
workbook, which keeps one row in memory. Either way a file of a million rows costs no more
memory than one of ten."""

import codecs
import contextlib
import csv
import datetime
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from netvaerk.imports.engine.fields import heading_key

CHUNK = 1 << 20
DELIMITERS = (";", ",", "\t")
# Bytes cp1252 leaves undefined: a file with them is latin-1 (ISO 8859-1).
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OLE_MARK = "EncryptionInfo".encode("utf-16-le")
BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)


class ImportFileError(Exception):
    """The file cannot be imported; the message (translated) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class FileInfo:
    format: str  # "csv" or "xlsx"
    size: int
    columns: list[str] = field(default_factory=list)
    encoding: str = ""  # "utf-8", "utf-8-sig", "cp1252", "latin-1" (CSV only)
    delimiter: str = ""  # CSV only


def _wrong_type() -> ImportFileError:
    return ImportFileError(
        _("This is not a CSV or XLSX file. Export the members as CSV or Excel (XLSX).")
    )


def inspect(path: Path, *, original_name: str, max_bytes: int | None) -> FileInfo:
    """What the file is and its columns, or ImportFileError with the reason.

    `original_name` is only used in messages; the format is read from the content."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(_("The file “%(name)s” is empty.") % {"name": original_name})
    if max_bytes is not None and size > max_bytes:
        raise ImportFileError(
            _("The file is %(size)s MB; files of up to %(max)s MB can be imported here.")
            % {"size": size // 1_000_000, "max": max_bytes // 1_000_000}
        )
    with path.open("rb") as file:
        head = file.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return _inspect_xlsx(path, size)
    if head.startswith(OLE_MAGIC):
        if _ole_is_encrypted(path):
            raise ImportFileError(
                _("The spreadsheet is protected by a password. Save it without one and try again.")
            )
        raise ImportFileError(
            _("This is an old Excel file (XLS). Save it as XLSX or CSV and try again.")
        )
    if head.startswith(BINARY_MAGIC) or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _wrong_type()
    if b"\x00" in head:
        raise _wrong_type()
    return _inspect_csv(path, size)


def _ole_is_encrypted(path: Path) -> bool:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            if ENCRYPTED_OLE_MARK in chunk:
                return True
    return False


def _detect_encoding(path: Path) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    undefined = False
    utf8 = True
    with path.open("rb") as file:
        first = True
        while chunk := file.read(CHUNK):
            if first:
                bom = chunk.startswith(codecs.BOM_UTF8)
                first = False
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if not undefined and any(byte in chunk for byte in CP1252_UNDEFINED):
                undefined = True
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8-sig" if bom else "utf-8"
    return "latin-1" if undefined else "cp1252"


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _check_headings(columns: list[str]) -> list[str]:
    columns = [column.strip() for column in columns]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise ImportFileError(_("The file has no heading row: its first row is empty."))
    if any(not column for column in columns):
        raise ImportFileError(
            _("Column %(position)s has no heading. Give every column a heading.")
            % {"position": next(i for i, c in enumerate(columns, 1) if not c)}
        )
    seen: set[str] = set()
    for column in columns:
        key = heading_key(column)
        if key in seen:
            raise ImportFileError(
                _("Two columns have the heading “%(heading)s”. Give each column its own.")
                % {"heading": column}
            )
        seen.add(key)
    return columns


def _inspect_csv(path: Path, size: int) -> FileInfo:
    encoding = _detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as text:
        first_line = text.readline()
        delimiter = _sniff_delimiter(first_line)
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                raise ImportFileError(_("The file is empty."))
            columns = _check_headings(header)
            if not any(any(cell.strip() for cell in record) for record in reader):
                raise ImportFileError(
                    _("The file has a heading row but no rows of persons under it.")
                )
        except csv.Error:
            raise _wrong_type() from None
    return FileInfo(
        format="csv", size=size, columns=columns, encoding=encoding, delimiter=delimiter
    )


@contextlib.contextmanager
def _open_workbook(path: Path) -> Iterator[Any]:
    """The workbook, read-only: formulas come as their text ("=HYPERLINK(…)"), never run.
    Opened from a file object, as openpyxl judges a path by its extension."""
    import openpyxl

    with path.open("rb") as file:
        try:
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
            raise ImportFileError(
                _("The file is not a spreadsheet (XLSX). Export the members as CSV or XLSX.")
            ) from None
        try:
            yield workbook
        finally:
            workbook.close()


def _inspect_xlsx(path: Path, size: int) -> FileInfo:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _wrong_type() from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError(
            _("The file is not a spreadsheet (XLSX). Export the members as CSV or XLSX.")
        )
    with _open_workbook(path) as workbook:
        rows = workbook.active.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("The spreadsheet is empty."))
        columns = _check_headings([cell_text(cell) for cell in header])
        if not any(any(cell_text(cell).strip() for cell in row) for row in rows):
            raise ImportFileError(_("The file has a heading row but no rows of persons under it."))
    return FileInfo(format="xlsx", size=size, columns=columns)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV export would hold (dates as 2020-12-24)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def iter_records(path: Path, info: FileInfo) -> Iterator[list[str]]:
    """The file's records after the heading row, each a list of cell texts (blank rows
    included, so that positions stay the file's)."""
    if info.format == "xlsx":
        with _open_workbook(path) as workbook:
            rows = workbook.active.iter_rows(values_only=True)
            next(rows, None)
            for row in rows:
                yield [cell_text(cell) for cell in row]
        return
    with path.open("r", encoding=info.encoding, newline="") as text:
        reader = csv.reader(text, delimiter=info.delimiter)
        next(reader, None)
        yield from reader
