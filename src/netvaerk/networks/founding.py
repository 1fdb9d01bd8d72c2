"""Proposals to start a new network: every write (services) and read (selectors).

The workflow (issue "Proposal to start a new network"; seed 000, "Mangler der et netværk?"):

    received → (questions ⇄ answered) → with the board → approved | rejected
    received, questions, answered → rejected by the office
    any state before the decision → withdrawn by the proposer

Anyone may propose, also without a login. The office (staff, org admins) triages: asks the
proposer questions, rejects with a reason, or puts the proposal to the board, which prepares
the network with status "proposed" (hidden from the directory). The board (or staff on its
behalf) decides: approval makes the network active with the proposer as its first member;
rejection closes it. The proposer follows every step through a secret link and by e-mail."""

import datetime
import functools
import hmac
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.core.mail import notify_address, notify_persons
from netvaerk.core.models import AuditEntry
from netvaerk.networks import services
from netvaerk.networks.models import (
    OPEN_PROPOSAL_STATUSES,
    RESERVED_NETWORK_SLUGS,
    WAITING_PROPOSAL_STATUSES,
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

QUEUE_PAGE_SIZE = 25
MESSAGE_MAX = 3000
REASON_MAX = 2000
RATE_WINDOW = datetime.timedelta(hours=24)

_ACCESS_KEY_LENGTH = 16  # secrets.token_urlsafe(12)
_TOKEN_SALT = "netvaerk.networks.founding.token"
_IP_SALT = "netvaerk.networks.founding.ip"

# The queue's filters: name -> the statuses it shows.
QUEUE_FILTERS: dict[str, tuple[str, ...]] = {
    "open": OPEN_PROPOSAL_STATUSES,
    "waiting": WAITING_PROPOSAL_STATUSES,
    "questions": (ProposalStatus.QUESTIONS,),
    "with_board": (ProposalStatus.WITH_BOARD,),
    "approved": (ProposalStatus.APPROVED,),
    "rejected": (ProposalStatus.REJECTED,),
    "withdrawn": (ProposalStatus.WITHDRAWN,),
    "all": tuple(ProposalStatus.values),
}


# What each step is called on the proposal's page (the audit log's action names).
HISTORY_LABELS = {
    "founding.submitted": _lazy("Proposal sent"),
    "founding.question_asked": _lazy("Question asked"),
    "founding.answered": _lazy("Proposer answered"),
    "founding.rejected": _lazy("Rejected by the office"),
    "founding.referred_to_board": _lazy("Put to the board"),
    "founding.approved": _lazy("Approved by the board"),
    "founding.rejected_by_board": _lazy("Rejected by the board"),
    "founding.withdrawn": _lazy("Withdrawn by the proposer"),
}


# --- the proposer's secret link --------------------------------------------------------


def _verifier(access_key: str) -> str:
    return salted_hmac(_TOKEN_SALT, access_key, algorithm="sha256").hexdigest()[:32]


def founding_token(proposal: NetworkProposal) -> str:
    """The secret part of the proposer's link: the public key and a MAC of it."""
    return f"{proposal.access_key}{_verifier(proposal.access_key)}"


def founding_status_path(proposal: NetworkProposal) -> str:
    return reverse(
        "networks:proposal_status",
        kwargs={"org": proposal.organisation.slug, "token": founding_token(proposal)},
    )


def ip_digest(client_ip: str) -> str:
    """What is kept of a client's IP address: an HMAC with SECRET_KEY, never the address."""
    return salted_hmac(_IP_SALT, client_ip, algorithm="sha256").hexdigest() if client_ip else ""


# --- selectors -------------------------------------------------------------------------


def founding_by_token(*, organisation: Organisation, token: str) -> NetworkProposal | None:
    """The proposal the link is for, or None; the secret part is compared in constant time."""
    access_key, verifier = token[:_ACCESS_KEY_LENGTH], token[_ACCESS_KEY_LENGTH:]
    if len(access_key) != _ACCESS_KEY_LENGTH or not verifier:
        return None
    proposal = (
        NetworkProposal.objects.filter(organisation=organisation, access_key=access_key)
        .select_related("region", "network", "organisation")
        .first()
    )
    if proposal is None or not hmac.compare_digest(verifier, _verifier(access_key)):
        return None
    return proposal


def founding_queue(
    *, organisation: Organisation, status: str = "open"
) -> QuerySet[NetworkProposal]:
    """The office's queue, oldest first, in a fixed number of queries."""
    statuses = QUEUE_FILTERS.get(status, OPEN_PROPOSAL_STATUSES)
    return (
        NetworkProposal.objects.filter(organisation=organisation, status__in=statuses)
        .select_related("region", "network")
        .order_by("submitted_at", "id")
    )


def founding_queue_count(*, organisation: Organisation) -> int:
    """Proposals waiting for the office to act: new ones, and those whose proposer answered."""
    return NetworkProposal.objects.filter(
        organisation=organisation, status__in=WAITING_PROPOSAL_STATUSES
    ).count()


def founding_proposals_for_board(*, organisation: Organisation) -> QuerySet[NetworkProposal]:
    """Proposals with the board for its decision, the longest waiting first."""
    return (
        NetworkProposal.objects.filter(organisation=organisation, status=ProposalStatus.WITH_BOARD)
        .select_related("region", "network", "referred_by")
        .order_by("referred_at", "id")
    )


def founding_messages(*, proposal: NetworkProposal) -> QuerySet[NetworkProposalMessage]:
    return proposal.messages.select_related("author").order_by("created_at", "id")


def founding_history(*, proposal: NetworkProposal) -> QuerySet[AuditEntry]:
    """Every step taken on the proposal, from the audit log: who, when, what and why."""
    return (
        AuditEntry.objects.filter(
            organisation_id=proposal.organisation_id,
            content_type=ContentType.objects.get_for_model(NetworkProposal),
            object_id=str(proposal.pk),
        )
        .select_related("actor_person")
        .order_by("created_at", "id")
    )


# --- helpers ---------------------------------------------------------------------------


def _locked(proposal: NetworkProposal, actor: Actor) -> NetworkProposal:
    locked = (
        # Only the proposal's row: PostgreSQL cannot lock the outer-joined region or network.
        NetworkProposal.objects.select_for_update(of=("self",))
        .select_related("organisation", "region", "network", "proposer_person")
        .get(pk=proposal.pk)
    )
    if locked.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That proposal belongs to another organisation."))
    return locked


def _refuse_unless(proposal: NetworkProposal, *allowed: str) -> None:
    """A clear refusal when the proposal is not in a state that allows the step."""
    if proposal.status in allowed:
        return
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ServiceError(_("The proposer has withdrawn this proposal."))
    if proposal.status in (ProposalStatus.APPROVED, ProposalStatus.REJECTED):
        raise ServiceError(_("This proposal has already been decided."))
    if proposal.status == ProposalStatus.WITH_BOARD:
        raise ServiceError(_("This proposal is with the board, which has not yet decided."))
    raise ServiceError(_("This proposal is not with the board."))


def _text(value: str, *, limit: int, field: str, empty: str) -> str:
    value = value.strip()
    if not value:
        raise ServiceError(empty, field=field)
    if len(value) > limit:
        raise ServiceError(_("Keep it under %(limit)d characters.") % {"limit": limit}, field=field)
    return value


def _set_status(proposal: NetworkProposal, status: str, now: datetime.datetime) -> None:
    proposal.status = status
    proposal.status_changed_at = now


def _persons_with_role(organisation: Organisation, role: str) -> list[Person]:
    return list(
        Person.objects.filter(
            organisation=organisation,
            role_assignments__role=role,
            role_assignments__ended_at__isnull=True,
        ).distinct()
    )


def _mail_proposer(
    proposal: NetworkProposal, template: str, **extra: object
) -> Callable[[], object]:
    """The e-mail to the proposer: to their person (in its language) if they have one here,
    else to the address they gave, in the language they used the form in."""
    context = {
        "proposal": proposal,
        "organisation": proposal.organisation,
        "status_path": founding_status_path(proposal),
        **extra,
    }
    person = proposal.proposer_person
    if person is not None and person.email:
        return functools.partial(
            notify_persons, persons=[person], template=template, context=context
        )
    return functools.partial(
        notify_address,
        to=proposal.proposer_email,
        language=proposal.language,
        template=template,
        context=context,
        organisation=proposal.organisation,
    )


def _mail_officers(proposal: NetworkProposal, role: str, template: str) -> Callable[[], object]:
    recipients = _persons_with_role(proposal.organisation, role)
    detail_path = reverse(
        "networks:proposal_detail",
        kwargs={"org": proposal.organisation.slug, "proposal_id": proposal.pk},
    )
    return functools.partial(
        notify_persons,
        persons=recipients,
        template=template,
        context={"proposal": proposal, "detail_path": detail_path},
    )


# --- services --------------------------------------------------------------------------


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
