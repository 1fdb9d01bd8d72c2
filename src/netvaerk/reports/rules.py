"""Who may do what with annual reports. Every predicate takes (actor, obj), where obj is a
network or one of its annual reports.

- The network's chair and coordination group write the report; the coordinator whose term
  is running reads it at every stage, as the link between the network and the board.
- The board and the office read every report and the overview; the board (or the office
  for it) returns a report to draft or acknowledges it. The office may also start a report
  on a network's behalf, e.g. where a network has no chair; the leads still write it.
- The network's other members read a report once it is submitted: it is the network's own
  account of its year, and before submission it is the leads' work in progress. A report
  names people and counts members by branch, so nobody outside the network reads it.
- Visitors never; a login needs a person in the organisation."""

from typing import TYPE_CHECKING, Any

import rules

from netvaerk.networks.models import LEAD_ROLES, NetworkStatus
from netvaerk.networks.rules import is_board, is_org_admin, is_staff
from netvaerk.reports.models import AnnualReportStatus

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.networks.models import Network


def _network(obj: Any) -> "Network":
    return obj if obj.__class__.__name__ == "Network" else obj.network


@rules.predicate
def leads_network(actor: "Actor", obj: Any) -> bool:
    return actor.network_role(_network(obj)) in LEAD_ROLES


@rules.predicate
def is_network_member(actor: "Actor", obj: Any) -> bool:
    return actor.network_role(_network(obj)) is not None


@rules.predicate
def coordinates_network(actor: "Actor", obj: Any) -> bool:
    return actor.coordinates(_network(obj))


@rules.predicate
def network_is_active(actor: "Actor", obj: Any) -> bool:
    return _network(obj).status == NetworkStatus.ACTIVE


@rules.predicate
def report_is_draft(actor: "Actor", report: Any) -> bool:
    return report.status == AnnualReportStatus.DRAFT


@rules.predicate
def report_is_submitted(actor: "Actor", report: Any) -> bool:
    return report.status == AnnualReportStatus.SUBMITTED


@rules.predicate
def report_is_unacknowledged(actor: "Actor", report: Any) -> bool:
    return report.received_at is None


for_the_board = is_board | is_staff
reads_every_report = is_board | is_staff | is_org_admin
runs_network = leads_network | coordinates_network

rules.add_rule("reports.view_overview", reads_every_report)
# The list of a network's reports; members see the submitted ones only.
rules.add_rule(
    "reports.view_network_reports", runs_network | reads_every_report | is_network_member
)
# Drafts, and the page of a year not yet started.
rules.add_rule("reports.view_drafts", runs_network | reads_every_report)
rules.add_rule(
    "reports.view_report",
    runs_network | reads_every_report | (is_network_member & report_is_submitted),
)
rules.add_rule("reports.start", (leads_network | is_staff) & network_is_active)
rules.add_rule("reports.edit", leads_network & report_is_draft)
rules.add_rule("reports.submit", leads_network & report_is_draft)
rules.add_rule("reports.reopen", for_the_board & report_is_submitted)
rules.add_rule(
    "reports.acknowledge", for_the_board & report_is_submitted & report_is_unacknowledged
)
# What a role may ask for at all; whether the report's state allows it is the service's
# answer, given as a message rather than a refusal of the page.
rules.add_rule("reports.write", leads_network)
rules.add_rule("reports.start_any", leads_network | is_staff)
rules.add_rule("reports.decide", for_the_board)
# Where the report goes on the board's agenda (item number, meeting).
rules.add_rule("reports.set_agenda", for_the_board)
