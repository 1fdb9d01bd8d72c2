"""Proposals from a network to the board, their attachments, and the board's handling and
decision."""

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.governance import selectors
from netvaerk.governance.models import (
    PENDING_PROPOSAL_STATUSES,
    Proposal,
    ProposalAttachment,
    ProposalKind,
    ProposalNote,
    ProposalStatus,
)
from netvaerk.governance.services.common import (
    _notify,
    _text,
)
from netvaerk.networks.models import Network
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
# Extension → the content types browsers send for it, and the first bytes the file must have
# (None where the format has no reliable signature). The extension alone is never trusted.
ALLOWED_ATTACHMENTS: dict[str, tuple[frozenset[str], tuple[bytes, ...] | None]] = {
    "pdf": (frozenset({"application/pdf"}), (b"%PDF-",)),
    "docx": (
        frozenset(
            {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/octet-stream",
                "application/zip",
            }
        ),
        (b"PK\x03\x04",),
    ),
    "odt": (
        frozenset(
            {
                "application/vnd.oasis.opendocument.text",
                "application/octet-stream",
                "application/zip",
            }
        ),
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        frozenset(
            {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/octet-stream",
                "application/zip",
            }
        ),
        (b"PK\x03\x04",),
    ),
    "png": (frozenset({"image/png"}), (b"\x89PNG\r\n\x1a\n",)),
    "jpg": (frozenset({"image/jpeg"}), (b"\xff\xd8\xff",)),
    "jpeg": (frozenset({"image/jpeg"}), (b"\xff\xd8\xff",)),
    "txt": (frozenset({"text/plain"}), None),
    "md": (frozenset({"text/markdown", "text/plain", "application/octet-stream"}), None),
}


def _check_proposal_fields(kind: str, title: str, text: str) -> tuple[str, str]:
    if kind not in ProposalKind.values:
        raise ServiceError(_("Choose what kind of proposal this is."), field="kind")
    title = _text(title, field="title", message=_("Give the proposal a title."))
    if len(title) > 200:
        raise ServiceError(_("Keep the title under 200 characters."), field="title")
    return title, (text or "").strip()


@transaction.atomic
def proposal_create(
    *, actor: Actor, network: Network, kind: str, title: str, text: str = "", rationale: str = ""
) -> Proposal:
    same_organisation(actor, network)
    require(
        actor,
        "governance.create_proposal",
        network,
        _("Only the chair and coordination group of an active network write its proposals."),
    )
    title, text = _check_proposal_fields(kind, title, text)
    now = timezone.now()
    proposal = Proposal.objects.create(
        organisation=network.organisation,
        network=network,
        kind=kind,
        title=title,
        text=text,
        rationale=rationale.strip(),
        created_by=actor.person,
        created_at=now,
        updated_at=now,
    )
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="proposal.drafted",
        obj=proposal,
        data={"network": network.slug},
    )
    return proposal


def _lock_proposal(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("network").get(pk=proposal.pk)


@transaction.atomic
def proposal_update(
    *, actor: Actor, proposal: Proposal, kind: str, title: str, text: str, rationale: str
) -> Proposal:
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.edit_proposal",
        proposal,
        _("A proposal can only be changed by the network's leads while it is a draft."),
    )
    proposal.title, proposal.text = _check_proposal_fields(kind, title, text)
    proposal.kind = kind
    proposal.rationale = rationale.strip()
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=["kind", "title", "text", "rationale", "updated_at"])
    log_action(
        actor=actor, organisation=proposal.organisation, action="proposal.edited", obj=proposal
    )
    return proposal


