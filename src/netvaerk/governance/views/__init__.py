"""Pages of the network–board relation. Views only read the request, ask the access helpers
and services, and render; every rule and write lives in rules.py and services.py."""

from netvaerk.governance.views.board import (
    board_overview,
    board_request_new,
    board_requests,
    network_request_new,
    proposal_queue,
)
from netvaerk.governance.views.proposals import (
    attachment_add,
    attachment_download,
    attachment_remove,
    network_proposals,
    proposal_decide,
    proposal_detail,
    proposal_edit,
    proposal_handle,
    proposal_new,
    proposal_note,
    proposal_submit,
    proposal_withdraw,
)
from netvaerk.governance.views.requests import (
    network_requests,
    request_answer,
    request_detail,
    request_withdraw,
)
from netvaerk.governance.views.rules import (
    rules_compare,
    rules_decide,
    rules_edit,
    rules_page,
    rules_submit,
    rules_version,
    rules_withdraw,
)

__all__ = [
    "attachment_add",
    "attachment_download",
    "attachment_remove",
    "board_overview",
    "board_request_new",
    "board_requests",
    "network_proposals",
    "network_request_new",
    "network_requests",
    "proposal_decide",
    "proposal_detail",
    "proposal_edit",
    "proposal_handle",
    "proposal_new",
    "proposal_note",
    "proposal_queue",
    "proposal_submit",
    "proposal_withdraw",
    "request_answer",
    "request_detail",
    "request_withdraw",
    "rules_compare",
    "rules_decide",
    "rules_edit",
    "rules_page",
    "rules_submit",
    "rules_version",
    "rules_withdraw",
]
