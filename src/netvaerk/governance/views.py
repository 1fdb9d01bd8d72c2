"""Pages of the network–board relation. Views only read the request, ask the access helpers
and services, and render; every rule and write lives in rules.py and services.py."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance import selectors, services
from netvaerk.governance.access import (
    access_attachment,
    access_proposal,
    access_request,
    access_rules_version,
)
from netvaerk.governance.forms import (
    AnswerForm,
    AttachmentForm,
    BoardRequestForm,
    HandleProposalForm,
    NoteForm,
    ProposalDecisionForm,
    ProposalForm,
    QueueFilterForm,
    ReasonForm,
    RequiredReasonForm,
    RulesDecisionForm,
    RulesForm,
)
from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.networks import founding
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network
from netvaerk.reports import selectors as report_selectors

PAGE_SIZE = 25
OVERVIEW_ROWS = 10


def _form_error(form: Any, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _refused(request: HttpRequest, error: ServiceError, to: str) -> HttpResponse:
    """A refusal about the state of things, not a field: say it, and show the page as it is."""
    messages.error(request, error.message)
    return redirect(to)


def _network(actor: Actor, slug: str, permission: str) -> Network:
    network = access_network(actor, slug)
    ensure(actor, permission, network)
    return network


# --- the board's pages --------------------------------------------------------------------


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
                _form_error(form, error)
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


# --- rules of procedure -------------------------------------------------------------------


def _rules_url(network: Network, version: RulesOfProcedure | None = None) -> str:
    kwargs = {"org": network.organisation.slug, "network": network.slug}
    if version is None:
        return reverse("governance:rules", kwargs=kwargs)
    return reverse("governance:rules_version", kwargs={**kwargs, "version_id": version.pk})


@require_GET
@org_view
def rules_page(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    sees_work = actor.can("governance.view_rules_work", net)
    versions = selectors.rules_versions(network=net, include_work=sees_work)
    context = {
        "network": net,
        "current": selectors.current_rules(network=net),
        "open_version": selectors.open_rules(network=net) if sees_work else None,
        "page": paginate(versions, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "can_draft": actor.can("governance.draft_rules", net),
    }
    return render(request, "governance/rules.html", context)


@require_http_methods(["GET", "POST"])
@org_view
def rules_edit(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    open_version = selectors.open_rules(network=net)
    if open_version is not None and open_version.status == RulesStatus.SUBMITTED:
        messages.error(
            request,
            _("The rules are with the board. Withdraw them first if you need to change them."),
        )
        return redirect(_rules_url(net, open_version))
    base = open_version or selectors.current_rules(network=net)
    initial = {
        "text": base.text if base else "",
        "change_summary": open_version.change_summary if open_version else "",
    }
    if request.method == "POST":
        form = RulesForm(request.POST, initial=initial)
        if form.is_valid():
            try:
                saved = services.rules_draft_save(
                    actor=actor,
                    network=net,
                    text=form.cleaned_data["text"],
                    change_summary=form.cleaned_data["change_summary"],
                )
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The draft has been saved."))
                return redirect(_rules_url(net, saved))
    else:
        form = RulesForm(initial=initial)
    return render(
        request,
        "governance/rules_form.html",
        {"form": form, "network": net, "open_version": open_version},
        status=400 if form.errors else 200,
    )


def _rules_version_page(
    request: HttpRequest,
    actor: Actor,
    version: RulesOfProcedure,
    *,
    decision_form: RulesDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    net = version.network
    previous = (
        RulesOfProcedure.objects.filter(
            network=net, status=RulesStatus.APPROVED, created_at__lt=version.created_at
        )
        .order_by("-created_at")
        .first()
    )
    sees_work = actor.can("governance.view_rules_work", net)
    context = {
        "network": net,
        "version": version,
        "previous": previous,
        "current": selectors.current_rules(network=net),
        "can_draft": actor.can("governance.draft_rules", net),
        "can_decide": actor.can("governance.decide_rules", version),
        "decision_form": decision_form or RulesDecisionForm(),
        "withdraw_form": ReasonForm(),
        "history": (
            selectors.history(obj=version, organisation=actor.organisation) if sees_work else []
        ),
    }
    return render(request, "governance/rules_version.html", context, status=status)


@require_GET
@org_view
def rules_version(
    request: HttpRequest, actor: Actor, network: str, version_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    return _rules_version_page(request, actor, access_rules_version(actor, net, version_id))


@require_POST
@org_view
def rules_submit(request: HttpRequest, actor: Actor, network: str, version_id: int) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    version = access_rules_version(actor, net, version_id)
    try:
        services.rules_submit(actor=actor, version=version)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The rules have been submitted to the board."))
    return redirect(_rules_url(net, version))


@require_POST
@org_view
def rules_withdraw(
    request: HttpRequest, actor: Actor, network: str, version_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    version = access_rules_version(actor, net, version_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.rules_withdraw(actor=actor, version=version, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_rules_url(net, version))
    messages.success(request, _("The draft has been withdrawn."))
    return redirect(_rules_url(net))


@require_POST
@org_view
def rules_decide(request: HttpRequest, actor: Actor, network: str, version_id: int) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules_work")
    version = access_rules_version(actor, net, version_id)
    ensure(actor, "governance.decide_rules", version)
    form = RulesDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = services.rules_decide(
                actor=actor,
                version=version,
                approve=data["decision"] == "approve",
                reason=data["reason"],
                reference=data["reference"],
            )
        except ServiceError as error:
            if error.field is None:
                return _refused(request, error, _rules_url(net, version))
            _form_error(form, error)
        else:
            if decided.status == RulesStatus.APPROVED:
                messages.success(
                    request,
                    _("Version %(number)s of the rules has been approved.")
                    % {"number": decided.number},
                )
            else:
                messages.success(request, _("The rules have been returned to the network."))
            return redirect(_rules_url(net, decided))
    return _rules_version_page(request, actor, version, decision_form=form, status=400)


@require_GET
@org_view
def rules_compare(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    try:
        old_id = int(request.GET.get("old", ""))
        new_id = int(request.GET.get("new", ""))
    except ValueError:
        raise Http404 from None
    old = access_rules_version(actor, net, old_id)
    new = access_rules_version(actor, net, new_id)
    context = {
        "network": net,
        "old": old,
        "new": new,
        "lines": selectors.rules_diff(old=old, new=new),
    }
    return render(request, "governance/rules_compare.html", context)


# --- proposals ----------------------------------------------------------------------------


def _proposal_url(proposal: Proposal) -> str:
    return reverse(
        "governance:proposal",
        kwargs={
            "org": proposal.network.organisation.slug,
            "network": proposal.network.slug,
            "proposal_id": proposal.pk,
        },
    )


@require_GET
@org_view
def network_proposals(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_proposals")
    runs = actor.can("governance.create_proposal", net) or actor.coordinates(net)
    proposals = selectors.network_proposals(network=net, include_drafts=runs)
    context = {
        "network": net,
        "page": paginate(proposals, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "can_create": actor.can("governance.create_proposal", net),
        "today": today(),
    }
    return render(request, "governance/network_proposals.html", context)


@require_http_methods(["GET", "POST"])
@org_view
def proposal_new(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.create_proposal")
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_create(actor=actor, network=net, **form.cleaned_data)
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _("The draft has been saved. Add attachments, then submit it to the board."),
                )
                return redirect(_proposal_url(proposal))
    else:
        form = ProposalForm()
    return render(
        request,
        "governance/proposal_form.html",
        {"form": form, "network": net, "proposal": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@org_view
def proposal_edit(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_proposals")
    proposal = access_proposal(actor, net, proposal_id)
    ensure(actor, "governance.edit_proposal", proposal)
    initial = {
        "kind": proposal.kind,
        "title": proposal.title,
        "text": proposal.text,
        "rationale": proposal.rationale,
    }
    if request.method == "POST":
        form = ProposalForm(request.POST, initial=initial)
        if form.is_valid():
            try:
                services.proposal_update(actor=actor, proposal=proposal, **form.cleaned_data)
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The draft has been saved."))
                return redirect(_proposal_url(proposal))
    else:
        form = ProposalForm(initial=initial)
    return render(
        request,
        "governance/proposal_form.html",
        {"form": form, "network": net, "proposal": proposal},
        status=400 if form.errors else 200,
    )


def _proposal_page(
    request: HttpRequest, actor: Actor, proposal: Proposal, *, status: int = 200, **forms: Any
) -> HttpResponse:
    org = actor.organisation
    can_handle = actor.can("governance.handle_proposal", proposal)
    board_reads = actor.can("governance.view_board")
    context = {
        "network": proposal.network,
        "proposal": proposal,
        "attachments": proposal.attachments.filter(withdrawn_at__isnull=True).select_related(
            "uploaded_by"
        ),
        "can_edit": actor.can("governance.edit_proposal", proposal),
        "can_withdraw": actor.can("governance.withdraw_proposal", proposal)
        and proposal.status in (ProposalStatus.DRAFT, *services.PENDING_PROPOSAL_STATUSES),
        "can_handle": can_handle and proposal.is_pending,
        "notes": proposal.notes.select_related("author") if board_reads else None,
        "can_note": can_handle,
        "history": selectors.history(obj=proposal, organisation=org, private=board_reads),
        "overdue": proposal.is_overdue(today()),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "handle_form": forms.get("handle_form")
        or HandleProposalForm(
            organisation=org,
            initial={"preparer": proposal.preparer_id, "answer_due": proposal.answer_due},
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "decision_form": forms.get("decision_form") or ProposalDecisionForm(),
        "withdraw_form": ReasonForm(),
    }
    return render(request, "governance/proposal.html", context, status=status)


@require_GET
@org_view
def proposal_detail(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_proposals")
    return _proposal_page(request, actor, access_proposal(actor, net, proposal_id))


def _proposal_for(actor: Actor, network: str, proposal_id: int, permission: str) -> Proposal:
    net = _network(actor, network, "governance.view_network_proposals")
    proposal = access_proposal(actor, net, proposal_id)
    ensure(actor, permission, proposal)
    return proposal


@require_POST
@org_view
def proposal_submit(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.edit_proposal")
    try:
        services.proposal_submit(actor=actor, proposal=proposal)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal has been submitted to the board."))
    return redirect(_proposal_url(proposal))


@require_POST
@org_view
def proposal_withdraw(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.withdraw_proposal")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.proposal_withdraw(actor=actor, proposal=proposal, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal has been withdrawn."))
    return redirect(_proposal_url(proposal))


@require_POST
@org_view
def proposal_handle(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.handle_proposal")
    form = HandleProposalForm(request.POST, organisation=actor.organisation)
    if form.is_valid():
        try:
            services.proposal_handle(
                actor=actor,
                proposal=proposal,
                preparer=form.cleaned_data["preparer"],
                answer_due=form.cleaned_data["answer_due"],
            )
        except ServiceError as error:
            if error.field is None:
                return _refused(request, error, _proposal_url(proposal))
            _form_error(form, error)
        else:
            messages.success(request, _("The board's handling has been saved."))
            return redirect(_proposal_url(proposal))
    return _proposal_page(request, actor, proposal, handle_form=form, status=400)


@require_POST
@org_view
def proposal_note(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.handle_proposal")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_note_add(
                actor=actor, proposal=proposal, text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The note has been saved."))
            return redirect(_proposal_url(proposal) + "#notes")
    return _proposal_page(request, actor, proposal, note_form=form, status=400)


@require_POST
@org_view
def proposal_decide(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.handle_proposal")
    form = ProposalDecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = services.proposal_decide(actor=actor, proposal=proposal, **form.cleaned_data)
        except ServiceError as error:
            if error.field is None:
                return _refused(request, error, _proposal_url(proposal))
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("The decision has been recorded: %(outcome)s.")
                % {"outcome": decided.get_status_display()},
            )
            return redirect(_proposal_url(proposal))
    return _proposal_page(request, actor, proposal, decision_form=form, status=400)


@require_POST
@org_view
def attachment_add(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.edit_proposal")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.proposal_attach(
                actor=actor, proposal=proposal, upload=form.cleaned_data["file"]
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The file has been attached."))
            return redirect(_proposal_url(proposal) + "#attachments")
    return _proposal_page(request, actor, proposal, attachment_form=form, status=400)


@require_POST
@org_view
def attachment_remove(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int, attachment_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.edit_proposal")
    attachment = access_attachment(actor, proposal, attachment_id)
    try:
        services.proposal_detach(actor=actor, attachment=attachment)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The attachment has been removed."))
    return redirect(_proposal_url(proposal) + "#attachments")


@require_GET
@org_view
def attachment_download(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int, attachment_id: int
) -> FileResponse:
    net = _network(actor, network, "governance.view_network_proposals")
    proposal = access_proposal(actor, net, proposal_id)
    attachment = access_attachment(actor, proposal, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="proposal.attachment_downloaded",
        obj=proposal,
        data={"attachment": attachment.pk},
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- board requests -----------------------------------------------------------------------


def _request_url(board_request: BoardRequest) -> str:
    return reverse(
        "governance:request",
        kwargs={
            "org": board_request.network.organisation.slug,
            "network": board_request.network.slug,
            "request_id": board_request.pk,
        },
    )


@require_GET
@org_view
def network_requests(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_requests")
    context = {
        "network": net,
        "page": paginate(
            selectors.network_requests(network=net),
            page=request.GET.get("page"),
            per_page=PAGE_SIZE,
        ),
        "can_ask": actor.can("governance.ask_network", net),
        "today": today(),
    }
    return render(request, "governance/network_requests.html", context)


def _request_page(
    request: HttpRequest,
    actor: Actor,
    board_request: BoardRequest,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    is_open = board_request.status == RequestStatus.OPEN
    context = {
        "network": board_request.network,
        "board_request": board_request,
        "overdue": board_request.is_overdue(today()),
        "can_answer": is_open and actor.can("governance.answer_request", board_request),
        "can_withdraw": is_open and actor.can("governance.withdraw_request", board_request),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "withdraw_form": forms.get("withdraw_form") or RequiredReasonForm(),
        "history": selectors.history(obj=board_request, organisation=actor.organisation),
    }
    return render(request, "governance/request.html", context, status=status)


@require_GET
@org_view
def request_detail(
    request: HttpRequest, actor: Actor, network: str, request_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_requests")
    return _request_page(request, actor, access_request(actor, net, request_id))


@require_POST
@org_view
def request_answer(
    request: HttpRequest, actor: Actor, network: str, request_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_requests")
    board_request = access_request(actor, net, request_id)
    ensure(actor, "governance.answer_request", board_request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.board_request_answer(
                actor=actor, request=board_request, answer=form.cleaned_data["answer"]
            )
        except ServiceError as error:
            if error.field is None:
                return _refused(request, error, _request_url(board_request))
            _form_error(form, error)
        else:
            messages.success(request, _("The answer has been sent to the board."))
            return redirect(_request_url(board_request))
    return _request_page(request, actor, board_request, answer_form=form, status=400)


@require_POST
@org_view
def request_withdraw(
    request: HttpRequest, actor: Actor, network: str, request_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_requests")
    board_request = access_request(actor, net, request_id)
    ensure(actor, "governance.withdraw_request", board_request)
    form = RequiredReasonForm(request.POST)
    if form.is_valid():
        try:
            services.board_request_withdraw(
                actor=actor, request=board_request, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            if error.field is None:
                return _refused(request, error, _request_url(board_request))
            _form_error(form, error)
        else:
            messages.success(request, _("The request has been withdrawn."))
            return redirect(_request_url(board_request))
    return _request_page(request, actor, board_request, withdraw_form=form, status=400)
