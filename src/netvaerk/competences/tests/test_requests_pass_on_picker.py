"""The pass-on picker on a request's page: a search by name instead of a list of everyone.
At most PASS_ON_SHOWN people as radio choices (a network's members first) and a count that
says how to find the others; the search as an htmx partial or, without JavaScript, the page
again with ?pass_q=…; the same cost for 3 candidates as for 60; any legitimate candidate
accepted, shown or not, and no one else; odd searches answered with a page; the partial only
for those who may pass the request on; every person shown recorded in the access log."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.accounts.models import User
from netvaerk.competences.models import Profile, SparringRequest
from netvaerk.competences.selectors.requests import PASS_ON_SHOWN
from netvaerk.competences.tests.factories import ProfileFactory
from netvaerk.competences.tests.factories_requests import (
    profile_for,
    profiles_for,
    sparring_request,
)
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.privacy.models import AccessedPerson, AccessEntry
from netvaerk.testing import LOGIN, World, assert_outcome

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "pass-candidates"}
RADIO = re.compile(r'<input type="radio" name="pass-to_profile" value="(\d+)"[^>]*>')
REFUSED = "That person cannot be asked now. Choose another from the list."


def _candidates(world: World, n: int, *, start: int = 0, name: str = "Kandidat") -> list[Profile]:
    return [
        ProfileFactory(
            person=PersonFactory(
                organisation=world.organisation, branch=world.branch, name=f"{name} {i:02d}"
            )
        )
        for i in range(start, start + n)
    ]


def _page(world: World, sparring: SparringRequest, query: str = "") -> str:
    return (
        reverse(
            "competences:request",
            kwargs={"org": world.organisation.slug, "sparring_id": sparring.pk},
        )
        + query
    )


def _people(world: World, sparring: SparringRequest, query: str = "") -> str:
    return (
        reverse(
            "competences:request_pass_people",
            kwargs={"org": world.organisation.slug, "sparring_id": sparring.pk},
        )
        + query
    )


def _pass(world: World, sparring: SparringRequest) -> str:
    return reverse(
        "competences:request_pass",
        kwargs={"org": world.organisation.slug, "sparring_id": sparring.pk},
    )


def _radios(html: str) -> list[int]:
    return [int(pk) for pk in RADIO.findall(html)]


def _to_member(world: World) -> SparringRequest:
    """The chair's request to the member, who may pass it on."""
    return sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])


def _text(html: str) -> str:
    return " ".join(html.split())


# --- what is shown -------------------------------------------------------------------------


def test_it_shows_the_first_twenty_and_says_how_to_find_the_others(client_as, world):
    made = _candidates(world, 60)
    html = client_as("member").get(_page(world, _to_member(world))).content.decode()
    assert _radios(html) == [profile.pk for profile in made[:PASS_ON_SHOWN]]
    assert "Showing the first 20 of 60 — search by name to find others." in _text(html)
    assert "Kandidat 20" not in html
    # The accessible parts: a labelled search, the choices as a group with a legend, a status.
    assert '<label for="pass-q">Find the person to pass it on to</label>' in html
    assert re.search(r'<fieldset class="stack">\s*<legend>Pass it on to</legend>', html)
    assert '<p id="pass-count" class="hint" role="status" aria-live="polite">' in html
    assert "<select" not in html


def test_all_candidates_are_counted_when_they_fit(client_as, world):
    _candidates(world, 3)
    html = client_as("member").get(_page(world, _to_member(world))).content.decode()
    assert len(_radios(html)) == 3
    assert "3 people you can pass it on to." in html


def test_nobody_to_pass_it_on_to_is_said(client_as, world):
    html = client_as("member").get(_page(world, _to_member(world))).content.decode()
    assert _radios(html) == []
    assert "There is nobody you can pass it on to right now." in html


