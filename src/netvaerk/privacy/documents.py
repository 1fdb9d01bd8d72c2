"""A person's data as the my-data page, the JSON download and the readable PDF show it: the
sections of `selectors.subject.subject_data` with headings and column names in the reader's
language."""

import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import Organisation

TITLES = {
    "person": _("Person record"),
    "login": _("Login"),
    "roles": _("Roles in the organisation"),
    "network_memberships": _("Network memberships"),
    "coordinator_mandates": _("Coordinator mandates"),
    "registrations": _("Registrations for events"),
    "attendance": _("Attendance"),
    "competence_profile": _("Competence profile"),
    "sparring_requests": _("Sparring requests"),
    "proposals": _("Proposals you wrote"),
    "consents": _("Consents"),
    "data_requests": _("Your requests about your data"),
    "notices": _("Information notices sent to you"),
    "notifications": _("Notifications"),
    "emails": _("E-mails sent to you"),
    "email_preference": _("E-mail preference"),
    "other_records": _("Other records that name you"),
}
LABELS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "member_number": _("Member number"),
    "branch": _("Branch"),
    "region": _("Region"),
    "is_member": _("Member"),
    "member_since": _("Member since"),
    "language": _("Language"),
    "show_contact_details": _("Contact details shown"),
    "created_at": _("Created"),
    "date_joined": _("Created"),
    "last_login": _("Last login"),
    "role": _("Role"),
    "branch__name": _("Branch"),
    "granted_at": _("From"),
    "ended_at": _("Until"),
    "network__name": _("Network"),
    "status": _("Status"),
    "requested_at": _("Asked"),
    "joined_at": _("Joined"),
    "left_at": _("Left"),
    "term_start": _("Term from"),
    "term_end": _("Term to"),
    "ended_on": _("Ended early"),
    "event__title": _("Event"),
    "event__starts_at": _("Starts"),
    "registered_at": _("Registered"),
    "answers": _("Answers"),
    "source": _("Recorded by"),
    "summary": _("Summary"),
    "experience": _("Experience"),
    "languages": _("Languages"),
    "availability": _("Availability"),
    "visibility": _("Visible to"),
    "tags": _("Competences"),
    "asked_by_me": _("Asked by you"),
    "subject": _("Subject"),
    "question": _("Question"),
    "title": _("Title"),
    "kind": _("Kind"),
    "given": _("Given"),
    "text": _("Text shown"),
    "text_version": _("Version"),
    "channel": _("Channel"),
    "recorded_at": _("When"),
    "received_at": _("Received"),
    "due_on": _("Answer by"),
    "handled_at": _("Handled"),
    "outcome": _("Outcome"),
    "notice_version": _("Notice version"),
    "sent_at": _("Sent"),
    "read_at": _("Read"),
    "delivery": _("Delivery"),
    "record": _("Record"),
    "as": _("Named as"),
    "count": _("How many"),
}


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def sections(data: dict[str, Any]) -> list[Section]:
    """The data as titled tables: one-row sections (the person) as a table too."""
    found = []
    for key, title in TITLES.items():
        value = data.get(key)
        rows = [value] if isinstance(value, dict) else (value or [])
        columns = list(rows[0]) if rows else []
        found.append(
            Section(
                key=key,
                title=str(title),
                columns=[str(LABELS.get(column, column)) for column in columns],
                rows=[[_text(row[column]) for column in columns] for row in rows],
            )
        )
    return found


def data_json(data: dict[str, Any]) -> bytes:
    """UTF-8, indented, keys sorted: the same data gives the same file."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()


def data_pdf(data: dict[str, Any], *, organisation: Organisation, language: str) -> bytes:
    """A readable A4 PDF in the person's language. Nothing is fetched from outside."""
    from weasyprint import HTML, URLFetcher

    with translation.override(language):
        html = render_to_string(
            "privacy/me_data_pdf.html",
            {"sections": sections(data), "organisation": organisation, "person": data["person"]},
        )
    fetcher = URLFetcher(allowed_protocols={"data"})
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())
