"""Reads for the directory, member lists, a person's networks and the current coordinator."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from netvaerk.networks.models import MembershipRole, MembershipStatus, NetworkKind, NetworkStatus
from netvaerk.networks.selectors import (
    current_mandate,
    network_directory,
    network_members,
    person_network_memberships,
)
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory, RegionFactory
from netvaerk.people.tests.factories import PersonFactory

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
DAY = datetime.timedelta(days=1)


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="testorg", name="Testorganisation")


def names(networks) -> list[str]:
    return [network.name for network in networks]


def member_names(memberships) -> list[str]:
    return [membership.person.name for membership in memberships]


# --- Directory ----------------------------------------------------------------------------


@pytest.fixture
def directory(org):
    NetworkFactory(
        organisation=org,
        name="Kirkepolitisk netværk",
        purpose="Tro og samfund",
        audience="Alle med interesse for folkekirken",
    )
    NetworkFactory(organisation=org, name="Kulturpolitisk netværk", purpose="Kunst og kultur")
    NetworkFactory(organisation=org, name="Kirkekoret", purpose="Vi synger")
    return org


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("", ["Kirkekoret", "Kirkepolitisk netværk", "Kulturpolitisk netværk"]),
        ("kirke", ["Kirkekoret", "Kirkepolitisk netværk"]),
        ("kirke netværk", ["Kirkepolitisk netværk"]),
        ("netværk  KIRKE", ["Kirkepolitisk netværk"]),
        ("folkekirken", ["Kirkepolitisk netværk"]),
        ("kunst", ["Kulturpolitisk netværk"]),
        ("kirke kunst", []),
        ("   ", ["Kirkekoret", "Kirkepolitisk netværk", "Kulturpolitisk netværk"]),
    ],
)
def test_the_directory_finds_networks_having_every_word(directory, q, expected):
    assert names(network_directory(organisation=directory, q=q)) == expected


def test_the_directory_shows_only_the_organisations_own_networks(org):
    NetworkFactory(organisation=org, name="Own")
    NetworkFactory(organisation=OrganisationFactory(slug="foreign"), name="Foreign")

    assert names(network_directory(organisation=org)) == ["Own"]


def test_the_directory_filters_by_region(org):
    north, south = RegionFactory(organisation=org), RegionFactory(organisation=org)
    NetworkFactory(organisation=org, name="North", kind=NetworkKind.REGIONAL, region=north)
    NetworkFactory(organisation=org, name="South", kind=NetworkKind.REGIONAL, region=south)
    NetworkFactory(organisation=org, name="Run from the north", region=north)
    NetworkFactory(organisation=org, name="Everywhere")

    assert names(network_directory(organisation=org, region_id=north.pk)) == [
        "North",
        "Run from the north",
    ]
    assert names(network_directory(organisation=org, region_id=south.pk)) == ["South"]


def test_the_directory_filters_by_kind_and_ignores_an_unknown_kind(org):
    region = RegionFactory(organisation=org)
    NetworkFactory(organisation=org, name="Central")
    NetworkFactory(organisation=org, name="Regional", kind=NetworkKind.REGIONAL, region=region)

    assert names(network_directory(organisation=org, kind="central")) == ["Central"]
    assert names(network_directory(organisation=org, kind="regional")) == ["Regional"]
    assert names(network_directory(organisation=org, kind="bogus")) == ["Central", "Regional"]


def test_the_directory_leaves_out_proposed_and_closed_networks(org):
    NetworkFactory(organisation=org, name="Active")
    NetworkFactory(organisation=org, name="Proposed", status=NetworkStatus.PROPOSED)
    NetworkFactory(organisation=org, name="Closed", status=NetworkStatus.CLOSED)

    assert names(network_directory(organisation=org)) == ["Active"]
    # The office's view lists proposals too, but never closed networks.
    assert names(network_directory(organisation=org, include_unlisted=True)) == [
        "Active",
        "Proposed",
    ]


def test_the_member_count_counts_active_memberships_only(org):
    network = NetworkFactory(organisation=org, name="Counted")
    NetworkFactory(organisation=org, name="Empty")
    MembershipFactory(network=network, role=MembershipRole.CHAIR)
    MembershipFactory(network=network)
    MembershipFactory(network=network, status=MembershipStatus.REQUESTED, joined_at=None)
    MembershipFactory(network=network, status=MembershipStatus.LEFT)
    MembershipFactory(network=network, status=MembershipStatus.DECLINED, joined_at=None)
    MembershipFactory(network=network, status=MembershipStatus.WITHDRAWN, joined_at=None)

    counts = {n.name: n.member_count for n in network_directory(organisation=org)}

    assert counts == {"Counted": 2, "Empty": 0}


def test_the_member_count_is_not_inflated_by_a_search(org):
    network = NetworkFactory(organisation=org, name="Kirkepolitisk netværk")
    for _ in range(3):
        MembershipFactory(network=network)

    [found] = network_directory(organisation=org, q="kirke netværk politisk")

    assert found.member_count == 3


def test_the_directory_brings_each_chair_in_a_fixed_number_of_queries(
    org, django_assert_num_queries
):
    region = RegionFactory(organisation=org, name="Nordjylland")
    for i in range(4):
        network = NetworkFactory(organisation=org, name=f"Network {i}", region=region)
        chair = PersonFactory(organisation=org, name=f"Chair {i}")
        MembershipFactory(network=network, person=chair, role=MembershipRole.CHAIR)
        MembershipFactory(network=network, role=MembershipRole.COORDINATION)
        MembershipFactory(network=network, role=MembershipRole.CHAIR, status="left")
    NetworkFactory(organisation=org, name="Network without chair")

    with django_assert_num_queries(2):
        rows = [
            (
                network.name,
                network.region.name if network.region else None,
                [(m.person.name, bool(m.person.region.name)) for m in network.chair_memberships],
            )
            for network in network_directory(organisation=org)
        ]

    assert rows == [
        *[(f"Network {i}", "Nordjylland", [(f"Chair {i}", True)]) for i in range(4)],
        ("Network without chair", None, []),
    ]


# --- Members ------------------------------------------------------------------------------


def test_members_are_listed_chair_first_then_coordination_then_by_name(org):
    network = NetworkFactory(organisation=org)
    for name, role in [
        ("Bo Member", "member"),
        ("Carl Coordination", "coordination"),
        ("Anna Member", "member"),
        ("Zoe Chair", "chair"),
        ("Adam Coordination", "coordination"),
    ]:
        MembershipFactory(
            network=network, person=PersonFactory(organisation=org, name=name), role=role
        )
    MembershipFactory(network=network, person=PersonFactory(organisation=org, name="Al Left"))
    network.memberships.filter(person__name="Al Left").update(status="left")

    listed = member_names(network_members(network=network))

    assert listed[:3] == ["Zoe Chair", "Adam Coordination", "Carl Coordination"]
    assert listed[3:] == ["Anna Member", "Bo Member"]
    assert "Al Left" not in listed


def test_members_can_be_listed_by_status(org):
    network = NetworkFactory(organisation=org)
    MembershipFactory(network=network, person=PersonFactory(organisation=org, name="Active"))
    MembershipFactory(
        network=network,
        person=PersonFactory(organisation=org, name="Asking"),
        status=MembershipStatus.REQUESTED,
        joined_at=None,
    )

    assert member_names(network_members(network=network, status="requested")) == ["Asking"]
    assert member_names(network_members(network=network)) == ["Active"]


def test_members_can_be_searched_by_name(org):
    network = NetworkFactory(organisation=org)
    for name in ("Mette Frederiksen", "Mette Hansen", "Frederik Jensen"):
        MembershipFactory(network=network, person=PersonFactory(organisation=org, name=name))

    assert member_names(network_members(network=network, q="mette")) == [
        "Mette Frederiksen",
        "Mette Hansen",
    ]
    assert member_names(network_members(network=network, q="frederik METTE")) == [
        "Mette Frederiksen"
    ]


def test_members_are_found_by_a_danish_name_in_any_case(org):
    network = NetworkFactory(organisation=org)
    MembershipFactory(
        network=network, person=PersonFactory(organisation=org, name="Søren Østergaard")
    )

    assert member_names(network_members(network=network, q="østergaard")) == ["Søren Østergaard"]


# --- A person's networks ------------------------------------------------------------------


def test_a_persons_networks_list_all_their_memberships_and_nobody_elses(org):
    person = PersonFactory(organisation=org)
    other = PersonFactory(organisation=org)
    alpha = NetworkFactory(organisation=org, name="Alpha")
    beta = NetworkFactory(organisation=org, name="Beta")
    MembershipFactory(network=alpha, person=person, status=MembershipStatus.LEFT)
    MembershipFactory(network=alpha, person=person)
    MembershipFactory(network=beta, person=person, status="requested", joined_at=None)
    MembershipFactory(network=beta, person=other)

    memberships = list(person_network_memberships(person=person))

    assert len(memberships) == 3
    assert {m.person_id for m in memberships} == {person.pk}
    assert sorted((m.network.name, m.status) for m in memberships) == [
        ("Alpha", "active"),
        ("Alpha", "left"),
        ("Beta", "requested"),
    ]


def test_a_persons_current_memberships_come_before_past_ones(org):
    person = PersonFactory(organisation=org)
    for name, status in [
        ("Alpha", "withdrawn"),
        ("Beta", "active"),
        ("Gamma", "left"),
        ("Delta", "declined"),
        ("Epsilon", "requested"),
    ]:
        MembershipFactory(
            network=NetworkFactory(organisation=org, name=name),
            person=person,
            status=status,
            joined_at=timezone.now() if status in ("active", "left") else None,
        )

    statuses = [m.status for m in person_network_memberships(person=person)]

    assert statuses[:2] == ["active", "requested"]
    assert set(statuses[2:]) == {"withdrawn", "left", "declined"}


# --- Current coordinator ------------------------------------------------------------------


def test_the_current_mandate_follows_the_term(org):
    network = NetworkFactory(organisation=org)
    start, end = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)
    mandate = MandateFactory(network=network, term_start=start, term_end=end)

    assert current_mandate(network=network, today=start - DAY) is None
    assert current_mandate(network=network, today=start) == mandate
    assert current_mandate(network=network, today=end) == mandate
    assert current_mandate(network=network, today=end + DAY) is None


def test_the_current_mandate_ends_with_an_early_end(org):
    network = NetworkFactory(organisation=org)
    mandate = MandateFactory(
        network=network,
        term_start=datetime.date(2027, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        ended_on=datetime.date(2027, 6, 30),
    )

    assert current_mandate(network=network, today=datetime.date(2027, 6, 30)) == mandate
    assert current_mandate(network=network, today=datetime.date(2027, 7, 1)) is None


def test_the_current_mandate_is_the_successors_once_their_term_starts(org):
    network = NetworkFactory(organisation=org)
    first = MandateFactory(
        network=network,
        term_start=datetime.date(2027, 1, 1),
        term_end=datetime.date(2028, 12, 31),
        ended_on=datetime.date(2027, 12, 31),
    )
    second = MandateFactory(
        network=network, term_start=datetime.date(2028, 1, 1), term_end=datetime.date(2029, 12, 31)
    )
    MandateFactory(
        network=NetworkFactory(organisation=org),
        term_start=datetime.date(2027, 1, 1),
        term_end=datetime.date(2029, 12, 31),
    )

    assert current_mandate(network=network, today=datetime.date(2027, 12, 31)) == first
    assert current_mandate(network=network, today=datetime.date(2028, 1, 1)) == second
