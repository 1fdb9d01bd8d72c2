"""The pages of proposals to start a new network: the whole way through by HTTP, and bad input
to every form: a clear message in the user's language, no 500, nothing saved.

Message texts are asserted in English (the language switch's cookie); Danish requests assert
that a refusal is shown and nothing changed, as in test_views_bad_input.py."""

import html
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.networks import founding
from netvaerk.networks.models import (
    Network,
    NetworkProposal,
    NetworkProposalMessage,
    NetworkStatus,
    ProposalStatus,
)
from netvaerk.networks.tests.founding_helpers import (
    actor_of,
    form_data,
    mail_to,
    queued_mail,
    refer,
    submit,
)
from netvaerk.organisations.tests.factories import RegionFactory
from netvaerk.testing import World

pytestmark = pytest.mark.django_db

LANGS = ["da", "en"]


@pytest.fixture
def as_(client_as):
    def login(persona: str, lang: str = "en"):
        client = client_as(persona)
        if lang == "en":
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        else:
            client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        return client

    return login


def _propose_url(world: World) -> str:
    return reverse("networks:propose", kwargs={"org": world.organisation.slug})


def _detail_url(world: World, proposal: NetworkProposal, action: str = "detail") -> str:
    return reverse(
        f"networks:proposal_{action}",
        kwargs={"org": world.organisation.slug, "proposal_id": proposal.pk},
    )


def _token_url(world: World, proposal: NetworkProposal, name: str = "status") -> str:
    return reverse(
        f"networks:proposal_{name}",
        kwargs={"org": world.organisation.slug, "token": founding.founding_token(proposal)},
    )


def _said(response) -> str:
    flashed = " ".join(str(m) for m in get_messages(response.wsgi_request))
    return flashed + " " + html.unescape(response.content.decode())


def _state() -> dict[str, Any]:
    return {
        "proposals": sorted(NetworkProposal.objects.values_list("id", "status")),
        "messages": NetworkProposalMessage.objects.count(),
        "networks": sorted(Network.objects.values_list("id", "status")),
        "audit": AuditEntry.objects.count(),
    }


# --- the whole way through ---------------------------------------------------------------