def test_a_search_by_name_without_javascript_shows_the_page_with_the_matches(client_as, world):
    made = _candidates(world, 60)
    soeren = ProfileFactory(
        person=PersonFactory(organisation=world.organisation, name="Søren Ærbø Østergård")
    )
    client = client_as("member")
    sparring = _to_member(world)
    html = client.get(_page(world, sparring, "?pass_q=KANDIDAT+07")).content.decode()
    assert _radios(html) == [made[7].pk]
    assert "1 person matches “KANDIDAT 07”." in html
    assert 'value="KANDIDAT 07"' in html
    # Every word counts, in any order, with Danish letters folded as in the other searches.
    html = client.get(_page(world, sparring, "?pass_q=østergård+SØREN")).content.decode()
    assert _radios(html) == [soeren.pk]
    html = client.get(_page(world, sparring, "?pass_q=kandidat+4")).content.decode()
    assert _radios(html) == [profile.pk for profile in made if "4" in profile.person.name]
    assert "15 people match “kandidat 4”." in html
    html = client.get(_page(world, sparring, "?pass_q=kandidat")).content.decode()
    assert len(_radios(html)) == PASS_ON_SHOWN
    assert (
        "Showing the first 20 of 60 who match “kandidat” — type more of the name to narrow it."
        in _text(html)
    )
    html = client.get(_page(world, sparring, "?pass_q=ingen+s%C3%A5dan")).content.decode()
    assert _radios(html) == []
    assert "Nobody you can pass it on to matches “ingen sådan”." in html


