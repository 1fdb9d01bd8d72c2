"""Pages for proposals to start a new network: the public form and the proposer's private
page (no login needed), the office's queue and the proposal's page with its actions.

None of these pages is cached (core.pagecache): they carry a CSRF token, and the proposer's
page is reached only through its secret link."""

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.networks import founding
from netvaerk.networks.access import access_proposal_by_token, access_proposal_for
from netvaerk.networks.founding_forms import (
    AnswerForm,
    AskForm,
    DecideForm,
    ProposalForm,
    ReferForm,
    RejectForm,
    WithdrawForm,
)
from netvaerk.networks.models import NetworkProposal, ProposalStatus

TRIAGE_STATUSES = (ProposalStatus.RECEIVED, ProposalStatus.QUESTIONS, ProposalStatus.ANSWERED)


def client_ip(request: HttpRequest) -> str:
    """The client's address, only to be hashed for the rate limit. Behind a proxy it is the
    last address the proxy added to X-Forwarded-For; earlier ones the client could forge."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _private(response: HttpResponse) -> HttpResponse:
    """The proposer's page is theirs alone: not indexed, and its link not passed on."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _first_error(form: Form) -> str:
    for errors in form.errors.values():
        for message in errors:
            return str(message)
    return _("That action is not possible.")


# --- the proposer --------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@org_view
def propose(request: HttpRequest, actor: Actor) -> HttpResponse:
    org = actor.organisation
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        organisation=org,
        person=actor.person,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = founding.founding_submit(
                actor=actor,
                name=data["name"],
                purpose=data["purpose"],
                helpers=data["helpers"],
                kind=data["kind"],
                region=data["region"],
                proposer_name=data["proposer_name"],
                proposer_email=data["proposer_email"],
                proposer_phone=data["proposer_phone"],
                language=request.LANGUAGE_CODE,
                consent=data["consent"],
                client_ip=client_ip(request),
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your proposal has been sent to the office of %(organisation)s. "
                    "We have e-mailed the link to this page to %(email)s: keep it to follow "
                    "your proposal and answer the office's questions."
                )
                % {"organisation": org.name, "email": proposal.proposer_email},
            )
            return redirect(founding.founding_status_path(proposal))
    return render(
        request,
        "networks/founding/propose.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _status_context(proposal: NetworkProposal) -> dict:
    return {
        "proposal": proposal,
        "token": founding.founding_token(proposal),
        "conversation": founding.founding_messages(proposal=proposal),
        "answer_form": AnswerForm() if proposal.status == ProposalStatus.QUESTIONS else None,
        "withdraw_form": WithdrawForm() if proposal.is_open else None,
    }


@never_cache
@require_GET
@org_view
def proposal_status(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    proposal = access_proposal_by_token(actor, token)
    return _private(render(request, "networks/founding/status.html", _status_context(proposal)))


@never_cache
@require_POST
@org_view
def proposal_answer(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    proposal = access_proposal_by_token(actor, token)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            founding.founding_answer(
                actor=actor, proposal=proposal, answer=form.cleaned_data["answer"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your answer has been sent to the office."))
    if request.htmx:
        proposal.refresh_from_db()
        return _private(
            render(
                request, "networks/founding/status.html#proposal-panel", _status_context(proposal)
            )
        )
    return redirect(founding.founding_status_path(proposal))


@never_cache
@require_POST
@org_view
def proposal_withdraw(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    proposal = access_proposal_by_token(actor, token)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            founding.founding_withdraw(
                actor=actor, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your proposal has been withdrawn."))
    return redirect(founding.founding_status_path(proposal))


# --- the office and the board ----------------------------------------------------------


@never_cache
@require_GET
@org_view
def proposals(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "networks.view_proposals")
    status = request.GET.get("status", "open")
    if status not in founding.QUEUE_FILTERS:
        status = "open"
    page = paginate(
        founding.founding_queue(organisation=actor.organisation, status=status),
        page=request.GET.get("page"),
        per_page=founding.QUEUE_PAGE_SIZE,
    )
    context = {
        "page": page,
        "status": status,
        "query": f"status={status}",
        "waiting_count": founding.founding_queue_count(organisation=actor.organisation),
        "filters": [
            ("open", _("Open")),
            ("waiting", _("Waiting for the office")),
            ("questions", _("Questions asked")),
            ("with_board", _("With the board")),
            ("approved", _("Approved")),
            ("rejected", _("Rejected")),
            ("withdrawn", _("Withdrawn")),
            ("all", _("All")),
        ],
    }
    return render(request, "networks/founding/queue.html", context)


@never_cache
@require_GET
@org_view
def proposal_detail(request: HttpRequest, actor: Actor, proposal_id: int) -> HttpResponse:
    proposal = access_proposal_for(actor, proposal_id, "networks.view_proposals")
    can_triage = actor.can("networks.triage_proposals") and proposal.status in TRIAGE_STATUSES
    can_decide = (
        actor.can("networks.decide_proposals") and proposal.status == ProposalStatus.WITH_BOARD
    )
    refer_form = None
    if can_triage:
        refer_form = ReferForm(
            organisation=actor.organisation,
            initial={
                "name": proposal.name,
                "slug": founding.suggested_slug(proposal),
                "kind": proposal.kind,
                "region": proposal.region_id,
                "purpose": proposal.purpose,
            },
            prefix="refer",
        )
    context = {
        "proposal": proposal,
        "conversation": founding.founding_messages(proposal=proposal),
        "history": [
            (entry, founding.HISTORY_LABELS.get(entry.action, entry.action))
            for entry in founding.founding_history(proposal=proposal)
        ],
        "ask_form": AskForm(prefix="ask") if can_triage else None,
        "reject_form": RejectForm(prefix="reject") if can_triage else None,
        "refer_form": refer_form,
        "decide_form": DecideForm(prefix="decide") if can_decide else None,
        "recording_for_board": can_decide and not actor.has_role("board"),
        "proposer_missing": (
            proposal.status == ProposalStatus.APPROVED and proposal.proposer_membership_id is None
        ),
    }
    return render(request, "networks/founding/detail.html", context)


def _act(
    actor: Actor, proposal_id: int, permission: str
) -> tuple[NetworkProposal, HttpResponseRedirect]:
    proposal = access_proposal_for(actor, proposal_id, permission)
    back = HttpResponseRedirect(
        reverse(
            "networks:proposal_detail",
            kwargs={"org": actor.organisation.slug, "proposal_id": proposal.pk},
        )
    )
    return proposal, back


@require_POST
@org_view
def proposal_ask(request: HttpRequest, actor: Actor, proposal_id: int) -> HttpResponse:
    proposal, back = _act(actor, proposal_id, "networks.triage_proposals")
    form = AskForm(request.POST, prefix="ask")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return back
    try:
        founding.founding_ask(
            actor=actor, proposal=proposal, question=form.cleaned_data["question"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your question has been sent to the proposer."))
    return back


@require_POST
@org_view
def proposal_reject(request: HttpRequest, actor: Actor, proposal_id: int) -> HttpResponse:
    proposal, back = _act(actor, proposal_id, "networks.triage_proposals")
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return back
    try:
        founding.founding_reject(actor=actor, proposal=proposal, reason=form.cleaned_data["reason"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal has been rejected and the proposer told why."))
    return back


@require_POST
@org_view
def proposal_refer(request: HttpRequest, actor: Actor, proposal_id: int) -> HttpResponse:
    proposal, back = _act(actor, proposal_id, "networks.triage_proposals")
    form = ReferForm(request.POST, organisation=actor.organisation, prefix="refer")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return back
    data = form.cleaned_data
    try:
        founding.founding_refer(
            actor=actor,
            proposal=proposal,
            name=data["name"],
            slug=data["slug"],
            kind=data["kind"],
            region=data["region"],
            purpose=data["purpose"],
            note=data["note"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The proposal is now with the board. The network has been prepared with the "
                "status proposed; it is not in the directory until the board approves it."
            ),
        )
    return back


@require_POST
@org_view
def proposal_decide(request: HttpRequest, actor: Actor, proposal_id: int) -> HttpResponse:
    proposal, back = _act(actor, proposal_id, "networks.decide_proposals")
    form = DecideForm(request.POST, prefix="decide")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return back
    approve = form.cleaned_data["decision"] == "approve"
    try:
        decided = founding.founding_decide(
            actor=actor, proposal=proposal, approve=approve, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if not approve:
            messages.success(
                request, _("The proposal has been rejected and the proposer told why.")
            )
        elif decided.proposer_membership_id is None:
            messages.warning(
                request,
                _(
                    "The network is now active. The proposer is not registered in "
                    "%(organisation)s: add them to the network once they are."
                )
                % {"organisation": actor.organisation.name},
            )
        else:
            messages.success(
                request,
                _("The network is now active, with the proposer as its first member."),
            )
    return back
