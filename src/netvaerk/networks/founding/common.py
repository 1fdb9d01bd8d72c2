"""What the selectors and services of proposals to start a network share: the queue's
filters, the proposer's secret link, and the helpers every step uses."""

import datetime
import functools
from collections.abc import Callable

from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netvaerk.core.access import Actor
from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notify_address, notify_persons
from netvaerk.networks.models import (
    OPEN_PROPOSAL_STATUSES,
    WAITING_PROPOSAL_STATUSES,
    NetworkProposal,
    ProposalStatus,
)
from netvaerk.organisations.models import Organisation
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
        url=detail_path,
    )
