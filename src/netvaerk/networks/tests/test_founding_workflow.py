"""Proposals to start a new network: every step of the workflow, who may take it and who may
not, what it writes (history, audit log, network, membership) and whom it e-mails."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from netvaerk.core.access import ensure
from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notifications_suppressed
from netvaerk.core.models import AuditEntry
from netvaerk.networks import founding
from netvaerk.networks.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    NetworkProposal,
    NetworkStatus,
    ProposalStatus,
)
from netvaerk.networks.selectors import network_directory
from netvaerk.networks.tests.founding_helpers import (
    actor_of,
    mail_to,
    queued_mail,
    refer,
    submit,
    visitor,
)
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English wording; e-mail follows each recipient's own
    language, whatever is active here."""
    with translation.override("en"):
        yield


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the e-mails queued on commit, as a real request would."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            return step()

    return run


def audit(proposal: NetworkProposal) -> list[tuple[str, str]]:
    return [(entry.action, entry.reason) for entry in founding.founding_history(proposal=proposal)]


# --- submitting -----------------------------------------------------------------------


def test_a_visitor_proposes_and_is_acknowledged_with_the_private_link(world, mails):
    proposal = mails(lambda: submit(world.organisation, language="en"))

    assert proposal.status == ProposalStatus.RECEIVED
    assert proposal.proposer_person is None
    assert proposal.language == "en"
    assert proposal.consent_at is not None
    [ack] = mail_to("vera@example.org")
    assert ack["subject"] == "Your proposal for a new network: Klimapolitisk netværk"
    assert "Dear Vera Visitor," in ack["body"]
    assert founding.founding_status_path(proposal) in ack["body"]
    assert audit(proposal) == [("founding.submitted", "")]


def test_staff_are_told_of_a_new_proposal(world, mails):
    proposal = mails(lambda: submit(world.organisation))

    [to_staff] = mail_to(world.persons["staff"].email)
    assert f"/org/networks/proposals/{proposal.pk}/" in to_staff["body"]
    # Only the staff role: not the board, not the org admin, not members.
    assert {m["to"] for m in queued_mail()} == {"vera@example.org", world.persons["staff"].email}


def test_a_signed_in_person_proposes_under_their_own_address(world, mails):
    member = world.persons["member"]
    proposal = mails(
        lambda: submit(world.organisation, actor=actor_of(world, "member"), email="typed@x.org")
    )

    assert proposal.proposer_person == member
    assert proposal.proposer_email == member.email
    assert mail_to(member.email), "the acknowledgement goes to the person"
    assert not mail_to("typed@x.org")


def test_the_client_address_is_kept_only_as_a_keyed_hash(world):
    proposal = submit(world.organisation, client_ip="198.51.100.7")

    assert proposal.ip_digest == founding.ip_digest("198.51.100.7")
    assert "198.51.100.7" not in proposal.ip_digest
    assert len(proposal.ip_digest) == 64
    stored = NetworkProposal.objects.filter(pk=proposal.pk).values().get()
    assert "198.51.100.7" not in str(stored)


def test_the_private_link_opens_only_its_own_proposal(world):
    first = submit(world.organisation)
    second = submit(world.organisation, email="other@example.org")
    token = founding.founding_token(first)

    assert founding.founding_by_token(organisation=world.organisation, token=token) == first
    assert founding.founding_token(second) != token
    assert len(token) >= 48
    # A changed character, a key without its verifier, another organisation: nothing.
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    for wrong in (tampered, first.access_key, token[:20], "", "x" * 48):
        assert founding.founding_by_token(organisation=world.organisation, token=wrong) is None
    other = PersonFactory().organisation
    assert founding.founding_by_token(organisation=other, token=token) is None


def test_a_regional_proposal_needs_a_region_of_the_organisation(world):
    with pytest.raises(ServiceError) as error:
        submit(world.organisation, kind="regional", region=None)
    assert error.value.field == "region"
    foreign = PersonFactory().region
    with pytest.raises(ServiceError):
        submit(world.organisation, kind="regional", region=foreign)
    proposal = submit(world.organisation, kind="regional", region=world.region)
    assert proposal.region == world.region


def test_no_proposal_without_consent(world):
    with pytest.raises(ServiceError) as error:
        submit(world.organisation, consent=False)
    assert error.value.field == "consent"
    assert not NetworkProposal.objects.exists()


def test_a_fourth_proposal_from_one_address_in_a_day_is_refused(world, settings):
    settings.NETWORK_PROPOSALS_PER_DAY = 3
    for number in range(3):
        submit(world.organisation, email="Flood@Example.org", client_ip=f"192.0.2.{number}")
    with pytest.raises(ServiceError, match="24 hours"):
        submit(world.organisation, email="flood@example.org", client_ip="192.0.2.99")
    assert NetworkProposal.objects.count() == 3


