"""Reading the participant list a meeting tool exports (Zoom, Microsoft Teams, Jitsi or any
list with a name and an e-mail column) into rows of name and e-mail. Pure: no database.

Every problem with the file as a whole is a ServiceError that names it, and the line where it
can; problems with single rows are left to the caller, which reports them row by row."""

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from netvaerk.core.errors import ServiceError

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000

# Header names, case-folded, in English and Danish, as the tools write them.
NAME_HEADERS = (
    "name (original name)",
    "navn (oprindeligt navn)",
    "full name",
    "fulde navn",
    "name",
    "navn",
    "display name",
    "vist navn",
    "participant",
    "deltager",
    "participant name",
)
EMAIL_HEADERS = (
    "user email",
    "brugerens e-mail",
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "e-mailadresse",
    "mail",
)
# Zoom's "Name (Original Name)" column holds "Display name (name at sign-up)".
_ORIGINAL_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ParsedRow:
    line: int
    name: str
    email: str


@dataclass(frozen=True)
class ParsedFile:
    encoding: str
    delimiter: str
    rows: list[ParsedRow]


def _line_of(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM), UTF-16 (with a
    BOM, or without one when every other byte is NUL, as Teams writes it) or Windows-1252."""
    if data.startswith(b"PK\x03\x04"):
        raise ServiceError(
            _(
                "This is an Excel workbook or another zipped file, not a CSV file. "
                "Save the participant list as CSV and upload that."
            )
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0] != 0:
        return _decode_utf16(data, "utf-16-le")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise _broken(data, error.start + len(codecs.BOM_UTF8), "UTF-8") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if any(byte >= 0x80 for byte in data[: error.start]):
            # Letters beyond ASCII were valid UTF-8 up to here: a damaged UTF-8 file, not
            # another encoding.
            raise _broken(data, error.start, "UTF-8") from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise _broken(data, error.start, "Windows-1252") from None


def _decode_utf16(data: bytes, codec: str) -> tuple[str, str]:
    try:
        return data.decode(codec), "utf-16"
    except UnicodeDecodeError as error:
        raise ServiceError(
            _(
                "The file looks like UTF-16 text but is damaged near byte %(position)s. "
                "Export the participant list again."
            )
            % {"position": error.start}
        ) from None


def _broken(data: bytes, position: int, encoding: str) -> ServiceError:
    return ServiceError(
        _(
            "Line %(line)s of the file has characters that cannot be read as %(encoding)s. "
            "Save the file again as CSV in UTF-8 and upload it again."
        )
        % {"line": _line_of(data, position), "encoding": encoding}
    )


def _header_key(cell: str) -> str:
    return " ".join(cell.strip().strip('"').casefold().replace("\ufeff", "").split())


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [_header_key(cell) for cell in header]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _delimiter(line: str) -> str:
    counts = {delimiter: line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def parse_participants(data: bytes) -> ParsedFile:
    """The file's participant rows. The header row is the first line that names a name or an
    e-mail column: Zoom and Teams put a summary of the meeting above it."""
    if not data.strip():
        raise ServiceError(_("The file is empty."))
    if len(data) > MAX_FILE_SIZE:
        raise ServiceError(
            _("The file is larger than %(limit)s MB. Upload only the participant list.")
            % {"limit": MAX_FILE_SIZE // (1024 * 1024)}
        )
    text, encoding = decode(data)
    if "\x00" in text:
        raise ServiceError(
            _("This is not a CSV file (it holds binary data). Export the participant list as CSV.")
        )
    lines = text.splitlines()
    index, header, delimiter, name_column, email_column = _find_header(lines)
    zoom_names = name_column is not None and _header_key(header[name_column]).endswith(")")
    reader = csv.reader(io.StringIO("\n".join(lines[index + 1 :])), delimiter=delimiter)
    rows: list[ParsedRow] = []
    try:
        for offset, cells in enumerate(reader, start=index + 2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ServiceError(
                    _("The file has more than %(limit)s participants; split it into smaller files.")
                    % {"limit": MAX_ROWS}
                )
            name = _cell(cells, name_column)
            if zoom_names:
                name = _ORIGINAL_NAME.sub("", name) or name
            rows.append(ParsedRow(line=offset, name=name, email=_cell(cells, email_column)))
    except csv.Error as error:
        raise ServiceError(
            _("Line %(line)s of the file is not valid CSV: %(problem)s")
            % {"line": reader.line_num + index + 1, "problem": str(error)}
        ) from None
    if not rows:
        raise ServiceError(_("The file has a header line but no participants."))
    return ParsedFile(encoding=encoding, delimiter=delimiter, rows=rows)


def _find_header(lines: list[str]) -> tuple[int, list[str], str, int | None, int | None]:
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        delimiter = _delimiter(line)
        try:
            header = next(csv.reader([line], delimiter=delimiter))
        except csv.Error:
            continue
        name_column = _column(header, NAME_HEADERS)
        email_column = _column(header, EMAIL_HEADERS)
        if name_column is not None or email_column is not None:
            return index, header, delimiter, name_column, email_column
    raise ServiceError(
        _(
            "No line of the file names a column for names or e-mail addresses "
            '(such as "Name" and "Email", or "Navn" and "E-mail"). Export the participant '
            "list as CSV from Zoom, Teams or Jitsi."
        )
    )


def _cell(cells: list[str], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return " ".join(cells[column].split())[:200]
