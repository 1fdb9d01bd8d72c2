"""Requests from the board to a network: asked, answered, withdrawn."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.governance import selectors
from netvaerk.governance.models import (
    BoardRequest,
    RequestKind,
    RequestStatus,
)
from netvaerk.governance.services.common import (
    _notify,
    _text,
)
from netvaerk.networks.models import Network


@transaction.atomic
def board_request_create(
    *,
    actor: Actor,
    network: Network,
    kind: str,
    title: str,
    text: str,
    deadline: datetime.date,
) -> BoardRequest:
    same_organisation(actor, network)
    require(
        actor,
        "governance.ask_network",
        network,
        _("Only the board, or the office on its behalf, asks an active network for input."),
    )
    if kind not in RequestKind.values:
        raise ServiceError(_("Choose whether the board asks for advice or a task."), field="kind")
    title = _text(title, field="title", message=_("Give the request a title."))
    text = _text(text, field="text", message=_("Describe what the board asks for."))
    if deadline < today():
        raise ServiceError(_("The deadline cannot be in the past."), field="deadline")
    request = BoardRequest.objects.create(
        organisation=network.organisation,
        network=network,
        kind=kind,
        title=title[:200],
        text=text,
        deadline=deadline,
        asked_by=actor.person,
    )
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="board_request.created",
        obj=request,
        data={"network": network.slug, "deadline": deadline.isoformat()},
    )
    _notify(
        selectors.network_leads_and_coordinator(network=network, today=today()),
        "request_created",
        about=request,
        request=request,
        network=network,
    )
    return request


def _lock_request(request: BoardRequest) -> BoardRequest:
    return (
        # Only the request's row: PostgreSQL cannot lock the outer-joined asker.
        BoardRequest.objects.select_for_update(of=("self",))
        .select_related("network", "asked_by")
        .get(pk=request.pk)
    )


@transaction.atomic
def board_request_answer(*, actor: Actor, request: BoardRequest, answer: str) -> BoardRequest:
    same_organisation(actor, request)
    request = _lock_request(request)
    require(
        actor,
        "governance.answer_request",
        request,
        _("Only the chair and coordination group of the network asked can answer."),
    )
    if request.status != RequestStatus.OPEN:
        raise ServiceError(_("This request is no longer waiting for an answer."))
    request.answer = _text(answer, field="answer", message=_("Write the network's answer."))
    request.status = RequestStatus.ANSWERED
    request.answered_by = actor.person
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    log_action(
        actor=actor,
        organisation=request.organisation,
        action="board_request.answered",
        obj=request,
        data={"late": request.deadline < today()},
    )
    recipients = {p.pk: p for p in selectors.board_and_office(organisation=request.organisation)}
    if request.asked_by is not None:
        recipients[request.asked_by.pk] = request.asked_by
    _notify(
        recipients.values(),
        "request_answered",
        about=request,
        request=request,
        network=request.network,
    )
    return request


@transaction.atomic
def board_request_withdraw(*, actor: Actor, request: BoardRequest, reason: str) -> BoardRequest:
    same_organisation(actor, request)
    request = _lock_request(request)
    require(
        actor,
        "governance.withdraw_request",
        request,
        _("Only the board, or the office on its behalf, withdraws its requests."),
    )
    if request.status != RequestStatus.OPEN:
        raise ServiceError(_("This request is no longer waiting for an answer."))
    request.withdrawal_reason = _text(
        reason, field="reason", message=_("Say why the request is withdrawn.")
    )
    request.status = RequestStatus.WITHDRAWN
    request.withdrawn_at = timezone.now()
    request.save(update_fields=["withdrawal_reason", "status", "withdrawn_at"])
    log_action(
        actor=actor,
        organisation=request.organisation,
        action="board_request.withdrawn",
        obj=request,
        reason=request.withdrawal_reason,
    )
    _notify(
        selectors.network_leads_and_coordinator(network=request.network, today=today()),
        "request_withdrawn",
        about=request,
        request=request,
        network=request.network,
    )
    return request
