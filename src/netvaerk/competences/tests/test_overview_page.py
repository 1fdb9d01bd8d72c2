"""The network competence overview page: the numbers, the links to the search, the chart, and
a cost that does not grow with the network."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.competences.tests.factories import ProfileFactory
from netvaerk.competences.tests.factories_overview import covered_network
from netvaerk.networks.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered(world):
    return covered_network(world)


def _url(world, network=None) -> str:
    return reverse(
        "competences:network_overview",
        kwargs={"org": world.organisation.slug, "network": network or world.network.slug},
    )


def test_the_chair_reads_the_counts_with_links_to_the_search(client_as, world, covered):
    response = client_as("chair").get(_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    search = reverse("competences:search", kwargs={"org": world.organisation.slug})
    assert "5 of the network's active members</a> are on the competence list" in page
    assert "Open to be asked: 3. A few times a year: 1. Paused: 1." in page
    assert f'href="{search}?network=bolig&amp;tag=kommuneplan">3</a>' in page
    assert f'href="{search}?network=bolig&amp;tag=presse&amp;region=sjaelland">1</a>' in page
    assert f'href="{search}?network=bolig&amp;region=hovedstaden">4</a>' in page
    # Where it is thin: the tag nobody covers (found elsewhere), the one only Dorte covers,
    # and the region without anyone.
    assert "Where the network is thin" in page
    assert f'href="{search}?tag=valgkamp">Kommunalvalgkamp</a>' in page
    assert f'href="{search}?network=bolig&amp;tag=natur">Naturbeskyttelsesloven</a>' in page
    assert "Region Nordjylland" in page
    assert "Not covered" in page
    # The retired tag is not listed; nobody's name is.
    assert "Gammel kompetence" not in page
    for name in ("Anna", "Erik", "Frida"):
        assert name not in page
    assert '<img src="data:image/svg+xml' in page
    assert "Bar chart, most covered competences first. Kommuneplanlægning: 3 people" in page


def test_a_network_without_profiles_says_so(client_as, world):
    page = client_as("staff").get(_url(world)).content.decode()
    assert "None of the network's active members is on the competence list yet." in page
    assert '<img src="data:image/svg+xml' not in page


def test_a_closed_proposed_or_unknown_network_has_no_overview(client_as, world):
    client = client_as("staff")
    for status in ("closed", "proposed"):
        world.other_network.status = status
        world.other_network.save(update_fields=["status"])
        assert client.get(_url(world, world.other_network.slug)).status_code == 404
    assert client.get(_url(world, "nowhere")).status_code == 404
    other = reverse(
        "competences:network_overview", kwargs={"org": "other", "network": world.network.slug}
    )
    assert client.get(other).status_code == 404


def test_the_page_costs_the_same_with_3_or_30_members(
    client_as, world, covered, django_assert_num_queries
):
    client = client_as("chair")
    url = _url(world)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    tags = [covered.planning, covered.press, covered.nature, covered.elections]
    for index in range(27):
        membership = MembershipFactory(network=world.network, person__branch=world.branch)
        ProfileFactory(
            person=membership.person,
            region=[covered.hovedstaden, covered.sjaelland, covered.nord][index % 3],
            tags=tags[: 1 + index % 4],
            visibility=["organisation", "networks", "nobody"][index % 3],
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "23 of the network's active members" in response.content.decode()


def test_the_network_page_links_to_the_competences_for_whom_may_use_them(client_as, world):
    url = reverse(
        "networks:detail", kwargs={"org": world.organisation.slug, "network": world.network.slug}
    )
    overview = _url(world)
    ask = reverse(
        "competences:ask_network",
        kwargs={"org": world.organisation.slug, "network": world.network.slug},
    )
    search = reverse("competences:search", kwargs={"org": world.organisation.slug})
    chair = client_as("chair").get(url).content.decode()
    assert f'href="{overview}"' in chair
    assert f'href="{ask}"' in chair
    assert f'href="{search}?network=bolig"' in chair
    member = client_as("member").get(url).content.decode()
    assert f'href="{overview}"' not in member
    assert f'href="{ask}"' in member
    assert f'href="{search}?network=bolig"' in member
    visitor = client_as("visitor").get(url).content.decode()
    assert "Competences and sparring" not in visitor
