"""Who may see and steer branch reach. Reach figures are counts of branches, never names of
people, so the board sees them as the office does; the recruitment pipeline holds notes on
branches and their people, so only those who recruit (the network's chair, coordination
group and coordinator) and the office see it. Predicates take (actor, network) where a
network is involved."""

import rules

from netvaerk.networks.rules import (
    is_board,
    is_network_coordinator,
    is_network_lead,
    is_office,
)

# The network's chair and coordination group, and its coordinator.
runs_network = is_network_lead | is_network_coordinator

rules.add_rule("reach.view_dashboard", is_office | is_board)
rules.add_rule("reach.view_branches", is_office | is_board)
rules.add_rule("reach.view_network", is_office | is_board | runs_network)
rules.add_rule("reach.manage_settings", is_office)
rules.add_rule("reach.refresh", is_office | is_board)
rules.add_rule("reach.view_recruitment", is_office | runs_network)
rules.add_rule("reach.manage_recruitment", is_office | runs_network)
