"""Every write to annual reports goes through here. Each service checks the actor's right
itself (a refusal reads as a ServiceError), writes the audit log with the reason, and e-mails
those concerned once the transaction has committed."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.mail import notify_persons
from netvaerk.governance.selectors import board_and_office, network_leads_and_coordinator
from netvaerk.networks.models import Network
from netvaerk.people.models import Person
from netvaerk.reports import selectors
from netvaerk.reports.documents import FORMATS, Download, file_slug, render
from netvaerk.reports.drafting import ReportScope, annual_report_document, take_snapshot
from netvaerk.reports.models import NARRATIVE_FIELDS, AnnualReport, AnnualReportStatus

MAX_NARRATIVE = 20_000


def _notify(
    persons: Iterable[Person], template: str, *, exclude: Person | None, **context: Any
) -> None:
    recipients = [p for p in persons if exclude is None or p.pk != exclude.pk]
    transaction.on_commit(
        lambda: notify_persons(
            persons=recipients, template=f"reports/email/{template}", context=context
        )
    )


def _lock(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update()
        .select_related("network", "organisation")
        .get(pk=report.pk)
    )


def _scope(report: AnnualReport) -> ReportScope:
    return ReportScope(
        organisation=report.organisation, network=report.network, year=report.year, report=report
    )


@transaction.atomic
def annual_report_start(*, actor: Actor, network: Network, year: int) -> AnnualReport:
    """Open the draft of the network's report on a year: its leads do, or the office on the
    network's behalf."""
    same_organisation(actor, network)
    require(
        actor,
        "reports.start",
        network,
        _(
            "Only the chair and coordination group of an active network, or the office, "
            "start its annual report."
        ),
    )
    if not selectors.valid_report_year(year, today=today()):
        raise ServiceError(_("A report can only be about a year that has begun."), field="year")
    if AnnualReport.objects.filter(network=network, year=year).exists():
        raise ServiceError(
            _("The network's report on %(year)s has already been started.") % {"year": year}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                organisation=network.organisation,
                network=network,
                year=year,
                created_by=actor.person,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        raise ServiceError(
            _("The network's report on %(year)s has already been started.") % {"year": year}
        ) from None
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="annual_report.started",
        obj=report,
        data={"network": network.slug, "year": year},
    )
    _notify(
        network_leads_and_coordinator(network=network, today=today()),
        "report_started",
        exclude=actor.person,
        report=report,
        network=network,
        starter=actor.person.name if actor.person else "",
    )
    return report


@transaction.atomic
def annual_report_update(
    *,
    actor: Actor,
    report: AnnualReport,
    summary: str,
    activities: str,
    cooperation: str,
    plans: str,
) -> AnnualReport:
    """Save the narrative sections; only the leads, and only while it is a draft."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_draft:
        raise ServiceError(
            _("The report has been submitted. The board must return it before it can be changed.")
        )
    require(
        actor,
        "reports.edit",
        report,
        _("Only the network's chair and coordination group write its report."),
    )
    values = {
        "summary": summary,
        "activities": activities,
        "cooperation": cooperation,
        "plans": plans,
    }
    changed = []
    for field, value in values.items():
        value = (value or "").strip()
        if len(value) > MAX_NARRATIVE:
            raise ServiceError(
                _("Keep each section under %(limit)s characters.") % {"limit": MAX_NARRATIVE},
                field=field,
            )
        if getattr(report, field) != value:
            setattr(report, field, value)
            changed.append(field)
    report.updated_at = timezone.now()
    report.save(update_fields=[*NARRATIVE_FIELDS, "updated_at"])
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.edited",
        obj=report,
        data={"changed": changed},
    )
    return report


@transaction.atomic
def annual_report_set_agenda(
    *, actor: Actor, report: AnnualReport, item_number: str, board_meeting: str
) -> AnnualReport:
    """Where the report goes on the board's agenda: the header of the board document."""
    same_organisation(actor, report)
    report = _lock(report)
    require(
        actor,
        "reports.set_agenda",
        report,
        _("Only the board and the office place a report on the agenda."),
    )
    item_number, board_meeting = item_number.strip(), board_meeting.strip()
    if len(item_number) > 20:
        raise ServiceError(_("Keep the agenda item under 20 characters."), field="item_number")
    if len(board_meeting) > 200:
        raise ServiceError(_("Keep the meeting under 200 characters."), field="board_meeting")
    before = {"item_number": report.item_number, "board_meeting": report.board_meeting}
    report.item_number, report.board_meeting = item_number, board_meeting
    report.save(update_fields=["item_number", "board_meeting"])
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.agenda_set",
        obj=report,
        data={"before": before},
    )
    return report


