"""The office's settings and a network's own goal: a Danish decimal comma is fine, a share
outside 0–100 % or not a number is refused with a clear message and nothing saved; every
change is audited and makes the figures stale."""

from decimal import Decimal

import pytest
from django.urls import reverse

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.reach.models import NetworkGoal, ReachSettings, ReachState
from netvaerk.reach.services.refresh import reach_is_stale, reach_refresh
from netvaerk.reach.services.settings import (
    network_goal_clear,
    network_goal_set,
    parse_percent,
    reach_settings_update,
)
from netvaerk.reach.tests.factories import NetworkGoalFactory

pytestmark = pytest.mark.django_db

VALID = {
    "basis": "engaged",
    "goal_percent": "33,4",
    "inactive_after_months": "4",
    "min_meetings_per_year": "3",
    "max_churn_percent": "20,5",
    "term_warning_days": "90",
}


def _settings_url(world) -> str:
    return reverse("reach:settings", kwargs={"org": world.organisation.slug})


def _goal_url(world, network=None) -> str:
    network = network or world.network
    return reverse(
        "reach:set_goal", kwargs={"org": world.organisation.slug, "network": network.slug}
    )


def test_the_office_saves_the_settings_with_a_danish_decimal_comma(client_as, world):
    reach_refresh(organisation=world.organisation)
    response = client_as("staff").post(_settings_url(world), VALID, follow=True)
    assert b"The settings have been saved." in response.content
    settings = ReachSettings.objects.get(organisation=world.organisation)
    assert settings.basis == "engaged"
    assert settings.goal_percent == Decimal("33.40")
    assert settings.max_churn_percent == Decimal("20.50")
    assert (settings.inactive_after_months, settings.min_meetings_per_year) == (4, 3)
    assert settings.term_warning_days == 90
    entry = AuditEntry.objects.get(action="reach.settings_updated")
    assert entry.data["goal_percent"] == "33.40"
    assert entry.actor_person == world.persons["staff"]
    # The audit log bumped the content version: the figures are stale and being refreshed.
    world.organisation.refresh_from_db()
    state = ReachState.objects.get(organisation=world.organisation)
    assert reach_is_stale(state, world.organisation)
    assert state.requested_at is not None
    # The form shows what was saved, with the comma.
    assert 'value="33,4"' in response.content.decode()


def test_an_empty_goal_means_no_goal(client_as, world):
    client_as("staff").post(_settings_url(world), {**VALID, "goal_percent": ""})
    assert ReachSettings.objects.get(organisation=world.organisation).goal_percent is None


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        ("120", "A share cannot be above 100 %."),
        ("-1", "A share cannot be below 0 %."),
        ("abc", "Write the share as a number from 0 to 100, for example 33,4."),
        ("33,456", "Write the share as a number from 0 to 100, for example 33,4."),
        ("1e2", "Write the share as a number from 0 to 100, for example 33,4."),
    ],
)
def test_a_goal_outside_0_to_100_or_not_a_number_is_refused_and_nothing_saved(
    client_as, world, goal, message
):
    response = client_as("staff").post(_settings_url(world), {**VALID, "goal_percent": goal})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReachSettings.objects.filter(organisation=world.organisation).exists()
    assert not AuditEntry.objects.filter(action="reach.settings_updated").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inactive_after_months", "0"),
        ("inactive_after_months", "37"),
        ("min_meetings_per_year", "-1"),
        ("term_warning_days", "abc"),
        ("max_churn_percent", "101"),
        ("basis", "everyone"),
    ],
)
def test_a_threshold_out_of_range_is_refused_and_nothing_saved(client_as, world, field, value):
    response = client_as("staff").post(_settings_url(world), {**VALID, field: value})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or field == "basis"
    assert not ReachSettings.objects.filter(organisation=world.organisation).exists()


def test_the_settings_page_lists_the_networks_with_their_own_goals(client_as, world):
    NetworkGoalFactory(network=world.network, goal_percent=Decimal("40.5"))
    response = client_as("org_admin").get(_settings_url(world))
    page = response.content.decode()
    assert "Boligpolitisk netværk" in page
    assert "40.5 %" in page
    assert "Kulturpolitisk netværk" not in page


def test_the_office_sets_and_clears_a_networks_own_goal(client_as, world):
    client = client_as("staff")
    response = client.post(_goal_url(world), {"goal_percent": "40,5", "action": "set"}, follow=True)
    assert b"Boligpolitisk netv\xc3\xa6rk now aims for 40.5 % of the branches." in response.content
    goal = NetworkGoal.objects.get(network=world.network)
    assert goal.goal_percent == Decimal("40.50")
    assert goal.set_by == world.persons["staff"]
    response = client.post(_goal_url(world), {"action": "clear"}, follow=True)
    assert "now follows the organisation&#x27;s goal" in response.content.decode()
    assert not NetworkGoal.objects.filter(network=world.network).exists()
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "reach.network_goal_set",
        "reach.network_goal_cleared",
    ]


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        ("101", "A share cannot be above 100 %."),
        ("-5", "A share cannot be below 0 %."),
        ("abc", "Write the share as a number from 0 to 100, for example 33,4."),
        ("", "Write the goal as a number from 0 to 100."),
    ],
)
def test_a_bad_network_goal_is_refused_on_the_page_and_nothing_saved(
    client_as, world, goal, message
):
    reach_refresh(organisation=world.organisation)
    response = client_as("staff").post(_goal_url(world), {"goal_percent": goal, "action": "set"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NetworkGoal.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_services_refuse_those_who_do_not_run_the_office(world):
    with pytest.raises(ServiceError, match="Only the office sets a network's goal"):
        network_goal_set(actor=world.actor("board"), network=world.network, goal_percent="40")
    with pytest.raises(ServiceError, match="Only the office sets the goal"):
        reach_settings_update(
            actor=world.actor("chair"),
            organisation=world.organisation,
            basis="member",
            goal_percent="40",
            inactive_after_months=6,
            min_meetings_per_year=2,
            max_churn_percent="25",
            term_warning_days=60,
        )
    assert not NetworkGoal.objects.exists()
    assert not ReachSettings.objects.exists()


def test_a_closed_network_gets_no_goal(world):
    world.other_network.status = "closed"
    world.other_network.save(update_fields=["status"])
    with pytest.raises(ServiceError, match="Only an active network has a goal"):
        network_goal_set(actor=world.actor("staff"), network=world.other_network, goal_percent="40")


def test_clearing_a_goal_that_was_never_set_writes_nothing(world):
    assert network_goal_clear(actor=world.actor("staff"), network=world.network) is False
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("text", "value"),
    [("33,4", "33.40"), ("33.4", "33.40"), (" 50 % ", "50.00"), ("0", "0.00"), ("100", "100.00")],
)
def test_shares_are_read_with_a_comma_or_a_point(text, value):
    assert parse_percent(text, field="goal_percent") == Decimal(value)
