"""Who reaches which page: every URL of networks/ and people/, for every persona.

The table below is the policy written down (networks/rules.py). One world is built for the
module and every cell runs in its own rolled-back transaction, so a POST in one cell never
leaks into the next."""

import datetime
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import (
    LOGIN,
    REDIRECT,
    World,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    named_urls,
)

L, R = LOGIN, REDIRECT

# fmt: off
# L: 302 to the login page; R: 302 elsewhere (a POST done, or refused with a message).
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator, branch_lead, board, staff, org_admin, other_org_staff.
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    #     vis   out   mem   chair coord cdntr blead board staff admin other
    # The directory and a network's page are public.
    ("networks:directory", "GET"):
        (200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("networks:directory", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:detail", "GET"):
        (200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("networks:detail", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    # Setting networks up is the office's job.
    ("networks:create", "GET"):
        (L,    403,  403,  403,  403,  403,  403,  403,  200,  200,  403),
    ("networks:create", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    ("networks:edit", "GET"):
        (L,    403,  403,  403,  403,  403,  403,  403,  200,  200,  403),
    ("networks:edit", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    ("networks:regional_create", "GET"):
        (L,    403,  403,  403,  403,  403,  403,  403,  200,  200,  403),
    ("networks:regional_create", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    # Joining needs a person in the organisation. Those already in get a message and go back.
    ("networks:join", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:join", "POST"):
        (L,    403,  R,    R,    R,    R,    R,    R,    R,    R,    403),
    # Leaving, withdrawing and the sharing choice act on one's own membership only; anyone
    # without one is sent back to the network page with a message.
    ("networks:leave", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:leave", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    ("networks:withdraw", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:withdraw", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    ("networks:sharing", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:sharing", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    # The member list reveals political opinion: only those who run the network.
    ("networks:members", "GET"):
        (L,    403,  403,  200,  200,  200,  403,  403,  200,  200,  403),
    ("networks:members", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:member_add", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:member_add", "POST"):
        (L,    403,  403,  R,    R,    403,  403,  403,  R,    R,    403),
    ("networks:member_action", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:member_action", "POST"):
        (L,    403,  403,  R,    R,    403,  403,  403,  R,    R,    403),
    # The board appoints coordinators (the office may record it); leads may see who it is.
    ("networks:coordinator", "GET"):
        (L,    403,  403,  200,  200,  200,  403,  200,  200,  200,  403),
    ("networks:coordinator", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  R,    R,    403,  403),
    ("networks:coordinator_end", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:coordinator_end", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  R,    R,    403,  403),
    # A person's own pages need a login; without a person here they say so.
    ("people:me", "GET"):
        (L,    200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("people:me", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("people:my_networks", "GET"):
        (L,    200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("people:my_networks", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("people:contact_consent", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("people:contact_consent", "POST"):
        (L,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
}
# fmt: on

EXPECTED = matrix(_TABLE)

# Cells where the application does not yet do what the table says: (url_name, method, persona)
# -> the bug. Each one is reported; the cell is a strict xfail until the fix lands.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


def _cells() -> Iterator[Any]:
    for (name, method), row in EXPECTED.items():
        for persona, expected in row.items():
            marks = []
            bug = KNOWN_BUGS.get((name, method, persona))
            if bug:
                marks.append(pytest.mark.xfail(strict=True, reason=bug))
            yield pytest.param(
                name, method, persona, expected, id=f"{name}-{method}-{persona}", marks=marks
            )


# --- one world for the whole module ------------------------------------------------------


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """make_world() once, inside a transaction that is rolled back after the module; each test
    runs in a savepoint within it (pytest-django's django_db)."""
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            # Someone who is in the organisation but in no network: the one the office adds.
            world.persons["newcomer"] = PersonFactory(
                organisation=world.organisation,
                branch=world.branch,
                name="Newcomer Person",
                email="newcomer@org.example.org",
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    # Overrides the conftest fixture, so client_as() logs in to the module's world. The rows
    # are rolled back after each test; the Python objects are refreshed to match.
    module_world.organisation.refresh_from_db()
    module_world.network.refresh_from_db()
    return module_world


def _membership(world: World, persona: str) -> Membership:
    return Membership.objects.get(
        network=world.network, person=world.persons[persona], status=MembershipStatus.ACTIVE
    )


def _mandate(world: World) -> CoordinatorMandate:
    return CoordinatorMandate.objects.get(
        network=world.network, person=world.persons["coordinator"]
    )


def _url_kwargs(world: World, name: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name.startswith("networks:") and name not in ("networks:directory", "networks:create"):
        kwargs["network"] = world.network.slug
    if name == "networks:member_action":
        kwargs["membership_id"] = _membership(world, "member").pk
    if name == "networks:coordinator_end":
        kwargs["mandate_id"] = _mandate(world).pk
    return kwargs


def _network_fields(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Nyt netværk",
        "slug": "nyt",
        "kind": "central",
        "purpose": "At debattere.",
        "audience": "Alle.",
        "contact_email": "",
        "join_policy": "open",
        "status": "active",
        "channels": "",
        **overrides,
    }


def _post_data(world: World, name: str) -> dict[str, Any]:
    today = datetime.date.today()
    data: dict[str, Callable[[], dict[str, Any]]] = {
        "networks:create": lambda: _network_fields(world),
        "networks:edit": lambda: _network_fields(world, name="Boligpolitisk netværk (nyt navn)"),
        "networks:regional_create": lambda: _network_fields(
            world,
            name="Boligpolitisk netværk Hovedstaden",
            slug="bolig-hovedstaden",
            kind="regional",
            central=world.network.pk,
            region=world.region.pk,
        ),
        "networks:sharing": lambda: {"share": "on"},
        "networks:member_add": lambda: {"person": "newcomer@org.example.org", "role": "member"},
        "networks:member_action": lambda: {"action": "role", "role": "coordination"},
        "networks:coordinator": lambda: {
            "person": world.persons["member"].email,
            "decision_reference": "Board meeting 3 May, item 7",
            "term_start": today.isoformat(),
            "term_end": (today + datetime.timedelta(days=365)).isoformat(),
        },
        "networks:coordinator_end": lambda: {"ended_on": today.isoformat(), "reason": "Moved"},
        "people:contact_consent": lambda: {"show_contact_details": "on"},
    }
    return data.get(name, dict)()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), list(_cells()))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = reverse(name, kwargs=_url_kwargs(world, name))
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


# --- the table covers every address -----------------------------------------------------


def test_it_has_a_table_row_for_every_networks_and_people_url():
    from netvaerk.networks.tests.test_founding_permissions import FOUNDING_URL_NAMES

    # Proposals to start a network have their own table (test_founding_permissions.py).
    assert len(named_urls(("networks", "people")) - FOUNDING_URL_NAMES) >= 17
    # The member list's exports have their table in privacy/tests/test_access_exports.py.
    exports = {"networks:members_csv", "networks:members_xlsx"}
    assert_matrix_complete(EXPECTED, ("networks", "people"), exclude=FOUNDING_URL_NAMES | exports)


# --- successful POSTs really did what they said -----------------------------------------


@pytest.mark.django_db
def test_it_lets_the_office_add_a_person_and_refuses_the_coordinator(client_as, world):
    url = reverse("networks:member_add", kwargs=_url_kwargs(world, "networks:member_add"))
    newcomer = world.persons["newcomer"]
    assert client_as("coordinator").post(url, {"person": newcomer.email}).status_code == 403
    assert not Membership.objects.filter(person=newcomer).exists()
    client_as("staff").post(url, {"person": newcomer.email, "role": "member"})
    assert Membership.objects.filter(
        person=newcomer, network=world.network, status=MembershipStatus.ACTIVE
    ).exists()


@pytest.mark.django_db
def test_it_refuses_the_org_admin_appointing_a_coordinator(client_as, world):
    url = reverse("networks:coordinator", kwargs=_url_kwargs(world, "networks:coordinator"))
    before = CoordinatorMandate.objects.count()
    response = client_as("org_admin").post(url, _post_data(world, "networks:coordinator"))
    assert response.status_code == 403
    assert CoordinatorMandate.objects.count() == before
    response = client_as("board").post(url, _post_data(world, "networks:coordinator"))
    assert response.status_code == 302
    assert CoordinatorMandate.objects.count() == before + 1


# --- a proposed network is not announced ------------------------------------------------


@pytest.fixture
def proposed(world: World):
    network = NetworkFactory(
        organisation=world.organisation,
        name="Foreslået netværk",
        slug="foreslaet",
        status="proposed",
    )
    MembershipFactory(network=network, person=world.persons["coordination"], role="chair")
    return network


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", 404),
        ("outsider", 404),
        ("member", 404),
        ("branch_lead", 404),
        ("other_org_staff", 404),
        ("coordination", 200),  # chairs the proposed network
        ("board", 200),
        ("staff", 200),
        ("org_admin", 200),
    ],
)
def test_it_hides_a_proposed_network_from_those_who_do_not_run_it(
    client_as, world, proposed, persona, expected
):
    url = reverse("networks:detail", kwargs={"org": "org", "network": proposed.slug})
    assert client_as(persona).get(url).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "member"])
def test_it_refuses_to_join_or_list_a_proposed_network_with_a_404(
    client_as, world, proposed, persona
):
    client = client_as(persona)
    kwargs = {"org": "org", "network": proposed.slug}
    assert client.post(reverse("networks:join", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("networks:members", kwargs=kwargs)).status_code == 404
    assert not Membership.objects.filter(network=proposed, person=world.persons["member"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "member", "staff"])
def test_it_leaves_a_proposed_network_out_of_the_directory(client_as, world, proposed, persona):
    response = client_as(persona).get(reverse("networks:directory", kwargs={"org": "org"}))
    assert response.status_code == 200
    assert proposed.name not in response.content.decode()


# --- officers must use two-factor login where the organisation says so ------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["board", "staff", "org_admin"])
@pytest.mark.parametrize(
    "name", ["networks:directory", "networks:detail", "networks:members", "people:me"]
)
def test_it_sends_an_officer_without_totp_to_set_it_up(client_as, world, persona, name):
    world.organisation.require_mfa_for_officers = True
    world.organisation.save(update_fields=["require_mfa_for_officers"])
    response = client_as(persona).get(reverse(name, kwargs=_url_kwargs(world, name)))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["board", "staff", "org_admin"])
def test_it_lets_an_officer_in_where_the_organisation_does_not_require_totp(
    client_as, world, persona
):
    assert world.organisation.require_mfa_for_officers is False
    response = client_as(persona).get(reverse("networks:directory", kwargs={"org": "org"}))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["board", "staff", "org_admin"])
def test_it_lets_an_officer_with_totp_in_where_the_organisation_requires_it(
    client_as, world, persona
):
    world.organisation.require_mfa_for_officers = True
    world.organisation.save(update_fields=["require_mfa_for_officers"])
    Authenticator.objects.create(
        user=world.users[persona], type=Authenticator.Type.TOTP, data={"secret": "unused"}
    )
    response = client_as(persona).get(reverse("networks:directory", kwargs={"org": "org"}))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "member", "chair", "coordinator", "branch_lead"])
def test_it_does_not_ask_non_officers_for_totp(client_as, world, persona):
    world.organisation.require_mfa_for_officers = True
    world.organisation.save(update_fields=["require_mfa_for_officers"])
    response = client_as(persona).get(reverse("networks:directory", kwargs={"org": "org"}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_it_refuses_an_officer_without_totp_the_member_list_even_by_post(client_as, world):
    world.organisation.require_mfa_for_officers = True
    world.organisation.save(update_fields=["require_mfa_for_officers"])
    url = reverse("networks:member_add", kwargs=_url_kwargs(world, "networks:member_add"))
    response = client_as("staff").post(url, {"person": "newcomer@org.example.org"})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert not Membership.objects.filter(person=world.persons["newcomer"]).exists()


# --- a coordinator's rights follow the term ----------------------------------------------


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.mark.django_db
def test_it_lets_the_coordinator_see_the_member_list_on_the_last_day_of_the_term(client, world):
    mandate = _mandate(world)
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    with time_machine.travel(_noon(mandate.term_end), tick=False):
        client.force_login(world.users["coordinator"])
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_refuses_the_coordinator_the_member_list_the_day_after_the_term(client, world):
    mandate = _mandate(world)
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    with time_machine.travel(_noon(mandate.term_end + datetime.timedelta(days=1)), tick=False):
        client.force_login(world.users["coordinator"])
        assert client.get(url).status_code == 403
        coordinator_page = reverse(
            "networks:coordinator", kwargs=_url_kwargs(world, "networks:coordinator")
        )
        assert client.get(coordinator_page).status_code == 403


@pytest.mark.django_db
def test_it_refuses_the_coordinator_the_member_list_once_the_mandate_is_ended_early(
    client_as, world
):
    mandate = _mandate(world)
    mandate.ended_on = datetime.date.today() - datetime.timedelta(days=1)
    mandate.save(update_fields=["ended_on"])
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    assert client_as("coordinator").get(url).status_code == 403


@pytest.mark.django_db
def test_it_refuses_a_coordinator_whose_term_has_not_started(client_as, world):
    mandate = _mandate(world)
    mandate.term_start = datetime.date.today() + datetime.timedelta(days=1)
    mandate.save(update_fields=["term_start"])
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    assert client_as("coordinator").get(url).status_code == 403


# --- who sees a member's contact details -------------------------------------------------


@pytest.fixture
def sharing_member(world: World) -> Membership:
    membership = _membership(world, "member")
    membership.share_contact_with_leads = True
    membership.save(update_fields=["share_contact_with_leads"])
    return membership


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["chair", "coordination", "staff", "org_admin"])
def test_it_shows_a_sharing_members_email_to_the_leads_and_the_office(
    client_as, world, sharing_member, persona
):
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    assert world.persons["member"].email in client_as(persona).get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["chair", "coordination"])
def test_it_hides_a_non_sharing_members_email_from_the_leads(client_as, world, persona):
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    body = client_as(persona).get(url).content.decode()
    assert world.persons["member"].name in body
    assert world.persons["member"].email not in body


@pytest.mark.django_db
def test_it_hides_a_sharing_members_email_from_the_coordinator(client_as, world, sharing_member):
    url = reverse("networks:members", kwargs=_url_kwargs(world, "networks:members"))
    body = client_as("coordinator").get(url).content.decode()
    assert world.persons["member"].name in body
    assert world.persons["member"].email not in body
