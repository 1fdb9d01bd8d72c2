from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.errors import ServiceError
from netvaerk.core.exports import file_response
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance.selectors import history
from netvaerk.networks.models import Network
from netvaerk.reports import selectors, services
from netvaerk.reports.access import (
    access_existing_report,
    access_report,
    access_report_network,
    access_year,
)
from netvaerk.reports.drafting import ReportScope, annual_report_document
from netvaerk.reports.forms import AcknowledgeForm, AgendaForm, NarrativeForm, ReasonForm
from netvaerk.reports.models import FIRST_YEAR, AnnualReport, ReportState


def _report_url(network: Network, year: int) -> str:
    return reverse(
        "reports:report",
        kwargs={"org": network.organisation.slug, "network": network.slug, "year": year},
    )


def _default_year() -> int:
    # Reports are due in the spring after the year they are about.
    return today().year - 1


@require_GET
@org_view
def overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "reports.view_overview")
    raw = request.GET.get("year", "")
    year = access_year(raw) if raw else _default_year()
    org = actor.organisation
    networks = selectors.overview(organisation=org, year=year, today=today())
    page = paginate(networks, page=request.GET.get("page"), per_page=selectors.OVERVIEW_PAGE_SIZE)
    context = {
        "year": year,
        "years": range(today().year, FIRST_YEAR - 1, -1),
        "page": page,
        "query": f"year={year}",
        "counts": selectors.overview_counts(networks),
        "states": ReportState,
        "deadline": org.annual_report_deadline(year),
    }
    template = "reports/overview.html"
    if request.htmx and request.htmx.target == "overview-results":
        template += "#results"
    return render(request, template, context)


@require_GET
@org_view
def network_reports(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_report_network(actor, network)
    drafts = actor.can("reports.view_drafts", net)
    reports = list(selectors.network_reports(network=net, submitted_only=not drafts))
    started = {r.year for r in reports}
    startable = (
        [y for y in (today().year - 1, today().year) if y not in started]
        if actor.can("reports.start", net)
        else []
    )
    context = {
        "network": net,
        "reports": [(r, actor.organisation.annual_report_deadline(r.year)) for r in reports],
        "startable": startable,
    }
    return render(request, "reports/network_reports.html", context)


def _action_labels() -> dict[str, str]:
    return {
        "annual_report.started": _("Started"),
        "annual_report.edited": _("Edited"),
        "annual_report.agenda_set": _("Placed on the board's agenda"),
        "annual_report.submitted": _("Submitted to the board"),
        "annual_report.reopened": _("Returned to draft"),
        "annual_report.acknowledged": _("Noted as received by the board"),
    }


def _history(actor: Actor, report: AnnualReport | None) -> list:
    """Who did what to the report and why; downloads stay in the audit log only."""
    if report is None:
        return []
    labels = _action_labels()
    entries = list(
        history(obj=report, organisation=actor.organisation).exclude(
            action="annual_report.downloaded"
        )
    )
    for entry in entries:
        entry.label = labels.get(entry.action, entry.action)  # type: ignore[attr-defined]
    return entries


def _report_context(actor: Actor, net: Network, year: int, report: AnnualReport | None) -> dict:
    deadline = actor.organisation.annual_report_deadline(year)
    scope = ReportScope(organisation=actor.organisation, network=net, year=year, report=report)
    can_edit = report is not None and actor.can("reports.edit", report)
    return {
        "network": net,
        "year": year,
        "report": report,
        "deadline": deadline,
        "state": selectors.report_state(report=report, deadline=deadline, today=today()),
        "states": ReportState,
        "document": annual_report_document(scope),
        "can_start": report is None and actor.can("reports.start", net),
        "can_edit": can_edit,
        "narrative_form": NarrativeForm(instance=report) if can_edit else None,
        "can_submit": report is not None and actor.can("reports.submit", report),
        "reopen_form": ReasonForm() if report and actor.can("reports.reopen", report) else None,
        "acknowledge_form": (
            AcknowledgeForm() if report and actor.can("reports.acknowledge", report) else None
        ),
        "agenda_form": (
            AgendaForm(
                initial={"item_number": report.item_number, "board_meeting": report.board_meeting}
            )
            if report and actor.can("reports.set_agenda", report)
            else None
        ),
        "history": _history(actor, report),
    }


@require_http_methods(["GET", "POST"])
@org_view
def report_page(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_report(actor, net, year)
    status = 200
    form = None
    if request.method == "POST":
        # Writing is for the network's leads; the state (draft or not) is the service's.
        ensure(actor, "reports.write", net)
        if report is None:
            raise Http404
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                report = services.annual_report_update(
                    actor=actor, report=report, **{f: form.cleaned_data[f] for f in form.fields}
                )
            except ServiceError as error:
                if error.field in form.fields:
                    form.add_error(error.field, error.message)
                else:
                    messages.error(request, error.message)
                    return redirect(_report_url(net, report.year))
            else:
                messages.success(request, _("The report has been saved."))
                if not request.htmx:
                    return redirect(_report_url(net, report.year))
                form = None
        if form is not None:
            status = 400
    context = _report_context(actor, net, access_year(year), report)
    if form is not None:
        context["narrative_form"] = form
    template = "reports/report.html"
    if request.htmx and request.method == "POST":
        template += "#report-body"
    return render(request, template, context, status=status)


@require_POST
@org_view
def start(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    value = access_year(year)
    ensure(actor, "reports.start_any", net)
    try:
        services.annual_report_start(actor=actor, network=net, year=value)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The annual report on %(year)s has been started.") % {"year": value}
        )
    return redirect(_report_url(net, value))


@require_POST
@org_view
def submit(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_existing_report(actor, net, year)
    ensure(actor, "reports.write", net)
    try:
        services.annual_report_submit(actor=actor, report=report)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report has been submitted to the board."))
    return redirect(_report_url(net, report.year))


@require_POST
@org_view
def reopen(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_existing_report(actor, net, year)
    ensure(actor, "reports.decide", net)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report is returned."))
        return redirect(_report_url(net, report.year))
    try:
        services.annual_report_reopen(
            actor=actor, report=report, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report has been returned to the network as a draft."))
    return redirect(_report_url(net, report.year))


@require_POST
@org_view
def acknowledge(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_existing_report(actor, net, year)
    ensure(actor, "reports.decide", net)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the comment shorter."))
        return redirect(_report_url(net, report.year))
    try:
        services.annual_report_acknowledge(
            actor=actor, report=report, comment=form.cleaned_data["comment"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report has been noted as received."))
    return redirect(_report_url(net, report.year))


@require_POST
@org_view
def agenda(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_existing_report(actor, net, year)
    ensure(actor, "reports.decide", net)
    form = AgendaForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(_report_url(net, report.year))
    try:
        services.annual_report_set_agenda(actor=actor, report=report, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The agenda item has been saved."))
    return redirect(_report_url(net, report.year))


def _download(
    request: HttpRequest, actor: Actor, network: str, year: int, fmt: str
) -> HttpResponse:
    net = access_report_network(actor, network)
    report = access_existing_report(actor, net, year)
    try:
        download = services.annual_report_download(actor=actor, report=report, file_format=fmt)
    except ServiceError:
        raise Http404 from None
    return file_response(
        download.content, content_type=download.content_type, filename=download.filename
    )


@require_GET
@org_view
def report_pdf(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    return _download(request, actor, network, year, "pdf")


@require_GET
@org_view
def report_docx(request: HttpRequest, actor: Actor, network: str, year: int) -> HttpResponse:
    return _download(request, actor, network, year, "docx")
