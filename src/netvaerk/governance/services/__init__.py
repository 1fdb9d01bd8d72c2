"""Every write in the network–board relation goes through here. Each service checks the
actor's right itself as well (a refusal reads as a ServiceError), writes the audit log with
the reason, and e-mails those concerned once the transaction has committed."""

from netvaerk.governance.models import PENDING_PROPOSAL_STATUSES
from netvaerk.governance.services.proposals import (
    ALLOWED_ATTACHMENTS,
    DECISIONS,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    check_attachment,
    proposal_attach,
    proposal_create,
    proposal_decide,
    proposal_detach,
    proposal_handle,
    proposal_note_add,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from netvaerk.governance.services.requests import (
    board_request_answer,
    board_request_create,
    board_request_withdraw,
)
from netvaerk.governance.services.rules import (
    rules_decide,
    rules_draft_save,
    rules_submit,
    rules_withdraw,
)

__all__ = [
    "ALLOWED_ATTACHMENTS",
    "DECISIONS",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "PENDING_PROPOSAL_STATUSES",
    "board_request_answer",
    "board_request_create",
    "board_request_withdraw",
    "check_attachment",
    "proposal_attach",
    "proposal_create",
    "proposal_decide",
    "proposal_detach",
    "proposal_handle",
    "proposal_note_add",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "rules_decide",
    "rules_draft_save",
    "rules_submit",
    "rules_withdraw",
]
