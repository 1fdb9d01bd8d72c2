"""The fields an import can fill, and the headings member systems give their columns.

Headings are compared case-folded with runs of whitespace made single, so "Medlems nr." and
"medlems nr." are the same heading. A person's name is read either from one column (`name`)
or from two (`first_name` + `last_name`), joined with a space."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netvaerk.core.text import casefold_words


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    required: bool
    headings: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field(
        "member_number",
        _("member number"),
        True,
        (
            "medlemsnummer",
            "medlemsnr",
            "medlemsnr.",
            "medlems nr",
            "medlems nr.",
            "medlems-nr",
            "medlems-nr.",
            "medlems-id",
            "medlemsid",
            "medlems id",
            "member number",
            "member no",
            "member no.",
            "member id",
            "member_number",
            "membership number",
        ),
    ),
    Field("name", _("name"), True, ("navn", "fulde navn", "fuldt navn", "name", "full name")),
    Field(
        "first_name", _("first name"), False, ("fornavn", "fornavne", "first name", "given name")
    ),
    Field("last_name", _("last name"), False, ("efternavn", "last name", "surname", "family name")),
    Field(
        "email", _("e-mail"), False, ("e-mail", "email", "mail", "e-mailadresse", "emailadresse")
    ),
    Field(
        "phone",
        _("phone"),
        False,
        ("telefon", "telefonnummer", "mobil", "mobilnummer", "tlf", "tlf.", "tlf. nr.", "phone"),
    ),
    Field(
        "branch",
        _("branch"),
        False,
        ("afdeling", "lokalafdeling", "partiforening", "kreds", "lokalforening", "branch"),
    ),
    Field(
        "branch_code",
        _("branch code"),
        False,
        ("afdelingskode", "afdelingsnummer", "afdelingsnr", "afdelingsnr.", "branch code"),
    ),
    Field("region", _("region"), False, ("region", "landsdel")),
    Field(
        "is_member",
        _("member or contact"),
        False,
        ("medlem", "medlemsstatus", "type", "status", "member", "is member"),
    ),
    Field(
        "member_since",
        _("member since"),
        False,
        ("indmeldt", "indmeldelsesdato", "indmeldelse", "medlem siden", "member since", "joined"),
    ),
    Field("language", _("language"), False, ("sprog", "language")),
    Field(
        "organisation",
        _("organisation"),
        False,
        ("organisation", "forening", "organization", "association"),
    ),
)

FIELDS_BY_KEY = {field.key: field for field in FIELDS}


def heading_key(heading: str) -> str:
    """A heading as it is compared and remembered."""
    return casefold_words(heading)


def guess_mapping(columns: list[str], remembered: dict[str, str]) -> dict[str, str]:
    """Our field -> the file's column for each field that one can be found for.

    `remembered` is the organisation's last mapping as it is kept (`ImportMapping.headings`:
    case-folded heading -> field); it wins over the headings known from member systems. A
    column is given to one field at most, and the pair first_name + last_name is not guessed
    beside a whole name."""
    by_key = {heading_key(column): column for column in columns}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for heading, key in remembered.items():
        column = by_key.get(heading_key(heading))
        if (
            column is not None
            and key in FIELDS_BY_KEY
            and key not in mapping
            and column not in taken
        ):
            mapping[key] = column
            taken.add(column)
    for field in FIELDS:
        if field.key in mapping:
            continue
        for heading in field.headings:
            column = by_key.get(heading_key(heading))
            if column is not None and column not in taken:
                mapping[field.key] = column
                taken.add(column)
                break
    if "name" in mapping:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return mapping


def remembered_headings(mapping: dict[str, str]) -> dict[str, str]:
    """A mapping in the form it is remembered for the organisation's next import."""
    return {heading_key(column): field for field, column in mapping.items()}


def mapping_errors(mapping: dict[str, str], columns: list[str]) -> list[str]:
    """What is wrong with a mapping, in the reader's language; empty if nothing is."""
    errors: list[str] = []
    for field in mapping:
        if field not in FIELDS_BY_KEY:
            errors.append(
                gettext("“%(field)s” is not a field that can be imported.") % {"field": field}
            )
    for column in mapping.values():
        if column not in columns:
            errors.append(gettext("The file has no column “%(column)s”.") % {"column": column})
    if not mapping.get("member_number"):
        errors.append(gettext("Choose the column that holds the member number."))
    has_name = bool(mapping.get("name"))
    has_parts = bool(mapping.get("first_name")) and bool(mapping.get("last_name"))
    if not has_name and not has_parts:
        errors.append(
            gettext("Choose the column that holds the name, or those of the first and last names.")
        )
    if has_name and (mapping.get("first_name") or mapping.get("last_name")):
        errors.append(gettext("Choose either a column for the whole name or first and last names."))
    seen: dict[str, str] = {}
    for field, column in mapping.items():
        if not column:
            continue
        if column in seen:
            errors.append(
                gettext("The column “%(column)s” is chosen for both %(first)s and %(second)s.")
                % {
                    "column": column,
                    "first": FIELDS_BY_KEY[seen[column]].label
                    if seen[column] in FIELDS_BY_KEY
                    else seen[column],
                    "second": FIELDS_BY_KEY[field].label if field in FIELDS_BY_KEY else field,
                }
            )
        else:
            seen[column] = field
    return errors
