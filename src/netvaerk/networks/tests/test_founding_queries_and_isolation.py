"""Proposals: the office's pages cost the same at 5 and at 50 proposals (or messages), and no
proposal crosses from one organisation to another."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from netvaerk.core.errors import ServiceError
from netvaerk.networks import founding
from netvaerk.networks.models import NetworkProposal, ProposalStatus
from netvaerk.networks.tests.founding_helpers import (
    actor_of,
    queued_mail,
    refer,
    submit,
    visitor,
)
from netvaerk.testing import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English wording; e-mail follows each recipient's own
    language, whatever is active here."""
    with translation.override("en"):
        yield


def _fill(world, count: int) -> list[NetworkProposal]:
    proposals = [
        submit(
            world.organisation,
            email=f"p{number}@example.org",
            client_ip=f"10.1.{number // 200}.{number % 200}",
            kind="regional" if number % 2 else "central",
            region=world.region if number % 2 else None,
        )
        for number in range(count)
    ]
    # Some with a prepared network, so that the rows differ in what they join.
    for number, proposal in enumerate(proposals[: count // 5]):
        refer(world, proposal, slug=f"prepared-{count}-{number}")
    return proposals


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", ["", "?status=all", "?status=with_board", "?page=2"])
def test_the_queue_costs_the_same_at_5_and_at_50_proposals(client_as, world, settings, query):
    settings.NETWORK_PROPOSALS_PER_DAY = 1000
    url = reverse("networks:proposals", kwargs={"org": "org"}) + query
    staff = client_as("staff")
    _fill(world, 5)
    small = _queries(staff, url)
    _fill(world, 45)
    assert NetworkProposal.objects.count() == 50
    assert _queries(staff, url) == small


def test_a_proposals_page_costs_the_same_at_1_and_at_50_messages(client_as, world):
    proposal = submit(world.organisation)
    staff_actor = actor_of(world, "staff")
    founding.founding_ask(actor=staff_actor, proposal=proposal, question="Første?")
    url = reverse("networks:proposal_detail", kwargs={"org": "org", "proposal_id": proposal.pk})
    staff = client_as("staff")
    small = _queries(staff, url)
    for number in range(25):
        founding.founding_answer(
            actor=visitor(world.organisation), proposal=proposal, answer=f"Svar {number}"
        )
        founding.founding_ask(actor=staff_actor, proposal=proposal, question=f"Spørgsmål {number}")
    assert proposal.messages.count() == 51
    assert _queries(staff, url) == small


def test_the_proposers_page_costs_the_same_at_1_and_at_50_messages(client, world):
    proposal = submit(world.organisation)
    staff_actor = actor_of(world, "staff")
    founding.founding_ask(actor=staff_actor, proposal=proposal, question="Første?")
    url = founding.founding_status_path(proposal)
    small = _queries(client, url)
    for number in range(25):
        founding.founding_answer(
            actor=visitor(world.organisation), proposal=proposal, answer=f"Svar {number}"
        )
        founding.founding_ask(actor=staff_actor, proposal=proposal, question=f"Spørgsmål {number}")
    assert _queries(client, url) == small


# --- isolation -----------------------------------------------------------------------------


@pytest.fixture
def two(db):
    a = make_world("a", other_slug="a-other")
    b = make_world("b", other_slug="b-other")
    a_proposal = submit(a.organisation, name="A-organisationens hemmelige forslag")
    b_proposal = submit(b.organisation, name="B-forslag", client_ip="10.9.9.9")
    return a, b, a_proposal, b_proposal


def test_the_queue_lists_only_the_organisations_own_proposals(client, two):
    _a, b, a_proposal, _ = two
    client.force_login(b.users["staff"])
    body = client.get(reverse("networks:proposals", kwargs={"org": "b"})).content.decode()
    assert "B-forslag" in body
    assert a_proposal.name not in body
    assert founding.founding_queue_count(organisation=b.organisation) == 1
    assert list(founding.founding_proposals_for_board(organisation=b.organisation)) == []


@pytest.mark.parametrize("action", ["detail", "ask", "reject", "refer", "decide"])
def test_staff_of_another_organisation_reach_no_proposal_through_their_own_address(
    client, two, action
):
    a, b, a_proposal, _ = two
    if action == "decide":
        refer(a, a_proposal)
    client.force_login(b.users["staff"])
    url = reverse(f"networks:proposal_{action}", kwargs={"org": "b", "proposal_id": a_proposal.pk})
    response = client.get(url) if action == "detail" else client.post(url, {})
    assert response.status_code == 404
    a_proposal.refresh_from_db()
    assert a_proposal.status in (ProposalStatus.RECEIVED, ProposalStatus.WITH_BOARD)
    assert not a_proposal.messages.exists()


@pytest.mark.parametrize("name", ["status", "answer", "withdraw"])
def test_a_proposers_link_works_only_under_its_own_organisation(client, two, name):
    _a, _b, a_proposal, _ = two
    token = founding.founding_token(a_proposal)
    url = reverse(f"networks:proposal_{name}", kwargs={"org": "b", "token": token})
    response = client.get(url) if name == "status" else client.post(url, {"answer": "Hej"})
    assert response.status_code == 404
    a_proposal.refresh_from_db()
    assert a_proposal.status == ProposalStatus.RECEIVED


def test_staff_are_not_told_of_another_organisations_proposals(
    two, django_capture_on_commit_callbacks
):
    a, _b, *_ = two
    with django_capture_on_commit_callbacks(execute=True):
        submit(a.organisation, email="new@example.org", client_ip="10.8.8.8")
    recipients = {mail["to"] for mail in queued_mail()}
    assert recipients == {"new@example.org", a.persons["staff"].email}


def test_the_rate_limit_counts_per_organisation(settings, two):
    settings.NETWORK_PROPOSALS_PER_DAY = 1
    a, b, *_ = two
    submit(a.organisation, email="x@example.org", client_ip="10.7.7.7")
    submit(b.organisation, email="x@example.org", client_ip="10.7.7.7")
    with pytest.raises(ServiceError, match="24 hours"):
        submit(b.organisation, email="x@example.org", client_ip="10.7.7.8")
