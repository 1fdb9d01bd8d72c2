"""The sparring-request pages: asking a person or a network, the lists with their tabs and
counts, one request's page with the answers its viewer may give (in place with htmx, or as a
plain form), contact details shown only to the two sides of an accepted request, and bad
input of every kind answered with a message, never a 500."""

import pytest
from django.urls import reverse

from netvaerk.competences.models import RequestStatus, SparringRequest
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory
from netvaerk.competences.tests.factories_requests import (
    profile_for,
    profiles_for,
    sparring_request,
)
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ASK = {"subject": "Høringssvar om lokalplan", "question": "Kan du kigge på vores udkast?"}


def _ask_url(world, profile):
    return reverse(
        "competences:ask_person", kwargs={"org": world.organisation.slug, "profile": profile.pk}
    )


def _request_url(world, sparring, action=""):
    name = f"competences:request_{action}" if action else "competences:request"
    return reverse(name, kwargs={"org": world.organisation.slug, "sparring_id": sparring.pk})


def _list_url(world, query=""):
    return reverse("competences:requests", kwargs={"org": world.organisation.slug}) + query


def _messages(response):
    return [str(message) for message in response.wsgi_request._messages]


def _last_message(response):
    return _messages(response)[-1]


# --- asking --------------------------------------------------------------------------------


