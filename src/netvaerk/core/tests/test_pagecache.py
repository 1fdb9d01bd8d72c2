"""The anonymous page cache: served from memory, never stale after a change, never shared
with anyone it does not belong to."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from netvaerk.core.access import Actor
from netvaerk.networks.services import membership_join
from netvaerk.organisations.models import Organisation

DIRECTORY = "/org/networks/"
PAGE = "/org/networks/kultur/"


def _anonymous_get(client: Client, path: str = DIRECTORY, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("path", [DIRECTORY, PAGE, f"{DIRECTORY}?q=kultur"])
def test_an_anonymous_page_is_served_from_the_cache_the_second_time(
    client, world, path, django_assert_num_queries
):
    first = _anonymous_get(client, path)
    assert first["X-Page-Cache"] == "miss"
    # Only the organisation itself is read: its content version is part of the key.
    with django_assert_num_queries(1):
        second = _anonymous_get(client, path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_a_cached_page_still_gets_the_security_headers(client, world):
    _anonymous_get(client)
    response = _anonymous_get(client)
    assert response["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == "da"


@pytest.mark.django_db
def test_a_membership_change_shows_on_the_next_anonymous_request(client, world):
    before = _anonymous_get(client, PAGE).content.decode()
    assert "0 medlemmer" in before
    membership_join(
        actor=Actor(
            organisation=world.organisation,
            user=world.users["member"],
            person=world.persons["member"],
        ),
        network=world.other_network,
    )
    after = _anonymous_get(client, PAGE)
    assert after["X-Page-Cache"] == "miss"
    assert "1 medlem" in after.content.decode()


@pytest.mark.django_db
def test_an_edit_by_staff_shows_in_the_directory_at_once(client, world, client_as):
    assert "Kulturpolitisk netværk" in _anonymous_get(client).content.decode()
    staff = client_as("staff")
    response = staff.post(
        f"{PAGE}edit/",
        {
            "name": "Netværk for kunst og kultur",
            "kind": "central",
            "purpose": "Kunst.",
            "audience": "",
            "contact_email": "",
            "join_policy": "open",
            "status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()
    anonymous = Client()
    content = _anonymous_get(anonymous).content.decode()
    assert "Netværk for kunst og kultur" in content
    assert "Kulturpolitisk netværk" not in content


@pytest.mark.django_db
def test_a_signed_in_member_never_gets_the_anonymous_copy(client, world, client_as):
    _anonymous_get(Client())
    member = client_as("member")
    response = member.get(DIRECTORY)
    assert "X-Page-Cache" not in response
    assert "Mine netværk" in response.content.decode()


@pytest.mark.django_db
def test_the_anonymous_copy_is_not_built_from_a_signed_in_page(client, world, client_as):
    client_as("member").get(DIRECTORY)
    response = _anonymous_get(Client())
    assert response["X-Page-Cache"] == "miss"
    assert "Mine netværk" not in response.content.decode()


@pytest.mark.django_db
def test_each_language_has_its_own_copy(client, world):
    _anonymous_get(client)
    client.post("/i18n/setlang/", {"language": "en", "next": DIRECTORY})
    response = _anonymous_get(client)
    assert response["X-Page-Cache"] == "miss"
    assert response["Content-Language"] == "en"
    assert "Networks in Organisation org" in response.content.decode()


@pytest.mark.django_db
def test_the_htmx_results_fragment_and_the_whole_page_are_kept_apart(client, world):
    full = _anonymous_get(client)
    fragment = _anonymous_get(client, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results")
    assert fragment["X-Page-Cache"] == "miss"
    assert b"<html" in full.content
    assert b"<html" not in fragment.content
    again = _anonymous_get(client, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == fragment.content


@pytest.mark.django_db
def test_an_anonymous_page_carries_no_csrf_token_or_cookie(client, world):
    response = _anonymous_get(client, PAGE)
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies


@pytest.mark.django_db
def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, world):
    _anonymous_get(client)
    # A message for this visitor alone, as after a form they sent, in the messages cookie.
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Tak for dit forslag.")])
    page = _anonymous_get(client)
    assert "X-Page-Cache" not in page
    assert "Tak for dit forslag." in page.content.decode()
    assert "Tak for dit forslag." not in _anonymous_get(Client()).content.decode()


@pytest.mark.django_db
def test_setting_the_lifetime_to_zero_turns_the_cache_off(client, world, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _anonymous_get(client)
    assert "X-Page-Cache" not in _anonymous_get(client)


@pytest.mark.django_db
def test_every_audited_write_bumps_the_organisations_content_version(world):
    from netvaerk.core.audit import log_action

    before = Organisation.objects.get(pk=world.organisation.pk).content_version
    log_action(actor=None, organisation=world.organisation, action="test.changed")
    assert Organisation.objects.get(pk=world.organisation.pk).content_version == before + 1


@pytest.mark.django_db
def test_a_visitor_switches_language_without_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": DIRECTORY})
    assert response.status_code == 302
    assert client.get(DIRECTORY)["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_signed_in_language_switch_still_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": DIRECTORY})
    assert response.status_code == 403
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "da"
