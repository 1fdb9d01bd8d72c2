"""The dashboard, a network's reach page and the branch-by-network table: what they show,
how they say the figures are stale or not yet there, bad query strings, and that their query
count does not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.pagecache import invalidate
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import BranchFactory, RegionFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.models import ReachSettings, ReachState
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import NetworkGoalFactory

pytestmark = pytest.mark.django_db


def _url(world, name: str, **kwargs) -> str:
    return reverse(f"reach:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def _grow(world, *, branches: int, networks: int, members: int) -> None:
    """More of everything: regions, branches, networks with goals, members across them."""
    org = world.organisation
    regions = [RegionFactory(organisation=org) for _ in range(3)]
    made = [BranchFactory(organisation=org, region=regions[n % 3]) for n in range(branches)]
    nets = [NetworkFactory(organisation=org) for _ in range(networks)]
    for network in nets[::2]:
        NetworkGoalFactory(network=network, goal_percent=Decimal("25"))
    for n in range(members):
        branch = made[n % len(made)]
        MembershipFactory(
            network=nets[n % len(nets)],
            person=PersonFactory(organisation=org, branch=branch, region=branch.region),
            joined_at=timezone.now() - datetime.timedelta(days=30 * (n % 14)),
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("dashboard", {}), ("branches", {}), ("network", {"network": "bolig"})],
)
def test_the_query_count_does_not_grow_with_the_data(
    client_as, world, django_assert_num_queries, name, kwargs
):
    ReachSettings.objects.create(organisation=world.organisation, goal_percent=Decimal("33.4"))
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    url = _url(world, name, **kwargs)
    small = _count(client, url)
    _grow(world, branches=40, networks=25, members=120)
    reach_refresh(organisation=world.organisation)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_before_any_figures_the_dashboard_says_they_are_being_computed(client_as, world):
    response = client_as("board").get(_url(world, "dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The figures are being computed" in page
    assert " 0 %" not in page
    # It asked for them, and polls for the status while they are computed.
    assert ReachState.objects.get(organisation=world.organisation).requested_at is not None
    assert 'hx-trigger="every 2s"' in page
    assert f'hx-get="{_url(world, "status")}"' in page
    # Without script, a plain link reloads the page.
    assert 'href="/org/reach/">Reload the page to see the new figures</a>' in page


def test_the_dashboard_shows_reach_against_the_goal_charts_first_then_tables(client_as, world):
    ReachSettings.objects.create(organisation=world.organisation, goal_percent=Decimal("33.4"))
    NetworkGoalFactory(network=world.other_network, goal_percent=Decimal("10"))
    reach_refresh(organisation=world.organisation)
    page = client_as("staff").get(_url(world, "dashboard")).content.decode()
    assert "1 of 1 branches take part in at least one network." in page
    assert "Goal met" in page
    # The network with its own goal and nobody taking part is below it, and marked.
    assert '<tr class="reach-below">' in page
    assert "Below by 10 points" in page
    assert page.index('<img src="data:image/svg+xml;base64,') < page.index("<table")
    assert 'alt="Share of branches taking part in a network, month by month:' in page
    assert "Figures of " in page
    assert 'hx-trigger="every 2s"' not in page
    assert f'href="{_url(world, "network", network="kultur")}"' in page
    # The health warnings of the network without chair or coordinator.
    assert "The network has no coordinator: the post is vacant." in page


def test_the_networks_table_sorts_by_name_and_share_and_ignores_a_bad_sort(client_as, world):
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    by_name = client.get(_url(world, "dashboard") + "?sort=name").content.decode()
    assert by_name.index("/reach/bolig/") < by_name.index("/reach/kultur/")
    by_share = client.get(_url(world, "dashboard") + "?sort=share").content.decode()
    assert by_share.index("/reach/kultur/") < by_share.index("/reach/bolig/")
    response = client.get(_url(world, "dashboard") + "?sort=evil&page=abc")
    assert response.status_code == 200


def test_stale_figures_are_shown_with_a_refresh_asked_for(client_as, world):
    reach_refresh(organisation=world.organisation)
    # Someone changed something (any audited write): the figures no longer match the data.
    invalidate(world.organisation.pk)
    ReachState.objects.update(refreshed_at=timezone.now() - datetime.timedelta(minutes=10))
    page = client_as("board").get(_url(world, "dashboard")).content.decode()
    assert "The figures are being updated." in page
    assert "1 of 1 branches take part" in page
    assert ReachState.objects.get(organisation=world.organisation).requested_at is not None


def test_the_status_fragment_polls_while_a_refresh_is_under_way_then_says_it_is_done(
    client_as, world
):
    reach_refresh(organisation=world.organisation)
    ReachState.objects.filter(organisation=world.organisation).update(
        requested_at=timezone.now(), last_duration=12.4
    )
    client = client_as("staff")
    fragment = client.get(_url(world, "status")).content.decode()
    assert fragment.startswith('<div id="reach-status"')
    assert 'hx-trigger="every 2s"' in fragment
    assert "The last update took about 12 seconds." in fragment
    reach_refresh(organisation=world.organisation)
    fragment = client.get(
        _url(world, "status"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/org/reach/bolig/"},
    ).content.decode()
    assert "hx-trigger" not in fragment
    assert "The update is done." in fragment
    assert 'href="/org/reach/bolig/"' in fragment


def test_refreshing_goes_back_to_a_safe_next_page_only(client_as, world):
    client = client_as("board")
    back = _url(world, "branches") + "?region=hovedstaden"
    response = client.post(_url(world, "refresh"), {"next": back})
    assert response["Location"] == back
    ReachState.objects.update(requested_at=None)
    for unsafe in ("https://evil.example.org/", "//evil.example.org/x", "javascript:alert(1)"):
        response = client.post(_url(world, "refresh"), {"next": unsafe})
        assert response["Location"] == _url(world, "dashboard")


def test_refreshing_twice_says_one_is_already_under_way(client_as, world):
    client = client_as("staff")
    first = client.post(_url(world, "refresh"), follow=True).content.decode()
    assert "The figures are being updated. Reload the page in a moment to see them." in first
    second = client.post(_url(world, "refresh"), follow=True).content.decode()
    assert "An update of the figures is already under way." in second


def test_a_networks_page_shows_reach_health_and_the_goal(client_as, world):
    ReachSettings.objects.create(organisation=world.organisation, goal_percent=Decimal("33.4"))
    reach_refresh(organisation=world.organisation)
    page = client_as("coordinator").get(_url(world, "network", network="bolig")).content.decode()
    assert "1 of 1 branches take part in the network." in page
    assert "The organisation's goal." in page
    assert "Meetings in the last 6 months" in page
    assert "Members now</dt><dd>3</dd>" in page
    assert "Share taking part in the network, by region" in page


def test_a_networks_page_says_when_there_is_no_goal(client_as, world):
    reach_refresh(organisation=world.organisation)
    page = client_as("board").get(_url(world, "network", network="kultur")).content.decode()
    assert "No goal set: neither the network nor the organisation has one." in page


def test_the_branch_table_gives_counts_as_text_with_intensity_classes(client_as, world):
    reach_refresh(organisation=world.organisation)
    page = client_as("board").get(_url(world, "branches")).content.decode()
    assert '<th scope="row">Branch Gladsaxe</th>' in page
    # The three members of the housing network come from Gladsaxe; nobody in culture.
    assert '<td class="reach-cell reach-2">3</td>' in page
    assert '<td class="reach-cell reach-0">0</td>' in page
    assert "<caption>People taking part, by branches and network</caption>" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?page=abc", "That page number is not one; the first page is shown."),
        ("?networks=-1", "That page number is not one; the first page is shown."),
        ("?region=unknown", "There is no region “unknown”; every region is shown."),
        ("?page=999", ""),
    ],
)
def test_bad_query_strings_on_the_branch_table_are_answered_gracefully(
    client_as, world, query, message
):
    reach_refresh(organisation=world.organisation)
    response = client_as("staff").get(_url(world, "branches") + query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Branch Gladsaxe" in response.content.decode()


def test_the_branch_table_pages_through_branches_and_networks_keeping_the_region(client_as, world):
    for n in range(30):
        BranchFactory(organisation=world.organisation, region=world.region, name=f"Afd {n:02}")
    for n in range(11):
        NetworkFactory(organisation=world.organisation, name=f"Netværk {n:02}")
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    page = client.get(_url(world, "branches") + "?region=hovedstaden").content.decode()
    assert 'href="?region=hovedstaden&amp;page=2"' in page
    assert 'href="?region=hovedstaden&amp;networks=2"' in page
    second = client.get(
        _url(world, "branches") + "?region=hovedstaden&page=2&networks=2"
    ).content.decode()
    assert "Networks, page 2 of 2" in second
    assert "Page 2 of 2" in second
    assert 'href="?region=hovedstaden&amp;networks=2"' in second
