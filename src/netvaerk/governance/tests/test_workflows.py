"""Every transition of rules, proposals and board requests: who may, who may not, and what
each leaves behind (state, audit log, e-mail)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.governance import services
from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    ProposalAttachment,
    ProposalStatus,
    RequestStatus,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.governance.tests.factories import BoardRequestFactory, ProposalFactory, RulesFactory
from netvaerk.networks.models import NetworkStatus
from netvaerk.notifications.models import Notification
from netvaerk.testing import PERSONAS, queued_mail

LEADS = ("chair", "coordination")
FOR_THE_BOARD = ("board", "staff")
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def recipients() -> set[str]:
    return {mail["to"] for mail in queued_mail()}


def others(*allowed: str) -> list[str]:
    return [p for p in PERSONAS if p not in allowed and p != "visitor"]


def logged(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


# --- rules of procedure -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", LEADS)
def test_network_leads_draft_and_submit_rules(world, persona, django_capture_on_commit_callbacks):
    actor = world.actor(persona)
    version = services.rules_draft_save(
        actor=actor, network=world.network, text="# Formål\n\nAt arbejde.", change_summary="Ny"
    )
    assert version.status == RulesStatus.DRAFT
    # Saving again edits the same draft: one open version per network.
    again = services.rules_draft_save(actor=actor, network=world.network, text="Bedre.")
    assert again.pk == version.pk
    assert RulesOfProcedure.objects.filter(network=world.network).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.rules_submit(actor=actor, version=again)
    again.refresh_from_db()
    assert again.status == RulesStatus.SUBMITTED
    assert again.submitted_by == world.persons[persona]
    assert recipients() == {world.persons["board"].email, world.persons["staff"].email}
    assert logged("rules.submitted").actor_person == world.persons[persona]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", others(*LEADS))
def test_it_refuses_drafting_rules_to_anyone_but_the_leads(world, persona):
    with pytest.raises(ServiceError, match="chair and coordination group"):
        services.rules_draft_save(actor=world.actor(persona), network=world.network, text="x")
    assert not RulesOfProcedure.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_empty_draft(world):
    with pytest.raises(ServiceError, match="Write the rules"):
        services.rules_draft_save(actor=world.actor("chair"), network=world.network, text="  \n ")
    assert not RulesOfProcedure.objects.exists()


@pytest.mark.django_db
def test_it_refuses_editing_rules_that_are_with_the_board(world):
    RulesFactory(network=world.network, submitted=True, text="Til bestyrelsen.")
    with pytest.raises(ServiceError, match="with the board"):
        services.rules_draft_save(actor=world.actor("chair"), network=world.network, text="Nyt")
    assert RulesOfProcedure.objects.get().text == "Til bestyrelsen."


@pytest.mark.django_db
@pytest.mark.parametrize("persona", FOR_THE_BOARD)
def test_the_board_approves_rules_and_numbers_them(
    world, persona, django_capture_on_commit_callbacks
):
    RulesFactory(network=world.network, approved=True, number=1)
    version = RulesFactory(network=world.network, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.rules_decide(
            actor=world.actor(persona), version=version, approve=True, reference="HB 3/5, pkt. 4"
        )
    version.refresh_from_db()
    assert (version.status, version.number) == (RulesStatus.APPROVED, 2)
    assert version.decided_by == world.persons[persona]
    assert version.decision_reference == "HB 3/5, pkt. 4"
    # The leads and the coordinator hear of it.
    assert recipients() == {
        world.persons[p].email for p in ("chair", "coordination", "coordinator")
    }
    entry = logged("rules.approved")
    assert entry.data == {"number": 2, "reference": "HB 3/5, pkt. 4"}


@pytest.mark.django_db
def test_the_board_returns_rules_with_a_reason(world):
    version = RulesFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="Say why"):
        services.rules_decide(actor=world.actor("board"), version=version, approve=False)
    services.rules_decide(
        actor=world.actor("board"), version=version, approve=False, reason="§ 3 er uklar."
    )
    version.refresh_from_db()
    assert version.status == RulesStatus.RETURNED
    assert version.number is None
    assert logged("rules.returned").reason == "§ 3 er uklar."
    # The network can start again from the returned text.
    draft = services.rules_draft_save(actor=world.actor("chair"), network=world.network, text="Ny")
    assert draft.pk != version.pk


@pytest.mark.django_db
@pytest.mark.parametrize("persona", others(*FOR_THE_BOARD))
def test_it_refuses_a_rules_decision_without_the_board_role(world, persona):
    version = RulesFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="Only the board"):
        services.rules_decide(actor=world.actor(persona), version=version, approve=True)
    version.refresh_from_db()
    assert version.status == RulesStatus.SUBMITTED


@pytest.mark.django_db
def test_it_refuses_deciding_rules_twice(world):
    version = RulesFactory(network=world.network, submitted=True)
    services.rules_decide(actor=world.actor("board"), version=version, approve=True)
    with pytest.raises(ServiceError, match="not waiting"):
        services.rules_decide(
            actor=world.actor("staff"), version=version, approve=False, reason="x"
        )
    version.refresh_from_db()
    assert version.status == RulesStatus.APPROVED
    assert version.decided_by == world.persons["board"]


@pytest.mark.django_db
def test_leads_withdraw_submitted_rules_and_the_board_is_told(
    world, django_capture_on_commit_callbacks
):
    version = RulesFactory(network=world.network, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.rules_withdraw(actor=world.actor("chair"), version=version, reason="Vi retter")
    version.refresh_from_db()
    assert version.status == RulesStatus.WITHDRAWN
    assert world.persons["board"].email in recipients()
    # Withdrawn is final; nothing is deleted.
    with pytest.raises(ServiceError, match="already been decided"):
        services.rules_withdraw(actor=world.actor("chair"), version=version)
    assert RulesOfProcedure.objects.filter(pk=version.pk).exists()


# --- proposals ----------------------------------------------------------------------------


def _draft(world, persona="chair", **fields) -> Proposal:
    return services.proposal_create(
        actor=world.actor(persona),
        network=world.network,
        kind=fields.get("kind", "statement"),
        title=fields.get("title", "Flere almene boliger"),
        text=fields.get("text", "Partiet bør arbejde for flere almene boliger."),
        rationale=fields.get("rationale", ""),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", LEADS)
def test_leads_write_and_submit_a_proposal(world, persona, django_capture_on_commit_callbacks):
    proposal = _draft(world, persona)
    assert proposal.status == ProposalStatus.DRAFT
    assert not queued_mail()  # a draft is the network's own business
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(actor=world.actor(persona), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None
    assert recipients() == {world.persons["board"].email, world.persons["staff"].email}
    # Each recipient also finds it in the in-app list, linked to the proposal.
    [entry] = Notification.objects.filter(person=world.persons["board"])
    assert entry.url == f"/org/networks/bolig/proposals/{proposal.pk}/"
    # Mail is written in the recipient's language (Danish here), with the seed's caveat.
    [mail, _] = queued_mail()
    assert "kan ikke udtale sig på vegne af" in mail["body"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", others(*LEADS))
def test_it_refuses_a_proposal_from_anyone_but_the_leads(world, persona):
    with pytest.raises(ServiceError):
        _draft(world, persona)
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_proposal_from_a_network_that_is_not_active(world):
    world.network.status = NetworkStatus.CLOSED
    world.network.save(update_fields=["status"])
    with pytest.raises(ServiceError, match="active network"):
        _draft(world)


@pytest.mark.django_db
def test_it_refuses_submitting_an_empty_proposal(world):
    proposal = _draft(world, text="")
    with pytest.raises(ServiceError, match="Write the proposal"):
        services.proposal_submit(actor=world.actor("chair"), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


@pytest.mark.django_db
def test_it_refuses_a_proposal_without_a_title(world):
    with pytest.raises(ServiceError, match="title"):
        _draft(world, title="   ")
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_it_refuses_changing_a_submitted_proposal(world):
    proposal = ProposalFactory(network=world.network, submitted=True, title="Oprindelig")
    with pytest.raises(ServiceError, match="while it is a draft"):
        services.proposal_update(
            actor=world.actor("chair"),
            proposal=proposal,
            kind="statement",
            title="Ændret",
            text="x",
            rationale="",
        )
    proposal.refresh_from_db()
    assert proposal.title == "Oprindelig"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", FOR_THE_BOARD)
def test_the_board_assigns_a_preparer_and_promises_an_answer(
    world, persona, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(network=world.network, submitted=True)
    due = timezone.localdate() + 30 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_handle(
            actor=world.actor(persona),
            proposal=proposal,
            preparer=world.persons["board"],
            answer_due=due,
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_CONSIDERATION
    assert (proposal.preparer, proposal.answer_due) == (world.persons["board"], due)
    # The preparer is asked; the network is told the date.
    assert recipients() == {
        world.persons[p].email for p in ("board", "chair", "coordination", "coordinator")
    }


@pytest.mark.django_db
def test_it_refuses_a_preparer_who_is_not_on_the_board(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="member of the board"):
        services.proposal_handle(
            actor=world.actor("board"),
            proposal=proposal,
            preparer=world.persons["staff"],
            answer_due=None,
        )
    proposal.refresh_from_db()
    assert proposal.preparer is None
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_it_refuses_an_answer_date_in_the_past(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="past"):
        services.proposal_handle(
            actor=world.actor("board"),
            proposal=proposal,
            preparer=None,
            answer_due=timezone.localdate() - DAY,
        )


@pytest.mark.django_db
def test_an_answer_past_its_date_is_overdue(world):
    proposal = ProposalFactory(
        network=world.network, submitted=True, answer_due=timezone.localdate() - DAY
    )
    assert proposal.is_overdue(timezone.localdate())
    proposal.status = ProposalStatus.ADOPTED
    assert not proposal.is_overdue(timezone.localdate())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "outcome",
    [ProposalStatus.ADOPTED, ProposalStatus.ADOPTED_WITH_CHANGES, ProposalStatus.REJECTED],
)
def test_the_board_decides_with_its_reasoning(world, outcome, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decide(
            actor=world.actor("board"),
            proposal=proposal,
            outcome=outcome,
            reason="Drøftet på mødet.",
            reference="HB 12/3, pkt. 5",
            adopted_text="Den vedtagne tekst." if outcome == "adopted_changed" else "",
        )
    proposal.refresh_from_db()
    assert proposal.status == outcome
    assert proposal.decision_reason == "Drøftet på mødet."
    assert proposal.decided_by == world.persons["board"]
    assert logged(f"proposal.{outcome}").reason == "Drøftet på mødet."
    assert recipients() == {
        world.persons[p].email for p in ("chair", "coordination", "coordinator")
    }


@pytest.mark.django_db
def test_it_refuses_a_decision_without_reasoning(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="reasoning"):
        services.proposal_decide(
            actor=world.actor("board"), proposal=proposal, outcome="adopted", reason=" "
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_adopting_with_changes_needs_the_adopted_text(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="as the board adopted it"):
        services.proposal_decide(
            actor=world.actor("board"),
            proposal=proposal,
            outcome="adopted_changed",
            reason="Med ændringer.",
        )


@pytest.mark.django_db
def test_it_refuses_deciding_twice(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    services.proposal_decide(
        actor=world.actor("board"), proposal=proposal, outcome="adopted", reason="Godt."
    )
    with pytest.raises(ServiceError, match="already decided"):
        services.proposal_decide(
            actor=world.actor("staff"), proposal=proposal, outcome="rejected", reason="Nej."
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED


@pytest.mark.django_db
@pytest.mark.parametrize("persona", others(*FOR_THE_BOARD))
def test_it_refuses_a_decision_without_the_board_role(world, persona):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="Only the board"):
        services.proposal_decide(
            actor=world.actor(persona), proposal=proposal, outcome="adopted", reason="Ja."
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_the_board_cannot_decide_on_a_draft(world):
    proposal = ProposalFactory(network=world.network)
    with pytest.raises(ServiceError):
        services.proposal_decide(
            actor=world.actor("board"), proposal=proposal, outcome="adopted", reason="Ja."
        )


@pytest.mark.django_db
def test_leads_withdraw_a_proposal_before_the_decision_only(
    world, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_withdraw(actor=world.actor("chair"), proposal=proposal, reason="Forældet")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.withdrawal_reason == "Forældet"
    assert world.persons["board"].email in recipients()
    decided = ProposalFactory(network=world.network, status=ProposalStatus.REJECTED)
    with pytest.raises(ServiceError, match="already decided"):
        services.proposal_withdraw(actor=world.actor("chair"), proposal=decided)


@pytest.mark.django_db
def test_the_board_keeps_private_notes(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    note = services.proposal_note_add(
        actor=world.actor("board"), proposal=proposal, text="Tal med formanden."
    )
    assert note.author == world.persons["board"]
    # The note's text is not copied into the audit log, which is read more widely.
    assert "Tal med" not in str(logged("proposal.note_added").data)
    with pytest.raises(ServiceError):
        services.proposal_note_add(actor=world.actor("chair"), proposal=proposal, text="Hej")


# --- attachments --------------------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj\n"


def _upload(name="plan.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.django_db
def test_leads_attach_and_remove_files_on_a_draft(world):
    proposal = _draft(world)
    attachment = services.proposal_attach(
        actor=world.actor("chair"), proposal=proposal, upload=_upload()
    )
    assert (attachment.name, attachment.size) == ("plan.pdf", len(PDF))
    assert attachment.file.name.startswith(f"proposals/{world.organisation.pk}/")
    assert not attachment.file.name.endswith("plan.pdf")  # stored under a random name
    services.proposal_detach(actor=world.actor("chair"), attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.withdrawn_at is not None  # kept for the record


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream", "Attach PDF"),
        ("noextension", PDF, "application/pdf", "Attach PDF"),
        ("fake.pdf", b"<html>hi</html>", "application/pdf", "content does not match"),
        ("fake.png", PDF, "image/png", "content does not match"),
        ("doc.pdf", PDF, "text/html", "type does not match"),
        ("empty.pdf", b"", "application/pdf", "empty"),
    ],
)
def test_it_refuses_attachments_of_the_wrong_type(world, name, content, content_type, message):
    proposal = _draft(world)
    with pytest.raises(ServiceError, match=message):
        services.proposal_attach(
            actor=world.actor("chair"),
            proposal=proposal,
            upload=_upload(name, content, content_type),
        )
    assert not ProposalAttachment.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_attachment_over_the_size_limit(world):
    proposal = _draft(world)
    big = PDF + b"0" * services.MAX_ATTACHMENT_BYTES
    with pytest.raises(ServiceError, match="larger than 10 MB"):
        services.proposal_attach(
            actor=world.actor("chair"), proposal=proposal, upload=_upload(content=big)
        )
    assert not ProposalAttachment.objects.exists()


@pytest.mark.django_db
def test_it_refuses_more_attachments_than_the_limit(world):
    proposal = _draft(world)
    for _ in range(services.MAX_ATTACHMENTS):
        services.proposal_attach(actor=world.actor("chair"), proposal=proposal, upload=_upload())
    with pytest.raises(ServiceError, match="at most"):
        services.proposal_attach(actor=world.actor("chair"), proposal=proposal, upload=_upload())


@pytest.mark.django_db
def test_it_refuses_attaching_to_a_submitted_proposal(world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    with pytest.raises(ServiceError, match="while the proposal is a draft"):
        services.proposal_attach(actor=world.actor("chair"), proposal=proposal, upload=_upload())


# --- board requests -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", FOR_THE_BOARD)
def test_the_board_asks_a_network_with_a_deadline(
    world, persona, django_capture_on_commit_callbacks
):
    deadline = timezone.localdate() + 14 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        request = services.board_request_create(
            actor=world.actor(persona),
            network=world.network,
            kind="advice",
            title="Sparring om boligudspil",
            text="Hvad mener netværket?",
            deadline=deadline,
        )
    assert request.status == RequestStatus.OPEN
    assert request.asked_by == world.persons[persona]
    assert recipients() == {
        world.persons[p].email for p in ("chair", "coordination", "coordinator")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", others(*FOR_THE_BOARD))
def test_it_refuses_a_request_from_anyone_but_the_board(world, persona):
    with pytest.raises(ServiceError, match="Only the board"):
        services.board_request_create(
            actor=world.actor(persona),
            network=world.network,
            kind="task",
            title="x",
            text="y",
            deadline=timezone.localdate() + DAY,
        )
    assert not BoardRequest.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_deadline_in_the_past(world):
    with pytest.raises(ServiceError, match="past"):
        services.board_request_create(
            actor=world.actor("board"),
            network=world.network,
            kind="task",
            title="x",
            text="y",
            deadline=timezone.localdate() - DAY,
        )


@pytest.mark.django_db
def test_leads_answer_and_the_asker_hears_it(world, django_capture_on_commit_callbacks):
    request = BoardRequestFactory(network=world.network, asked_by=world.persons["board"])
    with django_capture_on_commit_callbacks(execute=True):
        services.board_request_answer(actor=world.actor("chair"), request=request, answer="Svar")
    request.refresh_from_db()
    assert (request.status, request.answer) == (RequestStatus.ANSWERED, "Svar")
    assert recipients() == {world.persons["board"].email, world.persons["staff"].email}
    with pytest.raises(ServiceError, match="no longer waiting"):
        services.board_request_answer(
            actor=world.actor("coordination"), request=request, answer="2"
        )


@pytest.mark.django_db
def test_it_refuses_an_answer_from_another_networks_leads(world):
    request = BoardRequestFactory(network=world.other_network)
    with pytest.raises(ServiceError, match="network asked"):
        services.board_request_answer(actor=world.actor("chair"), request=request, answer="Svar")
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


@pytest.mark.django_db
def test_a_late_answer_is_recorded_as_late(world):
    request = BoardRequestFactory(network=world.network, deadline=timezone.localdate() - DAY)
    assert request.is_overdue(timezone.localdate())
    services.board_request_answer(actor=world.actor("chair"), request=request, answer="Sent")
    assert logged("board_request.answered").data == {"late": True}


@pytest.mark.django_db
def test_the_board_withdraws_a_request_with_a_reason(world):
    request = BoardRequestFactory(network=world.network)
    with pytest.raises(ServiceError, match="Say why"):
        services.board_request_withdraw(actor=world.actor("board"), request=request, reason="")
    with pytest.raises(ServiceError, match="Only the board"):
        services.board_request_withdraw(actor=world.actor("chair"), request=request, reason="x")
    services.board_request_withdraw(actor=world.actor("staff"), request=request, reason="Løst")
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


@pytest.mark.django_db
def test_nothing_crosses_to_another_organisation(world):
    from netvaerk.testing import make_world

    other = make_world("andet", other_slug="tredje")
    proposal = ProposalFactory(network=other.network, submitted=True)
    with pytest.raises(ServiceError, match="another organisation"):
        services.proposal_decide(
            actor=world.actor("board"), proposal=proposal, outcome="adopted", reason="Ja"
        )
    with pytest.raises(ServiceError, match="another organisation"):
        services.board_request_create(
            actor=world.actor("board"),
            network=other.network,
            kind="task",
            title="x",
            text="y",
            deadline=timezone.localdate() + DAY,
        )
