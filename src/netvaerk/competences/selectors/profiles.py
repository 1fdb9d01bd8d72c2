"""Reads for a profile's page and one's own profile form."""

from django.db.models import QuerySet

from netvaerk.competences.models import Profile, Tag, TagStatus
from netvaerk.core.access import Actor
from netvaerk.networks.models import Membership, MembershipStatus, Network, NetworkStatus


def shown_tags(profile: Profile) -> list[Tag]:
    """The profile's tags in use: suggestions and retired tags are not shown."""
    return list(profile.tags.filter(status=TagStatus.ACTIVE).order_by("search_name"))


def own_tags(profile: Profile | None) -> list[Tag]:
    """The owner's tags for the form: in use, or suggested and waiting."""
    if profile is None:
        return []
    return list(profile.tags.exclude(status=TagStatus.RETIRED).order_by("status", "search_name"))


def shared_networks(actor: Actor, profile: Profile) -> QuerySet[Network]:
    """The active networks both the viewer and the profile's owner are active members of."""
    ids = actor.network_ids()
    if not ids or actor.person is None or profile.person_id == actor.person.pk:
        return Network.objects.none()
    theirs = Membership.objects.filter(
        person_id=profile.person_id, status=MembershipStatus.ACTIVE, network_id__in=ids
    ).values("network_id")
    return Network.objects.filter(
        organisation=actor.organisation, pk__in=theirs, status=NetworkStatus.ACTIVE
    ).order_by("name")
