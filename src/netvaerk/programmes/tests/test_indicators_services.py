"""Indicators: units and values, one value a day, computed values compared with figures
counted by hand, and the statuses the dashboard and the status report read."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.core.errors import ServiceError
from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory, EventSeriesFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.models import (
    GoalLevel,
    IndicatorSource,
    IndicatorUnit,
    IndicatorValue,
    SupportStatus,
)
from netvaerk.programmes.selectors.indicators import (
    IndicatorStatus,
    indicator_history,
    indicator_statuses,
)
from netvaerk.programmes.services.indicators import (
    indicator_create,
    indicator_record_computed,
    indicator_update,
    parse_value,
    value_add,
)
from netvaerk.programmes.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    ProgrammeFactory,
    SupportedBranchFactory,
)
from netvaerk.reach.models import ReachBasis, ReachSettings
from netvaerk.reach.services.refresh import reach_refresh

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 10)


@pytest.fixture
def staff(world):
    return world.actor("staff")


@pytest.fixture
def programme(world):
    return ProgrammeFactory(organisation=world.organisation, network=world.network)


@pytest.fixture
def goal(programme):
    return GoalFactory(programme=programme)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("33,4", IndicatorUnit.PERCENT, Decimal("33.40")),
        ("33.4 %", IndicatorUnit.PERCENT, Decimal("33.40")),
        ("12", IndicatorUnit.COUNT, Decimal("12")),
        ("1.200", IndicatorUnit.COUNT, Decimal("1200")),
        ("12.500,50", IndicatorUnit.DKK, Decimal("12500.50")),
        ("12 500 kr.", IndicatorUnit.DKK, Decimal("12500")),
        ("ja", IndicatorUnit.YESNO, Decimal("1")),
        ("0", IndicatorUnit.YESNO, Decimal("0")),
    ],
)
def test_it_reads_danish_and_plain_numbers(text, unit, expected):
    assert parse_value(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "says"),
    [
        ("101", IndicatorUnit.PERCENT, "from 0 to 100"),
        ("-1", IndicatorUnit.PERCENT, "from 0 to 100"),
        ("2,5", IndicatorUnit.COUNT, "whole number"),
        ("-3", IndicatorUnit.COUNT, "whole number"),
        ("-10", IndicatorUnit.DKK, "kroner of 0 or more"),
        ("2", IndicatorUnit.YESNO, "1 \\(yes\\) or 0 \\(no\\)"),
        ("måske", IndicatorUnit.YESNO, "1 \\(yes\\) or 0 \\(no\\)"),
        ("tolv", IndicatorUnit.COUNT, "whole number"),
        ("", IndicatorUnit.DKK, "kroner"),
        ("NaN", IndicatorUnit.DKK, "kroner"),
        ("1e400", IndicatorUnit.DKK, "kroner"),
        ("1,2,3", IndicatorUnit.PERCENT, "from 0 to 100"),
        ("10,555", IndicatorUnit.PERCENT, "two decimals"),
    ],
)
def test_it_refuses_values_of_the_wrong_unit_with_a_clear_message(text, unit, says):
    with pytest.raises(ServiceError, match=says):
        parse_value(text, unit)


def test_a_computed_source_fixes_the_unit(staff, goal):
    with pytest.raises(ServiceError, match="measured in this unit: Per cent") as refusal:
        indicator_create(
            actor=staff,
            goal=goal,
            name="KPN-dækning",
            unit=IndicatorUnit.COUNT,
            target="33,4",
            source=IndicatorSource.NETWORK_REACH,
        )
    assert refusal.value.field == "unit"
    assert not goal.indicators.exists()


def test_an_indicator_refuses_a_target_of_the_wrong_unit(staff, goal):
    with pytest.raises(ServiceError, match="from 0 to 100") as refusal:
        indicator_create(
            actor=staff, goal=goal, name="Andel", unit=IndicatorUnit.PERCENT, target="120"
        )
    assert refusal.value.field == "target"


def test_indicators_hang_on_goals_not_on_the_purpose(staff, goal):
    with pytest.raises(ServiceError, match="add a goal under the purpose"):
        indicator_create(
            actor=staff, goal=goal.parent, name="X", unit=IndicatorUnit.COUNT, target="1"
        )
    assert goal.parent.level == GoalLevel.PURPOSE


def test_a_network_source_needs_a_network(staff, world):
    goal = GoalFactory(programme=ProgrammeFactory(organisation=world.organisation))
    with pytest.raises(ServiceError, match="Choose the network") as refusal:
        indicator_create(
            actor=staff,
            goal=goal,
            name="Medlemmer",
            unit=IndicatorUnit.COUNT,
            target="20",
            source=IndicatorSource.NETWORK_MEMBERS,
        )
    assert refusal.value.field == "network"


def test_the_unit_cannot_change_once_values_exist(staff, goal):
    indicator = IndicatorFactory(goal=goal, unit=IndicatorUnit.COUNT)
    value_add(actor=staff, indicator=indicator, measured_on=TODAY, value="4", today=TODAY)
    with pytest.raises(ServiceError, match="unit cannot change"):
        indicator_update(
            actor=staff,
            indicator=indicator,
            name=indicator.name,
            unit=IndicatorUnit.PERCENT,
            target="50",
            direction=indicator.direction,
            target_date=None,
            baseline=None,
            source=IndicatorSource.MANUAL,
            network=None,
        )
    indicator.refresh_from_db()
    assert indicator.unit == IndicatorUnit.COUNT


def test_a_value_in_the_future_is_refused(staff, goal):
    indicator = IndicatorFactory(goal=goal)
    with pytest.raises(ServiceError, match="future") as refusal:
        value_add(
            actor=staff,
            indicator=indicator,
            measured_on=TODAY + datetime.timedelta(days=1),
            value="3",
            today=TODAY,
        )
    assert refusal.value.field == "measured_on"
    assert not indicator.values.exists()


def test_a_second_value_on_the_same_day_is_refused_unless_it_replaces_the_first(staff, goal):
    indicator = IndicatorFactory(goal=goal, unit=IndicatorUnit.COUNT)
    value_add(actor=staff, indicator=indicator, measured_on=TODAY, value="4", today=TODAY)
    with pytest.raises(ServiceError, match="already a value") as refusal:
        value_add(actor=staff, indicator=indicator, measured_on=TODAY, value="6", today=TODAY)
    assert refusal.value.field == "replace"
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal("4")]
    value_add(
        actor=staff, indicator=indicator, measured_on=TODAY, value="6", replace=True, today=TODAY
    )
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal("6")]


def test_a_computed_indicator_takes_no_hand_entered_value(staff, goal):
    indicator = IndicatorFactory(
        goal=goal, source=IndicatorSource.FOCUS_ACCEPTED, unit=IndicatorUnit.COUNT
    )
    with pytest.raises(ServiceError, match="computed from live data"):
        value_add(actor=staff, indicator=indicator, measured_on=TODAY, value="3", today=TODAY)


def _reach_world(world):
    """Three branches; only the world's branch has people in the network (three of them)."""
    BranchFactory(organisation=world.organisation, region=world.region, name="DN Odder")
    BranchFactory(organisation=world.organisation, region=world.region, name="DN Horsens")
    reach_refresh(organisation=world.organisation)


