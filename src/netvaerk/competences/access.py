"""The only ways competence views fetch profiles, tags and sparring requests: scoped to the
actor's organisation, and answering 404 for a profile or request the actor may not see, so
that nobody can learn that a hidden profile exists."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.competences.models import Profile, SparringRequest, Tag
from netvaerk.core.access import Actor, ensure
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network, NetworkStatus


def access_profile(actor: Actor, profile_id: int, permission: str = "") -> Profile:
    """A profile the actor may see; with `permission`, also one they may do that with."""
    profile = (
        Profile.objects.select_related("person", "person__branch", "region")
        .filter(organisation=actor.organisation, pk=profile_id)
        .first()
    )
    if profile is None or not actor.can("competences.view_profile", profile):
        raise Http404
    if permission:
        ensure(actor, permission, profile)
    return profile


def own_profile(actor: Actor) -> Profile | None:
    """The actor's own profile, None while they have not made one."""
    if actor.person is None:
        return None
    return Profile.objects.filter(person=actor.person).first()


def access_tag(actor: Actor, slug: str, permission: str = "competences.manage_vocabulary") -> Tag:
    ensure(actor, permission)
    return get_object_or_404(Tag, organisation=actor.organisation, slug=slug)


def access_request(actor: Actor, request_id: int, permission: str = "") -> SparringRequest:
    """A request the actor is a party to (asked, asked by, or running the network asked)."""
    sparring = get_object_or_404(
        SparringRequest.objects.select_related("requester", "recipient", "network"),
        organisation=actor.organisation,
        pk=request_id,
    )
    if not actor.can("competences.view_request", sparring):
        if not actor.is_authenticated:
            ensure(actor, "competences.view_request", sparring)
        raise Http404
    if permission:
        ensure(actor, permission, sparring)
    return sparring


def access_competence_network(actor: Actor, slug: str, permission: str) -> Network:
    """An active network to ask or to look over; proposed or closed ones answer 404."""
    network = access_network(actor, slug)
    if network.status != NetworkStatus.ACTIVE:
        raise Http404
    ensure(actor, permission, network)
    return network
