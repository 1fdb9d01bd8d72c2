"""Who may see and run programmes. The office runs them, with the programme's owners; the
board reads them and receives the status reports; a branch lead sees the focused support of
their own branch. Predicates take (actor, programme) or (actor, an object of a programme)."""

from typing import TYPE_CHECKING, Any

import rules

from netvaerk.networks.rules import is_board, is_office, is_person

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.programmes.models import Programme


def _programme(obj: Any) -> "Programme":
    name = obj.__class__.__name__
    if name == "Programme":
        return obj
    if name == "CaseEntry":
        return obj.supported.programme
    return obj.programme


@rules.predicate
def owns_programme(actor: "Actor", obj: Any) -> bool:
    if obj is None or actor.person is None:
        return False
    programme = _programme(obj)
    return programme.owners.filter(pk=actor.person.pk).exists()


@rules.predicate
def leads_supported_branch(actor: "Actor", obj: Any) -> bool:
    """A branch lead, for their own branch's place in the focused-support track (asked of a
    whole programme, no branch lead qualifies: they see only their own branch's page)."""
    branch_id = getattr(obj, "branch_id", None)
    return branch_id is not None and actor.leads_branch(branch_id)


@rules.predicate
def report_is_draft(actor: "Actor", report: Any) -> bool:
    return report is not None and report.is_draft


runs_programme = is_office | owns_programme

# Any person may open the list; it shows only the programmes they may see.
rules.add_rule("programmes.view_list", is_person)
rules.add_rule("programmes.create", is_office)
rules.add_rule("programmes.view", is_office | is_board | owns_programme)
rules.add_rule("programmes.edit", runs_programme)
rules.add_rule("programmes.manage_support", runs_programme)
rules.add_rule("programmes.view_support", runs_programme | is_board | leads_supported_branch)
rules.add_rule("programmes.view_reports", runs_programme | is_board)
rules.add_rule("programmes.edit_report", runs_programme & report_is_draft)
rules.add_rule("programmes.send_report", runs_programme & report_is_draft)


# --- status reports (reports helper) ------------------------------------------------------


@rules.predicate
def report_is_sent(actor: "Actor", report: Any) -> bool:
    return report is not None and not report.is_draft


# One report: those who run the programme read drafts and sent reports; the board reads a
# report once it has been sent to it.
rules.add_rule("programmes.view_report", runs_programme | (is_board & report_is_sent))
