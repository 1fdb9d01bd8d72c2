"""The rules a row of a member system's export is read by, one cell at a time (Python).

The PostgreSQL path (`postgres.py`) applies the same rules in SQL; the tests run on both
databases, so the two are held to the same results. Decisions:

- A cell that cannot be read (a broken date, e-mail, phone number, member number, member
  status) rejects the whole row, with the reason: nothing is imported half-right. The staff
  correct the file and import it again (the import is idempotent).
- A blank cell means "not given": it never erases what is known about an existing person.
- Dates: "24-12-2020", "24.12.2020", "24/12/2020" (day first, as in Denmark), "2020-12-24",
  an Excel date cell, or an Excel serial number (five digits, days since 1899-12-30). A
  two-digit year ("24-12-20") is refused as ambiguous: a member since 1920 and since 2020
  cannot be told apart.
- Phones are stored in one form: Danish numbers "+45 12 34 56 78" (from "12345678",
  "+4512345678", "0045 12 34 56 78", with or without spaces, dashes, dots), foreign ones as
  "+" and their digits ("0046701234567" -> "+46701234567").
- E-mails are trimmed and lower-cased; member numbers trimmed, leading zeros kept, only
  letters A-Z, digits and hyphens; names trimmed with runs of whitespace made single.
- An unknown language is a warning (the row is imported without it).
"""

import datetime
import re

from netvaerk.core.text import casefold_words

MEMBER_NUMBER_RE = re.compile(r"[A-Za-z0-9-]{1,40}")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_NOISE_RE = re.compile(r"[\s\-./()]")
DK_PHONE_RE = re.compile(r"(?:\+45|0045)?(\d{8})")
INTL_PHONE_RE = re.compile(r"(?:\+|00)(\d{6,15})")
DMY_RE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
DMY_SHORT_RE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{2})")
ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
SERIAL_RE = re.compile(r"\d{5}")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
FIRST_YEAR, LAST_YEAR = 1800, 2200

MAX_LENGTHS = {"name": 200, "branch": 150, "branch_code": 20, "region": 100, "email": 254}

TRUE_VALUES = frozenset(
    {"medlem", "ja", "j", "yes", "y", "true", "1", "x", "member", "aktivt medlem"}
)
FALSE_VALUES = frozenset(
    {
        "kontakt",
        "nej",
        "n",
        "no",
        "false",
        "0",
        "contact",
        "ikke medlem",
        "ikke-medlem",
        "non-member",
        "sympatisør",
    }
)
LANGUAGES = {
    "da": "da",
    "dansk": "da",
    "danish": "da",
    "da-dk": "da",
    "en": "en",
    "engelsk": "en",
    "english": "en",
    "en-gb": "en",
    "en-us": "en",
}


class CellError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def words(value: str) -> str:
    return " ".join(value.split())


def member_number(value: str) -> str:
    value = value.strip()
    if not MEMBER_NUMBER_RE.fullmatch(value):
        raise CellError("invalid_member_number")
    return value


def email(value: str) -> str:
    value = value.strip().lower()
    if len(value) > MAX_LENGTHS["email"] or not EMAIL_RE.fullmatch(value):
        raise CellError("invalid_email")
    return value


def phone(value: str) -> str:
    digits = PHONE_NOISE_RE.sub("", value)
    if match := DK_PHONE_RE.fullmatch(digits):
        d = match[1]
        return f"+45 {d[0:2]} {d[2:4]} {d[4:6]} {d[6:8]}"
    if match := INTL_PHONE_RE.fullmatch(digits):
        return "+" + match[1]
    raise CellError("invalid_phone")


def _date(year: int, month: int, day: int) -> datetime.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError("invalid_date")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError("invalid_date") from None


def date(value: str) -> datetime.date:
    value = value.strip()
    if match := DMY_RE.fullmatch(value):
        return _date(int(match[3]), int(match[2]), int(match[1]))
    if match := ISO_RE.fullmatch(value):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    if SERIAL_RE.fullmatch(value):
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    if DMY_SHORT_RE.fullmatch(value):
        raise CellError("ambiguous_date")
    raise CellError("invalid_date")


def is_member(value: str) -> bool:
    key = casefold_words(value)
    if key in TRUE_VALUES:
        return True
    if key in FALSE_VALUES:
        return False
    raise CellError("invalid_is_member")


def language(value: str) -> str:
    code = LANGUAGES.get(casefold_words(value))
    if code is None:
        raise CellError("unknown_language")
    return code