def check_attachment(upload: UploadedFile) -> str:
    """Refuse what the board should not have to open: too large, an unknown type, or a file
    whose content is not what its name says. Returns the normalised extension."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ALLOWED_ATTACHMENTS.get(extension)
    if allowed is None:
        raise ServiceError(
            _(
                "Attach PDF, Word (.docx), OpenDocument (.odt), Excel (.xlsx), PNG, JPEG "
                "or text files."
            ),
            field="file",
        )
    if upload.size is None or upload.size == 0:
        raise ServiceError(_("The file is empty."), field="file")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_ATTACHMENT_BYTES // 2**20},
            field="file",
        )
    content_types, signatures = allowed
    content_type = (upload.content_type or "application/octet-stream").split(";")[0].strip()
    if content_type not in content_types:
        raise ServiceError(_("The file's type does not match its name."), field="file")
    if signatures is not None:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ServiceError(_("The file's content does not match its name."), field="file")
    return extension


@transaction.atomic
def proposal_attach(
    *, actor: Actor, proposal: Proposal, upload: UploadedFile
) -> ProposalAttachment:
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.edit_proposal",
        proposal,
        _("Attachments can only be added by the network's leads while the proposal is a draft."),
    )
    check_attachment(upload)
    if proposal.attachments.filter(withdrawn_at__isnull=True).count() >= MAX_ATTACHMENTS:
        raise ServiceError(
            _("A proposal can have at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS},
            field="file",
        )
    name = (upload.name or "").replace("/", "_").replace("\\", "_")[-200:]
    attachment = ProposalAttachment(
        organisation=proposal.organisation,
        proposal=proposal,
        name=name,
        size=upload.size or 0,
        content_type=(upload.content_type or "application/octet-stream")[:100],
        uploaded_by=actor.person,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    log_action(
        actor=actor,
        organisation=proposal.organisation,
        action="proposal.attachment_added",
        obj=proposal,
        data={"attachment": attachment.pk, "name": name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def proposal_detach(*, actor: Actor, attachment: ProposalAttachment) -> None:
    same_organisation(actor, attachment)
    proposal = _lock_proposal(attachment.proposal)
    require(
        actor,
        "governance.edit_proposal",
        proposal,
        _("Attachments can only be removed by the network's leads while the proposal is a draft."),
    )
    if attachment.withdrawn_at is not None:
        raise ServiceError(_("That attachment has already been removed."))
    attachment.withdrawn_at = timezone.now()
    attachment.save(update_fields=["withdrawn_at"])
    log_action(
        actor=actor,
        organisation=proposal.organisation,
        action="proposal.attachment_removed",
        obj=proposal,
        data={"attachment": attachment.pk, "name": attachment.name},
    )


@transaction.atomic
def proposal_submit(*, actor: Actor, proposal: Proposal) -> Proposal:
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.edit_proposal",
        proposal,
        _("Only the network's leads submit a draft proposal."),
    )
    if not proposal.title.strip() or not proposal.text.strip():
        raise ServiceError(_("Write the proposal itself before submitting it to the board."))
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor.person
    proposal.save(update_fields=["status", "submitted_at", "submitted_by"])
    log_action(
        actor=actor, organisation=proposal.organisation, action="proposal.submitted", obj=proposal
    )
    _notify(
        selectors.board_and_office(organisation=proposal.organisation),
        "proposal_submitted",
        about=proposal,
        proposal=proposal,
        network=proposal.network,
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Actor, proposal: Proposal, reason: str = "") -> Proposal:
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.withdraw_proposal",
        proposal,
        _("Only the network's leads can withdraw its proposal."),
    )
    if proposal.status not in (ProposalStatus.DRAFT, *PENDING_PROPOSAL_STATUSES):
        raise ServiceError(_("The board has already decided on this proposal."))
    was_with_board = proposal.status in PENDING_PROPOSAL_STATUSES
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.withdrawn_at = timezone.now()
    proposal.withdrawal_reason = reason.strip()
    proposal.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    log_action(
        actor=actor,
        organisation=proposal.organisation,
        action="proposal.withdrawn",
        obj=proposal,
        reason=proposal.withdrawal_reason,
    )
    if was_with_board:
        _notify(
            selectors.board_and_office(organisation=proposal.organisation),
            "proposal_withdrawn",
            about=proposal,
            proposal=proposal,
            network=proposal.network,
        )
    return proposal


def _board_member(actor: Actor, person: Person | None) -> Person | None:
    if person is None:
        return None
    is_member = selectors.persons_with_role(
        organisation=actor.organisation, roles=(OrgRole.BOARD,)
    ).filter(pk=person.pk)
    if person.organisation_id != actor.organisation.pk or not is_member.exists():
        raise ServiceError(
            _("Choose a member of the board to prepare the proposal."), field="preparer"
        )
    return person


@transaction.atomic
def proposal_handle(
    *,
    actor: Actor,
    proposal: Proposal,
    preparer: Person | None,
    answer_due: datetime.date | None,
) -> Proposal:
    """The board takes a proposal up: who prepares it, and by when the network will have
    its answer. Called again, it changes either; the network is told of a new date."""
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.handle_proposal",
        proposal,
        _("Only the board, or the office on its behalf, handles proposals."),
    )
    if not proposal.is_pending:
        raise ServiceError(_("This proposal is no longer waiting for the board."))
    preparer = _board_member(actor, preparer)
    if answer_due is not None and answer_due < today() and answer_due != proposal.answer_due:
        raise ServiceError(_("The answer date cannot be in the past."), field="answer_due")
    new_preparer = preparer is not None and preparer.pk != proposal.preparer_id
    new_date = answer_due != proposal.answer_due
    proposal.preparer = preparer
    proposal.answer_due = answer_due
    proposal.status = ProposalStatus.UNDER_CONSIDERATION
    proposal.save(update_fields=["preparer", "answer_due", "status"])
    log_action(
        actor=actor,
        organisation=proposal.organisation,
        action="proposal.handled",
        obj=proposal,
        data={
            "preparer": preparer.pk if preparer else None,
            "answer_due": answer_due.isoformat() if answer_due else None,
        },
    )
    if new_preparer and preparer is not None:
        _notify(
            [preparer],
            "proposal_assigned",
            about=proposal,
            proposal=proposal,
            network=proposal.network,
        )
    if new_date and answer_due is not None:
        _notify(
            selectors.network_leads_and_coordinator(network=proposal.network, today=today()),
            "proposal_answer_date",
            about=proposal,
            proposal=proposal,
            network=proposal.network,
        )
    return proposal


@transaction.atomic
def proposal_note_add(*, actor: Actor, proposal: Proposal, text: str) -> ProposalNote:
    same_organisation(actor, proposal)
    require(
        actor,
        "governance.handle_proposal",
        proposal,
        _("Only the board and the office keep notes on proposals."),
    )
    text = _text(text, field="text", message=_("Write the note before saving it."))
    note = ProposalNote.objects.create(
        organisation=proposal.organisation, proposal=proposal, author=actor.person, text=text
    )
    # The note's text stays out of the log: it is the board's, and the log is read more widely.
    log_action(
        actor=actor, organisation=proposal.organisation, action="proposal.note_added", obj=proposal
    )
    return note


DECISIONS = (
    ProposalStatus.ADOPTED,
    ProposalStatus.ADOPTED_WITH_CHANGES,
    ProposalStatus.REJECTED,
)


@transaction.atomic
def proposal_decide(
    *,
    actor: Actor,
    proposal: Proposal,
    outcome: str,
    reason: str,
    reference: str = "",
    adopted_text: str = "",
) -> Proposal:
    same_organisation(actor, proposal)
    proposal = _lock_proposal(proposal)
    require(
        actor,
        "governance.handle_proposal",
        proposal,
        _("Only the board, or the office on its behalf, decides on proposals."),
    )
    if proposal.is_decided:
        raise ServiceError(_("The board has already decided on this proposal."))
    if not proposal.is_pending:
        raise ServiceError(_("This proposal is not waiting for a decision."))
    if outcome not in DECISIONS:
        raise ServiceError(_("Choose the board's decision."), field="outcome")
    reason = _text(
        reason, field="reason", message=_("Give the board's reasoning; the network will read it.")
    )
    adopted_text = adopted_text.strip()
    if outcome == ProposalStatus.ADOPTED_WITH_CHANGES and not adopted_text:
        raise ServiceError(_("Write the text as the board adopted it."), field="adopted_text")
    proposal.status = outcome
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor.person
    proposal.decision_reason = reason
    proposal.decision_reference = reference.strip()[:200]
    proposal.adopted_text = adopted_text if outcome == ProposalStatus.ADOPTED_WITH_CHANGES else ""
    proposal.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "decision_reason",
            "decision_reference",
            "adopted_text",
        ]
    )
    log_action(
        actor=actor,
        organisation=proposal.organisation,
        action=f"proposal.{outcome}",
        obj=proposal,
        data={"reference": proposal.decision_reference},
        reason=reason,
    )
    _notify(
        selectors.network_leads_and_coordinator(network=proposal.network, today=today()),
        "proposal_decided",
        about=proposal,
        proposal=proposal,
        network=proposal.network,
    )
    return proposal
