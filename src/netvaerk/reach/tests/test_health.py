"""Network health: each warning appears at its threshold and not before, and reads as a
whole sentence with the thresholds and numbers filled in."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.governance.tests.factories import BoardRequestFactory
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.reach.models import NetworkHealth, ReachSettings
from netvaerk.reach.selectors import health as selectors
from netvaerk.reach.services.refresh import reach_refresh

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def network():
    """A network of two years with a chair, a coordinator far from the end of the term,
    and a meeting every two months: nothing to warn about."""
    organisation = OrganisationFactory(slug="health")
    network = NetworkFactory(organisation=organisation, slug="sund", created_at=_ago(730))
    MembershipFactory(network=network, role="chair", joined_at=_ago(700))
    for _n in range(3):
        MembershipFactory(network=network, joined_at=_ago(600))
    MandateFactory(network=network)
    for days in (20, 80, 140, 200, 260, 320):
        EventFactory(
            network=network,
            meeting=True,
            starts_at=_ago(days),
            ends_at=_ago(days) + datetime.timedelta(hours=2),
        )
    return network


def _settings(network, **kwargs) -> ReachSettings:
    settings, _created = ReachSettings.objects.get_or_create(organisation=network.organisation)
    for name, value in kwargs.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def _health(network, **kwargs) -> tuple[NetworkHealth, list[str]]:
    settings = _settings(network, **kwargs)
    reach_refresh(organisation=network.organisation, now=NOW)
    health = selectors.network_health(network)
    assert health is not None
    return health, selectors.warning_messages(health, settings)


def test_a_healthy_network_has_no_warnings(network):
    health, messages = _health(network)
    assert health.warnings == []
    assert messages == []
    assert (health.meetings_6m, health.meetings_12m) == (3, 6)
    assert health.members == 4
    assert health.has_chair
    assert health.has_coordinator


def test_a_network_without_a_meeting_for_the_set_months_is_becoming_inactive(network):
    network.events.filter(starts_at__gt=_ago(100)).delete()
    # The last meeting was 140 days ago: under 6 months it is fine, over 4 it is not.
    health, _messages = _health(network, inactive_after_months=6)
    assert "no_recent_meeting" not in health.warnings
    health, messages = _health(network, inactive_after_months=4)
    assert health.warnings[0] == "no_recent_meeting"
    assert health.inactive
    assert messages[0].startswith("No meeting for 4 months (the last was on ")
    assert messages[0].endswith("the network is becoming inactive.")


def test_too_few_meetings_in_a_year_warns_at_the_set_minimum(network):
    health, _messages = _health(network, min_meetings_per_year=6)
    assert "few_meetings" not in health.warnings
    health, messages = _health(network, min_meetings_per_year=7)
    assert health.warnings == ["few_meetings"]
    assert messages == ["Only 6 meetings in the last twelve months; at least 7 are expected."]


def test_a_coordinators_term_ending_within_the_warning_days_is_said_with_its_date(network):
    ends = timezone.localdate() + datetime.timedelta(days=30)
    network.mandates.update(term_end=ends)
    health, _messages = _health(network, term_warning_days=29)
    assert "term_ending" not in health.warnings
    health, messages = _health(network, term_warning_days=30)
    assert health.warnings == ["term_ending"]
    assert health.coordinator_term_ends_on == ends
    assert messages[0].startswith("The coordinator's term ends on ")


def test_a_vacant_coordinator_and_a_missing_chair_are_warned_about(network):
    network.mandates.all().delete()
    network.memberships.filter(role="chair").update(role="member")
    health, messages = _health(network)
    assert health.warnings == ["no_chair", "no_coordinator"]
    assert messages == [
        "The network has no chair.",
        "The network has no coordinator: the post is vacant.",
    ]


def test_churn_above_the_set_share_warns(network):
    # One of the four members of a year ago left last month: 25 %.
    member = network.memberships.filter(role="member").first()
    member.status = "left"
    member.left_at = _ago(30)
    member.save()
    health, _messages = _health(network, max_churn_percent=Decimal("25"))
    assert "churn" not in health.warnings
    health, messages = _health(network, max_churn_percent=Decimal("24.5"))
    assert health.warnings == ["churn"]
    assert messages == [
        "1 of the 4 members a year ago have left (25 %), more than the 24.5 % allowed."
    ]


def test_a_board_request_past_its_deadline_is_overdue(network):
    BoardRequestFactory(network=network, deadline=timezone.localdate() - datetime.timedelta(days=1))
    BoardRequestFactory(network=network)
    health, messages = _health(network)
    assert health.requests_overdue == 1
    assert health.warnings == ["requests_overdue"]
    assert messages == ["1 request from the board is past its deadline without an answer."]


def test_the_dashboard_lists_networks_with_warnings_the_inactive_first(network):
    quiet = NetworkFactory(organisation=network.organisation, slug="stille", created_at=_ago(900))
    MembershipFactory(network=quiet, role="chair", joined_at=_ago(800))
    MandateFactory(network=quiet)
    unchaired = NetworkFactory(organisation=network.organisation, slug="uden", created_at=_ago(10))
    MandateFactory(network=unchaired)
    settings = _settings(network)
    reach_refresh(organisation=network.organisation, now=NOW)
    overdue = selectors.overdue(network.organisation, settings)
    assert [item.network.slug for item in overdue.shown] == ["stille", "uden"]
    assert overdue.more == 0
    assert overdue.counts[network.pk] == 0
    assert overdue.counts[quiet.pk] == 1


def test_an_unknown_warning_code_is_skipped_not_shown_raw(network):
    health, _messages = _health(network)
    health.warnings = ["something_new", "no_chair"]
    assert selectors.warning_messages(health, _settings(network)) == ["The network has no chair."]


def test_every_warning_code_the_refresh_can_store_has_a_sentence():
    import inspect

    from netvaerk.reach.services import refresh

    source = inspect.getsource(refresh.health_warnings)
    for code in selectors.WARNINGS:
        assert f'"{code}"' in source
