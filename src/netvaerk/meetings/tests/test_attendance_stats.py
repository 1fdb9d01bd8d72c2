"""The counts, checked against a small fixture counted by hand: registered against came,
network members (by the membership history at the event's start) against other activists and
guests, by region and branch, a series side by side — and pages whose query count does not
grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.meetings.models import Audience, RegistrationStatus
from netvaerk.meetings.selectors import attendance as selectors
from netvaerk.meetings.tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventSeriesFactory,
    RegistrationFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory, RegionFactory
from netvaerk.people.tests.factories import PersonFactory

START = datetime.datetime(2024, 3, 20, 18, 0, tzinfo=datetime.UTC)
LONG_AGO = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)


def _member(world, person, *, joined=LONG_AGO, left=None):
    MembershipFactory(
        network=world.network,
        person=person,
        joined_at=joined,
        left_at=left,
        status="left" if left else "active",
    )


@pytest.fixture
def fixture(world):
    """m1 member came; m2 left the network before the event (other) and came; m3 joined after
    it (other) and came unregistered; m4 member registered, stayed away; o1 never a member,
    registered, stayed away; m5 left after the event (member), cancelled, came anyway; a
    guest registered and came; a guest came unregistered."""
    org = world.organisation
    region2 = RegionFactory(organisation=org, name="Region Syddanmark", slug="syd")
    branch2 = BranchFactory(organisation=org, region=region2, name="Branch Odense", slug="odense")
    event = EventFactory(
        network=world.network, starts_at=START, ends_at=START + datetime.timedelta(hours=2)
    )
    p = {
        "m1": PersonFactory(organisation=org, branch=world.branch),
        "m2": PersonFactory(organisation=org, branch=branch2),
        "m3": PersonFactory(organisation=org, branch=None, region=None),
        "m4": PersonFactory(organisation=org, branch=world.branch),
        "o1": PersonFactory(organisation=org, branch=branch2),
        "m5": PersonFactory(organisation=org, branch=world.branch),
    }
    _member(world, p["m1"])
    _member(world, p["m2"], left=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    _member(world, p["m3"], joined=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC))
    _member(world, p["m4"])
    _member(world, p["m5"], left=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC))
    # o1 is a member of another network only.
    MembershipFactory(network=world.other_network, person=p["o1"], joined_at=LONG_AGO)

    regs = {
        key: RegistrationFactory(event=event, person=p[key]) for key in ("m1", "m2", "m4", "o1")
    }
    RegistrationFactory(event=event, person=p["m5"], status=RegistrationStatus.CANCELLED)
    guest_reg = RegistrationFactory(event=event, name="Gæst", email="gaest@example.org")
    for key in ("m1", "m2"):
        AttendanceFactory(event=event, person=p[key], registration=regs[key])
    AttendanceFactory(event=event, person=p["m3"])
    AttendanceFactory(event=event, person=p["m5"])
    AttendanceFactory(event=event, registration=guest_reg, name="Gæst")
    AttendanceFactory(event=event, name="Uanmeldt Gæst")
    return {"event": event, "persons": p, "region2": region2, "branch2": branch2}


def test_headline_counted_by_hand(fixture):
    assert selectors.headline(fixture["event"]) == selectors.Headline(
        registered=5,
        attended=6,
        registered_and_came=3,
        came_without_registering=3,
        registered_not_came=2,
    )


def test_members_at_the_start_against_other_activists_and_guests(world, fixture):
    groups = {
        g.key: (g.registered, g.attended)
        for g in selectors.by_membership(fixture["event"], world.network)
    }
    # Registered: m1, m4 members; m2 (left before), o1 others; one guest.
    # Came: m1, m5 (left after the event) members; m2, m3 (joined after) others; two guests.
    assert groups == {"members": (2, 2), "others": (2, 2), "guests": (1, 2)}


def test_compared_with_another_network_nobody_is_a_member(world, fixture):
    groups = {
        g.key: (g.registered, g.attended)
        for g in selectors.by_membership(fixture["event"], world.other_network)
    }
    # o1 is in the other network, but registered only and did not come.
    assert groups == {"members": (1, 0), "others": (3, 4), "guests": (1, 2)}
    none = {
        g.key: (g.registered, g.attended) for g in selectors.by_membership(fixture["event"], None)
    }
    assert none == {"members": (0, 0), "others": (4, 4), "guests": (1, 2)}


def test_by_region_and_branch_with_a_bucket_for_none(world, fixture):
    regions = [(g.label, g.registered, g.attended) for g in selectors.by_region(fixture["event"])]
    assert regions == [
        (world.region.name, 2, 2),
        ("Region Syddanmark", 2, 1),
        ("No region", 0, 1),
    ]
    branches = [(g.label, g.registered, g.attended) for g in selectors.by_branch(fixture["event"])]
    assert branches == [
        ("Branch Gladsaxe", 2, 2),
        ("Branch Odense", 2, 1),
        ("No branch", 0, 1),
    ]


def test_a_series_side_by_side(world, fixture):
    series = EventSeriesFactory(network=world.network)
    first = fixture["event"]
    first.series = series
    first.save(update_fields=["series"])
    second = EventFactory(
        network=world.network,
        series=series,
        starts_at=START + datetime.timedelta(days=30),
        ends_at=START + datetime.timedelta(days=30, hours=2),
    )
    AttendanceFactory(event=second, person=fixture["persons"]["m3"])
    RegistrationFactory(event=second, person=fixture["persons"]["m4"])
    sessions = selectors.series_sessions(series, world.network)
    assert [
        (s.event, s.registered, s.attended, s.members, s.others, s.guests, s.registered_not_came)
        for s in sessions
    ] == [
        (first, 5, 6, 2, 2, 2, 2),
        # On 19 April m3 (joined 1 April) is a member.
        (second, 1, 1, 1, 0, 0, 1),
    ]


def test_the_summary_page_shows_the_counts_and_charts(client_as, world, fixture):
    url = reverse(
        "meetings:attendance_summary",
        kwargs={"org": world.organisation.slug, "event_id": fixture["event"].pk},
    )
    response = client_as("board").get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("data:image/svg+xml;base64,") == 3
    assert "Region Syddanmark" in body
    assert "No branch" in body
    # The board sees counts, never names.
    assert fixture["persons"]["m1"].name not in body
    assert "Uanmeldt" not in body


def test_an_office_event_is_compared_with_a_network_of_choice(client_as, world, fixture):
    office = EventFactory(
        network=None,
        organisation=world.organisation,
        audience=Audience.MEMBERS,
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
    )
    AttendanceFactory(event=office, person=fixture["persons"]["m1"])
    AttendanceFactory(event=office, person=fixture["persons"]["o1"])
    url = reverse(
        "meetings:attendance_summary",
        kwargs={"org": world.organisation.slug, "event_id": office.pk},
    )
    response = client_as("staff").get(url, {"network": world.network.slug})
    groups = {g.key: g.attended for g in response.context["membership"]}
    assert groups == {"members": 1, "others": 1, "guests": 0}
    plain = client_as("staff").get(url)
    assert {g.key: g.attended for g in plain.context["membership"]}["members"] == 0
    unknown = client_as("staff").get(url, {"network": "no-such-network"})
    assert unknown.status_code == 200


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _more_data(world, event, n: int) -> None:
    for _ in range(n):
        person = PersonFactory(
            organisation=world.organisation, branch=BranchFactory(organisation=world.organisation)
        )
        registration = RegistrationFactory(event=event, person=person)
        AttendanceFactory(event=event, person=person, registration=registration)
        AttendanceFactory(event=event, person=PersonFactory(organisation=world.organisation))
        AttendanceFactory(event=event, name="Gæst")


@pytest.mark.parametrize("name", ["attendance", "attendance_summary"])
def test_the_list_and_the_summary_cost_the_same_with_more_data(client_as, world, fixture, name):
    event = fixture["event"]
    url = reverse(f"meetings:{name}", kwargs={"org": world.organisation.slug, "event_id": event.pk})
    client = client_as("chair")
    client.get(url)  # warm up what is cached per process (content types, sessions)
    before = _count_queries(client, url)
    _more_data(world, event, 12)
    assert _count_queries(client, url) == before


def test_the_series_page_costs_the_same_with_more_sessions(client_as, world):
    series = EventSeriesFactory(network=world.network)
    url = reverse(
        "meetings:attendance_series",
        kwargs={"org": world.organisation.slug, "series_id": series.pk},
    )
    client = client_as("chair")
    EventFactory(network=world.network, series=series, past=True)
    client.get(url)
    before = _count_queries(client, url)
    for _ in range(4):
        event = EventFactory(network=world.network, series=series, past=True)
        _more_data(world, event, 2)
    assert _count_queries(client, url) == before


def test_the_attendance_list_paginates(client_as, world):
    event = EventFactory(network=world.network, past=True)
    for _ in range(55):
        RegistrationFactory(event=event, person=PersonFactory(organisation=world.organisation))
    url = reverse(
        "meetings:attendance", kwargs={"org": world.organisation.slug, "event_id": event.pk}
    )
    client = client_as("chair")
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert client.get(url, {"page": "x"}).status_code == 200
