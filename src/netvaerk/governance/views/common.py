"""What every governance view shares: refusals, the network
lookup and the addresses of rules, proposals and requests."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from netvaerk.core.access import Actor, ensure
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    RulesOfProcedure,
)
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network

PAGE_SIZE = 25
OVERVIEW_ROWS = 10


def _refused(request: HttpRequest, error: ServiceError, to: str) -> HttpResponse:
    """A refusal about the state of things, not a field: say it, and show the page as it is."""
    messages.error(request, error.message)
    return redirect(to)


def _network(actor: Actor, slug: str, permission: str) -> Network:
    network = access_network(actor, slug)
    ensure(actor, permission, network)
    return network


def _rules_url(network: Network, version: RulesOfProcedure | None = None) -> str:
    kwargs = {"org": network.organisation.slug, "network": network.slug}
    if version is None:
        return reverse("governance:rules", kwargs=kwargs)
    return reverse("governance:rules_version", kwargs={**kwargs, "version_id": version.pk})


def _proposal_url(proposal: Proposal) -> str:
    return reverse(
        "governance:proposal",
        kwargs={
            "org": proposal.network.organisation.slug,
            "network": proposal.network.slug,
            "proposal_id": proposal.pk,
        },
    )


def _request_url(board_request: BoardRequest) -> str:
    return reverse(
        "governance:request",
        kwargs={
            "org": board_request.network.organisation.slug,
            "network": board_request.network.slug,
            "request_id": board_request.pk,
        },
    )
