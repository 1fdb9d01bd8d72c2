"""Every write to a programme's status reports goes through here: creating one (its narrative
drafted from live data), editing it while it is a draft, sending it to the board (its figures
and contacts frozen), and downloading it (an audited read: it names people)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.mail import notify_persons
from netvaerk.governance.selectors import persons_with_role
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person
from netvaerk.programmes.documents import draft_narrative, status_report_document
from netvaerk.programmes.models import Programme, StatusReport, StatusReportStatus
from netvaerk.programmes.selectors import report_data
from netvaerk.reports.documents import FORMATS, Download, file_slug, render

MAX_NARRATIVE = 20_000
SNAPSHOT_VERSION = 1


def _lock(report: StatusReport) -> StatusReport:
    return (
        StatusReport.objects.select_for_update()
        .select_related("programme", "organisation")
        .get(pk=report.pk)
    )


def _check_contacts(programme: Programme, contacts: Iterable[Person]) -> list[Person]:
    people = list(contacts)
    eligible = set(
        report_data.eligible_contacts(programme)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    refused = [p.name for p in people if p.pk not in eligible]
    if refused:
        raise ServiceError(
            _(
                "Only the programme's owners and the %(office)s's staff can be contact "
                "persons, not %(names)s."
            )
            % {"office": programme.organisation.office_word, "names": ", ".join(refused)},
            field="contacts",
        )
    return people


def _check_header(*, title: str, item_number: str, board_meeting: str) -> None:
    if not title:
        raise ServiceError(_("Give the report a title."), field="title")
    if len(title) > 300:
        raise ServiceError(_("Keep the title under 300 characters."), field="title")
    if len(item_number) > 20:
        raise ServiceError(_("Keep the agenda item under 20 characters."), field="item_number")
    if len(board_meeting) > 200:
        raise ServiceError(_("Keep the meeting under 200 characters."), field="board_meeting")


def _missing_message(missing: list[str], programme: Programme, start: str, end: str) -> str:
    reasons = {
        "workshops": _("No workshop of the programme's series was held in the period."),
        "support": _("No %(branches)s have been selected for focused support.")
        % {"branches": programme.organisation.branches_word},
        "reach": _("There are no figures for the network's branch reach yet.")
        if programme.network
        else _("The programme has no network to report on."),
    }
    return " ".join(
        [
            _("There is nothing to report on for %(start)s to %(end)s.")
            % {"start": start, "end": end},
            *(reasons[key] for key in missing),
        ]
    )


def default_title(programme: Programme) -> str:
    """Seed 002: "Status på projekt for lokalpolitisk interessevaretagelse"."""
    with translation.override(programme.organisation.language):
        return _("Status on %(programme)s") % {"programme": programme.name}


@transaction.atomic
def status_report_create(
    *,
    actor: Actor,
    programme: Programme,
    date: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    item_number: str = "",
    board_meeting: str = "",
    title: str = "",
    contacts: Iterable[Person] = (),
) -> StatusReport:
    """Start a status report on the period, its narrative drafted from the programme's live
    data in the organisation's language. Refused when the period has nothing to report."""
    same_organisation(actor, programme)
    require(
        actor,
        "programmes.edit",
        programme,
        _("Only the %(office)s and the programme's owners write its status reports.")
        % {"office": actor.organisation.office_word},
    )
    if period_end < period_start:
        raise ServiceError(_("The period must end after it starts."), field="period_end")
    title = (title or "").strip() or default_title(programme)
    item_number, board_meeting = (item_number or "").strip(), (board_meeting or "").strip()
    _check_header(title=title, item_number=item_number, board_meeting=board_meeting)
    people = _check_contacts(programme, contacts)
    figures = report_data.report_figures(programme, period_start, period_end)
    missing = report_data.missing_data(figures)
    if len(missing) == len(report_data.SOURCES):
        raise ServiceError(
            _missing_message(
                missing,
                programme,
                date_format(period_start, "DATE_FORMAT"),
                date_format(period_end, "DATE_FORMAT"),
            )
        )
    org = programme.organisation
    with translation.override(org.language):
        texts = draft_narrative(
            figures, org, start=period_start.isoformat(), end=period_end.isoformat()
        )
    now = timezone.now()
    report = StatusReport.objects.create(
        organisation=org,
        programme=programme,
        date=date,
        item_number=item_number,
        board_meeting=board_meeting,
        period_start=period_start,
        period_end=period_end,
        title=title,
        created_by=actor.person,
        created_at=now,
        updated_at=now,
        **texts,
    )
    report.contacts.set(people)
    log_action(
        actor=actor,
        organisation=org,
        action="programmes.status_report.created",
        obj=report,
        data={
            "programme": programme.slug,
            "period": [period_start.isoformat(), period_end.isoformat()],
            "missing": missing,
        },
    )
    return report


NARRATIVE = ("introduction", "general_support", "focused_support", "network_text")


