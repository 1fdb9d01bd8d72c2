"""Pages of a programme's status reports to the board: the list, a new report (drafted from
live data), a report (its edit form and a preview of the whole document), sending it to the
board, and the downloads — of one report, and of the newest the visitor may read."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.exports import file_response
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.programmes.access import access_programme, access_status_report
from netvaerk.programmes.documents import status_report_document
from netvaerk.programmes.forms.reports import StatusReportCreateForm, StatusReportForm
from netvaerk.programmes.models import Programme, StatusReport
from netvaerk.programmes.selectors import report_data
from netvaerk.programmes.services import reports as services


def _report(actor: Actor, programme: Programme, report_id: int) -> StatusReport:
    """The programme's report, if the actor may read it: a draft is a 404 to the board, as if
    there were none."""
    report = access_status_report(actor, programme, report_id)
    if not actor.can("programmes.view_report", report):
        raise Http404
    return report


@require_GET
@org_view
def report_list(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.view_reports")
    runs = actor.can("programmes.edit", prog)
    reports = report_data.status_reports(programme=prog, sent_only=not runs)
    page = paginate(reports, page=request.GET.get("page"), per_page=report_data.REPORTS_PAGE_SIZE)
    context = {
        "programme": prog,
        "page": page,
        "can_create": runs,
        "latest": page.object_list[0] if page.number == 1 and page.object_list else None,
    }
    return render(request, "programmes/reports.html", context)


def _suggested_start(programme: Programme) -> datetime.date:
    """The day after the last sent report's period, else the programme's start."""
    last = report_data.latest_report(programme=programme, sent_only=True)
    if last is not None:
        return last.period_end + datetime.timedelta(days=1)
    return programme.starts_on


@require_http_methods(["GET", "POST"])
@org_view
def report_create(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.edit")
    initial = {
        "title": services.default_title(prog),
        "date": today(),
        "period_start": _suggested_start(prog),
        "period_end": today(),
    }
    form = StatusReportCreateForm(request.POST or None, initial=initial, programme=prog)

    def again() -> HttpResponse:
        return render(
            request,
            "programmes/report_create.html",
            {"programme": prog, "form": form},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET" or not form.is_valid():
        return again()
    try:
        report = services.status_report_create(actor=actor, programme=prog, **form.cleaned_data)
    except ServiceError as error:
        # Nothing to report on, a contact refused…: said on the form, so the period can be
        # changed there.
        form_error(form, error)
        return again()
    messages.success(
        request, _("The status report has been drafted from the programme's data. Edit it below.")
    )
    return redirect(services.report_url(report))


def _form_initial(report: StatusReport) -> dict:
    return {
        "title": report.title,
        "item_number": report.item_number,
        "date": report.date,
        "board_meeting": report.board_meeting,
        "contacts": list(report.contacts.values_list("pk", flat=True)),
        "introduction": report.introduction,
        "general_support": report.general_support,
        "focused_support": report.focused_support,
        "network_text": report.network_text,
    }


@require_http_methods(["GET", "POST"])
@org_view
def report_detail(request: HttpRequest, actor: Actor, programme: str, report: int) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.view_reports")
    rep = _report(actor, prog, report)
    url = services.report_url(rep)
    can_edit = actor.can("programmes.edit_report", rep)
    form = None
    if request.method == "POST":
        ensure(actor, "programmes.edit", prog)
        form = StatusReportForm(request.POST, programme=prog)
    elif can_edit:
        form = StatusReportForm(initial=_form_initial(rep), programme=prog)

    def again() -> HttpResponse:
        context: dict[str, Any] = {
            "programme": prog,
            "report": rep,
            "form": form if can_edit else None,
            "can_send": actor.can("programmes.send_report", rep),
        }
        document = status_report_document(rep)
        context.update(
            document=document, full_title=document.full_title(), date_text=document.date_text()
        )
        status = 400 if request.method == "POST" else 200
        return render(request, "programmes/report.html", context, status=status)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.status_report_update(actor=actor, report=rep, **data),
        done=_("The report has been saved."),
        then=url,
        again=again,
    )


@require_POST
@org_view
def report_send(request: HttpRequest, actor: Actor, programme: str, report: int) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.view_reports")
    rep = _report(actor, prog, report)
    ensure(actor, "programmes.edit", prog)
    try:
        services.status_report_send(actor=actor, report=rep)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The report has been sent to the %(board)s. Its figures are now frozen.")
            % {"board": actor.organisation.board_word},
        )
    return redirect(services.report_url(rep))


def _download(actor: Actor, rep: StatusReport, file_format: str) -> HttpResponse:
    try:
        download = services.status_report_download(actor=actor, report=rep, file_format=file_format)
    except ServiceError:
        raise Http404 from None
    return file_response(
        download.content, content_type=download.content_type, filename=download.filename
    )


@require_GET
@org_view
def report_pdf(request: HttpRequest, actor: Actor, programme: str, report: int) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.view_reports")
    return _download(actor, _report(actor, prog, report), "pdf")


@require_GET
@org_view
def report_docx(request: HttpRequest, actor: Actor, programme: str, report: int) -> HttpResponse:
    prog = access_programme(actor, programme, "programmes.view_reports")
    return _download(actor, _report(actor, prog, report), "docx")


def _latest(actor: Actor, programme: str) -> StatusReport:
    """The newest report the actor may read: a draft too for those who run the programme,
    the newest sent one for the board; 404 if there is none."""
    prog = access_programme(actor, programme, "programmes.view_reports")
    latest = report_data.latest_report(
        programme=prog, sent_only=not actor.can("programmes.edit", prog)
    )
    if latest is None:
        raise Http404
    return _report(actor, prog, latest.pk)


@require_GET
@org_view
def latest_pdf(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    return _download(actor, _latest(actor, programme), "pdf")


@require_GET
@org_view
def latest_docx(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    return _download(actor, _latest(actor, programme), "docx")
