from django import template
from django.utils.translation import gettext_lazy as _

from netvaerk.core.models import AuditEntry

register = template.Library()

# The audit log's action codes as the history on a page reads them.
ACTION_LABELS = {
    "rules.drafted": _("started the draft"),
    "rules.edited": _("edited the draft"),
    "rules.submitted": _("submitted the rules to the board"),
    "rules.withdrawn": _("withdrew the rules"),
    "rules.approved": _("approved the rules"),
    "rules.returned": _("returned the rules to the network"),
    "proposal.drafted": _("started the draft"),
    "proposal.edited": _("edited the draft"),
    "proposal.attachment_added": _("attached a file"),
    "proposal.attachment_removed": _("removed an attachment"),
    "proposal.attachment_downloaded": _("downloaded an attachment"),
    "proposal.submitted": _("submitted the proposal to the board"),
    "proposal.withdrawn": _("withdrew the proposal"),
    "proposal.handled": _("set who prepares it and when the network gets an answer"),
    "proposal.note_added": _("added a private note"),
    "proposal.adopted": _("recorded the board's decision: adopted"),
    "proposal.adopted_changed": _("recorded the board's decision: adopted with changes"),
    "proposal.rejected": _("recorded the board's decision: rejected"),
    "board_request.created": _("asked the network"),
    "board_request.answered": _("answered the board"),
    "board_request.withdrawn": _("withdrew the request"),
}


@register.filter
def action_label(entry: AuditEntry) -> str:
    return str(ACTION_LABELS.get(entry.action, entry.action))