def test_a_visitor_proposes_and_follows_it_to_approval(
    as_, world, django_capture_on_commit_callbacks
):
    visitor = as_("visitor")
    page = visitor.get(_propose_url(world))
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(_propose_url(world), form_data())
    proposal = NetworkProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == founding.founding_status_path(proposal)
    status = visitor.get(response["Location"])
    assert "Thank you. Your proposal has been sent" in _said(status)
    assert "Received" in status.content.decode()
    assert proposal.language == "en"
    assert mail_to("vera@example.org")[0]["subject"].startswith("Your proposal for a new network")

    staff = as_("staff")
    queue = staff.get(reverse("networks:proposals", kwargs={"org": "org"}))
    assert proposal.name in queue.content.decode()
    assert "1 proposal is waiting for the office." in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(_detail_url(world, proposal, "ask"), {"ask-question": "Hvem vil være formand?"})
    assert "Hvem vil være formand?" in mail_to("vera@example.org")[-1]["body"]

    visitor = as_("visitor")
    answered = visitor.post(_token_url(world, proposal, "answer"), {"answer": "Det vil jeg."})
    assert answered.status_code == 302
    assert "Det vil jeg." in visitor.get(_token_url(world, proposal)).content.decode()

    staff = as_("staff")
    staff.post(
        _detail_url(world, proposal, "refer"),
        {
            "refer-name": "Klimapolitisk netværk",
            "refer-slug": "klima",
            "refer-kind": "central",
            "refer-purpose": "Klima i kommunerne.",
        },
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITH_BOARD
    directory = as_("visitor").get(reverse("networks:directory", kwargs={"org": "org"}))
    assert "Klimapolitisk netværk" not in directory.content.decode()

    board = as_("board")
    decided = board.post(
        _detail_url(world, proposal, "decide"), {"decide-decision": "approve"}, follow=True
    )
    assert "The proposer is not registered" in _said(decided)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.network.status == NetworkStatus.ACTIVE
    directory = as_("visitor").get(reverse("networks:directory", kwargs={"org": "org"}))
    assert "Klimapolitisk netværk" in directory.content.decode()


def test_a_signed_in_person_gets_their_address_filled_in_and_cannot_change_it(as_, world):
    member = world.persons["member"]
    client = as_("member")
    page = client.get(_propose_url(world)).content.decode()
    assert member.email in page
    assert member.name in page
    client.post(_propose_url(world), form_data(proposer_email="someone-else@example.org"))
    proposal = NetworkProposal.objects.get()
    assert proposal.proposer_email == member.email
    assert proposal.proposer_person == member


def test_the_answer_swaps_in_place_for_htmx(as_, world):
    proposal = submit(world.organisation)
    founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="Hvem?")
    response = as_("visitor").post(
        _token_url(world, proposal, "answer"),
        {"answer": "Tre fra Gladsaxe."},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="proposal-panel",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="proposal-panel"' in body
    assert "Tre fra Gladsaxe." in body
    assert "Your answer has been sent to the office." in body


# --- caching, CSRF, privacy ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["propose", "status"])
def test_the_proposal_pages_are_never_cached_and_carry_a_csrf_token(as_, world, page):
    proposal = submit(world.organisation)
    url = _propose_url(world) if page == "propose" else _token_url(world, proposal)
    client = as_("visitor")
    for _ in range(2):
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "no-cache" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_the_private_page_is_not_indexed_and_leaks_no_referrer(as_, world):
    proposal = submit(world.organisation)
    response = as_("visitor").get(_token_url(world, proposal))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_form_post_without_a_csrf_token_is_refused(world, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(_propose_url(world), form_data())
    assert response.status_code == 403
    assert not NetworkProposal.objects.exists()


def test_the_directory_offers_the_form_to_everyone_and_the_queue_to_the_office(as_, world):
    propose = _propose_url(world)
    queue = reverse("networks:proposals", kwargs={"org": "org"})
    for persona in ("visitor", "member", "staff", "board"):
        body = as_(persona).get(reverse("networks:directory", kwargs={"org": "org"})).content
        assert propose.encode() in body, persona
        assert (queue.encode() in body) is (persona in ("staff", "board")), persona


# --- bad input to the proposal form --------------------------------------------------------

REQUIRED = {
    "name": "This field is required.",
    "purpose": "This field is required.",
    "helpers": "This field is required.",
    "proposer_name": "This field is required.",
    "proposer_email": "This field is required.",
    "consent": "Agree to how we use your details",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field", sorted(REQUIRED))
def test_a_missing_field_is_named_and_nothing_is_saved(as_, world, field, lang):
    before = _state()
    data = form_data()
    data.pop(field)
    response = as_("visitor", lang).post(_propose_url(world), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    if lang == "en":
        assert REQUIRED[field] in _said(response)
    assert _state() == before


@pytest.mark.parametrize(
    ("field", "length"),
    [
        ("name", 151),
        ("purpose", 3001),
        ("helpers", 2001),
        ("proposer_name", 201),
        ("proposer_phone", 41),
        ("website", 201),
    ],
)
def test_an_overlong_field_gets_a_message_not_a_500(as_, world, field, length):
    before = _state()
    response = as_("visitor").post(_propose_url(world), form_data(**{field: "x" * length}))
    assert response.status_code == 400
    assert "Ensure this value has at most" in _said(response) or "could not be sent" in _said(
        response
    )
    assert _state() == before


@pytest.mark.parametrize(
    ("overrides", "text"),
    [
        ({"proposer_email": "not-an-address"}, "Enter a valid email address."),
        ({"proposer_email": "x" * 250 + "@example.org"}, "at most 254 characters"),
        ({"name": "Klima\x00netværk"}, "Null characters are not allowed."),
        ({"name": "   "}, "This field is required."),
        ({"kind": "galactic"}, "Select a valid choice."),
        ({"kind": "regional", "region": ""}, "Choose the region the network would work in."),
        ({"region": "999999"}, "Select a valid choice."),
        ({"region": "nonsense"}, "Select a valid choice."),
    ],
)
def test_malformed_input_is_explained_and_nothing_saved(as_, world, overrides, text):
    before = _state()
    response = as_("visitor").post(_propose_url(world), form_data(**overrides))
    assert response.status_code == 400
    assert text in _said(response)
    assert _state() == before


def test_a_region_of_another_organisation_is_refused(as_, world):
    foreign = RegionFactory()
    before = _state()
    response = as_("visitor").post(
        _propose_url(world), form_data(kind="regional", region=str(foreign.pk))
    )
    assert response.status_code == 400
    assert "Select a valid choice." in _said(response)
    assert _state() == before


def test_a_regional_proposal_with_its_region_is_accepted(as_, world):
    response = as_("visitor").post(
        _propose_url(world), form_data(kind="regional", region=str(world.region.pk))
    )
    assert response.status_code == 302
    assert NetworkProposal.objects.get().region == world.region


@pytest.mark.parametrize("lang", LANGS)
def test_a_filled_honeypot_is_refused_with_a_message_and_nothing_saved(as_, world, lang):
    before = _state()
    response = as_("visitor", lang).post(
        _propose_url(world), form_data(website="https://spam.example.com")
    )
    assert response.status_code == 400
    if lang == "en":
        assert "Your proposal could not be sent." in _said(response)
    else:
        assert "errorlist" in response.content.decode() or "message-error" in (
            response.content.decode()
        )
    assert _state() == before
    assert queued_mail() == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_flood_from_one_client_is_refused_after_the_limit(as_, world, settings, lang):
    settings.NETWORK_PROPOSALS_PER_DAY = 3
    client = as_("visitor", lang)
    for number in range(3):
        response = client.post(
            _propose_url(world), form_data(proposer_email=f"flood{number}@example.org")
        )
        assert response.status_code == 302
    before = _state()
    response = client.post(_propose_url(world), form_data(proposer_email="flood9@example.org"))
    assert response.status_code == 400
    if lang == "en":
        assert "We have received 3 proposals from you in the last 24 hours" in _said(response)
    assert _state() == before


def test_a_flood_from_one_address_is_refused_whatever_the_client(as_, world, settings):
    settings.NETWORK_PROPOSALS_PER_DAY = 2
    client = as_("visitor")
    for number in range(2):
        client.post(_propose_url(world), form_data(), REMOTE_ADDR=f"192.0.2.{number}")
    response = client.post(_propose_url(world), form_data(), REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 400
    assert "in the last 24 hours" in _said(response)
    assert NetworkProposal.objects.count() == 2


def test_a_forged_forwarded_for_does_not_escape_the_limit_unless_behind_a_proxy(
    as_, world, settings
):
    settings.NETWORK_PROPOSALS_PER_DAY = 1
    client = as_("visitor")
    client.post(_propose_url(world), form_data(proposer_email="a@example.org"))
    response = client.post(
        _propose_url(world),
        form_data(proposer_email="b@example.org"),
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert response.status_code == 400, "X-Forwarded-For is ignored without BEHIND_PROXY"
    settings.BEHIND_PROXY = True
    response = client.post(
        _propose_url(world),
        form_data(proposer_email="c@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2",
    )
    assert response.status_code == 302
    assert NetworkProposal.objects.last().ip_digest == founding.ip_digest("198.51.100.2")


# --- bad input to the proposer's and the office's actions ----------------------------------


@pytest.fixture
def asked(world) -> NetworkProposal:
    proposal = submit(world.organisation)
    founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="Hvem?")
    return proposal


@pytest.mark.parametrize(
    ("answer", "text"),
    [("", "This field is required."), ("x" * 3001, "Ensure this value has at most 3000")],
)
def test_an_empty_or_overlong_answer_is_refused(as_, world, asked, answer, text):
    before = _state()
    response = as_("visitor").post(_token_url(world, asked, "answer"), {"answer": answer})
    assert response.status_code == 302
    assert text in _said(response)
    assert _state() == before


def test_answering_twice_says_so(as_, world, asked):
    client = as_("visitor")
    client.post(_token_url(world, asked, "answer"), {"answer": "Tre."})
    before = _state()
    response = client.post(_token_url(world, asked, "answer"), {"answer": "Fire."})
    assert "You have already answered." in _said(response)
    assert _state() == before


def test_withdrawing_twice_says_so(as_, world, asked):
    client = as_("visitor")
    client.post(_token_url(world, asked, "withdraw"))
    before = _state()
    response = client.post(_token_url(world, asked, "withdraw"), follow=True)
    assert "You have already withdrawn this proposal." in _said(response)
    assert _state() == before
    assert "Withdraw my proposal" not in response.content.decode()


@pytest.mark.parametrize(
    ("action", "data", "text"),
    [
        ("ask", {"ask-question": ""}, "This field is required."),
        ("ask", {"ask-question": "x" * 3001}, "at most 3000 characters"),
        ("reject", {"reject-reason": " "}, "This field is required."),
        ("refer", {"refer-name": "Klima", "refer-kind": "central"}, "This field is required."),
        (
            "refer",
            {
                "refer-name": "Klima",
                "refer-slug": "Ø ø!",
                "refer-kind": "central",
                "refer-purpose": "x",
            },
            "Use lower-case letters, digits and hyphens only.",
        ),
        (
            "refer",
            {
                "refer-name": "Klima",
                "refer-slug": "bolig",
                "refer-kind": "central",
                "refer-purpose": "x",
            },
            "Another network already has that address.",
        ),
        (
            "refer",
            {
                "refer-name": "Klima",
                "refer-slug": "proposals",
                "refer-kind": "central",
                "refer-purpose": "x",
            },
            "That address is reserved.",
        ),
    ],
)
def test_the_offices_bad_input_is_explained_and_nothing_changes(
    as_, world, asked, action, data, text
):
    before = _state()
    response = as_("staff").post(_detail_url(world, asked, action), data)
    assert response.status_code == 302
    assert text in _said(response)
    assert _state() == before


@pytest.mark.parametrize(
    ("persona", "data", "text"),
    [
        ("board", {"decide-decision": "reject", "decide-reason": ""}, "board's reason"),
        ("staff", {"decide-decision": "approve", "decide-reason": ""}, "Name the board decision"),
        ("board", {"decide-decision": "maybe"}, "Select a valid choice."),
    ],
)
def test_a_decision_without_its_reason_is_refused(as_, world, asked, persona, data, text):
    refer(world, asked)
    before = _state()
    response = as_(persona).post(_detail_url(world, asked, "decide"), data)
    assert text in _said(response)
    assert _state() == before


def test_acting_on_a_decided_proposal_says_it_is_decided(as_, world, asked):
    staff = as_("staff")
    staff.post(_detail_url(world, asked, "reject"), {"reject-reason": "Nej."})
    before = _state()
    for action, data in (
        ("reject", {"reject-reason": "Nej igen."}),
        ("ask", {"ask-question": "?"}),
    ):
        response = staff.post(_detail_url(world, asked, action), data)
        assert "This proposal has already been decided." in _said(response)
    assert _state() == before
    page = staff.get(_detail_url(world, asked)).content.decode()
    assert "Reject the proposal" not in page
    assert "Nej." in page


@pytest.mark.parametrize("proposal_id", [0, 999999])
def test_an_unknown_proposal_answers_404(as_, world, proposal_id):
    url = reverse("networks:proposal_detail", kwargs={"org": "org", "proposal_id": proposal_id})
    assert as_("staff").get(url).status_code == 404


@pytest.mark.parametrize("query", ["?status=nonsense", "?page=999", "?page=x", "?status=%00"])
def test_odd_queue_parameters_show_the_queue(as_, world, query):
    submit(world.organisation)
    response = as_("staff").get(reverse("networks:proposals", kwargs={"org": "org"}) + query)
    assert response.status_code == 200


def test_the_queue_filters_by_status_oldest_first(as_, world):
    first = submit(world.organisation, email="a@example.org", client_ip="10.0.0.1")
    second = submit(world.organisation, email="b@example.org", client_ip="10.0.0.2")
    founding.founding_reject(actor=actor_of(world, "staff"), proposal=second, reason="Nej.")
    third = submit(world.organisation, email="c@example.org", client_ip="10.0.0.3")
    url = reverse("networks:proposals", kwargs={"org": "org"})
    staff = as_("staff")
    assert list(staff.get(url).context["page"].object_list) == [first, third]
    assert list(staff.get(url + "?status=rejected").context["page"].object_list) == [second]
    assert list(staff.get(url + "?status=all").context["page"].object_list) == [
        first,
        second,
        third,
    ]
    assert staff.get(url).context["waiting_count"] == 2


def test_the_office_sees_the_history_with_who_and_why(as_, world, asked):
    founding.founding_reject(actor=actor_of(world, "staff"), proposal=asked, reason="Dækkes.")
    page = as_("board").get(_detail_url(world, asked)).content.decode()
    assert "Proposal sent" in page
    assert "Question asked" in page
    assert "Rejected by the office" in page
    assert "Staff Person" in page
    assert "Dækkes." in page
