"""Whose networks a profile shares is kept on the profile (`Profile.network_ids`); every
membership service keeps it right, so "shared with my networks" and the network filter follow
a person's memberships as they start and end."""

import pytest

from netvaerk.competences.fields import IdSetField, sqlite_text
from netvaerk.competences.models import Profile, Visibility
from netvaerk.competences.search.index import refresh_network_ids
from netvaerk.competences.selectors.search import SearchParams, search_profiles
from netvaerk.competences.tests.factories_search import profile
from netvaerk.core.access import Actor
from netvaerk.networks.models import Membership, MembershipStatus, NetworkStatus
from netvaerk.networks.services.memberships import (
    membership_add,
    membership_decide,
    membership_join,
    membership_leave,
    membership_remove,
)
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def found(world, persona, **params):
    page = search_profiles(actor=world.actor(persona), params=SearchParams(**params))
    return {result.person.name for result in page.object_list}


def stored(person) -> list[int]:
    return Profile.objects.get(person=person).network_ids


@pytest.fixture
def nina(world):
    """A profile shared with Nina's networks; Nina is in no network yet."""
    return profile(
        world.organisation, "Nina Network", summary="Valgkamp", visibility=Visibility.NETWORKS
    )


def test_a_profile_shared_with_networks_is_found_once_its_owner_is_added(world, nina):
    assert found(world, "member", q="valgkamp") == set()
    membership_add(actor=world.actor("org_admin"), network=world.network, person=nina.person)
    assert stored(nina.person) == [world.network.pk]
    assert found(world, "member", q="valgkamp") == {"Nina Network"}
    assert found(world, "member", network=world.network) >= {"Nina Network"}


def test_it_follows_a_request_to_join_and_its_approval(world, nina):
    world.network.join_policy = "approval"
    world.network.save(update_fields=["join_policy"])
    actor = Actor(organisation=world.organisation, person=nina.person)
    membership = membership_join(actor=actor, network=world.network, message="Hej")
    assert membership.status == MembershipStatus.REQUESTED
    assert stored(nina.person) == []
    membership_decide(actor=world.actor("chair"), membership=membership, approve=True)
    assert stored(nina.person) == [world.network.pk]
    assert found(world, "member", q="valgkamp") == {"Nina Network"}


def test_leaving_takes_the_profile_out_of_the_networks_results(world, nina):
    membership_add(actor=world.actor("org_admin"), network=world.network, person=nina.person)
    membership_add(actor=world.actor("org_admin"), network=world.other_network, person=nina.person)
    assert stored(nina.person) == sorted([world.network.pk, world.other_network.pk])
    actor = Actor(organisation=world.organisation, person=nina.person)
    membership_leave(actor=actor, network=world.network)
    assert stored(nina.person) == [world.other_network.pk]
    assert found(world, "member", q="valgkamp") == set()
    assert "Nina Network" not in found(world, "member", network=world.network)
    # Still in the other network, which the member is not in: the filter shows her no more.
    assert found(world, "member", network=world.other_network) == set()


def test_removal_by_the_network_takes_it_out_too(world, nina):
    membership = membership_add(
        actor=world.actor("org_admin"), network=world.network, person=nina.person
    )
    membership_remove(actor=world.actor("chair"), membership=membership, reason="Moved away")
    assert stored(nina.person) == []
    assert found(world, "member", q="valgkamp") == set()


def test_the_network_filter_finds_only_active_members(world):
    closed = NetworkFactory(organisation=world.organisation, status=NetworkStatus.ACTIVE)
    inside = profile(world.organisation, "Ida Inside", network=closed)
    left = profile(world.organisation, "Lars Left", network=closed)
    Membership.objects.filter(person=left.person).update(status=MembershipStatus.LEFT)
    refresh_network_ids(person_ids=[left.person_id])
    assert found(world, "member", network=closed) == {inside.person.name}


def test_a_whole_organisation_is_refreshed_in_one_go(world, nina):
    MembershipFactory(network=world.other_network, person=nina.person)
    Profile.objects.filter(pk=nina.pk).update(network_ids=[])
    refresh_network_ids(organisation_id=world.organisation.pk)
    assert stored(nina.person) == [world.other_network.pk]


def test_the_field_keeps_a_sorted_set_and_its_lookups_match_any_or_one(world, nina):
    Profile.objects.filter(pk=nina.pk).update(network_ids=[9, 3, 3])
    assert stored(nina.person) == [3, 9]
    people = Profile.objects.filter(organisation=world.organisation)
    assert list(people.filter(network_ids__has=9)) == [nina]
    assert list(people.filter(network_ids__has=1)) == []
    assert list(people.filter(network_ids__overlaps=[1, 3])) == [nina]
    assert list(people.filter(network_ids__overlaps=[])) == []
    # No id is a prefix match for another: 3 is not found in 30 or 13.
    Profile.objects.filter(pk=nina.pk).update(network_ids=[13, 30])
    assert list(people.filter(network_ids__has=3)) == []
    assert sqlite_text([30, 13]) == ",13,30,"
    assert IdSetField().to_python(",13,30,") == [13, 30]
    assert IdSetField().to_python("") == []
