"""One record of the file read into a row: its values by the rules of `normalise`, and the
problems that reject it (codes with parameters; never a name, e-mail or phone number)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from netvaerk.core.text import casefold_words
from netvaerk.imports.engine import normalise
from netvaerk.imports.engine.normalise import MAX_LENGTHS, CellError

Problem = dict[str, Any]


def problem(field: str, code: str, **params: Any) -> Problem:
    return {"field": field, "code": code, "params": params}


@dataclass
class Row:
    number: int
    member_number: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    is_member: bool | None = None
    member_since: datetime.date | None = None
    language: str = ""
    branch: str = ""
    branch_code: str = ""
    region: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def organisation_names(organisation: Any) -> frozenset[str]:
    """The names a file may give this organisation by (case-folded)."""
    names = {casefold_words(organisation.name), casefold_words(organisation.slug)}
    if organisation.short_name:
        names.add(casefold_words(organisation.short_name))
    return frozenset(names)


def read_row(
    number: int,
    record: list[str],
    *,
    positions: dict[str, int],
    width: int,
    own_names: frozenset[str],
) -> Row:
    row = Row(number=number)
    if len(record) > width and any(cell.strip() for cell in record[width:]):
        row.problems.append(problem("", "wrong_field_count", expected=width, found=len(record)))

    def cell(key: str) -> str:
        index = positions.get(key)
        if index is None or index >= len(record):
            return ""
        return record[index]

    raw_number = cell("member_number").strip()
    if not raw_number:
        row.problems.append(problem("member_number", "missing"))
    else:
        try:
            row.member_number = normalise.member_number(raw_number)
        except CellError as error:
            row.problems.append(problem("member_number", error.code))
            row.member_number = raw_number[:40]
    if "name" in positions:
        name = normalise.words(cell("name"))
    else:
        name = normalise.words(f"{cell('first_name')} {cell('last_name')}")
    if not name:
        row.problems.append(problem("name", "missing"))
    elif len(name) > MAX_LENGTHS["name"]:
        row.problems.append(problem("name", "too_long", max=MAX_LENGTHS["name"]))
    else:
        row.name = name
    for key, reader in (
        ("email", normalise.email),
        ("phone", normalise.phone),
        ("is_member", normalise.is_member),
        ("member_since", normalise.date),
    ):
        value = cell(key)
        if value.strip():
            try:
                setattr(row, key, reader(value))
            except CellError as error:
                row.problems.append(problem(key, error.code))
    if value := cell("language").strip():
        try:
            row.language = normalise.language(value)
        except CellError as error:
            row.warnings.append(problem("language", error.code))
    other = normalise.words(cell("organisation"))
    if other and casefold_words(other) not in own_names:
        row.problems.append(problem("organisation", "other_organisation", value=other[:100]))
    for key in ("branch", "branch_code", "region"):
        value = normalise.words(cell(key))
        if len(value) > MAX_LENGTHS[key]:
            row.problems.append(problem(key, "too_long", max=MAX_LENGTHS[key]))
        else:
            setattr(row, key, value)
    return row
