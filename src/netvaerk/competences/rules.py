"""Who may find, ask and steer in the competence list. A profile is personal data chosen to
be shared: its owner's `visibility` decides who may see it, whatever their role — the office
does not see a profile its owner keeps to their networks unless it shares one of them.

Predicates take (actor, profile), (actor, sparring request) or (actor, network)."""

from typing import TYPE_CHECKING

import rules

from netvaerk.competences.models import Visibility
from netvaerk.networks.models import Membership, MembershipStatus
from netvaerk.networks.rules import (
    is_network_coordinator,
    is_network_lead,
    is_office,
    is_person,
    network_is_active,
)

if TYPE_CHECKING:
    from netvaerk.competences.models import Profile, SparringRequest
    from netvaerk.core.access import Actor


@rules.predicate
def is_profile_owner(actor: "Actor", profile: "Profile") -> bool:
    return actor.person is not None and profile.person_id == actor.person.pk


def shares_network(actor: "Actor", person_id: int) -> bool:
    """True when the actor and the person are both active members of one network."""
    network_ids = actor.network_ids()
    return bool(network_ids) and (
        Membership.objects.filter(
            person_id=person_id, status=MembershipStatus.ACTIVE, network_id__in=network_ids
        ).exists()
    )


@rules.predicate
def profile_is_visible(actor: "Actor", profile: "Profile") -> bool:
    if actor.person is None or profile.organisation_id != actor.organisation.pk:
        return False
    if profile.person_id == actor.person.pk:
        return True
    if profile.visibility == Visibility.ORGANISATION:
        return True
    if profile.visibility == Visibility.NETWORKS:
        return shares_network(actor, profile.person_id)
    return False


@rules.predicate
def is_requester(actor: "Actor", request: "SparringRequest") -> bool:
    return actor.person is not None and request.requester_id == actor.person.pk


@rules.predicate
def is_recipient(actor: "Actor", request: "SparringRequest") -> bool:
    return actor.person is not None and request.recipient_id == actor.person.pk


@rules.predicate
def runs_request_network(actor: "Actor", request: "SparringRequest") -> bool:
    """The chair, coordination group or coordinator of the network a request was sent to."""
    network = request.network
    return network is not None and bool(
        is_network_lead(actor, network) or is_network_coordinator(actor, network)
    )


runs_network = is_network_lead | is_network_coordinator

rules.add_rule("competences.search", is_person)
rules.add_rule("competences.edit_profile", is_person)
rules.add_rule("competences.view_profile", profile_is_visible)
rules.add_rule("competences.ask_person", is_person & profile_is_visible & ~is_profile_owner)
rules.add_rule("competences.ask_network", is_person & network_is_active)
rules.add_rule("competences.view_requests", is_person)
rules.add_rule("competences.view_request", is_requester | is_recipient | runs_request_network)
# Accept, decline or pass on a request addressed to oneself.
rules.add_rule("competences.answer_request", is_recipient)
# Find someone for a request sent to a network (or answer it for the network).
rules.add_rule("competences.assign_request", runs_request_network)
rules.add_rule("competences.withdraw_request", is_requester)
rules.add_rule("competences.close_request", is_requester | is_recipient)
rules.add_rule("competences.view_network_queue", runs_network)
rules.add_rule("competences.view_overview", runs_network | is_office)
rules.add_rule("competences.manage_vocabulary", is_office)
rules.add_rule("competences.manage_settings", is_office)
