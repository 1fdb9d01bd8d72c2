"""Page cost does not grow with the data: query counts of the directory, the network page, the
member list and a person's own pages are recorded at about 100 persons and asserted EXACTLY
equal at about 10,000 persons (and ten times the networks and memberships).

The data is built once for the module (bulk_create), inside a transaction rolled back at the
end; each test runs in a savepoint within it."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    Network,
    NetworkChannel,
    NetworkKind,
    network_search_text,
)
from netvaerk.organisations.models import Branch, Region
from netvaerk.people.models import Person
from netvaerk.testing import World, as_in_conftest, make_world

SMALL_PERSONS = 100
LARGE_PERSONS = 10_000

# page -> (persona, url name, extra kwargs, query string)
PAGES: dict[str, tuple[str, str, dict[str, str], dict[str, str]]] = {
    "directory as visitor": ("visitor", "networks:directory", {}, {}),
    "directory as member": ("member", "networks:directory", {}, {}),
    "directory page 2": ("visitor", "networks:directory", {}, {"page": "2"}),
    "directory search": ("visitor", "networks:directory", {}, {"q": "netværk"}),
    "directory region filter": ("visitor", "networks:directory", {}, {"region": "hovedstaden"}),
    "directory kind filter": ("visitor", "networks:directory", {}, {"kind": "regional"}),
    "network page as visitor": ("visitor", "networks:detail", {"network": "bolig"}, {}),
    "network page as member": ("member", "networks:detail", {"network": "bolig"}, {}),
    "network page as chair": ("chair", "networks:detail", {"network": "bolig"}, {}),
    "network page as staff": ("staff", "networks:detail", {"network": "bolig"}, {}),
    "member list as chair": ("chair", "networks:members", {"network": "bolig"}, {}),
    "member list as staff": ("staff", "networks:members", {"network": "bolig"}, {}),
    "member list as coordinator": ("coordinator", "networks:members", {"network": "bolig"}, {}),
    "member list page 2": ("staff", "networks:members", {"network": "bolig"}, {"page": "2"}),
    "member list requests": (
        "chair",
        "networks:members",
        {"network": "bolig"},
        {"status": "requested"},
    ),
    "member list search": ("chair", "networks:members", {"network": "bolig"}, {"q": "person"}),
    "coordinator page as board": ("board", "networks:coordinator", {"network": "bolig"}, {}),
    "my networks": ("member", "people:my_networks", {}, {}),
    "my data": ("member", "people:me", {}, {}),
}


@dataclass
class Scale:
    world: World
    clients: dict[str, Client]
    small: dict[str, int] = field(default_factory=dict)
    persons: dict[str, int] = field(default_factory=dict)


def _url(page: str) -> str:
    _persona, name, kwargs, _query = PAGES[page]
    return reverse(name, kwargs={"org": "org", **kwargs})


def _get(scale: Scale, page: str):
    persona, _name, _kwargs, query = PAGES[page]
    return scale.clients[persona].get(_url(page), query)


def _count_queries(scale: Scale, page: str) -> int:
    _get(scale, page)  # warm up process-wide caches (content types, templates)
    with CaptureQueriesContext(connection) as captured:
        response = _get(scale, page)
    assert response.status_code == 200, page
    return len(captured.captured_queries)


class _Grower:
    """Adds persons, networks and memberships to the world in bulk."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.org = world.organisation
        self.now = timezone.now()
        self.serial = 0

    def regions(self, count: int) -> list[Region]:
        Region.objects.bulk_create(
            Region(organisation=self.org, name=f"Region {self._next()}", slug=f"r-{self.serial}")
            for _ in range(count)
        )
        return list(Region.objects.filter(organisation=self.org))

    def branches(self, count: int, regions: list[Region]) -> list[Branch]:
        Branch.objects.bulk_create(
            Branch(
                organisation=self.org,
                region=regions[i % len(regions)],
                name=f"Branch {self._next()}",
                slug=f"b-{self.serial}",
            )
            for i in range(count)
        )
        return list(Branch.objects.filter(organisation=self.org))

    def persons(self, count: int, branches: list[Branch]) -> list[Person]:
        last_pk = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        Person.objects.bulk_create(
            (
                Person(
                    organisation=self.org,
                    name=f"Person {self._next():05d}",
                    email=f"p{self.serial}@org.example.org",
                    phone="+45 1234 5678",
                    branch=branches[i % len(branches)],
                    region_id=branches[i % len(branches)].region_id,
                    show_contact_details=i % 3 == 0,
                )
                for i in range(count)
            ),
            batch_size=2000,
        )
        return list(Person.objects.filter(organisation=self.org, pk__gt=last_pk).order_by("pk"))

    def networks(self, count: int, regions: list[Region], chairs: list[Person]) -> list[Network]:
        new = []
        for i in range(count):
            n = self._next()
            regional = i % 4 == 0
            network = Network(
                organisation=self.org,
                name=f"Netværk {n} om politik",
                slug=f"n-{n}",
                kind=NetworkKind.REGIONAL if regional else NetworkKind.CENTRAL,
                central=self.world.network if regional else None,
                region=regions[i % len(regions)],
                purpose="At debattere og mobilisere.",
                audience="Alle med interesse for emnet.",
            )
            network.search_text = network_search_text(
                network.name, network.purpose, network.audience
            )
            new.append(network)
        Network.objects.bulk_create(new)
        networks = list(
            Network.objects.filter(organisation=self.org, slug__in=[n.slug for n in new])
        )
        self.memberships((net, chairs[i], "chair", "active") for i, net in enumerate(networks))
        NetworkChannel.objects.bulk_create(
            NetworkChannel(
                organisation=self.org, network=net, kind="website", url="https://example.org/"
            )
            for net in networks
        )
        return networks

    def memberships(self, rows) -> None:
        Membership.objects.bulk_create(
            (
                Membership(
                    organisation=self.org,
                    network=network,
                    person=person,
                    role=role,
                    status=status,
                    requested_at=self.now,
                    joined_at=self.now if status == "active" else None,
                    share_contact_with_leads=person.pk % 2 == 0,
                )
                for network, person, role, status in rows
            ),
            batch_size=2000,
        )

    def _next(self) -> int:
        self.serial += 1
        return self.serial