def test_the_htmx_search_swaps_only_the_choices_and_the_count(client_as, world):
    made = _candidates(world, 30)
    response = client_as("member").get(
        _people(world, _to_member(world), "?pass_q=kandidat+1"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<legend>Pass it on to</legend>" in html
    assert _radios(html) == [profile.pk for profile in made if "1" in profile.person.name]
    # The count is swapped into the live region that stays in the page.
    assert re.search(
        r'<p id="pass-count" hx-swap-oob="innerHTML">\s*12 people match “kandidat 1”.\s*</p>', html
    )


def test_the_person_chosen_stays_chosen_at_the_top_while_searching(client_as, world):
    made = _candidates(world, 40)
    chosen = made[35]
    html = (
        client_as("member")
        .get(
            _people(world, _to_member(world), f"?pass_q=kandidat+0&pass-to_profile={chosen.pk}"),
            **HTMX,
        )
        .content.decode()
    )
    zeros = [profile.pk for profile in made if "0" in profile.person.name]  # 00–09, 10, 20, 30
    assert _radios(html) == [chosen.pk, *zeros]
    assert f'value="{chosen.pk}" id="pass-person-{chosen.pk}" checked>' in html
    # One not a candidate (here: the asker has no profile to find; a made-up number) is dropped.
    for value in ("999999", "abc", "9" * 40, ""):
        html = (
            client_as("member")
            .get(_people(world, _to_member(world), f"?pass-to_profile={value}"), **HTMX)
            .content.decode()
        )
        assert _radios(html) == [profile.pk for profile in made[:PASS_ON_SHOWN]], value


def test_the_networks_members_come_first_within_the_twenty(client_as, world):
    profiles_for(world, "member", "coordination")
    outsiders = _candidates(world, 30, name="Aage")
    sparring = sparring_request(requester=world.persons["org_admin"], network=world.network)
    html = client_as("chair").get(_page(world, sparring)).content.decode()
    members = [
        world.persons["coordination"].competence_profile.pk,
        world.persons["member"].competence_profile.pk,
    ]
    assert _radios(html) == members + [profile.pk for profile in outsiders[:18]]
    assert "Coordination Person (in the network)" in html
    assert "Showing the first 20 of 32 — search by name to find others." in _text(html)


def test_the_count_reads_in_danish(client_as, world):
    _candidates(world, 25)
    User.objects.filter(pk=world.user("member").pk).update(language="da")
    html = client_as("member").get(_page(world, _to_member(world))).content.decode()
    assert "Viser de første 20 af 25 — søg efter navn for at finde andre." in _text(html)
    assert "Find den person, du vil sende den videre til" in html


# --- choosing ------------------------------------------------------------------------------


def test_any_candidate_may_be_chosen_also_one_not_shown(client_as, world):
    made = _candidates(world, 60)
    sparring = _to_member(world)
    response = client_as("member").post(_pass(world, sparring), {"pass-to_profile": made[59].pk})
    assert response.status_code == 302
    sparring.refresh_from_db()
    assert sparring.recipient == made[59].person


def test_no_one_but_a_candidate_may_be_chosen_and_a_refusal_changes_nothing(client_as, world):
    _candidates(world, 30)
    paused = profile_for(world.persons["staff"], availability="paused")
    hidden = profile_for(world.persons["board"], visibility="nobody")
    foreign = ProfileFactory(person=PersonFactory(organisation=OrganisationFactory()))
    asker = profile_for(world.persons["chair"])
    sparring = _to_member(world)
    client = client_as("member")
    for value in (paused.pk, hidden.pk, foreign.pk, asker.pk, "abc", "9" * 40):
        response = client.post(_pass(world, sparring), {"pass-to_profile": value})
        html = response.content.decode()
        assert response.status_code == 400, value
        assert REFUSED in html, value
        assert 'aria-describedby="pass-to_profile-errors"' in html
        assert len(_radios(html)) == PASS_ON_SHOWN
    sparring.refresh_from_db()
    assert sparring.recipient == world.persons["member"]
    assert sparring.events.count() == 1


def test_a_refused_note_keeps_the_person_chosen(client_as, world):
    made = _candidates(world, 40)
    response = client_as("member").post(
        _pass(world, _to_member(world)),
        {"pass-to_profile": made[33].pk, "pass-note": "x" * 1001},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert _radios(html)[0] == made[33].pk
    assert f'id="pass-person-{made[33].pk}" checked>' in html
    assert len(_radios(html)) == PASS_ON_SHOWN


# --- bad input and cost --------------------------------------------------------------------

ODD = ["x" * 500, "%", "_", "%25", "a\x00b", "\x00", "   ", "' OR 1=1 --", "ø" * 300, "\\"]


@pytest.mark.parametrize("query", ODD)
def test_an_odd_search_gives_a_normal_page(client_as, world, query):
    _candidates(world, 25)
    client = client_as("member")
    sparring = _to_member(world)
    for url in (_page(world, sparring), _people(world, sparring)):
        response = client.get(url, {"pass_q": query})
        assert response.status_code == 200, url
        html = response.content.decode()
        if query.strip(" \x00"):
            # Nobody here has these characters in their name: % and _ are not wildcards.
            assert _radios(html) == [], url
            assert "Nobody you can pass it on to matches" in html
        else:
            assert len(_radios(html)) == PASS_ON_SHOWN
        assert "\x00" not in html


@pytest.mark.parametrize(
    "where", ["page", "search", "search with words", "page of a network's request"]
)
def test_the_page_and_the_search_cost_the_same_queries_with_3_and_60_candidates(
    client_as, world, django_assert_num_queries, where
):
    if where == "page of a network's request":
        client = client_as("chair")
        sparring = sparring_request(requester=world.persons["org_admin"], network=world.network)
    else:
        client = client_as("member")
        sparring = _to_member(world)
    url, headers = {
        "page": (_page(world, sparring), {}),
        "search": (_people(world, sparring), HTMX),
        "search with words": (_people(world, sparring, "?pass_q=kandidat"), HTMX),
        "page of a network's request": (_page(world, sparring), {}),
    }[where]

    def add(n: int, start: int = 0) -> None:
        for profile in _candidates(world, n, start=start):
            if profile.pk % 2:  # some of them members of the network, some not
                MembershipFactory(network=world.network, person=profile.person)

    add(3)
    client.get(url, **headers)  # settle the session and the settings
    with CaptureQueriesContext(connection) as few:
        assert len(_radios(client.get(url, **headers).content.decode())) == 3
    add(57, start=3)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url, **headers).content.decode()
    assert len(_radios(html)) == PASS_ON_SHOWN


# --- who may search ------------------------------------------------------------------------

# A request sent to the network and waiting there: those who run the network find someone.
QUEUE = {
    "visitor": LOGIN,
    "outsider": 403,
    "member": 404,
    "chair": 200,
    "coordination": 200,
    "coordinator": 200,
    "branch_lead": 404,
    "board": 404,
    "staff": 404,
    "org_admin": 403,  # the asker sees the request but does not pass it on
    "other_org_staff": 403,
}


@pytest.mark.parametrize(("persona", "expected"), QUEUE.items())
def test_the_search_of_a_waiting_network_request_is_for_those_who_run_the_network(
    client_as, world, persona, expected
):
    made = _candidates(world, 3)
    sparring = sparring_request(requester=world.persons["org_admin"], network=world.network)
    response = client_as(persona).get(_people(world, sparring, "?pass_q=kandidat"), **HTMX)
    assert_outcome(response, expected, f"{persona}: {response.status_code}")
    if expected == 200:
        assert _radios(response.content.decode()) == [profile.pk for profile in made]
    elif response.status_code != 302:
        assert "Kandidat" not in response.content.decode()


def test_the_asker_sees_no_picker_even_when_asking_for_one(client_as, world):
    _candidates(world, 3)
    html = client_as("chair").get(_page(world, _to_member(world), "?pass_q=kandidat")).content
    assert _radios(html.decode()) == []
    assert b"Kandidat" not in html


def test_a_request_no_longer_open_lists_nobody(client_as, world):
    _candidates(world, 3)
    sparring = sparring_request(
        requester=world.persons["chair"], recipient=world.persons["member"], status="accepted"
    )
    response = client_as("member").get(_people(world, sparring), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert _radios(html) == []
    assert "This request can no longer be passed on." in html


def test_the_search_sees_only_profiles_the_actor_may_see(client_as, world):
    """A profile kept to its owner's networks is found by a fellow member, not by others."""
    shy = ProfileFactory(
        person=PersonFactory(organisation=world.organisation, name="Kandidat Netværk"),
        visibility="networks",
    )
    MembershipFactory(network=world.network, person=shy.person)
    staff_request = sparring_request(
        requester=world.persons["chair"], recipient=world.persons["staff"]
    )
    html = (
        client_as("staff")
        .get(_people(world, staff_request, "?pass_q=kandidat"), **HTMX)
        .content.decode()
    )
    assert _radios(html) == []
    member_request = _to_member(world)
    html = (
        client_as("member")
        .get(_people(world, member_request, "?pass_q=kandidat"), **HTMX)
        .content.decode()
    )
    assert _radios(html) == [shy.pk]


# --- the access log ------------------------------------------------------------------------


def _seen(entry: AccessEntry | None) -> set[int]:
    assert entry is not None
    return set(AccessedPerson.objects.filter(entry=entry).values_list("person_id", flat=True))


def test_the_page_records_the_people_it_shows_and_no_others(client_as, world):
    made = _candidates(world, 60)
    client_as("member").get(_page(world, _to_member(world)))
    entry = AccessEntry.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.kind == "person"
    assert _seen(entry) == {world.persons["chair"].pk} | {
        profile.person_id for profile in made[:PASS_ON_SHOWN]
    }


def test_the_search_records_the_people_it_finds(client_as, world):
    made = _candidates(world, 60)
    client = client_as("member")
    sparring = _to_member(world)
    client.get(_people(world, sparring, "?pass_q=kandidat+07"), **HTMX)
    entry = AccessEntry.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.kind == "search"
    assert _seen(entry) == {made[7].person_id}
    client.get(_people(world, sparring), **HTMX)
    entry = AccessEntry.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.kind == "list"
    assert _seen(entry) == {profile.person_id for profile in made[:PASS_ON_SHOWN]}
    before = AccessEntry.objects.count()
    client.get(_people(world, sparring, "?pass_q=ingen"), **HTMX)
    assert AccessEntry.objects.count() == before  # nobody shown, nothing recorded