@transaction.atomic
def annual_report_submit(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Send the report to the board: its figures and contacts are frozen as they are now."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_draft:
        raise ServiceError(_("The report has already been submitted."))
    require(
        actor,
        "reports.submit",
        report,
        _("Only the network's chair and coordination group submit its report."),
    )
    if not report.summary.strip():
        raise ServiceError(_("Write the summary of the year before submitting."), field="summary")
    report.snapshot = take_snapshot(_scope(report))
    report.status = AnnualReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor.person
    report.save(update_fields=["snapshot", "status", "submitted_at", "submitted_by"])
    late = today() > report.organisation.annual_report_deadline(report.year)
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.submitted",
        obj=report,
        data={"year": report.year, "after_deadline": late},
    )
    recipients = [
        *board_and_office(organisation=report.organisation),
        *network_leads_and_coordinator(network=report.network, today=today()),
    ]
    unique = list({p.pk: p for p in recipients}.values())
    _notify(unique, "report_submitted", exclude=actor.person, report=report, network=report.network)
    return report


@transaction.atomic
def annual_report_reopen(*, actor: Actor, report: AnnualReport, reason: str) -> AnnualReport:
    """The board (or the office) returns a submitted report to draft, saying why. The frozen
    figures go to the audit log; the draft shows live figures again until resubmitted."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_submitted:
        raise ServiceError(_("Only a submitted report can be returned."))
    require(actor, "reports.reopen", report, _("Only the board and the office return a report."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why the report is returned."), field="reason")
    previous = {
        "snapshot": report.snapshot,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "submitted_by": report.submitted_by_id,
        "received_at": report.received_at.isoformat() if report.received_at else None,
        "received_comment": report.received_comment,
    }
    report.status = AnnualReportStatus.DRAFT
    report.snapshot = {}
    report.submitted_at = None
    report.submitted_by = None
    report.received_at = None
    report.received_by = None
    report.received_comment = ""
    report.reopened_at = timezone.now()
    report.reopened_by = actor.person
    report.reopen_reason = reason
    report.save(
        update_fields=[
            "status",
            "snapshot",
            "submitted_at",
            "submitted_by",
            "received_at",
            "received_by",
            "received_comment",
            "reopened_at",
            "reopened_by",
            "reopen_reason",
        ]
    )
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.reopened",
        obj=report,
        data={"previous": previous},
        reason=reason,
    )
    _notify(
        network_leads_and_coordinator(network=report.network, today=today()),
        "report_reopened",
        exclude=actor.person,
        report=report,
        network=report.network,
        reason=reason,
    )
    return report


@transaction.atomic
def annual_report_acknowledge(
    *, actor: Actor, report: AnnualReport, comment: str = ""
) -> AnnualReport:
    """The board notes the report as received, with an optional comment to the network."""
    same_organisation(actor, report)
    report = _lock(report)
    if not report.is_submitted:
        raise ServiceError(_("Only a submitted report can be acknowledged."))
    if report.received_at is not None:
        raise ServiceError(_("The report has already been acknowledged."))
    require(
        actor,
        "reports.acknowledge",
        report,
        _("Only the board and the office acknowledge a report."),
    )
    comment = (comment or "").strip()
    if len(comment) > MAX_NARRATIVE:
        raise ServiceError(
            _("Keep the comment under %(limit)s characters.") % {"limit": MAX_NARRATIVE},
            field="comment",
        )
    report.received_at = timezone.now()
    report.received_by = actor.person
    report.received_comment = comment
    report.save(update_fields=["received_at", "received_by", "received_comment"])
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.acknowledged",
        obj=report,
        reason=comment,
    )
    _notify(
        network_leads_and_coordinator(network=report.network, today=today()),
        "report_acknowledged",
        exclude=actor.person,
        report=report,
        network=report.network,
        comment=comment,
    )
    return report


# --- downloads ----------------------------------------------------------------------------


def annual_report_filename(report: AnnualReport, file_format: str) -> str:
    """E.g. "aarsberetning-2026-boligpolitisk-netvaerk.pdf": ASCII, with æ, ø and å spelt
    out as Danes do, in the organisation's language."""
    with translation.override(report.organisation.language):
        stem = file_slug(_("annual report"))
    name = file_slug(report.network.name) or report.network.slug
    return f"{stem}-{report.year}-{name}.{file_format}"


@transaction.atomic
def annual_report_download(*, actor: Actor, report: AnnualReport, file_format: str) -> Download:
    """The report as a board document (PDF or DOCX) in the organisation's language. A report
    names people, so every download is logged."""
    same_organisation(actor, report)
    require(actor, "reports.view_report", report, _("You may not read this report."))
    if file_format not in FORMATS:
        raise ServiceError(_("Choose PDF or DOCX."))
    with translation.override(report.organisation.language):
        doc = annual_report_document(_scope(report))
    content = render(doc, file_format)
    log_action(
        actor=actor,
        organisation=report.organisation,
        action="annual_report.downloaded",
        obj=report,
        data={"format": file_format, "status": report.status},
        read=True,
    )
    return Download(
        content=content,
        filename=annual_report_filename(report, file_format),
        content_type=FORMATS[file_format],
    )
