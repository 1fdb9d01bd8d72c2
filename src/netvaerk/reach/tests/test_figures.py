"""Reach computed by hand on a small organisation and compared with what the refresh stores
and the selectors read: six branches in two regions, two active networks and a closed one,
a person without a branch, a membership that ended, one only asked for."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import (
    BranchFactory,
    OrganisationFactory,
    RegionFactory,
)
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.models import ReachSettings
from netvaerk.reach.selectors import figures
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import NetworkGoalFactory

pytestmark = pytest.mark.django_db


class Small:
    """North: branches A, B, C, D. South: E, F. Networks X and Y are active, Z closed.

    X: a person of A and one of B are members; one of C left; one of D only asked to join;
       a person without a branch is a member (not counted: no branch to count).
    Y: a person of A and one of E are members.
    Z (closed): a person of F is a member (not counted: the network is closed)."""

    def __init__(self) -> None:
        self.organisation = org = OrganisationFactory(slug="small")
        self.north = RegionFactory(organisation=org, name="Nord", slug="nord")
        self.south = RegionFactory(organisation=org, name="Syd", slug="syd")
        self.branches = {
            name: BranchFactory(
                organisation=org,
                region=self.north if name in "ABCD" else self.south,
                name=f"Afdeling {name}",
                slug=f"afd-{name.lower()}",
            )
            for name in "ABCDEF"
        }
        self.x = NetworkFactory(organisation=org, name="X-netværk", slug="x")
        self.y = NetworkFactory(organisation=org, name="Y-netværk", slug="y")
        self.z = NetworkFactory(organisation=org, name="Z-netværk", slug="z", status="closed")
        self.people = {}
        long_ago = timezone.now() - datetime.timedelta(days=400)

        def member(key: str, branch: str | None, network, **kwargs):
            person = PersonFactory(
                organisation=org,
                branch=self.branches[branch] if branch else None,
                region=self.branches[branch].region if branch else None,
            )
            self.people[key] = person
            kwargs.setdefault("joined_at", long_ago)
            MembershipFactory(network=network, person=person, **kwargs)
            return person

        member("a_x", "A", self.x)
        member("a_y", "A", self.y)
        member("b_x", "B", self.x)
        member(
            "c_x", "C", self.x, status="left", left_at=timezone.now() - datetime.timedelta(days=3)
        )
        member("d_x", "D", self.x, status="requested", joined_at=None)
        member("nobranch_x", None, self.x)
        member("e_y", "E", self.y)
        member("f_z", "F", self.z)


@pytest.fixture
def small() -> Small:
    world = Small()
    reach_refresh(organisation=world.organisation)
    return world


def _settings(small: Small, **kwargs) -> ReachSettings:
    settings, _created = ReachSettings.objects.get_or_create(organisation=small.organisation)
    for name, value in kwargs.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_the_organisation_counts_each_branch_once_across_networks(small):
    reach = figures.organisation_reach(small.organisation, _settings(small))
    # A (X and Y), B (X), E (Y): 3 of 6. C left, D only asked, F's network is closed.
    assert (reach.taking_part, reach.total) == (3, 6)
    assert reach.share == Decimal("50.0")
    assert reach.goal is None
    assert reach.met is None


def test_each_network_counts_its_own_branches_and_leaves_out_the_closed_one(small):
    rows = figures.network_reaches(small.organisation, _settings(small), sort="name")
    assert [row.network.slug for row in rows] == ["x", "y"]
    x, y = rows
    assert (x.reach.taking_part, x.reach.total, x.reach.share) == (2, 6, Decimal("33.3"))
    # Members with a branch: the person without one is not counted.
    assert x.reach.members == 2
    assert (y.reach.taking_part, y.reach.share) == (2, Decimal("33.3"))


def test_a_network_below_the_goal_is_marked_and_one_at_its_own_goal_is_met(small):
    settings = _settings(small, goal_percent=Decimal("33.4"))
    NetworkGoalFactory(network=small.y, goal_percent=Decimal("30"))
    x, y = figures.network_reaches(small.organisation, settings, sort="name")
    assert x.goal_source == "organisation"
    assert x.reach.goal == Decimal("33.4")
    assert x.below_goal
    assert x.reach.met is False
    assert x.reach.gap == Decimal("0.1")
    # 33.4 % of 6 is 2.004 branches: a third branch is needed.
    assert x.reach.branches_to_goal == 1
    assert y.goal_source == "network"
    assert y.reach.met is True
    assert not y.below_goal
    assert y.reach.branches_to_goal == 0


def test_the_goal_is_met_at_exactly_the_share(small):
    settings = _settings(small, goal_percent=Decimal("50"))
    reach = figures.organisation_reach(small.organisation, settings)
    assert reach.met is True
    assert reach.gap == Decimal("0.0")


def test_without_any_goal_the_network_says_so(small):
    x = figures.network_reach(small.organisation, _settings(small), small.x)
    assert x.goal_source == ""
    assert x.reach.goal is None
    assert x.reach.met is None
    assert not x.below_goal


def test_networks_sort_furthest_below_the_goal_first(small):
    settings = _settings(small, goal_percent=Decimal("20"))
    NetworkGoalFactory(network=small.y, goal_percent=Decimal("80"))
    by_gap = figures.network_reaches(small.organisation, settings)
    assert [row.network.slug for row in by_gap] == ["y", "x"]
    assert by_gap[0].reach.gap == Decimal("46.7")


def test_reach_by_region_is_counted_against_the_regions_own_branches(small):
    settings = _settings(small)
    overall = {
        row.region.slug: row.reach for row in figures.by_region(small.organisation, settings)
    }
    assert (overall["nord"].taking_part, overall["nord"].total) == (2, 4)
    assert (overall["syd"].taking_part, overall["syd"].total) == (1, 2)
    x = {
        row.region.slug: row.reach
        for row in figures.by_region(small.organisation, settings, small.x)
    }
    assert (x["nord"].taking_part, x["nord"].share) == (2, Decimal("50.0"))
    # No one of X in the south: the region is still there, with none of its 2 branches.
    assert (x["syd"].taking_part, x["syd"].total, x["syd"].share) == (0, 2, Decimal("0.0"))
    y = {
        row.region.slug: row.reach
        for row in figures.by_region(small.organisation, settings, small.y)
    }
    assert (y["nord"].share, y["syd"].share) == (Decimal("25.0"), Decimal("50.0"))


def test_the_engaged_basis_counts_only_members_who_took_part_in_the_last_year(small):
    now = timezone.now()
    recent = EventFactory(
        network=small.x,
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60) + datetime.timedelta(hours=2),
    )
    old = EventFactory(
        network=small.y,
        starts_at=now - datetime.timedelta(days=400),
        ends_at=now - datetime.timedelta(days=400) + datetime.timedelta(hours=2),
    )
    AttendanceFactory(event=recent, person=small.people["a_x"])
    AttendanceFactory(event=old, person=small.people["e_y"])
    reach_refresh(organisation=small.organisation)
    settings = _settings(small, basis="engaged")
    reach = figures.organisation_reach(small.organisation, settings)
    # Only A's member of X took part within twelve months; E's member came 400 days ago.
    assert (reach.taking_part, reach.total, reach.share) == (1, 6, Decimal("16.7"))
    x, y = figures.network_reaches(small.organisation, settings, sort="name")
    assert x.reach.taking_part == 1
    # A's member of Y is the same branch, but that person never came: Y has none engaged.
    assert y.reach.taking_part == 0
    # The member basis is unchanged by attendance.
    assert (
        figures.organisation_reach(small.organisation, _settings(small, basis="member")).taking_part
        == 3
    )


def test_the_heat_map_gives_each_branch_and_network_its_count(small):
    settings = _settings(small)
    table = figures.heat_map(small.organisation, settings)
    cells = {
        (row.branch.name, cell.network.slug): cell.count for row in table.rows for cell in row.cells
    }
    assert cells[("Afdeling A", "x")] == 1
    assert cells[("Afdeling A", "y")] == 1
    assert cells[("Afdeling B", "x")] == 1
    assert cells[("Afdeling B", "y")] == 0
    assert cells[("Afdeling C", "x")] == 0
    assert cells[("Afdeling D", "x")] == 0
    # The closed network has no column.
    assert {network.slug for network in table.networks} == {"x", "y"}
    sizes = {row.branch.name: (row.persons, row.networks) for row in table.rows}
    assert sizes["Afdeling A"] == (2, 2)
    assert sizes["Afdeling F"] == (1, 0)


def test_the_heat_map_filters_by_region(small):
    table = figures.heat_map(small.organisation, _settings(small), region=small.south)
    assert [row.branch.name for row in table.rows] == ["Afdeling E", "Afdeling F"]


def test_the_intensity_of_a_cell_grows_with_the_count():
    assert [figures.intensity(n) for n in (0, 1, 2, 4, 5, 40)] == [
        "reach-0",
        "reach-1",
        "reach-2",
        "reach-2",
        "reach-3",
        "reach-3",
    ]


def test_before_the_first_refresh_there_are_no_figures_rather_than_zero():
    organisation = OrganisationFactory(slug="fresh")
    BranchFactory(organisation=organisation)
    settings = ReachSettings(organisation=organisation)
    assert figures.organisation_reach(organisation, settings) is None
    assert figures.trend(organisation, settings) == []


def test_an_organisation_without_branches_has_no_share():
    organisation = OrganisationFactory(slug="empty")
    network = NetworkFactory(organisation=organisation)
    reach_refresh(organisation=organisation)
    settings = ReachSettings(organisation=organisation, goal_percent=Decimal("33.4"))
    reach = figures.organisation_reach(organisation, settings)
    assert reach.total == 0
    assert reach.share is None
    assert reach.met is None
    assert figures.network_reach(organisation, settings, network).reach.share is None


def test_page_numbers_from_a_query_string():
    assert figures.page_number(None) == (1, True)
    assert figures.page_number("3") == (3, True)
    assert figures.page_number("abc") == (1, False)
    assert figures.page_number("-1") == (1, False)
    assert figures.page_number("0") == (1, False)
