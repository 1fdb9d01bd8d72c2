"""Who may see and steer branch reach. Reach figures are counts of branches, never names of
people, so the board sees them as the office does; the recruitment pipeline holds notes on
branches and their people, so only those who recruit (the network's chair, coordination
group and coordinator) and the office see it. Predicates take (actor, network) where a
network is involved."""

from typing import TYPE_CHECKING, Any

import rules

from netvaerk.networks.models import LEAD_ROLES
from netvaerk.networks.rules import is_board, is_office

if TYPE_CHECKING:
    from netvaerk.core.access import Actor


def _network(obj: Any) -> Any:
    return obj.network if obj.__class__.__name__ == "RecruitmentEntry" else obj


@rules.predicate
def runs_network(actor: "Actor", obj: Any) -> bool:
    """The network's chair and coordination group, and its coordinator."""
    if obj is None:
        return False
    network = _network(obj)
    return actor.network_role(network) in LEAD_ROLES or actor.coordinates(network)


rules.add_rule("reach.view_dashboard", is_office | is_board)
rules.add_rule("reach.view_branches", is_office | is_board)
rules.add_rule("reach.view_network", is_office | is_board | runs_network)
rules.add_rule("reach.manage_settings", is_office)
rules.add_rule("reach.refresh", is_office | is_board)
rules.add_rule("reach.view_recruitment", is_office | runs_network)
rules.add_rule("reach.manage_recruitment", is_office | runs_network)
