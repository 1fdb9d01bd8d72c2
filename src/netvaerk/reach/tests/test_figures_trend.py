"""The monthly trend, from membership history: joins and leaves in different months, each
month counted as of its last day (the running month as of now)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import BranchFactory, OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.models import ReachSettings
from netvaerk.reach.selectors import figures
from netvaerk.reach.services.refresh import reach_refresh

pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def history():
    """Three branches; network N. A's member joins in March and leaves in May; B's joins
    in April; C's joins on the last evening of May; network M gets C's other person in
    June. Counted on 15 June 2026."""
    organisation = OrganisationFactory(slug="history")
    a, b, c = (
        BranchFactory(organisation=organisation, name=name, slug=name.lower())
        for name in ("A", "B", "C")
    )
    n = NetworkFactory(organisation=organisation, slug="n", name="N")
    m = NetworkFactory(organisation=organisation, slug="m", name="M")

    def join(branch, network, joined, left=None):
        MembershipFactory(
            network=network,
            person=PersonFactory(organisation=organisation, branch=branch, region=branch.region),
            joined_at=joined,
            left_at=left,
            status="left" if left else "active",
        )

    join(a, n, _at(2026, 3, 10), left=_at(2026, 5, 5))
    join(b, n, _at(2026, 4, 20))
    join(c, n, _at(2026, 5, 31, 23))
    join(c, m, _at(2026, 6, 2))
    reach_refresh(organisation=organisation, now=_at(2026, 6, 15))
    return organisation, n, m


def _series(points):
    return [(point.month, point.taking_part, point.total, point.share) for point in points]


def test_the_organisations_trend_follows_joins_and_leaves_month_by_month(history):
    organisation, _n, _m = history
    settings = ReachSettings(organisation=organisation)
    assert _series(figures.trend(organisation, settings)) == [
        (datetime.date(2026, 3, 1), 1, 3, Decimal("33.3")),
        (datetime.date(2026, 4, 1), 2, 3, Decimal("66.7")),
        # A left on 5 May; C joined on the evening of 31 May: still counted in May.
        (datetime.date(2026, 5, 1), 2, 3, Decimal("66.7")),
        # C takes part in two networks now, but counts once.
        (datetime.date(2026, 6, 1), 2, 3, Decimal("66.7")),
    ]


def test_a_networks_trend_counts_none_in_months_before_it_had_anyone(history):
    organisation, n, m = history
    settings = ReachSettings(organisation=organisation)
    assert [p.taking_part for p in figures.trend(organisation, settings, n)] == [1, 2, 2, 2]
    assert [p.taking_part for p in figures.trend(organisation, settings, m)] == [0, 0, 0, 1]
    assert figures.trend(organisation, settings, m)[-1].share == Decimal("33.3")


def test_the_trend_moves_with_time(history, time_machine):
    organisation, n, _m = history
    # A month later nothing has changed but the month: July is added with the same count.
    reach_refresh(organisation=organisation, now=_at(2026, 7, 15))
    points = figures.trend(organisation, ReachSettings(organisation=organisation), n)
    assert [(p.month.month, p.taking_part) for p in points] == [
        (3, 1),
        (4, 2),
        (5, 2),
        (6, 2),
        (7, 2),
    ]
    # And with the clock itself moved on, a refresh without `now` counts as of that day.
    time_machine.move_to(_at(2026, 8, 3), tick=False)
    reach_refresh(organisation=organisation)
    months = [
        p.month for p in figures.trend(organisation, ReachSettings(organisation=organisation))
    ]
    assert months[-1] == datetime.date(2026, 8, 1)
