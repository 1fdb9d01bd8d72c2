"""Who may do what in the network–board relation. Every predicate takes (actor, obj), where
obj is a network or something that belongs to one (rules, proposal, board request)."""

from typing import TYPE_CHECKING, Any

import rules

from netvaerk.governance.models import ProposalStatus, RulesStatus
from netvaerk.networks.models import NetworkStatus
from netvaerk.networks.rules import is_board, is_org_admin, is_staff

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.networks.models import Network


def _network(obj: Any) -> "Network":
    return obj if obj.__class__.__name__ == "Network" else obj.network


@rules.predicate
def leads_network(actor: "Actor", obj: Any) -> bool:
    from netvaerk.networks.models import LEAD_ROLES

    return actor.network_role(_network(obj)) in LEAD_ROLES


@rules.predicate
def is_network_member(actor: "Actor", obj: Any) -> bool:
    # network_role is only set for an active membership.
    return actor.network_role(_network(obj)) is not None


@rules.predicate
def coordinates_network(actor: "Actor", obj: Any) -> bool:
    return actor.coordinates(_network(obj))


@rules.predicate
def network_is_active(actor: "Actor", obj: Any) -> bool:
    return _network(obj).status == NetworkStatus.ACTIVE


@rules.predicate
def network_is_visible(actor: "Actor", obj: Any) -> bool:
    return actor.can("networks.view_network", _network(obj))


@rules.predicate
def proposal_is_draft(actor: "Actor", proposal: Any) -> bool:
    return proposal.status == ProposalStatus.DRAFT


@rules.predicate
def proposal_is_shared(actor: "Actor", proposal: Any) -> bool:
    """Past the draft: the network's members and the board may read it."""
    return proposal.status != ProposalStatus.DRAFT


@rules.predicate
def rules_is_approved(actor: "Actor", version: Any) -> bool:
    return version.status == RulesStatus.APPROVED


# The board, and the office acting for it (seed 000: the board approves and decides).
for_the_board = is_board | is_staff
runs_network = leads_network | coordinates_network
# Everyone who takes part in the relation between this network and the board.
in_the_loop = runs_network | for_the_board | is_org_admin

rules.add_rule("governance.view_board", for_the_board)

# Rules of procedure: the approved versions are public, like the network itself.
rules.add_rule("governance.view_rules", network_is_visible)
rules.add_rule(
    "governance.view_rules_version", network_is_visible & (rules_is_approved | in_the_loop)
)
rules.add_rule("governance.view_rules_work", in_the_loop)
rules.add_rule("governance.draft_rules", leads_network & network_is_active)
rules.add_rule("governance.decide_rules", for_the_board)

# Proposals: drafts stay with those who run the network; from submission on, the
# network's members read them too.
rules.add_rule("governance.view_network_proposals", in_the_loop | is_network_member)
rules.add_rule(
    "governance.view_proposal",
    runs_network | is_org_admin | ((for_the_board | is_network_member) & proposal_is_shared),
)
rules.add_rule("governance.create_proposal", leads_network & network_is_active)
rules.add_rule("governance.edit_proposal", leads_network & proposal_is_draft)
rules.add_rule("governance.withdraw_proposal", leads_network)
rules.add_rule("governance.handle_proposal", for_the_board & proposal_is_shared)

# Board requests.
rules.add_rule("governance.view_network_requests", in_the_loop | is_network_member)
rules.add_rule("governance.ask_network", for_the_board & network_is_active)
rules.add_rule("governance.answer_request", leads_network)
rules.add_rule("governance.withdraw_request", for_the_board)
