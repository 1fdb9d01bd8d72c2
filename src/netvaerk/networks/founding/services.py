"""Every write to a proposal to start a network: one service per step."""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.networks import services
from netvaerk.networks.founding.common import (
    MESSAGE_MAX,
    RATE_WINDOW,
    REASON_MAX,
    _locked,
    _mail_officers,
    _mail_proposer,
    _refuse_unless,
    _set_status,
    _text,
    ip_digest,
)
from netvaerk.networks.models import (
    OPEN_PROPOSAL_STATUSES,
    RESERVED_NETWORK_SLUGS,
    MembershipRole,
    Network,
    NetworkKind,
    NetworkProposal,
    NetworkProposalMessage,
    NetworkStatus,
    ProposalMessageSender,
    ProposalStatus,
)
from netvaerk.organisations.models import Organisation, OrgRole, Region
from netvaerk.people.models import Person


@transaction.atomic
def founding_submit(
    *,
    actor: Actor,
    name: str,
    purpose: str,
    helpers: str,
    kind: str,
    region: Region | None,
    proposer_name: str,
    proposer_email: str,
    proposer_phone: str = "",
    language: str,
    consent: bool,
    client_ip: str = "",
) -> NetworkProposal:
    """Anyone, with or without a login, proposes a new network. At most
    NETWORK_PROPOSALS_PER_DAY per e-mail address and per client in 24 hours."""
    org = actor.organisation
    if not consent:
        raise ServiceError(
            _("Agree to how we use your details, or we cannot handle your proposal."),
            field="consent",
        )
    if kind not in NetworkKind.values:
        raise ServiceError(_("Choose central or regional."), field="kind")
    if kind == NetworkKind.REGIONAL and region is None:
        raise ServiceError(_("Choose the region the network would work in."), field="region")
    if region is not None and region.organisation_id != org.pk:
        raise ServiceError(_("Choose a region of your own organisation."), field="region")
    person = actor.person
    if person is not None and person.email:
        proposer_email = person.email  # a signed-in person proposes under their own address
    proposer_email = proposer_email.strip()
    digest = ip_digest(client_ip)
    limit = settings.NETWORK_PROPOSALS_PER_DAY
    # Proposals of one organisation are counted and written one at a time, or a burst sent at
    # once would each count the same proposals and all get in. NO KEY UPDATE: it does not
    # hold up the foreign-key checks of other writes that point at the organisation.
    Organisation.objects.select_for_update(no_key=True).filter(pk=org.pk).first()
    recent = NetworkProposal.objects.filter(
        organisation=org, submitted_at__gte=timezone.now() - RATE_WINDOW
    )
    by_address = recent.filter(proposer_email__iexact=proposer_email).count()
    by_client = recent.filter(ip_digest=digest).count() if digest else 0
    if by_address >= limit or by_client >= limit:
        raise ServiceError(
            _(
                "We have received %(limit)d proposals from you in the last 24 hours, which is "
                "as many as we accept in a day. Please try again tomorrow, or write to the office."
            )
            % {"limit": limit}
        )
    now = timezone.now()
    proposal = NetworkProposal(
        organisation=org,
        name=_text(name, limit=150, field="name", empty=_("Give the network a name or topic.")),
        purpose=_text(
            purpose,
            limit=MESSAGE_MAX,
            field="purpose",
            empty=_("Tell us why the topic needs its own network."),
        ),
        helpers=_text(
            helpers, limit=2000, field="helpers", empty=_("Tell us who would help start it.")
        ),
        kind=kind,
        region=region if kind == NetworkKind.REGIONAL else None,
        proposer_name=_text(
            proposer_name, limit=200, field="proposer_name", empty=_("Give your name.")
        ),
        proposer_email=proposer_email,
        proposer_phone=proposer_phone.strip(),
        proposer_person=person,
        language=language if language in dict(settings.LANGUAGES) else org.language,
        consent_at=now,
        access_key=secrets.token_urlsafe(12),
        ip_digest=digest,
        submitted_at=now,
        status_changed_at=now,
    )
    full_clean_or_refuse(proposal)
    proposal.save()
    log_action(
        actor=actor,
        organisation=org,
        action="founding.submitted",
        obj=proposal,
        data={"kind": proposal.kind, "signed_in": person is not None},
    )
    transaction.on_commit(_mail_proposer(proposal, "networks/email/founding_received"))
    transaction.on_commit(_mail_officers(proposal, OrgRole.STAFF, "networks/email/founding_new"))
    return proposal