def test_network_reach_and_members_are_the_hand_counted_figures(staff, world, goal):
    _reach_world(world)
    reach = IndicatorFactory(
        goal=goal,
        source=IndicatorSource.NETWORK_REACH,
        unit=IndicatorUnit.PERCENT,
        target=Decimal("33.4"),
    )
    members = IndicatorFactory(
        goal=goal, source=IndicatorSource.NETWORK_MEMBERS, unit=IndicatorUnit.COUNT
    )
    statuses = {s.indicator.pk: s for s in indicator_statuses(programme=goal.programme)}
    # 1 of 3 branches: 33.33 % — below "at least 33.4".
    assert statuses[reach.pk].value == Decimal("33.33")
    assert statuses[reach.pk].met is False
    assert statuses[reach.pk].value_display == "33.33 %"
    assert statuses[reach.pk].target_display == "at least 33.4 %"
    # member, chair and coordination group member.
    assert statuses[members.pk].value == Decimal("3")
    assert statuses[members.pk].met is False


def test_network_reach_counts_engaged_branches_where_the_organisation_says_so(staff, world, goal):
    _reach_world(world)
    ReachSettings.objects.update_or_create(
        organisation=world.organisation, defaults={"basis": ReachBasis.ENGAGED}
    )
    reach_refresh(organisation=world.organisation)
    reach = IndicatorFactory(
        goal=goal, source=IndicatorSource.NETWORK_REACH, unit=IndicatorUnit.PERCENT
    )
    (status,) = indicator_statuses(programme=goal.programme)
    # Nobody has taken part in an activity: no branch is engaged.
    assert status.indicator == reach
    assert status.value == Decimal("0.00")


