"""The recruitment list: exactly the branches with nobody in the network, as the figures of the
last refresh say, with their size and pipeline; filters, sorting, pagination, the tab of
represented branches still in the pipeline, and a query count that does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.reach.models import RecruitmentStage
from netvaerk.reach.selectors.recruitment import (
    RecruitmentFilters,
    recruitment_counts,
    unrepresented_branches,
)
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import RecruitmentEntryFactory, RecruitmentNoteFactory
from netvaerk.reach.tests.recruitment_helpers import UNREPRESENTED, build_branches, people


def _url(world, **params):
    url = reverse("reach:recruitment", kwargs={"org": "org", "network": world.network.slug})
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def _listed(response) -> list[str]:
    return [branch.slug for branch in response.context["page"].object_list]


def _today():
    return timezone.localdate()


def test_it_lists_exactly_the_branches_with_nobody_in_the_network(world):
    build_branches(world)
    branches = unrepresented_branches(
        network=world.network, filters=RecruitmentFilters(), today=_today()
    )
    assert {branch.slug for branch in branches} == UNREPRESENTED


def test_each_branch_comes_with_its_size_region_and_other_networks(world):
    build_branches(world)
    rows = {
        branch.slug: branch
        for branch in unrepresented_branches(
            network=world.network, filters=RecruitmentFilters(), today=_today()
        )
    }
    odder = rows["odder"]
    assert (odder.size_persons, odder.size_members, odder.size_networks) == (3, 2, 1)
    assert odder.region.slug == "midtjylland"
    horsens = rows["horsens"]
    assert (horsens.size_persons, horsens.size_members, horsens.size_networks) == (5, 4, 0)
    assert (rows["aarhus"].size_persons, rows["aarhus"].region.slug) == (0, "hovedstaden")
    assert all(row.stage_now == RecruitmentStage.NOT_CONTACTED for row in rows.values())


def test_the_page_lists_the_largest_branches_first_with_not_contacted_as_their_stage(
    world, client_as
):
    build_branches(world)
    response = client_as("staff").get(_url(world))
    assert response.status_code == 200
    assert _listed(response) == ["horsens", "odder", "skive", "vejle", "aarhus"]
    page = response.content.decode()
    assert "Not contacted" in page
    assert "Gladsaxe" not in page.split("<tbody>")[1]


def test_the_list_reads_the_figures_of_the_last_refresh_not_the_live_memberships(world, client_as):
    branches = build_branches(world)
    MembershipFactory(network=world.network, person=people(branches["horsens"], 1)[0])
    assert "horsens" in _listed(client_as("staff").get(_url(world)))
    reach_refresh(organisation=world.organisation)
    assert "horsens" not in _listed(client_as("staff").get(_url(world)))


def test_it_shows_when_the_figures_were_computed(world, client_as):
    build_branches(world)
    response = client_as("staff").get(_url(world))
    assert "Figures computed" in response.content.decode()
    assert response.context["state"].refreshed_at is not None


def test_before_the_first_refresh_it_says_so_instead_of_listing_every_branch(world, client_as):
    build_branches(world, refresh=False)
    response = client_as("staff").get(_url(world))
    assert response.status_code == 200
    assert _listed(response) == []
    assert "have not been computed yet" in response.content.decode()


def test_the_counts_on_top_give_the_unrepresented_branches_by_stage(world, client_as):
    branches = build_branches(world)
    RecruitmentEntryFactory(network=world.network, branch=branches["odder"], stage="contacted")
    RecruitmentEntryFactory(network=world.network, branch=branches["skive"], stage="contacted")
    RecruitmentEntryFactory(network=world.network, branch=branches["vejle"], stage="declined")
    # An entry of a represented branch is not counted among the unrepresented.
    RecruitmentEntryFactory(network=world.network, branch=branches["ikast-brande"], stage="joined")
    counts = recruitment_counts(network=world.network)
    assert counts.unrepresented == 5
    assert {stage: n for stage, _label, n in counts.by_stage} == {
        "not_contacted": 2,
        "contacted": 2,
        "interested": 0,
        "joined": 0,
        "declined": 1,
    }
    assert (counts.represented_in_pipeline, counts.represented_not_joined) == (1, 0)
    page = client_as("staff").get(_url(world)).content.decode()
    assert "<strong>5</strong>" in page
    assert "<strong>2</strong> Contacted" in page


def test_the_list_shows_each_branchs_stage_owner_and_next_step(world, client_as):
    branches = build_branches(world)
    RecruitmentEntryFactory(
        network=world.network,
        branch=branches["odder"],
        stage="interested",
        owner=world.persons["chair"],
        next_step="Møde med bestyrelsen",
        next_step_on=_today() - datetime.timedelta(days=3),
    )
    page = client_as("staff").get(_url(world)).content.decode()
    row = page.split("Odder</a>")[1].split("</tr>")[0]
    assert "Interested" in row
    assert "Chair Person" in row
    assert "Møde med bestyrelsen" in row
    assert "Overdue" in row


# --- filters and sorting -------------------------------------------------------------------


def test_it_filters_by_region(world, client_as):
    build_branches(world)
    response = client_as("staff").get(_url(world, region="hovedstaden"))
    assert _listed(response) == ["aarhus"]


def test_it_filters_by_stage_counting_no_entry_as_not_contacted(world, client_as):
    branches = build_branches(world)
    RecruitmentEntryFactory(network=world.network, branch=branches["odder"], stage="contacted")
    RecruitmentEntryFactory(network=world.network, branch=branches["skive"], stage="not_contacted")
    client = client_as("staff")
    assert _listed(client.get(_url(world, stage="contacted"))) == ["odder"]
    assert _listed(client.get(_url(world, stage="not_contacted"))) == [
        "horsens",
        "skive",
        "vejle",
        "aarhus",
    ]


def test_it_filters_to_open_entries_whose_next_step_is_overdue(world, client_as):
    branches = build_branches(world)
    yesterday = _today() - datetime.timedelta(days=1)
    RecruitmentEntryFactory(
        network=world.network, branch=branches["odder"], stage="contacted", next_step_on=yesterday
    )
    RecruitmentEntryFactory(
        network=world.network, branch=branches["skive"], stage="declined", next_step_on=yesterday
    )
    RecruitmentEntryFactory(
        network=world.network, branch=branches["vejle"], stage="contacted", next_step_on=_today()
    )
    assert _listed(client_as("staff").get(_url(world, overdue="on"))) == ["odder"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["aarhus", "horsens", "odder", "skive", "vejle"]),
        ("region", ["aarhus", "horsens", "odder", "skive", "vejle"]),
        ("size", ["horsens", "odder", "skive", "vejle", "aarhus"]),
        ("next", ["vejle", "odder", "aarhus", "horsens", "skive"]),
    ],
)
def test_it_sorts(world, client_as, sort, expected):
    branches = build_branches(world)
    RecruitmentEntryFactory(network=world.network, branch=branches["odder"], next_step_on=_today())
    RecruitmentEntryFactory(
        network=world.network,
        branch=branches["vejle"],
        next_step_on=_today() - datetime.timedelta(days=5),
    )
    assert _listed(client_as("staff").get(_url(world, sort=sort))) == expected


def test_sorting_by_region_puts_the_regions_in_name_order(world, client_as):
    branches = build_branches(world)
    branches["aarhus"].region = branches.midt
    branches["aarhus"].save(update_fields=["region"])
    extra = BranchFactory(organisation=world.organisation, region=world.region, name="Zealand")
    reach_refresh(organisation=world.organisation)
    listed = _listed(client_as("staff").get(_url(world, sort="region")))
    assert listed[0] == extra.slug
    assert listed[1:] == ["aarhus", "horsens", "odder", "skive", "vejle"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "unknown"}, "Region"),
        ({"stage": "evil"}, "Stage"),
        ({"sort": "evil"}, "Sort by"),
        ({"sort": "name;DROP TABLE"}, "Sort by"),
    ],
)
def test_a_filter_not_offered_is_named_and_left_out(world, client_as, params, message):
    build_branches(world)
    response = client_as("staff").get(_url(world, **params))
    assert response.status_code == 200
    assert set(_listed(response)) == UNREPRESENTED
    assert _listed(response)[0] == "horsens"  # sorted by size, the default
    page = response.content.decode()
    assert 'role="alert"' in page
    assert f"{message}: Select a valid choice." in page


def test_a_bad_filter_does_not_undo_the_good_ones(world, client_as):
    build_branches(world)
    response = client_as("staff").get(_url(world, region="hovedstaden", sort="evil"))
    assert _listed(response) == ["aarhus"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5", ""])
def test_a_malformed_page_number_gives_a_page(world, client_as, page):
    build_branches(world)
    response = client_as("staff").get(_url(world, page=page))
    assert response.status_code == 200
    assert len(_listed(response)) == 5


def test_the_list_is_paginated_by_fifty_keeping_the_filters_in_the_links(world, client_as):
    branches = build_branches(world)
    for n in range(60):
        BranchFactory(organisation=world.organisation, region=branches.midt, name=f"Extra {n:02}")
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    first = client.get(_url(world, region="midtjylland", sort="name"))
    assert len(_listed(first)) == 50
    assert "region=midtjylland&amp;sort=name&amp;page=2" in first.content.decode()
    second = client.get(_url(world, region="midtjylland", sort="name", page=2))
    assert len(_listed(second)) == 64 - 50
    assert _listed(second)[-1] == "vejle"


def test_branches_of_another_organisation_never_appear(world, client_as):
    build_branches(world)
    from netvaerk.organisations.models import Organisation

    other = Organisation.objects.get(slug="other")
    BranchFactory(organisation=other, name="Fremmed", slug="fremmed")
    reach_refresh(organisation=other)
    response = client_as("staff").get(_url(world))
    assert "fremmed" not in _listed(response)
    assert "Fremmed" not in response.content.decode()


# --- represented now, still in the pipeline ----------------------------------------------


def test_a_branch_that_became_represented_moves_to_the_second_tab_with_a_hint(world, client_as):
    branches = build_branches(world)
    RecruitmentEntryFactory(network=world.network, branch=branches["odder"], stage="interested")
    RecruitmentEntryFactory(network=world.network, branch=branches["ikast-brande"], stage="joined")
    MembershipFactory(network=world.network, person=people(branches["odder"], 1)[0])
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    assert "odder" not in _listed(client.get(_url(world)))
    response = client.get(_url(world, view="represented"))
    entries = list(response.context["page"].object_list)
    assert [entry.branch.slug for entry in entries] == ["odder", "ikast-brande"]
    assert [entry.not_joined for entry in entries] == [True, False]
    page = response.content.decode()
    assert page.count("Represented by the figures, but the stage is not") == 1
    assert "Represented now, still in the pipeline (2)" in page


def test_the_represented_tab_says_so_when_it_is_empty(world, client_as):
    build_branches(world)
    response = client_as("staff").get(_url(world, view="represented"))
    assert response.status_code == 200
    assert "No represented branch is in the pipeline." in response.content.decode()


# --- cost --------------------------------------------------------------------------------


def _grow(world, branches, n: int) -> None:
    for i in range(n):
        branch = BranchFactory(
            organisation=world.organisation, region=branches.midt, name=f"Grown {i:03}"
        )
        people(branch, 2)
        entry = RecruitmentEntryFactory(
            network=world.network,
            branch=branch,
            stage="contacted",
            owner=world.persons["staff"],
            next_step="Ring op",
            next_step_on=_today(),
        )
        RecruitmentNoteFactory(entry=entry)
        RecruitmentNoteFactory(entry=entry)
    for _i in range(3):
        represented = BranchFactory(organisation=world.organisation, region=branches.midt)
        MembershipFactory(network=world.network, person=people(represented, 1)[0])
        RecruitmentEntryFactory(network=world.network, branch=represented, stage="interested")
    reach_refresh(organisation=world.organisation)


@pytest.mark.parametrize(
    "params",
    [{}, {"region": "midtjylland", "sort": "next"}, {"view": "represented"}, {"page": "2"}],
)
def test_the_query_count_does_not_grow_with_the_data(
    world, client_as, django_assert_num_queries, params
):
    branches = build_branches(world)
    # With someone on a branch from the start: the page then records the persons it names
    # in the access log (a fixed number of queries, whatever their number).
    RecruitmentEntryFactory(
        network=world.network,
        branch=branches["odder"],
        stage="contacted",
        owner=world.persons["chair"],
    )
    RecruitmentEntryFactory(
        network=world.network,
        branch=branches["ikast-brande"],
        stage="interested",
        owner=world.persons["chair"],
    )
    client = client_as("coordinator")
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url(world, **params)).status_code == 200
    _grow(world, branches, 55)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url(world, **params))
    assert response.status_code == 200
