"""The board's pages: the overview, the queue of proposals, and requests to networks."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance import selectors, services
from netvaerk.governance.forms import (
    BoardRequestForm,
    QueueFilterForm,
)
from netvaerk.governance.models import (
    RequestStatus,
)
from netvaerk.governance.views.common import (
    OVERVIEW_ROWS,
    PAGE_SIZE,
    _network,
    _request_url,
)
from netvaerk.networks import founding
from netvaerk.networks.models import Network
from netvaerk.reports import selectors as report_selectors


@require_GET
@org_view
def board_overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "governance.view_board")
    org = actor.organisation
    day = today()
    # The year whose annual reports the board is collecting: last year's, due this spring.
    report_year = day.year - 1
    report_counts = report_selectors.overview_counts(
        report_selectors.overview(organisation=org, year=report_year, today=day)
    )
    context = {
        "counts": selectors.board_counts(organisation=org, today=day),
        "founding": founding.founding_proposals_for_board(organisation=org)[:OVERVIEW_ROWS],
        "founding_waiting": (
            founding.founding_queue_count(organisation=org)
            if actor.can("networks.triage_proposals")
            else None
        ),
        "report_year": report_year,
        "report_counts": report_counts,
        "report_deadline": org.annual_report_deadline(report_year),
        "proposals": selectors.proposal_queue(organisation=org, status="pending")[:OVERVIEW_ROWS],
        "requests": selectors.request_list(organisation=org, status=RequestStatus.OPEN)[
            :OVERVIEW_ROWS
        ],
        "rules": selectors.rules_awaiting_decision(organisation=org)[:OVERVIEW_ROWS],
        "today": day,
    }
    return render(request, "governance/board.html", context)


@require_GET
@org_view
def proposal_queue(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "governance.view_board")
    org = actor.organisation
    form = QueueFilterForm(request.GET, organisation=org)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    network = data.get("network")
    day = today()
    queue = selectors.proposal_queue(
        organisation=org,
        status=data.get("status", ""),
        network_id=network.pk if network else None,
        overdue_on=day if data.get("overdue") else None,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": paginate(queue, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "query": query.urlencode(),
        "today": day,
    }
    return render(request, "governance/proposal_queue.html", context)


@require_GET
@org_view
def board_requests(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "governance.view_board")
    status = request.GET.get("status", "")
    if status not in ("", *RequestStatus.values):
        status = ""
    day = today()
    overdue = request.GET.get("overdue") == "1"
    requests = selectors.request_list(
        organisation=actor.organisation, status=status, overdue_on=day if overdue else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": paginate(requests, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "status": status,
        "overdue": overdue,
        "statuses": RequestStatus.choices,
        "query": query.urlencode(),
        "today": day,
    }
    return render(request, "governance/board_requests.html", context)


@require_http_methods(["GET", "POST"])
@org_view
def board_request_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "governance.view_board")
    return _request_form(request, actor, network=None)


@require_http_methods(["GET", "POST"])
@org_view
def network_request_new(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.ask_network")
    return _request_form(request, actor, network=net)


def _request_form(request: HttpRequest, actor: Actor, *, network: Network | None) -> HttpResponse:
    org = actor.organisation
    if request.method == "POST":
        form = BoardRequestForm(request.POST, organisation=org, network=network)
        if form.is_valid():
            data = form.cleaned_data
            target = network or data["network"]
            try:
                created = services.board_request_create(
                    actor=actor,
                    network=target,
                    kind=data["kind"],
                    title=data["title"],
                    text=data["text"],
                    deadline=data["deadline"],
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("The request has been sent to %(network)s.") % {"network": target.name},
                )
                return redirect(_request_url(created))
    else:
        form = BoardRequestForm(organisation=org, network=network)
    return render(
        request,
        "governance/request_form.html",
        {"form": form, "network": network},
        status=400 if form.errors else 200,
    )
