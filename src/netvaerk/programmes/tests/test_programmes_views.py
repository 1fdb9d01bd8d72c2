"""The programme pages in use: creating a programme, the detail page with its goal tree and
indicators (in a constant number of queries), the indicator page with its chart, and bad
input answered with a message, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.programmes.models import (
    GoalLevel,
    IndicatorSource,
    IndicatorUnit,
    IndicatorValue,
    Programme,
    SupportedBranch,
    SupportStatus,
)
from netvaerk.programmes.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
    SupportedBranchFactory,
)

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"programmes:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def programme(world):
    return ProgrammeFactory(organisation=world.organisation, slug="lokal", network=world.network)


def test_staff_create_a_programme_with_owners_chosen_among_officers(client_as, world):
    client = client_as("staff")
    page = client.get(_url(world, "create")).content.decode()
    assert world.persons["board"].name in page
    assert world.persons["member"].name not in page  # never a list of all persons
    response = client.post(
        _url(world, "create"),
        {
            "name": "Lokalpolitisk interessevaretagelse",
            "slug": "lokalpolitik",
            "starts_on": "2023-03-01",
            "ends_on": "2025-12-31",
            "status": "active",
            "owners": [world.persons["staff"].pk],
            "network": world.network.pk,
        },
    )
    programme = Programme.objects.get(slug="lokalpolitik")
    assert response["Location"] == _url(world, "detail", programme="lokalpolitik")
    assert list(programme.owners.all()) == [world.persons["staff"]]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"ends_on": "2022-01-01"}, "cannot end before it starts"),
        ({"slug": "Æ Ø"}, "valid"),
        ({"starts_on": "i morgen"}, "valid date"),
        ({"owners": ["999999"]}, "valid choice"),
        ({"owners": ["x"]}, "valid value"),
        ({"status": "lost"}, "valid choice"),
    ],
)
def test_bad_programme_input_is_shown_on_the_form(client_as, world, data, says):
    base = {"name": "P", "slug": "p", "starts_on": "2023-03-01", "status": "active"}
    response = client_as("staff").post(_url(world, "create"), {**base, **data})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Programme.objects.exists()


def test_a_member_as_owner_is_refused(client_as, world):
    response = client_as("staff").post(
        _url(world, "create"),
        {
            "name": "P",
            "slug": "p",
            "starts_on": "2023-03-01",
            "status": "active",
            "owners": [world.persons["member"].pk],
        },
    )
    assert response.status_code == 400
    assert not Programme.objects.exists()


def test_a_taken_address_is_refused(client_as, world, programme):
    response = client_as("staff").post(
        _url(world, "create"),
        {"name": "P", "slug": "lokal", "starts_on": "2023-03-01", "status": "active"},
    )
    assert response.status_code == 400
    assert "already has the address lokal" in response.content.decode()


def test_someone_without_programmes_gets_a_friendly_empty_list(client_as, world, programme):
    page = client_as("member").get(_url(world, "list")).content.decode()
    assert "no programmes for you to see" in page
    assert programme.name not in page


def _build(programme, goals: int):
    purpose = GoalFactory(programme=programme, level=GoalLevel.PURPOSE, parent=None, title="F")
    for n in range(goals):
        goal = GoalFactory(programme=programme, parent=purpose, title=f"Mål {n}")
        sub = GoalFactory(
            programme=programme, parent=goal, level=GoalLevel.SUBGOAL, title=f"Delmål {n}"
        )
        IndicatorValueFactory(indicator=IndicatorFactory(goal=goal))
        IndicatorFactory(goal=sub, source=IndicatorSource.FOCUS_ACCEPTED, unit=IndicatorUnit.COUNT)
        IndicatorFactory(goal=sub, source=IndicatorSource.NETWORK_REACH, unit=IndicatorUnit.PERCENT)
        SupportedBranchFactory(programme=programme, status=SupportStatus.ACCEPTED)


def test_the_detail_page_shows_the_tree_in_a_constant_number_of_queries(
    client_as, world, programme, django_assert_num_queries
):
    client = client_as("staff")
    url = _url(world, "detail", programme="lokal")
    _build(programme, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    page = response.content.decode()
    assert "Mål 0" in page
    assert "Delmål 0" in page
    assert "<progress" in page
    for n in range(1, 6):
        goal = GoalFactory(programme=programme, title=f"Mere {n}")
        IndicatorValueFactory(indicator=IndicatorFactory(goal=goal))
        IndicatorFactory(goal=goal, source=IndicatorSource.FOCUS_ACCEPTED, unit="count")
        SupportedBranchFactory(programme=programme)
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "Mere 5" in page


def test_the_indicator_page_has_a_chart_a_table_and_the_value_form(client_as, world, programme):
    goal = GoalFactory(programme=programme)
    indicator = IndicatorFactory(goal=goal, unit=IndicatorUnit.PERCENT, target=Decimal("33.4"))
    for days, value in ((60, "20"), (30, "25,5")):
        IndicatorValue.objects.create(
            organisation=world.organisation,
            indicator=indicator,
            measured_on=datetime.date.today() - datetime.timedelta(days=days),
            value=Decimal(value.replace(",", ".")),
        )
    page = client_as("staff").get(
        _url(world, "indicator", programme="lokal", indicator=indicator.pk)
    )
    html = page.content.decode()
    assert 'class="chart" src="data:image/svg+xml;base64,' in html
    assert "25.5 %" in html
    assert "at least 33.4 %" in html
    assert 'name="value"' in html


def test_a_value_of_the_wrong_unit_is_refused_on_the_form(client_as, world, programme):
    indicator = IndicatorFactory(goal=GoalFactory(programme=programme), unit=IndicatorUnit.COUNT)
    url = _url(world, "value_add", programme="lokal", indicator=indicator.pk)
    day = datetime.date.today().isoformat()
    response = client_as("staff").post(url, {"measured_on": day, "value": "2,5"})
    assert response.status_code == 400
    assert "whole number of 0 or more" in response.content.decode()
    response = client_as("staff").post(url, {"measured_on": day, "value": "3"})
    assert response.status_code == 302
    response = client_as("staff").post(url, {"measured_on": day, "value": "4"})
    assert response.status_code == 400
    assert "Replace the value of that day" in response.content.decode()
    response = client_as("staff").post(url, {"measured_on": day, "value": "4", "replace": "on"})
    assert response.status_code == 302
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal("4")]


def test_recording_a_computed_value_without_figures_says_why(client_as, world, programme):
    indicator = IndicatorFactory(
        goal=GoalFactory(programme=programme),
        source=IndicatorSource.NETWORK_REACH,
        unit=IndicatorUnit.PERCENT,
    )
    url = _url(world, "value_add", programme="lokal", indicator=indicator.pk)
    response = client_as("staff").post(url, follow=True)
    assert "no live figure to record yet" in response.content.decode()


def test_an_indicator_of_a_mismatched_unit_is_refused_on_the_form(client_as, world, programme):
    goal = GoalFactory(programme=programme)
    response = client_as("staff").post(
        _url(world, "indicator_create", programme="lokal", goal=goal.pk),
        {
            "name": "KPN-dækning",
            "source": "network_reach",
            "unit": "count",
            "target": "34",
            "direction": "more_than",
        },
    )
    assert response.status_code == 400
    assert "Per cent" in response.content.decode()
    assert not goal.indicators.exists()


@pytest.mark.parametrize("parent", ["abc", "999999", "-1"])
def test_a_bad_parent_in_the_address_is_a_message(client_as, world, programme, parent):
    response = client_as("staff").get(
        _url(world, "goal_create", programme="lokal") + f"?parent={parent}", follow=True
    )
    assert response.status_code == 200
    assert "not part of this programme" in response.content.decode()


def test_an_indicator_on_the_purpose_is_refused_with_a_message(client_as, world, programme):
    purpose = GoalFactory(programme=programme).parent
    response = client_as("staff").get(
        _url(world, "indicator_create", programme="lokal", goal=purpose.pk), follow=True
    )
    assert "add a goal under the purpose first" in response.content.decode()


def test_deleting_a_goal_with_children_without_confirmation_keeps_it(client_as, world, programme):
    goal = GoalFactory(programme=programme)
    IndicatorFactory(goal=goal)
    url = _url(world, "goal_delete", programme="lokal", goal=goal.pk)
    page = client_as("staff").get(url).content.decode()
    assert "Yes, delete them too" in page
    response = client_as("staff").post(url, {}, follow=True)
    assert "Confirm that they are to be deleted" in response.content.decode()
    assert programme.goals.filter(pk=goal.pk).exists()
    client_as("staff").post(url, {"confirm": "yes"})
    assert not programme.goals.filter(pk=goal.pk).exists()


def test_the_support_list_and_a_duplicate_selection(client_as, world, programme):
    SupportedBranchFactory(programme=programme, branch=world.branch)
    client = client_as("staff")
    page = client.get(_url(world, "support", programme="lokal")).content.decode()
    assert "<optgroup" in page
    assert world.branch.name in page
    response = client.post(
        _url(world, "support_select", programme="lokal"), {"branch": world.branch.pk}
    )
    assert response.status_code == 400
    assert f"{world.branch.name} is already in the focused support." in response.content.decode()
    assert SupportedBranch.objects.count() == 1


@pytest.mark.parametrize("branch", ["", "abc", "999999"])
def test_a_bad_branch_choice_is_refused(client_as, world, programme, branch):
    response = client_as("staff").post(
        _url(world, "support_select", programme="lokal"), {"branch": branch}
    )
    assert response.status_code == 400
    assert not SupportedBranch.objects.exists()


def test_a_senseless_status_jump_is_refused_with_what_is_possible(client_as, world, programme):
    SupportedBranchFactory(programme=programme, branch=world.branch, status=SupportStatus.DECLINED)
    url = _url(world, "supported_status", programme="lokal", branch=world.branch.slug)
    response = client_as("staff").post(url, {"status": "completed"})
    assert response.status_code == 400
    assert "From Declined it can go to: Invited." in response.content.decode()


def test_a_case_entry_in_the_future_is_refused(client_as, world, programme):
    supported = SupportedBranchFactory(programme=programme, branch=world.branch)
    url = _url(world, "case_entry_add", programme="lokal", branch=world.branch.slug)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client_as("staff").post(url, {"kind": "note", "happened_on": tomorrow, "text": "x"})
    assert response.status_code == 400
    assert not supported.case_entries.exists()


def test_the_branch_lead_reads_their_branch_page_without_forms(client_as, world, programme):
    SupportedBranchFactory(programme=programme, branch=world.branch, focus_theme="Mærkesager")
    page = client_as("branch_lead").get(
        _url(world, "supported", programme="lokal", branch=world.branch.slug)
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mærkesager" in html
    assert "Change the status" not in html
    assert "Add to the case log" not in html


def test_the_support_list_takes_a_constant_number_of_queries(
    client_as, world, programme, django_assert_num_queries
):
    client = client_as("staff")
    url = _url(world, "support", programme="lokal")
    SupportedBranchFactory(programme=programme)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(8):
        SupportedBranchFactory(programme=programme)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
