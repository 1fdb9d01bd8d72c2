"""The trend is counted for every month in one query (services.refresh._counts); here it is
checked against counting each day on its own with the ORM, over joins, a leave and an
attendance that makes a member engaged for twelve months."""

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from netvaerk.meetings.models import Attendance
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.models import ReachFigure
from netvaerk.reach.services import refresh as r


@pytest.mark.django_db
def test_the_one_pass_trend_agrees_with_counting_each_day_on_its_own(world):
    org = world.organisation
    now = timezone.now()
    branches = [BranchFactory(organisation=org, region=world.region) for _ in range(4)]
    net = world.network
    p = [PersonFactory(organisation=org, branch=b) for b in branches]
    MembershipFactory(network=net, person=p[0], joined_at=now - datetime.timedelta(days=400))
    m = MembershipFactory(network=net, person=p[1], joined_at=now - datetime.timedelta(days=300))
    m.status = "left"
    m.left_at = now - datetime.timedelta(days=100)
    m.save(update_fields=["status", "left_at"])
    MembershipFactory(
        network=world.other_network, person=p[2], joined_at=now - datetime.timedelta(days=50)
    )
    ev = EventFactory(
        network=net,
        starts_at=now - datetime.timedelta(days=120),
        ends_at=now - datetime.timedelta(days=120) + datetime.timedelta(hours=1),
    )
    Attendance.objects.create(organisation=org, event=ev, person=p[0], source="marked")
    r.reach_refresh(organisation=org, now=now)
    got = {
        (f.network_id, f.region_id, f.month): (
            f.branches_member,
            f.branches_engaged,
            f.members,
            f.engaged_members,
        )
        for f in ReachFigure.objects.all()
    }
    engaged = Q(engaged=True)
    counts = {
        "b": Count("person__branch_id", distinct=True),
        "be": Count("person__branch_id", distinct=True, filter=engaged),
        "m": Count("person_id", distinct=True),
        "me": Count("person_id", distinct=True, filter=engaged),
    }
    checked = 0
    for month in [*r._months(org, now), None]:
        moment = now if month is None else min(now, r.month_end_instant(month))
        qs = r.members_on(org, moment).annotate(engaged=r._engaged(moment))
        for row in qs.values("network_id").order_by().annotate(**counts):
            expected = (row["b"], row["be"], row["m"], row["me"])
            assert got[(row["network_id"], None, month)] == expected, (month, row)
            checked += 1
        total = qs.aggregate(**counts)
        expected = (total["b"], total["be"], total["m"], total["me"])
        assert got[(None, None, month)] == expected, month
    # The leave, the join and the year of engagement all show in the months compared.
    assert checked >= 14
    assert {v[1] for k, v in got.items() if k[0] is None and k[1] is None} == {0, 1}
    assert len({v[0] for k, v in got.items() if k[0] is None and k[1] is None}) >= 3
