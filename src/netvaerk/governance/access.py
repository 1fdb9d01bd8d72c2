"""The only ways views fetch rules, proposals and board requests: scoped to the network,
which is itself scoped to the actor's organisation, and refused with a 404 where the actor
may not read it (a draft proposal is not announced to those who may not see it)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.core.access import Actor
from netvaerk.governance.models import BoardRequest, Proposal, ProposalAttachment, RulesOfProcedure
from netvaerk.governance.selectors import proposal_for_page
from netvaerk.networks.models import Network


def access_rules_version(actor: Actor, network: Network, version_id: int) -> RulesOfProcedure:
    version = get_object_or_404(
        RulesOfProcedure.objects.select_related("drafted_by", "submitted_by", "decided_by"),
        pk=version_id,
        network=network,
        organisation=actor.organisation,
    )
    if not actor.can("governance.view_rules_version", version):
        raise Http404
    version.network = network
    return version


def access_proposal(actor: Actor, network: Network, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        proposal_for_page(organisation=actor.organisation, pk=proposal_id).filter(network=network)
    )
    if not actor.can("governance.view_proposal", proposal):
        raise Http404
    return proposal


def access_attachment(actor: Actor, proposal: Proposal, attachment_id: int) -> ProposalAttachment:
    return get_object_or_404(
        ProposalAttachment,
        pk=attachment_id,
        proposal=proposal,
        organisation=actor.organisation,
        withdrawn_at__isnull=True,
    )


def access_request(actor: Actor, network: Network, request_id: int) -> BoardRequest:
    request = get_object_or_404(
        BoardRequest.objects.select_related("asked_by", "answered_by"),
        pk=request_id,
        network=network,
        organisation=actor.organisation,
    )
    if not actor.can("governance.view_network_requests", network):
        raise Http404
    request.network = network
    return request