def test_the_reach_history_comes_from_the_monthly_figures(staff, world, goal):
    _reach_world(world)
    reach = IndicatorFactory(
        goal=goal, source=IndicatorSource.NETWORK_REACH, unit=IndicatorUnit.PERCENT
    )
    history = indicator_history(reach, goal.programme)
    assert history, "the current month at least"
    assert history[-1].value == Decimal("33.33")
    assert history[-1].recorded is None


def test_focus_accepted_counts_accepted_and_completed_branches(staff, goal, world):
    programme = goal.programme
    for status in (SupportStatus.ACCEPTED, SupportStatus.COMPLETED, SupportStatus.HESITANT):
        SupportedBranchFactory(programme=programme, status=status)
    indicator = IndicatorFactory(
        goal=goal, source=IndicatorSource.FOCUS_ACCEPTED, unit=IndicatorUnit.COUNT, target=3
    )
    (status,) = indicator_statuses(programme=programme)
    assert status.indicator == indicator
    assert status.value == Decimal("2")
    assert status.met is False


def test_series_attendance_counts_distinct_persons_within_the_programme_period(world, goal):
    programme = goal.programme
    programme.starts_on = timezone.localdate() - datetime.timedelta(days=100)
    programme.ends_on = timezone.localdate() + datetime.timedelta(days=100)
    programme.save()
    series = EventSeriesFactory(network=world.network)
    programme.series.add(series)
    first = EventFactory(network=world.network, series=series, starts_at=timezone.now())
    second = EventFactory(
        network=world.network,
        series=series,
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    before = EventFactory(
        network=world.network,
        series=series,
        starts_at=timezone.now() - datetime.timedelta(days=200),
    )
    outside = EventFactory(network=world.network, starts_at=timezone.now())
    member, chair, board = (world.persons[p] for p in ("member", "chair", "board"))
    AttendanceFactory(event=first, person=member)
    AttendanceFactory(event=second, person=member)
    AttendanceFactory(event=second, person=chair)
    AttendanceFactory(event=second)  # a guest without a person
    AttendanceFactory(event=before, person=board)  # before the programme
    AttendanceFactory(event=outside, person=board)  # not in the series
    IndicatorFactory(goal=goal, source=IndicatorSource.SERIES_ATTENDANCE, unit=IndicatorUnit.COUNT)
    (status,) = indicator_statuses(programme=programme)
    assert status.value == Decimal("2")


def test_recording_a_computed_value_keeps_it_in_the_history(staff, world, goal):
    _reach_world(world)
    indicator = IndicatorFactory(
        goal=goal, source=IndicatorSource.NETWORK_MEMBERS, unit=IndicatorUnit.COUNT
    )
    record = indicator_record_computed(actor=staff, indicator=indicator, today=TODAY)
    again = indicator_record_computed(actor=staff, indicator=indicator, today=TODAY)
    assert record.pk == again.pk
    assert record.value == Decimal("3")
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1
    history = indicator_history(indicator, goal.programme)
    assert any(p.recorded is not None and p.value == 3 for p in history)


def test_recording_refuses_a_manual_indicator_and_a_missing_figure(staff, goal):
    manual = IndicatorFactory(goal=goal)
    with pytest.raises(ServiceError, match="entered by hand"):
        indicator_record_computed(actor=staff, indicator=manual, today=TODAY)
    reach = IndicatorFactory(
        goal=goal, source=IndicatorSource.NETWORK_REACH, unit=IndicatorUnit.PERCENT
    )
    with pytest.raises(ServiceError, match="no live figure"):
        indicator_record_computed(actor=staff, indicator=reach, today=TODAY)


def test_statuses_give_the_latest_manual_value_and_whether_the_target_is_met(staff, goal):
    indicator = IndicatorFactory(goal=goal, unit=IndicatorUnit.COUNT, target=Decimal("5"))
    yes_no = IndicatorFactory(goal=goal, unit=IndicatorUnit.YESNO, target=Decimal("1"))
    empty = IndicatorFactory(goal=goal, unit=IndicatorUnit.DKK, target=Decimal("1000"))
    value_add(actor=staff, indicator=indicator, measured_on=TODAY, value="6", today=TODAY)
    value_add(
        actor=staff,
        indicator=indicator,
        measured_on=TODAY - datetime.timedelta(days=30),
        value="2",
        today=TODAY,
    )
    value_add(actor=staff, indicator=yes_no, measured_on=TODAY, value="nej", today=TODAY)
    statuses = {s.indicator.pk: s for s in indicator_statuses(programme=goal.programme)}
    assert isinstance(statuses[indicator.pk], IndicatorStatus)
    assert (statuses[indicator.pk].value, statuses[indicator.pk].measured_on) == (6, TODAY)
    assert statuses[indicator.pk].met is True
    assert statuses[indicator.pk].goal == goal
    assert statuses[yes_no.pk].value_display == "No"
    assert statuses[yes_no.pk].met is False
    assert statuses[empty.pk].met is None
    assert statuses[empty.pk].value_display == "No value yet"
    assert statuses[empty.pk].target_display == "at least 1,000 kr."


def test_statuses_take_a_constant_number_of_queries(
    staff, goal, world, django_assert_max_num_queries
):
    _reach_world(world)
    for source, unit in [
        (IndicatorSource.NETWORK_REACH, IndicatorUnit.PERCENT),
        (IndicatorSource.NETWORK_MEMBERS, IndicatorUnit.COUNT),
        (IndicatorSource.FOCUS_ACCEPTED, IndicatorUnit.COUNT),
        (IndicatorSource.SERIES_ATTENDANCE, IndicatorUnit.COUNT),
    ]:
        for _ in range(3):
            IndicatorFactory(goal=goal, source=source, unit=unit)
    for _ in range(5):
        IndicatorFactory(goal=goal)
    with django_assert_max_num_queries(6):
        statuses = indicator_statuses(programme=goal.programme)
    assert len(statuses) == 17


def test_a_person_of_another_branch_is_not_in_the_reach(world, goal):
    """Guard for the hand count: a member in a second branch adds that branch."""
    odder = BranchFactory(organisation=world.organisation, region=world.region, name="DN Odder")
    BranchFactory(organisation=world.organisation, region=world.region, name="DN Horsens")
    BranchFactory(organisation=world.organisation, region=world.region, name="DN Aabenraa")
    MembershipFactory(
        network=world.network, person=PersonFactory(organisation=world.organisation, branch=odder)
    )
    reach_refresh(organisation=world.organisation)
    IndicatorFactory(goal=goal, source=IndicatorSource.NETWORK_REACH, unit=IndicatorUnit.PERCENT)
    (status,) = indicator_statuses(programme=goal.programme)
    assert status.value == Decimal("50.00")  # 2 of 4 branches
