"""Bad input to every form and URL parameter of the networks views: a clear message in the
user's language, no 500, and nothing changed in the database.

Danish is the default; the message text is asserted for English requests only (the Danish
catalogue may still change), Danish requests assert status, that a refusal is shown, and that
nothing changed."""

import datetime
import html
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib import messages as django_messages
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    MembershipStatus,
    Network,
    NetworkChannel,
)
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import World, as_in_conftest, make_world

LANGS = ["da", "en"]
TODAY = datetime.date.today


# --- one world for the module; each test runs in a rolled-back savepoint ----------------


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    # Overrides the conftest fixture for client_as(); refreshed because rows roll back.
    module_world.organisation.refresh_from_db()
    module_world.network.refresh_from_db()
    module_world.other_network.refresh_from_db()
    return module_world


@pytest.fixture
def as_(client_as):
    """as_("chair", "en"): logged in as the persona, in the language given."""

    def login(persona: str, lang: str = "en"):
        client = client_as(persona)
        if lang == "en":
            # The site ignores Accept-Language; the language switch sets this cookie.
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def _state() -> dict[str, Any]:
    return {
        "memberships": sorted(
            Membership.objects.values_list(
                "id", "network_id", "person_id", "status", "role", "share_contact_with_leads"
            )
        ),
        "mandates": sorted(
            CoordinatorMandate.objects.values_list(
                "id", "person_id", "term_start", "term_end", "ended_on"
            )
        ),
        "networks": sorted(
            Network.objects.values_list(
                "id", "slug", "name", "kind", "status", "region_id", "central_id", "contact_email"
            )
        ),
        "channels": NetworkChannel.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def _messages(response) -> list[Any]:
    return list(get_messages(response.wsgi_request))


def _said(response) -> str:
    """Everything the user is told: flashed messages and the page itself."""
    flashed = " ".join(str(m) for m in _messages(response))
    return flashed + " " + html.unescape(response.content.decode())


def _assert_refused(response, lang: str, text: str, *, status: int = 302) -> None:
    assert response.status_code == status
    if lang == "en":
        assert text in _said(response)
    else:
        body = response.content.decode()
        flashed_error = any(m.level >= django_messages.ERROR for m in _messages(response))
        assert flashed_error or "errorlist" in body or "field-error" in body


def _url(world: World, name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": world.organisation.slug, **kwargs})


def _bolig(world: World, name: str, **kwargs: Any) -> str:
    return _url(world, name, network=world.network.slug, **kwargs)


def _membership(world: World, persona: str) -> Membership:
    return Membership.objects.get(
        network=world.network, person=world.persons[persona], status=MembershipStatus.ACTIVE
    )


def _mandate(world: World) -> CoordinatorMandate:
    return CoordinatorMandate.objects.get(
        network=world.network, person=world.persons["coordinator"]
    )


# --- directory ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_a_search_of_ten_thousand_characters_with_a_message(as_, world, lang):
    response = as_("visitor", lang).get(_url(world, "networks:directory"), {"q": "bolig " * 2000})
    _assert_refused(response, lang, "Search with at most 200 characters.", status=200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        "%",
        "_",
        "%_%",
        "'",
        '"',
        "\\",
        "' OR 1=1 --",
        "bolig'; DROP TABLE networks_network; --",
        '"); DELETE FROM people_person; --',
        "<script>alert(1)</script>",
        "æøå ÆØÅ ü",
        "  \t  ",
    ],
)
def test_it_treats_quotes_sql_and_wildcards_in_a_search_as_plain_text(as_, world, q):
    before = _state()
    response = as_("visitor").get(_url(world, "networks:directory"), {"q": q})
    assert response.status_code == 200
    expected = 2 if not q.strip() else 0  # blank finds all; the rest match no network
    assert response.context["page"].paginator.count == expected
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_it_finds_a_network_by_a_word_of_its_name(as_, world):
    response = as_("visitor").get(_url(world, "networks:directory"), {"q": "BOLIG"})
    assert [n.slug for n in response.context["page"].object_list] == ["bolig"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_a_null_character_in_the_search(as_, world, lang):
    response = as_("visitor", lang).get(_url(world, "networks:directory"), {"q": "bo\x00lig"})
    _assert_refused(response, lang, "Null characters are not allowed.", status=200)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_explains_an_unknown_region(as_, world, lang):
    response = as_("visitor", lang).get(_url(world, "networks:directory"), {"region": "atlantis"})
    _assert_refused(response, lang, "There is no region called “atlantis”.", status=200)


@pytest.mark.django_db
@pytest.mark.parametrize("region", ["Ø ø!", "x" * 51, "../../etc"])
def test_it_refuses_a_malformed_region_without_failing(as_, world, region):
    response = as_("visitor").get(_url(world, "networks:directory"), {"region": region})
    assert response.status_code == 200
    assert response.context["form"].errors["region"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_explains_an_unknown_kind(as_, world, lang):
    response = as_("visitor", lang).get(_url(world, "networks:directory"), {"kind": "galactic"})
    _assert_refused(
        response,
        lang,
        "Select a valid choice. galactic is not one of the available choices.",
        status=200,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "", "1e9", "\x00"])
@pytest.mark.parametrize("htmx", [False, True])
def test_it_shows_a_page_of_the_directory_for_any_page_number(as_, world, page, htmx):
    headers = {"HX-Request": "true", "HX-Target": "directory-results"} if htmx else {}
    response = as_("visitor").get(
        _url(world, "networks:directory"), {"page": page}, headers=headers
    )
    assert response.status_code == 200
    assert response.context["page"].number == 1  # two networks: one page


@pytest.mark.django_db
def test_it_refuses_to_post_to_the_directory(as_, world):
    assert as_("visitor").post(_url(world, "networks:directory"), {"q": "x"}).status_code == 405


# --- member list parameters -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["bogus", "left", "declined", "", "ACTIVE", "' OR 1=1"])
def test_it_shows_the_active_members_for_an_unknown_status(as_, world, status):
    response = as_("chair").get(_bolig(world, "networks:members"), {"status": status})
    assert response.status_code == 200
    assert response.context["status"] == "active"
    assert response.context["page"].paginator.count == 3


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", ""])
def test_it_shows_a_page_of_members_for_any_page_number(as_, world, page):
    response = as_("chair").get(_bolig(world, "networks:members"), {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["x" * 10_000, "%", "_", "' OR 1=1 --"])
def test_it_searches_members_safely_with_any_text(as_, world, q):
    response = as_("chair").get(_bolig(world, "networks:members"), {"q": q})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


@pytest.mark.django_db
def test_it_keeps_a_null_character_in_the_member_search_away_from_the_database(as_, world):
    sent: list[Any] = []

    def spy(execute, sql, params, many, context):
        sent.extend(params or ())
        return execute(sql, params, many, context)

    client = as_("chair")
    with connection.execute_wrapper(spy):
        response = client.get(_bolig(world, "networks:members"), {"q": "Mem\x00ber"})
    assert response.status_code < 500
    assert not any(isinstance(p, str) and "\x00" in p for p in sent)


# --- join, leave, withdraw, sharing ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_join_twice(as_, world, lang):
    client = as_("member", lang)
    before = _state()
    response = client.post(_bolig(world, "networks:join"))
    _assert_refused(response, lang, "You are already a member of Boligpolitisk netværk.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_second_click_on_join_and_keeps_one_membership(as_, world):
    client = as_("coordinator")
    url = _bolig(world, "networks:join")
    assert client.post(url).status_code == 302
    after_first = _state()
    response = client.post(url)
    _assert_refused(response, "en", "You are already a member of Boligpolitisk netværk.")
    assert _state() == after_first
    assert Membership.objects.filter(person=world.persons["coordinator"]).count() == 1


@pytest.mark.django_db
def test_it_refuses_to_join_twice_through_htmx_with_the_message_in_the_panel(as_, world):
    response = as_("member").post(_bolig(world, "networks:join"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "You are already a member of Boligpolitisk netværk." in html.unescape(
        response.content.decode()
    )


@pytest.mark.django_db
def test_it_refuses_to_ask_twice_to_join_a_network_with_approval(as_, world):
    Network.objects.filter(pk=world.other_network.pk).update(join_policy="approval")
    client = as_("member")
    url = _url(world, "networks:join", network=world.other_network.slug)
    client.post(url, {"message": "Hej"})
    after_first = _state()
    response = client.post(url, {"message": "Hej igen"})
    _assert_refused(
        response,
        "en",
        "You have already asked to join Kulturpolitisk netværk; the chair will answer.",
    )
    assert _state() == after_first


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_a_join_message_over_2000_characters(as_, world, lang):
    client = as_("coordinator", lang)
    before = _state()
    response = client.post(_bolig(world, "networks:join"), {"message": "x" * 2001})
    _assert_refused(response, lang, "Your message is too long; keep it under 2")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_join_a_closed_network_without_failing(as_, world):
    Network.objects.filter(pk=world.other_network.pk).update(status="closed")
    client = as_("member")
    before = _state()
    response = client.post(_url(world, "networks:join", network=world.other_network.slug))
    assert response.status_code < 500
    assert _state() == before


@pytest.mark.django_db
def test_it_tells_a_member_that_a_closed_network_takes_no_new_members(as_, world):
    Network.objects.filter(pk=world.other_network.pk).update(status="closed")
    response = as_("member").post(_url(world, "networks:join", network=world.other_network.slug))
    _assert_refused(response, "en", "This network is not open for new members.")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_leave_a_network_one_is_not_in(as_, world, lang):
    client = as_("coordinator", lang)
    before = _state()
    response = client.post(_bolig(world, "networks:leave"))
    _assert_refused(response, lang, "You are not a member of Boligpolitisk netværk.")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("successor", [None, "", "abc", "-1", "999999", "9" * 30])
def test_it_refuses_to_let_the_chair_leave_without_a_successor(as_, world, lang, successor):
    client = as_("chair", lang)
    before = _state()
    data = {} if successor is None else {"successor": successor}
    response = client.post(_bolig(world, "networks:leave"), data)
    _assert_refused(
        response,
        lang,
        "You chair Boligpolitisk netværk. Hand the chair to another member before you leave.",
    )
    assert _state() == before
    assert _membership(world, "chair").role == "chair"


@pytest.mark.django_db
def test_it_refuses_the_chair_as_their_own_successor(as_, world):
    client = as_("chair")
    before = _state()
    response = client.post(
        _bolig(world, "networks:leave"), {"successor": _membership(world, "chair").pk}
    )
    _assert_refused(response, "en", "Choose another member as the new chair.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_member_who_has_left_as_the_chairs_successor(as_, world):
    gone = MembershipFactory(
        network=world.network, person=PersonFactory(organisation=world.organisation), status="left"
    )
    client = as_("chair")
    before = _state()
    response = client.post(_bolig(world, "networks:leave"), {"successor": gone.pk})
    _assert_refused(response, "en", "Hand the chair to another member before you leave.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_withdraw_a_request_that_does_not_exist(as_, world):
    client = as_("member")
    before = _state()
    response = client.post(_bolig(world, "networks:withdraw"))
    _assert_refused(response, "en", "You have no request to join Boligpolitisk netværk.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_sharing_choice_from_someone_not_in_the_network(as_, world):
    client = as_("coordinator")
    before = _state()
    response = client.post(_bolig(world, "networks:sharing"), {"share": "on"})
    _assert_refused(response, "en", "You are not a member of Boligpolitisk netværk.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_visitor_who_posts_leave_without_failing(as_, world):
    before = _state()
    response = as_("visitor").post(_bolig(world, "networks:leave"))
    assert response.status_code == 302
    assert _state() == before


# --- managing members --------------------------------------------------------------------


def _action(world: World, persona: str) -> str:
    return _bolig(world, "networks:member_action", membership_id=_membership(world, persona).pk)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_remove_the_chair(as_, world, lang):
    client = as_("staff", lang)
    before = _state()
    response = client.post(_action(world, "chair"), {"action": "remove", "reason": "x"})
    _assert_refused(response, lang, "Make another member chair before removing the chair.")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "data",
    [
        {"action": "role", "role": "king"},
        {"action": "role", "role": ""},
        {"action": "role"},
        {"action": "delete"},
        {"action": ""},
        {},
        {"action": "remove", "reason": "x" * 501},
        {"action": "APPROVE"},
    ],
)
def test_it_refuses_an_unknown_action_or_role(as_, world, lang, data):
    client = as_("chair", lang)
    before = _state()
    response = client.post(_action(world, "member"), data)
    _assert_refused(response, lang, "That action is not possible.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_let_the_chair_step_down_to_member_without_a_new_chair(as_, world):
    client = as_("chair")
    before = _state()
    response = client.post(_action(world, "chair"), {"action": "role", "role": "member"})
    _assert_refused(
        response, "en", "Make another member chair first; a network always keeps its chair."
    )
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_approve_a_membership_that_is_not_a_request(as_, world):
    client = as_("chair")
    before = _state()
    response = client.post(_action(world, "member"), {"action": "approve"})
    _assert_refused(response, "en", "This request has already been answered.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_remove_someone_who_has_left(as_, world):
    gone = MembershipFactory(
        network=world.network, person=PersonFactory(organisation=world.organisation), status="left"
    )
    client = as_("chair")
    before = _state()
    response = client.post(
        _bolig(world, "networks:member_action", membership_id=gone.pk), {"action": "remove"}
    )
    _assert_refused(response, "en", "This person is not an active member.")
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_the_coordination_group_making_someone_chair(as_, world):
    client = as_("coordination")
    before = _state()
    response = client.post(_action(world, "member"), {"action": "role", "role": "chair"})
    assert response.status_code == 403
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("membership_id", [999999, 10**30])
def test_it_answers_404_for_an_unknown_membership(as_, world, membership_id):
    client = as_("chair")
    before = _state()
    url = _bolig(world, "networks:member_action", membership_id=membership_id)
    assert client.post(url, {"action": "remove"}).status_code == 404
    assert _state() == before


def _add(client, world: World, person: str, role: str = "member"):
    return client.post(_bolig(world, "networks:member_add"), {"person": person, "role": role})


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_add_an_unknown_email(as_, world, lang):
    client = as_("chair", lang)
    before = _state()
    response = _add(client, world, "nobody@example.org")
    _assert_refused(
        response,
        lang,
        "No one in Organisation org has the e-mail address or member number “nobody@example.org”.",
    )
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_add_another_organisations_email(as_, world):
    foreign = Person.objects.exclude(organisation=world.organisation).get(
        user=world.users["other_org_staff"]
    )
    client = as_("staff")
    before = _state()
    response = _add(client, world, foreign.email)
    _assert_refused(
        response,
        "en",
        f"No one in Organisation org has the e-mail address or member number “{foreign.email}”.",
    )
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_add_someone_already_a_member(as_, world, lang):
    client = as_("chair", lang)
    before = _state()
    response = _add(client, world, world.persons["member"].email.upper())
    _assert_refused(response, lang, "Member Person is already a member of Boligpolitisk netværk.")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("person", "role", "text"),
    [
        ("", "member", "This field is required."),
        ("   ", "member", "This field is required."),
        ("x" * 10_000, "member", "Ensure this value has at most 254 characters (it has 10000)."),
        ("a\x00b@example.org", "member", "Null characters are not allowed."),
        ("newcomer@org.example.org", "king", "Select a valid choice. king is not one of"),
        ("newcomer@org.example.org", "", "This field is required."),
    ],
)
def test_it_refuses_a_malformed_add_member_form(as_, world, person, role, text):
    PersonFactory(organisation=world.organisation, email="newcomer@org.example.org")
    client = as_("chair")
    before = _state()
    response = _add(client, world, person, role)
    _assert_refused(response, "en", text)
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_an_email_two_persons_share(as_, world):
    for _ in range(2):
        PersonFactory(organisation=world.organisation, email="shared@org.example.org")
    client = as_("chair")
    before = _state()
    response = _add(client, world, "shared@org.example.org")
    _assert_refused(
        response, "en", "Several persons share that e-mail address; use the member number instead."
    )
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_the_coordination_group_adding_a_chair(as_, world):
    PersonFactory(organisation=world.organisation, email="newcomer@org.example.org")
    client = as_("coordination")
    before = _state()
    response = _add(client, world, "newcomer@org.example.org", role="chair")
    assert response.status_code == 403
    assert _state() == before


# --- creating and editing networks ------------------------------------------------------


def _network_form(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Nyt netværk",
        "slug": "nyt",
        "kind": "central",
        "purpose": "",
        "audience": "",
        "contact_email": "",
        "join_policy": "open",
        "status": "active",
        "channels": "",
        **overrides,
    }


def _create(client, world: World, **overrides: Any):
    return client.post(_url(world, "networks:create"), _network_form(**overrides))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["new", "propose", "embed"])
def test_it_refuses_a_reserved_address(as_, world, lang, slug):
    client = as_("staff", lang)
    before = _state()
    response = _create(client, world, slug=slug)
    _assert_refused(response, lang, "That address is reserved. Choose another.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_an_address_another_network_has(as_, world, lang):
    client = as_("staff", lang)
    before = _state()
    response = _create(client, world, slug="bolig")
    _assert_refused(response, lang, "Another network already has that address.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_a_regional_network_without_a_region(as_, world, lang):
    client = as_("staff", lang)
    before = _state()
    response = _create(client, world, kind="regional", central=world.network.pk, region="")
    _assert_refused(response, lang, "A regional network must belong to a region.", status=400)
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_central_network_that_mirrors_another(as_, world):
    client = as_("staff")
    before = _state()
    response = _create(client, world, kind="central", central=world.network.pk)
    _assert_refused(response, "en", "Only a regional network can mirror a central one.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channels", "text"),
    [
        (
            "facebook",
            "Line 1: start with a kind (facebook, linkedin, website, mailing_list, other)",
        ),
        ("myspace https://myspace.com/x", "Line 1: start with a kind"),
        ("https://facebook.com/groups/x", "Line 1: start with a kind"),
        (
            "website https://example.org\nfacebook not-a-url",
            "Line 2: “not-a-url” is not a web address.",
        ),
        ("website javascript:alert(1)", "Line 1: “javascript:alert(1)” is not a web address."),
        ("website ftp://example.org/x", "Line 1: “ftp://example.org/x” is not a web address."),
    ],
)
def test_it_refuses_bad_channel_lines(as_, world, channels, text):
    client = as_("staff")
    before = _state()
    response = _create(client, world, channels=channels)
    _assert_refused(response, "en", text, status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("email", ["not-an-email", "a@b", "@example.org", "a b@example.org"])
def test_it_refuses_an_invalid_contact_email(as_, world, lang, email):
    client = as_("staff", lang)
    before = _state()
    response = _create(client, world, contact_email=email)
    _assert_refused(response, lang, "Enter a valid email address.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "text"),
    [
        ({"slug": "Ny Adresse!"}, "Use lower-case letters, digits and hyphens only."),
        ({"slug": "-nyt"}, "Use lower-case letters, digits and hyphens only."),
        ({"slug": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 151}, "Ensure this value has at most 150 characters (it has 151)."),
        ({"kind": "galactic"}, "Select a valid choice. galactic is not one of"),
        ({"status": "deleted"}, "Select a valid choice. deleted is not one of"),
        ({"join_policy": "anyone"}, "Select a valid choice. anyone is not one of"),
        ({"kind": "regional", "central": "999999"}, "Select a valid choice."),
        ({"kind": "regional", "region": "abc"}, "Select a valid choice."),
    ],
)
def test_it_refuses_malformed_network_fields(as_, world, overrides, text):
    client = as_("staff")
    before = _state()
    response = _create(client, world, **overrides)
    _assert_refused(response, "en", text, status=400)
    assert _state() == before


_TOO_LONG_EMAIL = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "org"  # 260: valid, over 254


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["networks:create", "networks:edit"])
def test_it_refuses_a_contact_email_longer_than_254_characters(as_, world, name):
    client = as_("staff")
    client.raise_request_exception = False
    before = _state()
    url = _url(world, "networks:create") if name == "networks:create" else _bolig(world, name)
    fields = _network_form(contact_email=_TOO_LONG_EMAIL)
    if name == "networks:edit":
        fields.update(name=world.network.name, slug="bolig")
    response = client.post(url, fields)
    assert response.status_code == 400
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "line",
    [
        "website https://example.org/" + "x" * 200,  # the link column holds 200 characters
        "website https://example.org/ " + "L" * 101,  # the label column holds 100
    ],
)
def test_it_refuses_a_channel_link_or_label_longer_than_the_column(as_, world, line):
    client = as_("staff")
    client.raise_request_exception = False
    before = _state()
    response = _create(client, world, channels=line)
    assert response.status_code == 400
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_to_make_a_network_with_regional_counterparts_regional(as_, world):
    NetworkFactory(
        organisation=world.organisation,
        slug="bolig-hovedstaden",
        kind="regional",
        central=world.network,
        region=world.region,
    )
    client = as_("staff")
    before = _state()
    response = client.post(
        _bolig(world, "networks:edit"),
        _network_form(name=world.network.name, kind="regional", region=world.region.pk),
    )
    _assert_refused(
        response,
        "en",
        "This network has regional counterparts, so it must stay central.",
        status=400,
    )
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_network_that_mirrors_itself(as_, world):
    client = as_("staff")
    before = _state()
    response = client.post(
        _bolig(world, "networks:edit"),
        _network_form(
            name=world.network.name,
            kind="regional",
            region=world.region.pk,
            central=world.network.pk,
        ),
    )
    _assert_refused(response, "en", "Select a valid choice.", status=400)
    assert _state() == before


@pytest.mark.django_db
def test_it_ignores_an_attempt_to_change_the_address_on_edit(as_, world):
    client = as_("staff")
    response = client.post(
        _bolig(world, "networks:edit"), _network_form(name="Nyt navn", slug="hacked")
    )
    assert response.status_code == 302
    world.network.refresh_from_db()
    assert (world.network.slug, world.network.name) == ("bolig", "Nyt navn")


@pytest.mark.django_db
def test_it_refuses_a_regional_counterpart_of_a_regional_network(as_, world):
    regional = NetworkFactory(
        organisation=world.organisation,
        slug="bolig-hovedstaden",
        kind="regional",
        central=world.network,
        region=world.region,
    )
    client = as_("staff")
    before = _state()
    response = client.post(
        _url(world, "networks:regional_create", network=regional.slug),
        _network_form(
            slug="bolig-h2", kind="regional", central=regional.pk, region=world.region.pk
        ),
    )
    _assert_refused(response, "en", "Select a valid choice.", status=400)
    assert _state() == before


# --- appointing and ending coordinators --------------------------------------------------


def _appoint(client, world: World, network: Network | None = None, **overrides: Any):
    start = TODAY() + datetime.timedelta(days=1)
    data = {
        "person": world.persons["member"].email,
        "decision_reference": "Board meeting 3 May, item 7",
        "term_start": start.isoformat(),
        "term_end": (start + datetime.timedelta(days=365)).isoformat(),
        **overrides,
    }
    slug = (network or world.network).slug
    return client.post(_url(world, "networks:coordinator", network=slug), data)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_a_term_that_ends_before_it_starts(as_, world, lang):
    client = as_("board", lang)
    before = _state()
    start = TODAY() + datetime.timedelta(days=10)
    response = _appoint(
        client,
        world,
        term_start=start.isoformat(),
        term_end=(start - datetime.timedelta(days=1)).isoformat(),
    )
    _assert_refused(response, lang, "The term must end after it starts.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reference", ["", "   "])
def test_it_refuses_an_appointment_without_a_decision_reference(as_, world, lang, reference):
    client = as_("board", lang)
    before = _state()
    response = _appoint(client, world, decision_reference=reference)
    _assert_refused(response, lang, "This field is required.", status=400)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "person", ["nobody@example.org", "99999", "staff@other-of-org.example.org"]
)
def test_it_refuses_an_unknown_or_foreign_coordinator(as_, world, person):
    client = as_("board")
    before = _state()
    response = _appoint(client, world, person=person)
    _assert_refused(
        response,
        "en",
        f"No one in Organisation org has the e-mail address or member number “{person}”.",
        status=400,
    )
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"term_start": "2026-13-45"},
        {"term_end": "tomorrow"},
        {"term_start": ""},
        {"term_end": "0000-01-01"},
        {"person": ""},
        {"decision_reference": "x" * 201},
    ],
)
def test_it_refuses_malformed_appointment_fields(as_, world, overrides):
    client = as_("board")
    before = _state()
    response = _appoint(client, world, **overrides)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_it_refuses_a_term_starting_before_the_current_coordinators(as_, world):
    current = _mandate(world)
    client = as_("board")
    before = _state()
    start = current.term_start - datetime.timedelta(days=5)
    response = _appoint(client, world, term_start=start.isoformat())
    _assert_refused(response, "en", "Another coordinator's term starts on ", status=400)
    assert "; end it first." in _said(response)
    assert _state() == before


def _end(client, world: World, mandate: CoordinatorMandate, **data: Any):
    url = _url(
        world, "networks:coordinator_end", network=mandate.network.slug, mandate_id=mandate.pk
    )
    return client.post(url, {"ended_on": TODAY().isoformat(), "reason": "Moved away", **data})


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_it_refuses_to_end_a_mandate_twice(as_, world, lang):
    client = as_("board", lang)
    mandate = _mandate(world)
    assert _end(client, world, mandate).status_code == 302
    after_first = _state()
    response = _end(client, world, mandate)
    _assert_refused(response, lang, "This mandate has already ended.")
    assert _state() == after_first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"reason": ""},
        {"reason": "   "},
        {"ended_on": ""},
        {"ended_on": "31-12"},
        {"reason": "x" * 301},
    ],
)
def test_it_refuses_to_end_a_mandate_without_a_day_and_a_reason(as_, world, data):
    client = as_("staff")
    before = _state()
    response = _end(client, world, _mandate(world), **data)
    _assert_refused(response, "en", "Give the last day and a reason.")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("days", [-400, 800])
def test_it_refuses_an_end_date_outside_the_term(as_, world, days):
    client = as_("board")
    before = _state()
    ended_on = TODAY() + datetime.timedelta(days=days)
    response = _end(client, world, _mandate(world), ended_on=ended_on.isoformat())
    _assert_refused(response, "en", "The end date must lie within the term.")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("mandate_id", [999999, 10**30])
def test_it_answers_404_for_an_unknown_mandate(as_, world, mandate_id):
    client = as_("board")
    url = _bolig(world, "networks:coordinator_end", mandate_id=mandate_id)
    before = _state()
    assert client.post(url, {"ended_on": TODAY().isoformat(), "reason": "x"}).status_code == 404
    assert _state() == before


@pytest.mark.django_db
def test_it_handles_ending_a_mandate_whose_term_starts_in_year_one(as_, world):
    mandate = MandateFactory(
        network=world.other_network,
        person=world.persons["member"],
        term_start=datetime.date(1, 1, 1),
        term_end=datetime.date(1, 12, 31),
    )
    client = as_("board")
    client.raise_request_exception = False
    response = _end(client, world, mandate, ended_on="0001-06-01")
    assert response.status_code < 500
