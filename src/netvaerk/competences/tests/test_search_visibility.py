"""Nobody finds a profile its owner keeps from them: not in the results, not in the count,
not in the landing page's competences and their counts. Per setting and persona."""

import pytest
from django.urls import reverse

from netvaerk.competences.models import Visibility
from netvaerk.competences.selectors.search import SearchParams, popular_tags, search_profiles
from netvaerk.competences.tests.factories_search import profile, tag

pytestmark = pytest.mark.django_db

# Who shares the world's network "bolig" (active members); the coordinator holds a mandate
# for it but is no member, and the office sees no more than anyone else.
IN_NETWORK = {"member", "chair", "coordination"}
PERSONS = (
    "member",
    "chair",
    "coordination",
    "coordinator",
    "branch_lead",
    "board",
    "staff",
    "org_admin",
)


@pytest.fixture
def profiles(world):
    org = world.organisation
    secret = tag(org, "Kommuneplanlægning")
    made = {
        "organisation": profile(
            org, "Olga Open", tags=[secret], visibility=Visibility.ORGANISATION
        ),
        "networks": profile(
            org,
            "Nina Network",
            tags=[secret],
            visibility=Visibility.NETWORKS,
            network=world.network,
        ),
        "other_network": profile(
            org,
            "Otto Othernet",
            tags=[secret],
            visibility=Visibility.NETWORKS,
            network=world.other_network,
        ),
        "nobody": profile(org, "Hanne Hidden", tags=[secret], visibility=Visibility.NOBODY),
    }
    return secret, made


def expected_names(persona: str) -> set[str]:
    names = {"Olga Open"}
    if persona in IN_NETWORK:
        names.add("Nina Network")
    return names


@pytest.mark.parametrize("persona", PERSONS)
def test_each_persona_finds_only_what_is_shared_with_them(world, profiles, persona):
    secret, _made = profiles
    actor = world.actor(persona)
    expected = expected_names(persona)
    for params in (
        SearchParams(q="kommuneplan"),
        SearchParams(tag=secret),
        SearchParams(q="hanne"),
    ):
        page = search_profiles(actor=actor, params=params)
        found = {found.person.name for found in page.object_list}
        wanted = expected if params.q != "hanne" else set()
        assert found == wanted, params
        assert page.paginator.count == len(wanted), params
    (facet,) = popular_tags(actor)
    assert facet == secret
    assert facet.profile_count == len(expected)


@pytest.mark.parametrize("persona", PERSONS)
def test_the_page_shows_and_counts_only_shared_profiles(world, profiles, client_as, persona):
    secret, _made = profiles
    client = client_as(persona)
    base = reverse("competences:search", kwargs={"org": world.organisation.slug})
    expected = expected_names(persona)
    for query in ({"q": "kommuneplan"}, {"tag": secret.slug}, {}):
        html = client.get(base, query).content.decode()
        for name in ("Olga Open", "Nina Network", "Otto Othernet", "Hanne Hidden"):
            assert (name in html) == (bool(query) and name in expected), (query, name)
        if query:
            assert (
                f"{len(expected)} people found" in html or f"{len(expected)} person found" in html
            )
        else:
            assert f"({len(expected)} people)" in html or f"({len(expected)} person)" in html


def test_a_hidden_or_networks_only_profile_is_found_by_its_owner(world):
    owner = world.persons["branch_lead"]
    profile_ = profile(
        world.organisation, "unused", visibility=Visibility.NOBODY, summary="Valgkamp"
    )
    profile_.person = owner
    profile_.save(update_fields=["person"])
    from netvaerk.competences.search.index import reindex_profiles

    reindex_profiles(profile_ids=[profile_.pk])
    page = search_profiles(actor=world.actor("branch_lead"), params=SearchParams(q="valgkamp"))
    assert [found.pk for found in page.object_list] == [profile_.pk]
    page = search_profiles(actor=world.actor("member"), params=SearchParams(q="valgkamp"))
    assert list(page.object_list) == []


def test_a_member_who_left_the_network_no_longer_finds_its_networks_only_profiles(world, profiles):
    from netvaerk.networks.models import Membership, MembershipStatus

    Membership.objects.filter(person=world.persons["member"], network=world.network).update(
        status=MembershipStatus.LEFT
    )
    page = search_profiles(actor=world.actor("member"), params=SearchParams(q="kommuneplan"))
    assert {found.person.name for found in page.object_list} == {"Olga Open"}
