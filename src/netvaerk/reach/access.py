"""The only ways reach views fetch networks, branches and recruitment entries: scoped to
the actor's organisation, refusing what the actor may not see."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.core.access import Actor, ensure
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Branch
from netvaerk.reach.models import RecruitmentEntry


def access_reach_network(actor: Actor, slug: str, permission: str) -> Network:
    """An active network whose reach the actor may see or work on; a proposed or closed
    network has no reach to show (404)."""
    network = access_network(actor, slug)
    if network.status != NetworkStatus.ACTIVE:
        raise Http404
    ensure(actor, permission, network)
    return network


def access_branch(actor: Actor, slug: str) -> Branch:
    return get_object_or_404(
        Branch.objects.select_related("region"), organisation=actor.organisation, slug=slug
    )


def recruitment_entry_for(network: Network, branch: Branch) -> RecruitmentEntry | None:
    """The network's entry for the branch, None while nobody has worked on it."""
    return (
        RecruitmentEntry.objects.select_related("owner")
        .filter(network=network, branch=branch)
        .first()
    )