@transaction.atomic
def status_report_update(
    *,
    actor: Actor,
    report: StatusReport,
    title: str,
    item_number: str,
    date: datetime.date,
    board_meeting: str,
    contacts: Iterable[Person],
    introduction: str,
    general_support: str,
    focused_support: str,
    network_text: str,
) -> StatusReport:
    """Save the header and the narrative; only while the report is a draft."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_draft:
        raise ServiceError(_("The report has been sent to the board and can no longer be changed."))
    require(
        actor,
        "programmes.edit_report",
        report,
        _("Only the %(office)s and the programme's owners write its status reports.")
        % {"office": actor.organisation.office_word},
    )
    title, item_number = (title or "").strip(), (item_number or "").strip()
    board_meeting = (board_meeting or "").strip()
    _check_header(title=title, item_number=item_number, board_meeting=board_meeting)
    people = _check_contacts(report.programme, contacts)
    values: dict[str, Any] = {
        "title": title,
        "item_number": item_number,
        "date": date,
        "board_meeting": board_meeting,
        "introduction": introduction,
        "general_support": general_support,
        "focused_support": focused_support,
        "network_text": network_text,
    }
    changed = []
    for field, value in values.items():
        if field in NARRATIVE:
            value = (value or "").strip()
            if len(value) > MAX_NARRATIVE:
                raise ServiceError(
                    _("Keep each section under %(limit)s characters.") % {"limit": MAX_NARRATIVE},
                    field=field,
                )
        if getattr(report, field) != value:
            setattr(report, field, value)
            changed.append(field)
    before = set(report.contacts.values_list("pk", flat=True))
    if before != {p.pk for p in people}:
        report.contacts.set(people)
        changed.append("contacts")
    report.updated_at = timezone.now()
    report.save(update_fields=[*values, "updated_at"])
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="programmes.status_report.edited",
        obj=report,
        data={"changed": changed},
    )
    return report


def take_snapshot(report: StatusReport) -> dict[str, Any]:
    """What a sent report keeps: its figures and its contacts as they are now."""
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "figures": report_data.report_figures(
            report.programme, report.period_start, report.period_end
        ),
        "contacts": report_data.contact_rows(report),
    }


@transaction.atomic
def status_report_send(*, actor: Actor, report: StatusReport) -> StatusReport:
    """Send the report to the board: its figures and contacts are frozen, and the board's
    members are told by e-mail, each in their own language."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_draft:
        raise ServiceError(_("The report has already been sent to the board."))
    require(
        actor,
        "programmes.send_report",
        report,
        _("Only the %(office)s and the programme's owners send its status reports.")
        % {"office": actor.organisation.office_word},
    )
    report.snapshot = take_snapshot(report)
    report.status = StatusReportStatus.SENT
    report.sent_at = timezone.now()
    report.sent_by = actor.person
    report.save(update_fields=["snapshot", "status", "sent_at", "sent_by"])
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="programmes.status_report.sent",
        obj=report,
        data={"programme": report.programme.slug},
    )
    board = list(persons_with_role(organisation=report.organisation, roles=(OrgRole.BOARD,)))
    recipients = [p for p in board if actor.person is None or p.pk != actor.person.pk]
    url = report_url(report)
    context = {
        "report": report,
        "programme": report.programme,
        "organisation": report.organisation,
        "sender": actor.person.name if actor.person else "",
        "url": url,
    }
    transaction.on_commit(
        lambda: notify_persons(
            persons=recipients,
            template="programmes/email/status_report_sent",
            context=context,
            url=url,
        )
    )
    return report


def report_url(report: StatusReport) -> str:
    from django.urls import reverse

    return reverse(
        "programmes:report",
        kwargs={
            "org": report.organisation.slug,
            "programme": report.programme.slug,
            "report": report.pk,
        },
    )


# --- downloads ----------------------------------------------------------------------------


def status_report_filename(report: StatusReport, file_format: str) -> str:
    """E.g. "statusrapport-lokalpolitik-2023-10-09.pdf": ASCII, æ, ø and å spelt out."""
    with translation.override(report.organisation.language):
        stem = file_slug(_("status report"))
    return f"{stem}-{report.programme.slug}-{report.date.isoformat()}.{file_format}"


@transaction.atomic
def status_report_download(*, actor: Actor, report: StatusReport, file_format: str) -> Download:
    """The report as a board document (PDF or DOCX) in the organisation's language. It names
    people, so every download is logged as a read."""
    same_organisation(actor, report)
    require(actor, "programmes.view_report", report, _("You may not read this report."))
    if file_format not in FORMATS:
        raise ServiceError(_("Choose PDF or DOCX."))
    with translation.override(report.organisation.language):
        doc = status_report_document(report)
        content = render(doc, file_format)
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="programmes.status_report.downloaded",
        obj=report,
        data={"format": file_format, "status": report.status},
        read=True,
    )
    return Download(
        content=content,
        filename=status_report_filename(report, file_format),
        content_type=FORMATS[file_format],
    )