def test_the_ask_page_names_the_person_their_competences_and_availability(client_as, world):
    tag = TagFactory(organisation=world.organisation, name="Naturbeskyttelsesloven")
    profile = ProfileFactory(person=world.persons["member"], tags=[tag], availability="sometimes")
    response = client_as("chair").get(_ask_url(world, profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask Member Person for sparring" in html
    assert "Naturbeskyttelsesloven" in html
    assert "A few times a year" in html
    assert 'name="subject"' in html


def test_asking_sends_the_request_and_goes_to_its_page(client_as, world):
    tag = TagFactory(organisation=world.organisation)
    profile = profile_for(world.persons["member"])
    response = client_as("chair").post(_ask_url(world, profile), {**ASK, "tags": [tag.pk]})
    sparring = SparringRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _request_url(world, sparring)
    assert list(sparring.tags.all()) == [tag]
    assert _messages(response) == ["Your request has been sent to Member Person."]


def test_a_paused_person_shows_why_and_points_to_the_askers_networks(client_as, world):
    profile = profile_for(world.persons["member"], availability="paused")
    response = client_as("chair").get(_ask_url(world, profile))
    html = response.content.decode()
    assert "is not taking requests right now" in html
    assert 'name="subject"' not in html
    ask_network = reverse(
        "competences:ask_network",
        kwargs={"org": world.organisation.slug, "network": world.network.slug},
    )
    assert ask_network in html
    # A POST anyway is refused with the same reason, and nothing is sent.
    response = client_as("chair").post(_ask_url(world, profile), ASK)
    assert response.status_code == 302
    assert response["Location"] == _ask_url(world, profile)
    assert "is not taking requests right now" in _messages(response)[0]
    assert not SparringRequest.objects.exists()


def test_a_person_at_their_limit_shows_why_without_saying_who_asked(client_as, world):
    profile = profile_for(world.persons["member"], open_requests_limit=1)
    sparring_request(requester=world.persons["coordination"], recipient=world.persons["member"])
    html = client_as("chair").get(_ask_url(world, profile)).content.decode()
    assert "has as many requests as they can take right now" in html
    assert "Coordination Person" not in html


def test_bad_form_input_shows_on_the_form_and_sends_nothing(client_as, world):
    profile = profile_for(world.persons["member"])
    foreign_tag = TagFactory()
    client = client_as("chair")
    for data in (
        {},
        {"subject": "", "question": "Q"},
        {**ASK, "question": "x" * 10_000},
        {**ASK, "tags": ["not-a-number"]},
        {**ASK, "tags": [foreign_tag.pk]},
        {**ASK, "tags": ["999999"]},
    ):
        response = client.post(_ask_url(world, profile), data)
        assert response.status_code == 400, data
        assert 'class="errorlist"' in response.content.decode()
    assert not SparringRequest.objects.exists()


def test_a_flood_of_requests_is_refused_with_a_message(client_as, world):
    client = client_as("member")
    profiles = [
        ProfileFactory(person=PersonFactory(organisation=world.organisation)) for _ in range(6)
    ]
    for profile in profiles[:5]:
        assert client.post(_ask_url(world, profile), ASK).status_code == 302
    response = client.post(_ask_url(world, profiles[5]), ASK)
    assert response["Location"] == _ask_url(world, profiles[5])
    assert _last_message(response) == (
        "You have sent as many requests as you can in one day (5). Try again tomorrow."
    )
    assert SparringRequest.objects.count() == 5


def test_hidden_unknown_or_foreign_profiles_answer_404(client_as, world):
    hidden = profile_for(world.persons["member"], visibility="nobody")
    networks_only = profile_for(world.persons["coordination"], visibility="networks")
    foreign = ProfileFactory(person=PersonFactory(organisation=OrganisationFactory()))
    client = client_as("board")
    for profile_id in (hidden.pk, networks_only.pk, foreign.pk, 999999):
        url = reverse(
            "competences:ask_person",
            kwargs={"org": world.organisation.slug, "profile": profile_id},
        )
        assert client.get(url).status_code == 404
        assert client.post(url, ASK).status_code == 404
    assert not SparringRequest.objects.exists()


def test_asking_a_network_goes_to_its_queue(client_as, world):
    url = reverse(
        "competences:ask_network",
        kwargs={"org": world.organisation.slug, "network": world.network.slug},
    )
    client = client_as("board")
    assert "Ask Boligpolitisk netværk for sparring" in client.get(url).content.decode()
    response = client.post(url, ASK)
    sparring = SparringRequest.objects.get()
    assert response["Location"] == _request_url(world, sparring)
    assert (sparring.network, sparring.recipient) == (world.network, None)


def test_a_closed_proposed_or_unknown_network_cannot_be_asked(client_as, world):
    closed = NetworkFactory(organisation=world.organisation, status="closed")
    proposed = NetworkFactory(organisation=world.organisation, status="proposed")
    foreign = NetworkFactory(slug="udenfor")
    client = client_as("member")
    for slug in (closed.slug, proposed.slug, foreign.slug, "nowhere"):
        url = reverse(
            "competences:ask_network", kwargs={"org": world.organisation.slug, "network": slug}
        )
        assert client.get(url).status_code == 404
        assert client.post(url, ASK).status_code == 404


# --- the lists -----------------------------------------------------------------------------


def test_the_tabs_list_requests_received_sent_and_waiting_in_the_networks_queue(client_as, world):
    member, chair = world.persons["member"], world.persons["chair"]
    sparring_request(requester=chair, recipient=member, subject="Til medlemmet")
    sparring_request(requester=member, recipient=chair, subject="Fra medlemmet")
    sparring_request(requester=member, network=world.network, subject="Til netværket")
    sparring_request(requester=member, network=world.other_network, subject="Andet netværk")
    client = client_as("chair")
    received = client.get(_list_url(world)).content.decode()
    assert "Fra medlemmet" in received
    assert "Til medlemmet" not in received
    assert "Queue of Boligpolitisk netværk" in received
    assert "Kulturpolitisk" not in received
    sent = client.get(_list_url(world, "?tab=sent")).content.decode()
    assert "Til medlemmet" in sent
    assert "Fra medlemmet" not in sent
    queue = client.get(_list_url(world, "?network=bolig")).content.decode()
    assert "Til netværket" in queue
    assert "Andet netværk" not in queue
    assert "Waiting in the network's queue" in queue
    # A member does not look after the network's queue.
    member_page = client_as("member").get(_list_url(world)).content.decode()
    assert "Queue of" not in member_page


def test_bad_query_strings_give_a_page_and_a_message_never_a_500(client_as, world):
    client = client_as("member")
    for query in ("?tab=nonsense", "?page=abc", "?page=99999", "?tab=sent&page=-1"):
        assert client.get(_list_url(world, query)).status_code == 200
    response = client.get(_list_url(world, "?network=kultur"))
    assert response.status_code == 200
    assert _messages(response) == ["That is not a network whose requests you look after."]


@pytest.mark.parametrize("query", ["", "?tab=sent", "?network=bolig"])
def test_the_list_costs_the_same_number_of_queries_however_many_requests(
    client_as, world, django_assert_num_queries, django_assert_max_num_queries, query
):
    chair = world.persons["chair"]
    client = client_as("chair")
    tag = TagFactory(organisation=world.organisation)

    def add(n):
        for _ in range(n):
            other = PersonFactory(organisation=world.organisation)
            for sparring in (
                sparring_request(requester=other, recipient=chair),
                sparring_request(requester=chair, recipient=other),
                sparring_request(requester=other, network=world.network),
            ):
                sparring.tags.add(tag)

    add(1)
    client.get(_list_url(world, query))  # warm the session and the settings
    # 11, and 4 more where the page shows others (the access log's entry and its persons).
    with django_assert_max_num_queries(15) as first:
        client.get(_list_url(world, query))
    add(5)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(_list_url(world, query))
    assert response.content.decode().count("<tr>") == 7  # the header and six requests


# --- one request ---------------------------------------------------------------------------


def test_contact_details_show_only_to_the_two_sides_once_accepted(client_as, world):
    member, chair = world.persons["member"], world.persons["chair"]
    member.phone, chair.phone = "+45 11 11 11 11", "+45 22 22 22 22"
    member.save()
    chair.save()
    profile_for(member, contact_preference="phone")
    sparring = sparring_request(requester=chair, recipient=member, network=world.network)
    url = _request_url(world, sparring)

    def shown(persona):
        html = client_as(persona).get(url).content.decode()
        return {
            "member": member.email in html or member.phone in html,
            "chair": chair.email in html or chair.phone in html,
            "preference": "Phone call" in html,
        }

    assert shown("chair") == {"member": False, "chair": False, "preference": False}
    assert shown("member") == {"member": False, "chair": False, "preference": False}
    client_as("member").post(_request_url(world, sparring, "accept"))
    assert shown("chair") == {"member": True, "chair": False, "preference": True}
    assert shown("member") == {"member": False, "chair": True, "preference": True}
    # The network's coordination group steers the request but is no side of it.
    assert shown("coordination") == {"member": False, "chair": False, "preference": False}
    client_as("chair").post(_request_url(world, sparring, "close"), {"close-outcome": "Godt."})
    assert shown("chair")["member"]
    assert shown("member")["chair"]
    sparring.refresh_from_db()
    assert sparring.status == RequestStatus.CLOSED


def test_the_request_page_shows_its_history_and_only_the_viewers_answers(client_as, world):
    sparring = sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
    member_html = client_as("member").get(_request_url(world, sparring)).content.decode()
    for action in ("accept", "decline", "pass"):
        assert _request_url(world, sparring, action) in member_html
    assert _request_url(world, sparring, "withdraw") not in member_html
    chair_html = client_as("chair").get(_request_url(world, sparring)).content.decode()
    assert _request_url(world, sparring, "withdraw") in chair_html
    assert _request_url(world, sparring, "accept") not in chair_html
    assert "Kan du kigge på vores udkast" in chair_html
    assert "Asked" in chair_html


def test_htmx_answers_swap_the_request_in_place(client_as, world):
    sparring = sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
    response = client_as("member").post(
        _request_url(world, sparring, "accept"), {"accept-note": "Gerne"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="request-body">')
    assert "You have accepted the request." in html
    assert "<html" not in html


def test_the_pass_on_picker_lists_visible_askable_people_and_the_networks_members_first(
    client_as, world
):
    profiles_for(world, "member", "coordination", "board", "staff")
    profile_for(world.persons["staff"], availability="paused")
    profile_for(world.persons["board"], visibility="nobody")
    outsider = ProfileFactory(
        person=PersonFactory(organisation=world.organisation, name="Aage Andersen")
    )
    sparring = sparring_request(requester=world.persons["org_admin"], network=world.network)
    html = client_as("chair").get(_request_url(world, sparring)).content.decode()
    assert "Staff Person" not in html  # paused
    assert "Board Person" not in html  # hidden
    assert html.index("Coordination Person (in the network)") < html.index(outsider.person.name)
    assert html.index("Member Person (in the network)") < html.index(outsider.person.name)


def test_passing_on_takes_the_request_away_and_sends_the_passer_to_the_list(client_as, world):
    staff = profile_for(world.persons["staff"])
    sparring = sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
    client = client_as("member")
    response = client.post(
        _request_url(world, sparring, "pass"), {"pass-to_profile": staff.pk, "pass-note": "Hun"}
    )
    assert response["Location"] == _list_url(world)
    assert client.get(_request_url(world, sparring)).status_code == 404
    sparring.refresh_from_db()
    assert sparring.recipient == world.persons["staff"]


def test_passing_on_with_htmx_sends_the_passer_to_the_list(client_as, world):
    staff = profile_for(world.persons["staff"])
    sparring = sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
    response = client_as("member").post(
        _request_url(world, sparring, "pass"),
        {"pass-to_profile": staff.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == _list_url(world)


def test_bad_answers_show_on_the_form_and_change_nothing(client_as, world):
    hidden = profile_for(world.persons["staff"], visibility="nobody")
    foreign = ProfileFactory(person=PersonFactory(organisation=OrganisationFactory()))
    sparring = sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
    client = client_as("member")
    for value in ("", "abc", str(hidden.pk), str(foreign.pk), str(world.persons["chair"].pk)):
        response = client.post(_request_url(world, sparring, "pass"), {"pass-to_profile": value})
        assert response.status_code == 400, value
        assert 'class="errorlist"' in response.content.decode()
    client.post(_request_url(world, sparring, "accept"), {"accept-note": "x" * 1001})
    sparring.refresh_from_db()
    assert (sparring.status, sparring.recipient) == ("open", world.persons["member"])
    client.post(_request_url(world, sparring, "accept"))
    for outcome in ("", "x" * 1001):
        response = client.post(_request_url(world, sparring, "close"), {"close-outcome": outcome})
        assert response.status_code == 400
    sparring.refresh_from_db()
    assert sparring.status == RequestStatus.ACCEPTED


def test_a_forbidden_transition_on_the_page_is_a_message_on_the_request(client_as, world):
    sparring = sparring_request(
        requester=world.persons["chair"], recipient=world.persons["member"], status="declined"
    )
    client = client_as("member")
    for action in ("accept", "decline"):
        response = client.post(_request_url(world, sparring, action))
        assert response["Location"] == _request_url(world, sparring)
        assert _last_message(response) == (
            "This request has been declined; it can no longer be answered."
        )
    response = client_as("chair").post(_request_url(world, sparring, "withdraw"))
    assert _last_message(response) == (
        "This request has been declined; there is nothing to withdraw."
    )
    sparring.refresh_from_db()
    assert sparring.status == "declined"


def test_requests_of_another_organisation_or_of_others_answer_404(client_as, world):
    other_org = OrganisationFactory()
    foreign = sparring_request(
        requester=PersonFactory(organisation=other_org),
        recipient=PersonFactory(organisation=other_org),
    )
    others = sparring_request(requester=world.persons["staff"], recipient=world.persons["board"])
    client = client_as("member")
    for sparring in (foreign, others):
        assert client.get(_request_url(world, sparring)).status_code == 404
        for action in ("accept", "decline", "pass", "withdraw", "close"):
            assert client.post(_request_url(world, sparring, action)).status_code == 404
    url = reverse(
        "competences:request", kwargs={"org": world.organisation.slug, "sparring_id": 999999}
    )
    assert client.get(url).status_code == 404