@transaction.atomic
def founding_ask(
    *, actor: Actor, proposal: NetworkProposal, question: str
) -> NetworkProposalMessage:
    """The office asks the proposer a question; the proposer answers through their link."""
    proposal = _locked(proposal, actor)
    _refuse_unless(
        proposal, ProposalStatus.RECEIVED, ProposalStatus.QUESTIONS, ProposalStatus.ANSWERED
    )
    body = _text(question, limit=MESSAGE_MAX, field="question", empty=_("Write your question."))
    now = timezone.now()
    message = NetworkProposalMessage.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        sender=ProposalMessageSender.OFFICE,
        author=actor.person,
        body=body,
        created_at=now,
    )
    _set_status(proposal, ProposalStatus.QUESTIONS, now)
    proposal.save(update_fields=["status", "status_changed_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.question_asked",
        obj=proposal,
        data={"message": message.pk},
    )
    transaction.on_commit(
        _mail_proposer(proposal, "networks/email/founding_question", question=body)
    )
    return message


@transaction.atomic
def founding_answer(
    *, actor: Actor, proposal: NetworkProposal, answer: str
) -> NetworkProposalMessage:
    """The proposer (whoever holds the secret link) answers the office's questions."""
    proposal = _locked(proposal, actor)
    if proposal.status != ProposalStatus.QUESTIONS:
        if proposal.status == ProposalStatus.ANSWERED:
            raise ServiceError(
                _(
                    "You have already answered. The office will be in touch if it has "
                    "more questions."
                )
            )
        if proposal.is_open:
            raise ServiceError(_("There is no open question to answer."))
        _refuse_unless(proposal)
    body = _text(answer, limit=MESSAGE_MAX, field="answer", empty=_("Write your answer."))
    now = timezone.now()
    message = NetworkProposalMessage.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        sender=ProposalMessageSender.PROPOSER,
        author=proposal.proposer_person,
        body=body,
        created_at=now,
    )
    _set_status(proposal, ProposalStatus.ANSWERED, now)
    proposal.save(update_fields=["status", "status_changed_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.answered",
        obj=proposal,
        data={"message": message.pk},
    )
    transaction.on_commit(
        _mail_officers(proposal, OrgRole.STAFF, "networks/email/founding_answered")
    )
    return message


@transaction.atomic
def founding_reject(*, actor: Actor, proposal: NetworkProposal, reason: str) -> NetworkProposal:
    """The office turns a proposal down before it reaches the board, saying why."""
    proposal = _locked(proposal, actor)
    _refuse_unless(
        proposal, ProposalStatus.RECEIVED, ProposalStatus.QUESTIONS, ProposalStatus.ANSWERED
    )
    why = _text(reason, limit=REASON_MAX, field="reason", empty=_("Give the proposer a reason."))
    now = timezone.now()
    _set_status(proposal, ProposalStatus.REJECTED, now)
    proposal.decided_at = now
    proposal.decided_by = actor.person
    proposal.decision_reason = why
    proposal.save(
        update_fields=["status", "status_changed_at", "decided_at", "decided_by", "decision_reason"]
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.rejected",
        obj=proposal,
        reason=why,
    )
    transaction.on_commit(
        _mail_proposer(proposal, "networks/email/founding_rejected", by_board=False)
    )
    return proposal


@transaction.atomic
def founding_refer(
    *,
    actor: Actor,
    proposal: NetworkProposal,
    name: str,
    slug: str,
    kind: str,
    region: Region | None,
    purpose: str,
    note: str = "",
) -> NetworkProposal:
    """The office puts the proposal to the board and prepares the network, with status
    "proposed": not in the directory, and visible only to the office, board and its leads."""
    proposal = _locked(proposal, actor)
    _refuse_unless(
        proposal, ProposalStatus.RECEIVED, ProposalStatus.QUESTIONS, ProposalStatus.ANSWERED
    )
    if len(note.strip()) > REASON_MAX:
        raise ServiceError(
            _("Keep it under %(limit)d characters.") % {"limit": REASON_MAX}, field="note"
        )
    network = services.network_create(
        actor=actor,
        name=name,
        slug=slug,
        kind=kind,
        region=region,
        purpose=purpose,
        status=NetworkStatus.PROPOSED,
    )
    now = timezone.now()
    _set_status(proposal, ProposalStatus.WITH_BOARD, now)
    proposal.network = network
    proposal.referred_at = now
    proposal.referred_by = actor.person
    proposal.referral_note = note.strip()
    proposal.save(
        update_fields=[
            "status",
            "status_changed_at",
            "network",
            "referred_at",
            "referred_by",
            "referral_note",
        ]
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.referred_to_board",
        obj=proposal,
        data={"network": network.pk},
        reason=proposal.referral_note,
    )
    transaction.on_commit(_mail_proposer(proposal, "networks/email/founding_with_board"))
    transaction.on_commit(
        _mail_officers(proposal, OrgRole.BOARD, "networks/email/founding_for_board")
    )
    return proposal


def _proposer_in_organisation(proposal: NetworkProposal) -> Person | None:
    """The proposer's person here: the one who was signed in, else the only one with the
    address they gave."""
    person = proposal.proposer_person
    if person is not None and person.organisation_id == proposal.organisation_id:
        return person
    matches = list(
        Person.objects.filter(
            organisation_id=proposal.organisation_id, email__iexact=proposal.proposer_email
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def _network_fields(network: Network, status: str) -> dict:
    return {
        "name": network.name,
        "kind": network.kind,
        "central": network.central,
        "region": network.region,
        "purpose": network.purpose,
        "audience": network.audience,
        "contact_email": network.contact_email,
        "join_policy": network.join_policy,
        "status": status,
    }


@transaction.atomic
def founding_decide(
    *, actor: Actor, proposal: NetworkProposal, approve: bool, reason: str = ""
) -> NetworkProposal:
    """The board's decision, or staff recording it on the board's behalf. Approval makes the
    network active with the proposer as its first member (role: member; the network chooses
    its chair); rejection closes the prepared network."""
    proposal = _locked(proposal, actor)
    _refuse_unless(proposal, ProposalStatus.WITH_BOARD)
    for_board = not actor.has_role(OrgRole.BOARD)
    why = reason.strip()
    if not why and not approve:
        raise ServiceError(_("Give the proposer the board's reason."), field="reason")
    if not why and for_board:
        raise ServiceError(
            _(
                "Name the board decision you are recording, e.g. the board meeting of "
                "12 March 2026, item 4."
            ),
            field="reason",
        )
    if len(why) > REASON_MAX:
        raise ServiceError(
            _("Keep it under %(limit)d characters.") % {"limit": REASON_MAX}, field="reason"
        )
    network = proposal.network
    assert network is not None  # put to the board means prepared
    now = timezone.now()
    status = NetworkStatus.ACTIVE if approve else NetworkStatus.CLOSED
    services.network_update(actor=actor, network=network, **_network_fields(network, status))
    if approve:
        person = _proposer_in_organisation(proposal)
        if person is not None:
            proposal.proposer_membership = services.membership_add(
                actor=actor, network=network, person=person, role=MembershipRole.MEMBER
            )
    _set_status(proposal, ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED, now)
    proposal.decided_at = now
    proposal.decided_by = actor.person
    proposal.decided_for_board = for_board
    proposal.decision_reason = why
    proposal.save(
        update_fields=[
            "status",
            "status_changed_at",
            "decided_at",
            "decided_by",
            "decided_for_board",
            "decision_reason",
            "proposer_membership",
        ]
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.approved" if approve else "founding.rejected_by_board",
        obj=proposal,
        data={
            "network": network.pk,
            "for_board": for_board,
            "proposer_added": proposal.proposer_membership_id is not None,
        },
        reason=why,
    )
    template = "networks/email/founding_approved" if approve else "networks/email/founding_rejected"
    transaction.on_commit(_mail_proposer(proposal, template, by_board=True))
    return proposal


@transaction.atomic
def founding_withdraw(
    *, actor: Actor, proposal: NetworkProposal, reason: str = ""
) -> NetworkProposal:
    """The proposer withdraws, at any time before the decision. A network prepared for the
    board is closed; nothing is deleted."""
    proposal = _locked(proposal, actor)
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ServiceError(_("You have already withdrawn this proposal."))
    _refuse_unless(proposal, *OPEN_PROPOSAL_STATUSES)
    why = reason.strip()
    if len(why) > REASON_MAX:
        raise ServiceError(
            _("Keep it under %(limit)d characters.") % {"limit": REASON_MAX}, field="reason"
        )
    now = timezone.now()
    was_with_board = proposal.status == ProposalStatus.WITH_BOARD
    if proposal.network is not None:
        network = proposal.network
        services.network_update(
            actor=actor, network=network, **_network_fields(network, NetworkStatus.CLOSED)
        )
    _set_status(proposal, ProposalStatus.WITHDRAWN, now)
    proposal.withdrawn_at = now
    proposal.withdrawal_reason = why
    proposal.save(
        update_fields=["status", "status_changed_at", "withdrawn_at", "withdrawal_reason"]
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="founding.withdrawn",
        obj=proposal,
        reason=why,
    )
    transaction.on_commit(_mail_proposer(proposal, "networks/email/founding_withdrawn"))
    # Those who were working on it are told they can stop.
    office = "networks/email/founding_withdrawn_office"
    transaction.on_commit(_mail_officers(proposal, OrgRole.STAFF, office))
    if was_with_board:
        transaction.on_commit(_mail_officers(proposal, OrgRole.BOARD, office))
    return proposal


def suggested_slug(proposal: NetworkProposal) -> str:
    """An address for the network to be prepared, from the proposed name."""
    base = slugify(proposal.name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[
        :60
    ]
    base = base.strip("-") or "netvaerk"
    if base in RESERVED_NETWORK_SLUGS:
        base = f"{base}-netvaerk"
    return base
