"""Proposals to the board, their attachments, and the board's handling of them."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance import selectors, services
from netvaerk.governance.access import (
    access_attachment,
    access_proposal,
)
from netvaerk.governance.forms import (
    AttachmentForm,
    HandleProposalForm,
    NoteForm,
    ProposalDecisionForm,
    ProposalForm,
    ReasonForm,
)
from netvaerk.governance.models import (
    Proposal,
    ProposalStatus,
)
from netvaerk.governance.views.common import (
    PAGE_SIZE,
    _network,
    _proposal_url,
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
                form_error(form, error)
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
                form_error(form, error)
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
    return form_action(
        request,
        form,
        lambda data: services.proposal_handle(
            actor=actor, proposal=proposal, preparer=data["preparer"], answer_due=data["answer_due"]
        ),
        done=_("The board's handling has been saved."),
        then=_proposal_url(proposal),
        again=lambda: _proposal_page(request, actor, proposal, handle_form=form, status=400),
    )


@require_POST
@org_view
def proposal_note(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.handle_proposal")
    form = NoteForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.proposal_note_add(actor=actor, proposal=proposal, text=data["text"]),
        done=_("The note has been saved."),
        then=_proposal_url(proposal) + "#notes",
        again=lambda: _proposal_page(request, actor, proposal, note_form=form, status=400),
    )


@require_POST
@org_view
def proposal_decide(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.handle_proposal")
    form = ProposalDecisionForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.proposal_decide(actor=actor, proposal=proposal, **data),
        done=lambda decided: (
            _("The decision has been recorded: %(outcome)s.")
            % {"outcome": decided.get_status_display()}
        ),
        then=_proposal_url(proposal),
        again=lambda: _proposal_page(request, actor, proposal, decision_form=form, status=400),
    )


@require_POST
@org_view
def attachment_add(
    request: HttpRequest, actor: Actor, network: str, proposal_id: int
) -> HttpResponse:
    proposal = _proposal_for(actor, network, proposal_id, "governance.edit_proposal")
    form = AttachmentForm(request.POST, request.FILES)
    return form_action(
        request,
        form,
        lambda data: services.proposal_attach(actor=actor, proposal=proposal, upload=data["file"]),
        done=_("The file has been attached."),
        then=_proposal_url(proposal) + "#attachments",
        again=lambda: _proposal_page(request, actor, proposal, attachment_form=form, status=400),
    )


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
        read=True,
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