def test_a_fourth_proposal_from_one_client_in_a_day_is_refused(world, settings):
    settings.NETWORK_PROPOSALS_PER_DAY = 3
    for number in range(3):
        submit(world.organisation, email=f"bot{number}@example.org", client_ip="203.0.113.5")
    with pytest.raises(ServiceError, match="24 hours"):
        submit(world.organisation, email="bot9@example.org", client_ip="203.0.113.5")
    assert NetworkProposal.objects.count() == 3


def test_the_rate_limit_forgets_proposals_older_than_a_day(world, settings):
    settings.NETWORK_PROPOSALS_PER_DAY = 1
    old = submit(world.organisation)
    NetworkProposal.objects.filter(pk=old.pk).update(
        submitted_at=old.submitted_at - founding.RATE_WINDOW
    )
    assert submit(world.organisation).pk != old.pk


# --- the office: questions, answers, rejection -------------------------------------------


@pytest.fixture
def proposal(world):
    return submit(world.organisation)


def test_the_office_asks_and_the_proposer_answers_through_the_link(world, proposal, mails):
    message = mails(
        lambda: founding.founding_ask(
            actor=actor_of(world, "staff"), proposal=proposal, question="Hvem vil være formand?"
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.QUESTIONS
    assert message.author == world.persons["staff"]
    [question] = mail_to("vera@example.org")[-1:]
    assert "Hvem vil være formand?" in question["body"]
    assert founding.founding_status_path(proposal) in question["body"]

    mails(
        lambda: founding.founding_answer(
            actor=visitor(world.organisation), proposal=proposal, answer="Jeg vil gerne."
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    assert [m.body for m in founding.founding_messages(proposal=proposal)] == [
        "Hvem vil være formand?",
        "Jeg vil gerne.",
    ]
    [told] = [m for m in mail_to(world.persons["staff"].email) if "har svaret" in m["subject"]]
    assert f"/proposals/{proposal.pk}/" in told["body"]
    # The office may ask again.
    founding.founding_ask(actor=actor_of(world, "org_admin"), proposal=proposal, question="Og?")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.QUESTIONS


def test_answering_twice_or_without_a_question_is_refused(world, proposal):
    with pytest.raises(ServiceError, match="no open question"):
        founding.founding_answer(actor=visitor(world.organisation), proposal=proposal, answer="Hej")
    founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="Hvorfor?")
    founding.founding_answer(actor=visitor(world.organisation), proposal=proposal, answer="Fordi.")
    with pytest.raises(ServiceError, match="already answered"):
        founding.founding_answer(actor=visitor(world.organisation), proposal=proposal, answer="Og")
    assert proposal.messages.count() == 2


def test_the_office_rejects_with_a_reason_and_the_proposer_is_told(world, proposal, mails):
    mails(
        lambda: founding.founding_reject(
            actor=actor_of(world, "staff"), proposal=proposal, reason="Dækkes af Miljønetværket."
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.decided_by == world.persons["staff"]
    assert proposal.decision_reason == "Dækkes af Miljønetværket."
    assert ("founding.rejected", "Dækkes af Miljønetværket.") in audit(proposal)
    [told] = mail_to("vera@example.org")[-1:]
    assert "Dækkes af Miljønetværket." in told["body"]
    assert proposal.network is None


def test_a_rejection_needs_a_reason(world, proposal):
    with pytest.raises(ServiceError) as error:
        founding.founding_reject(actor=actor_of(world, "staff"), proposal=proposal, reason="  ")
    assert error.value.field == "reason"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED


def test_rejecting_twice_says_it_is_already_decided(world, proposal):
    founding.founding_reject(actor=actor_of(world, "staff"), proposal=proposal, reason="Nej.")
    with pytest.raises(ServiceError, match="already been decided"):
        founding.founding_reject(actor=actor_of(world, "staff"), proposal=proposal, reason="Nej.")
    with pytest.raises(ServiceError, match="already been decided"):
        founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="?")
    with pytest.raises(ServiceError, match="already been decided"):
        refer(world, proposal)


# --- the board --------------------------------------------------------------------------


def test_putting_to_the_board_prepares_a_hidden_network(world, proposal, mails):
    mails(lambda: refer(world, proposal))
    proposal.refresh_from_db()
    network = proposal.network

    assert proposal.status == ProposalStatus.WITH_BOARD
    assert proposal.referred_by == world.persons["staff"]
    assert network.status == NetworkStatus.PROPOSED
    assert network.slug == "klima"
    assert network not in network_directory(organisation=world.organisation)
    assert "Put to the board" not in audit(proposal)
    assert ("founding.referred_to_board", "Recommended: no network covers climate.") in audit(
        proposal
    )
    # The proposer wrote in Danish, so that is the language of the e-mail.
    assert "ligger hos bestyrelsen" in mail_to("vera@example.org")[-1]["subject"]
    [to_board] = mail_to(world.persons["board"].email)
    assert f"/proposals/{proposal.pk}/" in to_board["body"]
    assert founding.founding_proposals_for_board(organisation=world.organisation).get() == proposal


def test_putting_to_the_board_refuses_a_taken_address_and_saves_nothing(world, proposal):
    with pytest.raises(ServiceError) as error:
        refer(world, proposal, slug=world.network.slug)
    assert error.value.field == "slug"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED
    assert proposal.network is None


def test_the_board_approves_and_the_registered_proposer_becomes_the_first_member(world, mails):
    member = world.persons["member"]
    proposal = submit(world.organisation, actor=actor_of(world, "member"))
    refer(world, proposal)
    mails(
        lambda: founding.founding_decide(
            actor=actor_of(world, "board"), proposal=proposal, approve=True, reason=""
        )
    )
    proposal.refresh_from_db()
    network = proposal.network

    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.decided_by == world.persons["board"]
    assert proposal.decided_for_board is False
    assert network.status == NetworkStatus.ACTIVE
    membership = Membership.objects.get(network=network, person=member)
    assert (membership.status, membership.role) == (MembershipStatus.ACTIVE, MembershipRole.MEMBER)
    assert proposal.proposer_membership == membership
    assert network in network_directory(organisation=world.organisation)
    approved = mail_to(member.email)[-1]
    assert f"/org/networks/{network.slug}/" in approved["body"]


def test_an_approved_proposer_is_found_by_address_when_they_were_not_signed_in(world):
    proposal = submit(world.organisation, email=world.persons["chair"].email.upper())
    refer(world, proposal)
    founding.founding_decide(actor=actor_of(world, "board"), proposal=proposal, approve=True)
    proposal.refresh_from_db()
    assert proposal.proposer_membership.person == world.persons["chair"]


def test_approval_goes_through_for_a_proposer_who_is_not_registered(world, mails):
    proposal = submit(world.organisation, email="stranger@example.org")
    refer(world, proposal)
    mails(
        lambda: founding.founding_decide(
            actor=actor_of(world, "board"), proposal=proposal, approve=True
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.proposer_membership is None
    assert proposal.network.status == NetworkStatus.ACTIVE
    assert not proposal.network.memberships.exists()
    assert "Du er ikke registreret" in mail_to("stranger@example.org")[-1]["body"]


def test_staff_record_the_boards_decision_naming_the_meeting(world, proposal):
    refer(world, proposal)
    with pytest.raises(ServiceError, match="board decision"):
        founding.founding_decide(actor=actor_of(world, "staff"), proposal=proposal, approve=True)
    founding.founding_decide(
        actor=actor_of(world, "staff"),
        proposal=proposal,
        approve=True,
        reason="Hovedbestyrelsen 12. marts 2026, punkt 4",
    )
    proposal.refresh_from_db()
    assert proposal.decided_for_board is True
    assert ("founding.approved", "Hovedbestyrelsen 12. marts 2026, punkt 4") in audit(proposal)


def test_the_board_rejects_with_a_reason_and_the_network_is_closed_not_deleted(
    world, proposal, mails
):
    refer(world, proposal)
    with pytest.raises(ServiceError):
        founding.founding_decide(actor=actor_of(world, "board"), proposal=proposal, approve=False)
    mails(
        lambda: founding.founding_decide(
            actor=actor_of(world, "board"),
            proposal=proposal,
            approve=False,
            reason="Ikke nu; vi samler kræfterne.",
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.network.status == NetworkStatus.CLOSED
    assert proposal.network.closed_at is not None
    body = mail_to("vera@example.org")[-1]["body"]
    assert "The board has decided not to start" in body or "Ikke nu" in body


def test_deciding_twice_or_before_the_board_has_it_is_refused(world, proposal):
    with pytest.raises(ServiceError, match="not with the board"):
        founding.founding_decide(actor=actor_of(world, "board"), proposal=proposal, approve=True)
    refer(world, proposal)
    with pytest.raises(ServiceError, match="with the board"):
        founding.founding_reject(actor=actor_of(world, "staff"), proposal=proposal, reason="x")
    founding.founding_decide(actor=actor_of(world, "board"), proposal=proposal, approve=True)
    with pytest.raises(ServiceError, match="already been decided"):
        founding.founding_decide(
            actor=actor_of(world, "board"), proposal=proposal, approve=False, reason="x"
        )


# --- withdrawal ---------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["received", "questions", "with_board"])
def test_the_proposer_withdraws_until_it_is_decided(world, proposal, mails, stage):
    if stage == "questions":
        founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="?")
    if stage == "with_board":
        refer(world, proposal)
    mails(
        lambda: founding.founding_withdraw(
            actor=visitor(world.organisation), proposal=proposal, reason="Jeg er flyttet."
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.withdrawal_reason == "Jeg er flyttet."
    assert NetworkProposal.objects.filter(pk=proposal.pk).exists()
    if proposal.network:
        assert proposal.network.status == NetworkStatus.CLOSED
    assert "trukket dit forslag tilbage" in mail_to("vera@example.org")[-1]["subject"]
    # The office may stop working on it; the board too, if it had it.
    staff_told = mail_to(world.persons["staff"].email)[-1]
    assert proposal.name in staff_told["subject"]
    assert "trukket" in staff_told["subject"]
    board_told = [m for m in mail_to(world.persons["board"].email) if "trukket" in m["subject"]]
    assert len(board_told) == (1 if stage == "with_board" else 0)
    with pytest.raises(ServiceError, match="already withdrawn"):
        founding.founding_withdraw(actor=visitor(world.organisation), proposal=proposal)
    with pytest.raises(ServiceError, match="withdrawn this proposal"):
        founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="?")


def test_a_decided_proposal_cannot_be_withdrawn(world, proposal):
    founding.founding_reject(actor=actor_of(world, "staff"), proposal=proposal, reason="Nej.")
    with pytest.raises(ServiceError, match="already been decided"):
        founding.founding_withdraw(actor=visitor(world.organisation), proposal=proposal)


def test_every_step_keeps_who_when_and_why(world, proposal):
    founding.founding_ask(actor=actor_of(world, "staff"), proposal=proposal, question="?")
    founding.founding_answer(actor=visitor(world.organisation), proposal=proposal, answer="!")
    refer(world, proposal)
    founding.founding_decide(
        actor=actor_of(world, "board"), proposal=proposal, approve=False, reason="Ikke nu."
    )
    entries = list(founding.founding_history(proposal=proposal))
    assert [e.action for e in entries] == [
        "founding.submitted",
        "founding.question_asked",
        "founding.answered",
        "founding.referred_to_board",
        "founding.rejected_by_board",
    ]
    assert entries[1].actor_person == world.persons["staff"]
    assert entries[2].actor_person is None  # the proposer, through the link
    assert entries[-1].actor_person == world.persons["board"]
    assert entries[-1].reason == "Ikke nu."
    assert all(e.created_at for e in entries)
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(pk=entries[0].pk).delete()


def test_nothing_is_mailed_while_notifications_are_suppressed(world, mails):
    with notifications_suppressed():
        mails(lambda: submit(world.organisation))
    assert queued_mail() == []


def test_nothing_is_mailed_when_the_step_is_rolled_back(world, mails):
    def failing():
        with transaction.atomic():
            submit(world.organisation)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        mails(failing)
    assert queued_mail() == []
    assert not NetworkProposal.objects.exists()


# --- who may take which step (the rules behind the views) -----------------------------------

RULES = {
    "networks.view_proposals": {"board", "staff", "org_admin"},
    "networks.triage_proposals": {"staff", "org_admin"},
    "networks.decide_proposals": {"board", "staff"},
}


@pytest.mark.parametrize("permission", sorted(RULES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_office_triages_and_only_the_board_or_staff_decide(world, permission, persona):
    actor = actor_of(world, persona)
    if persona == "other_org_staff":
        assert not actor.can(permission)  # staff elsewhere hold no role here
        return
    allowed = persona in RULES[permission]
    assert actor.can(permission) is allowed
    if not allowed and actor.is_authenticated:
        with pytest.raises(PermissionDenied):
            ensure(actor, permission)


def test_queue_count_counts_what_waits_for_the_office(world):
    received = submit(world.organisation, email="a@example.org", client_ip="10.0.0.97")
    asked = submit(world.organisation, email="b@example.org", client_ip="10.0.0.98")
    answered = submit(world.organisation, email="c@example.org", client_ip="10.0.0.99")
    to_board = submit(world.organisation, email="d@example.org", client_ip="10.0.0.100")
    staff = actor_of(world, "staff")
    for p in (asked, answered):
        founding.founding_ask(actor=staff, proposal=p, question="?")
    founding.founding_answer(actor=visitor(world.organisation), proposal=answered, answer="!")
    refer(world, to_board)

    assert founding.founding_queue_count(organisation=world.organisation) == 2
    waiting = founding.founding_queue(organisation=world.organisation, status="waiting")
    assert list(waiting) == [received, answered]
    assert list(founding.founding_queue(organisation=world.organisation)) == [
        received,
        asked,
        answered,
        to_board,
    ]
    assert list(founding.founding_proposals_for_board(organisation=world.organisation)) == [
        to_board
    ]
