"""Reads of proposals to start a network."""

import hmac

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from netvaerk.core.models import AuditEntry
from netvaerk.networks.founding.common import (
    _ACCESS_KEY_LENGTH,
    QUEUE_FILTERS,
    _verifier,
)
from netvaerk.networks.models import (
    OPEN_PROPOSAL_STATUSES,
    WAITING_PROPOSAL_STATUSES,
    NetworkProposal,
    NetworkProposalMessage,
    ProposalStatus,
)
from netvaerk.organisations.models import Organisation


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