def _grow(world: World, *, persons: int, networks: int, grower: _Grower) -> None:
    """Bring the organisation up to `persons` persons and add `networks` networks, with a
    member list in "bolig" of about half the persons, requests to join, and memberships of
    the member persona in every new network."""
    regions = grower.regions(4)
    branches = grower.branches(20, regions)
    missing = persons - Person.objects.filter(organisation=world.organisation).count()
    people = grower.persons(missing, branches)
    chairs, rest = people[:networks], people[networks:]
    new_networks = grower.networks(networks, regions, chairs)
    half = len(rest) // 2
    grower.memberships((world.network, p, "member", "active") for p in rest[:half])
    grower.memberships(
        (world.network, p, "member", "requested") for p in rest[half : half + len(rest) // 20]
    )
    grower.memberships((world.other_network, p, "member", "active") for p in rest[half:])
    grower.memberships(
        (net, rest[i], "coordination", "active") for i, net in enumerate(new_networks)
    )
    grower.memberships((net, world.persons["member"], "member", "active") for net in new_networks)
    today = timezone.localdate()
    CoordinatorMandate.objects.bulk_create(
        CoordinatorMandate(
            organisation=world.organisation,
            network=world.network,
            person=p,
            decision_reference="Board meeting, item 4",
            term_start=today - datetime.timedelta(days=400 * (i + 1)),
            term_end=today - datetime.timedelta(days=400 * i + 31),
        )
        for i, p in enumerate(rest[:3])
    )


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker) -> Iterator[Scale]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            grower = _Grower(world)
            _grow(world, persons=SMALL_PERSONS, networks=8, grower=grower)
            clients = {}
            for persona in {persona for persona, *_ in PAGES.values()}:
                clients[persona] = Client()
                if persona != "visitor":
                    clients[persona].force_login(world.users[persona])
            result = Scale(world=world, clients=clients)
            result.persons["small"] = Person.objects.filter(organisation=world.organisation).count()
            result.small = {page: _count_queries(result, page) for page in PAGES}
            _grow(world, persons=LARGE_PERSONS, networks=90, grower=grower)
            result.persons["large"] = Person.objects.filter(organisation=world.organisation).count()
            yield result
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_it_measures_at_about_100_and_10000_persons(scale):
    assert 90 <= scale.persons["small"] <= 110
    assert scale.persons["large"] >= LARGE_PERSONS
    assert Membership.objects.count() > 10_000


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_it_costs_the_same_number_of_queries_at_10000_persons_as_at_100(
    scale, page, django_assert_num_queries
):
    _get(scale, page)  # the same warm-up as for the small count
    with django_assert_num_queries(scale.small[page]):
        response = _get(scale, page)
    assert response.status_code == 200


@pytest.mark.django_db
def test_it_really_shows_the_larger_data(scale):
    members = _get(scale, "member list as staff")
    assert members.context["page"].paginator.count > 4_000
    assert len(members.context["page"].object_list) == 50
    directory = _get(scale, "directory as visitor")
    assert directory.context["page"].paginator.count > 90
    my_networks = _get(scale, "my networks")
    assert len(my_networks.context["memberships"]) > 90


@pytest.mark.django_db
def test_it_keeps_each_page_to_a_modest_number_of_queries(scale):
    too_many = {page: count for page, count in scale.small.items() if count > 20}
    assert not too_many
