"""Who may do what with events. Predicates take (actor, event); the create rules take
(actor, network), where None stands for the office's own events."""

from typing import TYPE_CHECKING, Any

import rules

from netvaerk.meetings.models import Audience, BudgetStatus, EventStatus
from netvaerk.networks.models import LEAD_ROLES, NetworkStatus
from netvaerk.networks.rules import is_board, is_office, is_person

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.meetings.models import Event
    from netvaerk.networks.models import Network


def _event_network(obj: Any) -> "Network | None":
    if obj is None or obj.__class__.__name__ == "Network":
        return obj
    event = obj if obj.__class__.__name__ == "Event" else obj.event
    return event.network


@rules.predicate
def organises(actor: "Actor", obj: Any) -> bool:
    """The network's chair and coordination group, and its coordinator, run its events; the
    office runs its own (events without a network)."""
    network = _event_network(obj)
    if network is None:
        return False
    return actor.network_role(network) in LEAD_ROLES or actor.coordinates(network)


@rules.predicate
def in_network(actor: "Actor", obj: Any) -> bool:
    network = _event_network(obj)
    return network is not None and actor.network_role(network) is not None


@rules.predicate
def is_active_member(actor: "Actor", obj: Any = None) -> bool:
    return actor.person is not None and actor.person.is_member


@rules.predicate
def audience_public(actor: "Actor", event: "Event") -> bool:
    return event.audience == Audience.PUBLIC


@rules.predicate
def audience_members(actor: "Actor", event: "Event") -> bool:
    return event.audience == Audience.MEMBERS


@rules.predicate
def network_may_plan(actor: "Actor", network: "Network | None") -> bool:
    return network is None or network.status == NetworkStatus.ACTIVE


@rules.predicate
def is_office_event(actor: "Actor", obj: Any) -> bool:
    return _event_network(obj) is None


@rules.predicate
def event_open_for_registration(actor: "Actor", event: "Event") -> bool:
    from django.utils import timezone

    now = timezone.now()
    return (
        event.status == EventStatus.SCHEDULED
        and event.registration_required
        and event.starts_at > now
        and (event.registration_closes_at is None or event.registration_closes_at > now)
    )


@rules.predicate
def event_is_scheduled(actor: "Actor", event: "Event") -> bool:
    return event.status == EventStatus.SCHEDULED


@rules.predicate
def budget_is_draft(actor: "Actor", obj: Any) -> bool:
    budget = obj if obj.__class__.__name__ == "ConferenceBudget" else obj.budget
    return budget.status == BudgetStatus.DRAFT


@rules.predicate
def budget_is_decided(actor: "Actor", obj: Any) -> bool:
    budget = obj if obj.__class__.__name__ == "ConferenceBudget" else obj.budget
    return budget.status == BudgetStatus.DECIDED


@rules.predicate
def budget_is_submitted(actor: "Actor", obj: Any) -> bool:
    budget = obj if obj.__class__.__name__ == "ConferenceBudget" else obj.budget
    return budget.status == BudgetStatus.SUBMITTED


runs_event = organises | is_office
# Who may take part: the audience the organiser chose (network events: the network's
# members; member events: every active member, and the network's own contacts).
takes_part = audience_public | (audience_members & (is_active_member | in_network)) | in_network

rules.add_rule("meetings.view_event", takes_part | runs_event | is_board)
rules.add_rule("meetings.register", is_person & takes_part & event_open_for_registration)
# A visitor without a login (or without a person here) registers with name and e-mail.
rules.add_rule(
    "meetings.register_as_guest", ~is_person & audience_public & event_open_for_registration
)
rules.add_rule("meetings.create_event", (organises | is_office) & network_may_plan)
rules.add_rule("meetings.manage_event", runs_event)
rules.add_rule("meetings.edit_event", runs_event & event_is_scheduled)
# Registrations and attendance name people: only those who run the event see them.
rules.add_rule("meetings.view_registrations", runs_event)
rules.add_rule("meetings.manage_attendance", runs_event)
# Counts without names: the board sees them too (who came, although all were invited).
rules.add_rule("meetings.view_attendance_summary", runs_event | is_board)
rules.add_rule("meetings.announce_event", runs_event & event_is_scheduled)

# The annual conference's budget: the network drafts it, the office decides on it.
rules.add_rule("meetings.view_budget", runs_event | is_board)
rules.add_rule("meetings.edit_budget", organises & budget_is_draft | is_office & budget_is_draft)
rules.add_rule("meetings.decide_budget", is_office & budget_is_submitted)
# The office sends a budget back to the network as a draft: to ask for changes before it
# decides, or to reopen its decision when the plans change.
rules.add_rule("meetings.return_budget", is_office & (budget_is_submitted | budget_is_decided))
rules.add_rule("meetings.record_actual_costs", runs_event)
rules.add_rule("meetings.view_conference_costs", is_office | is_board)

# The organisation-wide activity newsletter ("DN Aktiv").
rules.add_rule("meetings.compose_newsletter", is_office)
