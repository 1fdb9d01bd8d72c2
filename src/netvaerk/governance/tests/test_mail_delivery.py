"""A board decision reaches the network over real SMTP (aiosmtpd) through the worker, in each
person's language — and a send the server refuses for now is retried and then delivered."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.governance import services
from netvaerk.governance.tests.factories import ProposalFactory
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.notifications.models import EmailStatus, Notification, OutgoingEmail
from netvaerk.notifications.tasks import RETRY_DELAYS
from netvaerk.organisations.tests.factories import OrganisationFactory, RoleAssignmentFactory
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def proposal(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    org = OrganisationFactory(slug="testorg", name="Testpartiet")
    network = NetworkFactory(organisation=org, name="Boligpolitisk netværk", slug="bolig")
    chair = PersonFactory(organisation=org, name="Søs Formand", email="sos@example.org")
    lead = PersonFactory(
        organisation=org, name="Emma Lead", email="emma@example.org", language="en"
    )
    MembershipFactory(network=network, person=chair, role="chair")
    MembershipFactory(network=network, person=lead, role="coordination")
    board = PersonFactory(organisation=org, name="Bo Bestyrelse", email="bo@example.org")
    RoleAssignmentFactory(person=board, role="board")
    proposal = ProposalFactory(network=network, submitted=True, title="Flere almene boliger")
    actor = Actor(organisation=org, person=board, roles=frozenset({"board"}))
    return proposal, actor


def _decide(proposal, actor):
    services.proposal_decide(
        actor=actor,
        proposal=proposal,
        outcome="adopted",
        reason="Forslaget ligger i forlængelse af partiets linje.",
    )


def test_the_decision_reaches_the_leads_over_smtp_in_their_language(smtp, run_worker, proposal):
    proposal, actor = proposal
    _decide(proposal, actor)
    run_worker()
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert set(by_recipient) == {"sos@example.org", "emma@example.org"}
    danish = by_recipient["sos@example.org"]
    assert danish["Subject"] == "Bestyrelsens beslutning om Flere almene boliger: Vedtaget"
    assert "kan ikke udtale sig på vegne af Testpartiet" in danish.get_content()
    english = by_recipient["emma@example.org"]
    assert english["Subject"] == "The board's decision on Flere almene boliger: Adopted"
    assert f"/testorg/networks/bolig/proposals/{proposal.pk}/" in english.get_content()
    # And in each lead's notification list, linked to the proposal.
    assert Notification.objects.filter(url=proposal.get_absolute_url()).count() == 2


def test_a_refused_send_is_retried_and_then_delivered(smtp, run_worker, proposal):
    proposal, actor = proposal
    smtp.refusing = True
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _decide(proposal, actor)
        run_worker()
        assert smtp.messages == []
        assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.QUEUED}

        smtp.refusing = False
        clock.shift(RETRY_DELAYS[0] + datetime.timedelta(seconds=1))
        run_worker()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert sorted(rcpts[0] for rcpts, _ in smtp.messages) == [
        "emma@example.org",
        "sos@example.org",
    ]
