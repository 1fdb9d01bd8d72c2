"""The only ways views fetch networks and memberships: always scoped to the actor's
organisation, and refusing what the actor may not see."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.core.access import Actor, ensure
from netvaerk.networks.models import CoordinatorMandate, Membership, Network, NetworkProposal
from netvaerk.networks.selectors import network_for_page


def access_network(actor: Actor, slug: str, *, for_page: bool = False) -> Network:
    qs = (
        network_for_page(organisation=actor.organisation, slug=slug)
        if for_page
        else Network.objects.filter(organisation=actor.organisation, slug=slug)
    )
    network = get_object_or_404(qs)
    if not actor.can("networks.view_network", network):
        # A proposed network is not announced: those who may not see it get a plain 404.
        raise Http404
    return network


def access_network_for(actor: Actor, slug: str, permission: str) -> Network:
    network = access_network(actor, slug)
    ensure(actor, permission, network)
    return network


def access_membership(actor: Actor, network: Network, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("person", "network"),
        pk=membership_id,
        network=network,
        organisation=actor.organisation,
    )


def access_mandate(actor: Actor, network: Network, mandate_id: int) -> CoordinatorMandate:
    return get_object_or_404(
        CoordinatorMandate, pk=mandate_id, network=network, organisation=actor.organisation
    )


def access_proposal_for(actor: Actor, proposal_id: int, permission: str) -> NetworkProposal:
    """A proposal for a new network, for the office or the board."""
    ensure(actor, permission)
    return get_object_or_404(
        NetworkProposal.objects.select_related(
            "region", "network", "proposer_person", "proposer_membership", "decided_by"
        ),
        pk=proposal_id,
        organisation=actor.organisation,
    )


def access_proposal_by_token(actor: Actor, token: str) -> NetworkProposal:
    """A proposal through its proposer's secret link; any other token answers 404."""
    from netvaerk.networks.founding import founding_by_token

    proposal = founding_by_token(organisation=actor.organisation, token=token)
    if proposal is None:
        raise Http404
    return proposal
