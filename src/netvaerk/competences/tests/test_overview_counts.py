"""The network competence overview counted by hand on a small network."""

import pytest

from netvaerk.competences.selectors.overview import network_coverage, network_overview
from netvaerk.competences.tests.factories_overview import covered_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered(world):
    return covered_network(world)


def test_it_counts_the_shared_profiles_of_active_members_by_availability(covered):
    overview = network_overview(covered.network)
    # Anna, Bo, Carl, Dorte, Hanne: not hidden Erik, nor Frida who left, nor Gorm elsewhere.
    assert overview.people == 5
    assert (overview.open, overview.sometimes, overview.paused) == (3, 1, 1)
    assert overview.no_region == 0


def test_it_counts_every_tag_in_use_and_leaves_out_retired_ones(covered):
    overview = network_overview(covered.network)
    counts = {row.tag.name: row.count for row in overview.tags}
    assert counts == {
        "Kommuneplanlægning": 3,
        "Pressearbejde": 2,
        "Naturbeskyttelsesloven": 1,
        "Kommunalvalgkamp": 0,
    }
    assert [row.tag.name for row in overview.tags_by_count] == [
        "Kommuneplanlægning",
        "Pressearbejde",
        "Naturbeskyttelsesloven",
        "Kommunalvalgkamp",
    ]


def test_it_names_where_the_network_is_thin(covered):
    overview = network_overview(covered.network)
    assert overview.uncovered_tags == [covered.elections]
    assert [row.tag for row in overview.thin_tags] == [covered.nature]
    assert overview.empty_regions == [covered.nord]


def test_it_counts_every_region_and_each_tag_by_region(covered):
    overview = network_overview(covered.network)
    assert {row.region.slug: row.count for row in overview.regions} == {
        "hovedstaden": 4,  # Anna, Bo, Carl, Hanne
        "sjaelland": 1,
        "nord": 0,
    }
    cells = {
        (row.tag.slug, cell.region.slug): cell.count for row in overview.tags for cell in row.cells
    }
    assert cells[("kommuneplan", "hovedstaden")] == 3
    assert cells[("presse", "hovedstaden")] == 1
    assert cells[("presse", "sjaelland")] == 1
    assert cells[("natur", "sjaelland")] == 1
    assert cells[("natur", "hovedstaden")] == 0
    assert sum(cells.values()) == 6
    assert len(cells) == 4 * 3


def test_a_profile_without_region_is_counted_apart(covered):
    covered.profiles["dorte"].region = None
    covered.profiles["dorte"].save(update_fields=["region"])
    overview = network_overview(covered.network)
    assert overview.no_region == 1
    assert set(overview.empty_regions) == {covered.sjaelland, covered.nord}


def test_the_status_report_summary_names_what_the_network_lacks(covered):
    coverage = network_coverage(covered.network)
    assert coverage.people == 5
    assert coverage.competences == 3
    assert list(coverage.uncovered) == ["Kommunalvalgkamp"]
    assert coverage.uncovered_total == 1


def test_another_networks_overview_counts_only_its_own(covered, world):
    overview = network_overview(world.other_network)
    assert overview.people == 1  # Gorm
    assert {row.tag.slug: row.count for row in overview.tags}["kommuneplan"] == 1
