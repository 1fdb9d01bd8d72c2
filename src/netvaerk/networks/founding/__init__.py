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

from netvaerk.networks.founding.common import (
    HISTORY_LABELS,
    MESSAGE_MAX,
    QUEUE_FILTERS,
    QUEUE_PAGE_SIZE,
    RATE_WINDOW,
    REASON_MAX,
    founding_status_path,
    founding_token,
    ip_digest,
)
from netvaerk.networks.founding.selectors import (
    founding_by_token,
    founding_history,
    founding_messages,
    founding_proposals_for_board,
    founding_queue,
    founding_queue_count,
)
from netvaerk.networks.founding.services import (
    founding_answer,
    founding_ask,
    founding_decide,
    founding_refer,
    founding_reject,
    founding_submit,
    founding_withdraw,
    suggested_slug,
)

__all__ = [
    "HISTORY_LABELS",
    "MESSAGE_MAX",
    "QUEUE_FILTERS",
    "QUEUE_PAGE_SIZE",
    "RATE_WINDOW",
    "REASON_MAX",
    "founding_answer",
    "founding_ask",
    "founding_by_token",
    "founding_decide",
    "founding_history",
    "founding_messages",
    "founding_proposals_for_board",
    "founding_queue",
    "founding_queue_count",
    "founding_refer",
    "founding_reject",
    "founding_status_path",
    "founding_submit",
    "founding_token",
    "founding_withdraw",
    "ip_digest",
    "suggested_slug",
]
