"""Requests from the board, as the network reads and answers them."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_action
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance import selectors, services
from netvaerk.governance.access import (
    access_request,
)
from netvaerk.governance.forms import (
    AnswerForm,
    RequiredReasonForm,
)
from netvaerk.governance.models import (
    BoardRequest,
    RequestStatus,
)
from netvaerk.governance.views.common import (
    PAGE_SIZE,
    _network,
    _request_url,
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
    return form_action(
        request,
        form,
        lambda data: services.board_request_answer(
            actor=actor, request=board_request, answer=data["answer"]
        ),
        done=_("The answer has been sent to the board."),
        then=_request_url(board_request),
        again=lambda: _request_page(request, actor, board_request, answer_form=form, status=400),
    )


@require_POST
@org_view
def request_withdraw(
    request: HttpRequest, actor: Actor, network: str, request_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_network_requests")
    board_request = access_request(actor, net, request_id)
    ensure(actor, "governance.withdraw_request", board_request)
    form = RequiredReasonForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.board_request_withdraw(
            actor=actor, request=board_request, reason=data["reason"]
        ),
        done=_("The request has been withdrawn."),
        then=_request_url(board_request),
        again=lambda: _request_page(request, actor, board_request, withdraw_form=form, status=400),
    )
