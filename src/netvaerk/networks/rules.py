"""Who may do what with networks. Every predicate takes (actor, network)."""

from typing import TYPE_CHECKING

import rules

from netvaerk.networks.models import LEAD_ROLES, MembershipRole, NetworkStatus
from netvaerk.organisations.models import OrgRole

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.networks.models import Network


@rules.predicate
def is_person(actor: "Actor", network: "Network | None" = None) -> bool:
    return actor.person is not None


@rules.predicate
def is_org_admin(actor: "Actor", network: "Network | None" = None) -> bool:
    return actor.has_role(OrgRole.ORG_ADMIN)


@rules.predicate
def is_staff(actor: "Actor", network: "Network | None" = None) -> bool:
    return actor.has_role(OrgRole.STAFF)


@rules.predicate
def is_board(actor: "Actor", network: "Network | None" = None) -> bool:
    return actor.has_role(OrgRole.BOARD)


@rules.predicate
def is_network_lead(actor: "Actor", network: "Network") -> bool:
    return actor.network_role(network) in LEAD_ROLES


@rules.predicate
def is_network_chair(actor: "Actor", network: "Network") -> bool:
    return actor.network_role(network) == MembershipRole.CHAIR


@rules.predicate
def is_network_coordinator(actor: "Actor", network: "Network") -> bool:
    return actor.coordinates(network)


@rules.predicate
def network_is_public(actor: "Actor", network: "Network") -> bool:
    return network.status != NetworkStatus.PROPOSED


@rules.predicate
def network_is_active(actor: "Actor", network: "Network") -> bool:
    return network.status == NetworkStatus.ACTIVE


is_office = is_staff | is_org_admin

rules.add_rule(
    "networks.view_network",
    network_is_public | is_office | is_board | is_network_lead | is_network_coordinator,
)
rules.add_rule("networks.join", is_person & network_is_active)
# A member list reveals political opinion (GDPR art. 9): only the roles that run the network.
rules.add_rule("networks.view_members", is_network_lead | is_network_coordinator | is_office)
rules.add_rule("networks.manage_members", is_network_lead | is_office)
rules.add_rule("networks.set_chair", is_network_chair | is_office)
rules.add_rule("networks.create", is_office)
rules.add_rule("networks.edit", is_office)
rules.add_rule("networks.appoint_coordinator", is_board | is_staff)
rules.add_rule(
    "networks.view_mandates", is_board | is_office | is_network_lead | is_network_coordinator
)

# Proposals to start a new network: the office triages them; the board decides, and staff
# may record the board's decision on its behalf. The board may read the queue.
rules.add_rule("networks.view_proposals", is_office | is_board)
rules.add_rule("networks.triage_proposals", is_office)
rules.add_rule("networks.decide_proposals", is_board | is_staff)
