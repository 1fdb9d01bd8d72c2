"""The problems of a row as sentences in the reader's language (the report page, its CSV
download and the command line). Problems are kept as codes with parameters, so a report
checked in Danish reads in English for an English-speaking officer."""

from typing import Any

from django.utils.translation import gettext as _

from netvaerk.imports.engine.fields import FIELDS_BY_KEY


def _label(field: str) -> str:
    known = FIELDS_BY_KEY.get(field)
    return str(known.label) if known else field


def describe(problem: dict[str, Any]) -> str:
    code = problem.get("code", "")
    params = problem.get("params") or {}
    field = _label(problem.get("field", ""))
    if code == "missing":
        return _("The %(field)s is missing.") % {"field": field}
    if code == "too_long":
        return _("The %(field)s is longer than %(max)s characters.") % {
            "field": field,
            "max": params.get("max"),
        }
    if code == "invalid_member_number":
        return _("The member number may hold only letters A–Z, digits and hyphens (at most 40).")
    if code == "invalid_email":
        return _("The e-mail address is not valid.")
    if code == "invalid_phone":
        return _("The phone number is not valid: give eight digits, or + and the country code.")
    if code == "invalid_date":
        return _(
            "The date in “%(field)s” cannot be read: write it as 24-12-2020 or 2020-12-24."
        ) % {"field": field}
    if code == "ambiguous_date":
        return _(
            "The date in “%(field)s” has a two-digit year; write the year with four digits."
        ) % {"field": field}
    if code == "invalid_is_member":
        return _("Member or contact cannot be read: write “medlem” or “kontakt” (or ja/nej).")
    if code == "unknown_language":
        return _("The language is not one we know; the row is imported without it.")
    if code == "other_organisation":
        return _("The row belongs to another organisation (%(value)s).") % {
            "value": params.get("value", "")
        }
    if code == "unknown_branch_no_region":
        return _(
            "The branch “%(value)s” does not exist, and the row names no region to create it in."
        ) % {"value": params.get("value", "")}
    if code == "duplicate":
        return _("The same member number is also on row %(row)s.") % {"row": params.get("row")}
    if code == "wrong_field_count":
        return _("The row has %(found)s fields; the heading row has %(expected)s.") % {
            "found": params.get("found"),
            "expected": params.get("expected"),
        }
    return _("The row cannot be imported (%(code)s).") % {"code": code}
