"""No data crosses between organisations: two organisations side by side, and the staff of
one trying every way into the other through its own addresses."""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus, Network
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import RegionFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import World, make_world


def english(client):
    """English through the language switch's cookie (the site ignores Accept-Language)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@dataclass
class Two:
    a: World
    b: World
    b_network: Network  # a slug that exists only in B
    b_membership: Membership
    b_mandate: CoordinatorMandate
    b_person: Person


@pytest.fixture
def two(db) -> Two:
    a = make_world("a", other_slug="a-other")
    b = make_world("b", other_slug="b-other")
    # Same slugs as A's ("bolig", "kultur"), different names, so a leak would show.
    Network.objects.filter(pk=b.network.pk).update(
        name="B-organisationens boligforum", search_text="b-organisationens boligforum"
    )
    b_region = RegionFactory(
        organisation=b.organisation, name="Nordjylland B", slug="nordjylland-b"
    )
    b_network = NetworkFactory(
        organisation=b.organisation,
        name="Hemmeligt B-netværk",
        slug="kun-i-b",
        region=b_region,
        purpose="Findes kun i organisation B.",
    )
    b_person = PersonFactory(
        organisation=b.organisation,
        branch=b.branch,
        name="Bodil Bæk",
        email="bodil@b.example.org",
        member_number="B-1001",
    )
    b_membership = MembershipFactory(network=b_network, person=b_person)
    MembershipFactory(network=b_network, person=b.persons["chair"], role="chair")
    b_mandate = MandateFactory(network=b_network, person=b.persons["coordinator"])
    return Two(
        a=a,
        b=b,
        b_network=b_network,
        b_membership=b_membership,
        b_mandate=b_mandate,
        b_person=b_person,
    )


@pytest.fixture
def a_staff(client, two):
    client.force_login(two.a.users["staff"])
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _counts() -> tuple[int, int, int]:
    return (
        Membership.objects.count(),
        CoordinatorMandate.objects.count(),
        Network.objects.count(),
    )


# --- B's network is not there under A's address -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("networks:detail", "get"),
        ("networks:members", "get"),
        ("networks:edit", "get"),
        ("networks:edit", "post"),
        ("networks:regional_create", "get"),
        ("networks:coordinator", "get"),
        ("networks:coordinator", "post"),
        ("networks:join", "post"),
        ("networks:leave", "post"),
        ("networks:withdraw", "post"),
        ("networks:sharing", "post"),
        ("networks:member_add", "post"),
    ],
)
def test_it_answers_404_for_another_organisations_network_under_its_own_slug(
    a_staff, two, name, method
):
    before = _counts()
    url = reverse(name, kwargs={"org": "a", "network": two.b_network.slug})
    response = getattr(a_staff, method)(url, {"person": two.b_person.email})
    assert response.status_code == 404
    assert two.b_network.name not in response.content.decode()
    assert _counts() == before


@pytest.mark.django_db
def test_it_shows_its_own_network_where_both_organisations_use_the_same_slug(a_staff, two):
    response = a_staff.get(reverse("networks:detail", kwargs={"org": "a", "network": "bolig"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert two.a.network.name in body
    assert "B-organisationens boligforum" not in body


@pytest.mark.django_db
def test_it_lists_only_its_own_members_where_both_organisations_use_the_same_slug(a_staff, two):
    response = a_staff.get(reverse("networks:members", kwargs={"org": "a", "network": "bolig"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "member@a.example.org" in body  # staff see contact details
    assert "@b.example.org" not in body


@pytest.mark.django_db
def test_it_refuses_staff_of_a_the_member_list_of_b(a_staff, two):
    url = reverse("networks:members", kwargs={"org": "b", "network": two.b_network.slug})
    response = a_staff.get(url)
    assert response.status_code == 403
    assert two.b_person.name not in response.content.decode()


# --- acting on B's rows through A's addresses -------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"action": "remove", "reason": "x"},
        {"action": "role", "role": "coordination"},
        {"action": "approve"},
        {"action": "decline"},
    ],
)
def test_it_refuses_to_act_on_another_organisations_membership(a_staff, two, data):
    url = reverse(
        "networks:member_action",
        kwargs={"org": "a", "network": "bolig", "membership_id": two.b_membership.pk},
    )
    response = a_staff.post(url, data)
    assert response.status_code == 404
    two.b_membership.refresh_from_db()
    assert two.b_membership.status == MembershipStatus.ACTIVE
    assert two.b_membership.role == "member"


@pytest.mark.django_db
def test_it_refuses_to_act_on_a_membership_of_its_own_other_network(a_staff, two):
    # A membership id of A's other network, under A's "bolig": still not found.
    other = MembershipFactory(network=two.a.other_network, person=two.a.persons["member"])
    url = reverse(
        "networks:member_action",
        kwargs={"org": "a", "network": "bolig", "membership_id": other.pk},
    )
    assert a_staff.post(url, {"action": "remove"}).status_code == 404
    other.refresh_from_db()
    assert other.status == MembershipStatus.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["bodil@b.example.org", "BODIL@B.EXAMPLE.ORG", "B-1001"])
def test_it_refuses_to_add_a_person_of_another_organisation(a_staff, two, value):
    before = _counts()
    url = reverse("networks:member_add", kwargs={"org": "a", "network": "bolig"})
    response = english(a_staff).post(url, {"person": value, "role": "member"})
    assert response.status_code == 302
    assert _counts() == before
    assert not Membership.objects.filter(person=two.b_person, network=two.a.network).exists()
    assert any("No one in Organisation a has" in m for m in _messages(response))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["bodil@b.example.org", "B-1001"])
def test_it_refuses_to_appoint_a_person_of_another_organisation(client, two, value):
    client.force_login(two.a.users["board"])
    before = _counts()
    today = datetime.date.today()
    url = reverse("networks:coordinator", kwargs={"org": "a", "network": "bolig"})
    response = english(client).post(
        url,
        {
            "person": value,
            "decision_reference": "Board meeting, item 4",
            "term_start": today.isoformat(),
            "term_end": (today + datetime.timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "No one in Organisation a has" in response.content.decode()
    assert _counts() == before
    assert not CoordinatorMandate.objects.filter(person=two.b_person).exists()


@pytest.mark.django_db
def test_it_refuses_to_end_another_organisations_mandate(client, two):
    client.force_login(two.a.users["board"])
    url = reverse(
        "networks:coordinator_end",
        kwargs={"org": "a", "network": "bolig", "mandate_id": two.b_mandate.pk},
    )
    response = client.post(url, {"ended_on": datetime.date.today().isoformat(), "reason": "x"})
    assert response.status_code == 404
    two.b_mandate.refresh_from_db()
    assert two.b_mandate.ended_on is None


@pytest.mark.django_db
def test_it_refuses_another_organisations_membership_as_the_chairs_successor(client, two):
    client.force_login(two.a.users["chair"])
    url = reverse("networks:leave", kwargs={"org": "a", "network": "bolig"})
    response = english(client).post(url, {"successor": two.b_membership.pk})
    assert response.status_code == 302
    assert any("Hand the chair to another member" in m for m in _messages(response))
    chair = Membership.objects.get(network=two.a.network, person=two.a.persons["chair"])
    assert (chair.status, chair.role) == (MembershipStatus.ACTIVE, "chair")
    two.b_membership.refresh_from_db()
    assert two.b_membership.role == "member"


@pytest.mark.django_db
def test_it_refuses_another_organisations_region_and_central_network_in_the_form(a_staff, two):
    before = _counts()
    url = reverse("networks:create", kwargs={"org": "a"})
    response = english(a_staff).post(
        url,
        {
            "name": "Nyt",
            "slug": "nyt",
            "kind": "regional",
            "central": two.b_network.pk,
            "region": two.b_network.region_id,
            "join_policy": "open",
            "status": "active",
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert _counts() == before


# --- the directory keeps to its own organisation ----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "member", "staff"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "hemmeligt"},
        {"q": "netværk"},
        {"q": "b-organisationens"},
        {"q": "findes kun"},
        {"region": "hovedstaden"},
        {"kind": "central"},
        {"q": "bolig", "region": "hovedstaden", "kind": "central"},
    ],
)
def test_it_never_lists_another_organisations_networks_in_the_directory(
    client, two, persona, query
):
    if persona != "visitor":
        client.force_login(two.a.users[persona])
    response = client.get(reverse("networks:directory", kwargs={"org": "a"}), query)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hemmeligt B-netværk" not in body
    assert "B-organisationens boligforum" not in body
    assert "Nordjylland B" not in body  # nor its regions in the filter


@pytest.mark.django_db
def test_it_finds_its_own_network_by_search_and_region(client, two):
    response = client.get(
        reverse("networks:directory", kwargs={"org": "a"}), {"q": "bolig", "region": "hovedstaden"}
    )
    assert two.a.network.name in response.content.decode()
    assert len(response.context["page"].object_list) == 1
    assert response.context["page"].object_list[0].organisation_id == two.a.organisation.pk


@pytest.mark.django_db
def test_it_explains_that_another_organisations_region_is_unknown(client, two):
    response = english(client).get(
        reverse("networks:directory", kwargs={"org": "a"}), {"region": "nordjylland-b"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is no region called “nordjylland-b”." in body
    assert "Hemmeligt B-netværk" not in body


@pytest.mark.django_db
def test_it_explains_an_unknown_region_in_danish_without_failing(client, two):
    response = client.get(
        reverse("networks:directory", kwargs={"org": "a"}), {"region": "nordjylland-b"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    assert "Hemmeligt B-netværk" not in response.content.decode()


# --- unknown organisation ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/ukendt/",
        "/ukendt/networks/",
        "/ukendt/networks/bolig/",
        "/ukendt/networks/bolig/members/",
        "/ukendt/me/",
        "/ukendt/me/networks/",
    ],
)
def test_it_renders_the_sites_404_page_for_an_unknown_organisation(client, two, path):
    response = english(client).get(path)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "We could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_it_answers_404_to_a_post_into_an_unknown_organisation(client, two):
    client.force_login(two.a.users["staff"])
    before = _counts()
    response = client.post("/ukendt/networks/bolig/join/")
    assert response.status_code == 404
    assert _counts() == before


# --- one login, persons in two organisations --------------------------------------------


@pytest.fixture
def in_both(two) -> Person:
    """A's member is also registered in B, and belongs to B's hidden network."""
    user = two.a.users["member"]
    person = PersonFactory(
        organisation=two.b.organisation, branch=two.b.branch, user=user, name="Member In B"
    )
    MembershipFactory(network=two.b_network, person=person)
    return person


@pytest.mark.django_db
def test_it_shows_only_this_organisations_memberships_to_a_person_in_two(client, two, in_both):
    client.force_login(two.a.users["member"])
    body_a = client.get(reverse("people:my_networks", kwargs={"org": "a"})).content.decode()
    assert two.a.network.name in body_a
    assert two.b_network.name not in body_a
    body_b = client.get(reverse("people:my_networks", kwargs={"org": "b"})).content.decode()
    assert two.b_network.name in body_b
    assert two.a.network.name not in body_b


@pytest.mark.django_db
def test_it_keeps_roles_in_one_organisation_out_of_the_other(client, two):
    # A's staff registered as a plain person in B gets no office rights there.
    PersonFactory(organisation=two.b.organisation, branch=two.b.branch, user=two.a.users["staff"])
    client.force_login(two.a.users["staff"])
    url = reverse("networks:members", kwargs={"org": "b", "network": "bolig"})
    assert client.get(url).status_code == 403
    assert client.get(reverse("networks:create", kwargs={"org": "b"})).status_code == 403
