"""Joining, leaving, requests to join, roles and contact sharing: every membership write."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.competences.search.index import refresh_network_ids
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notify_persons
from netvaerk.networks.models import (
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkStatus,
)
from netvaerk.people.models import Person


def _require_person(actor: Actor) -> Person:
    if actor.person is None:
        raise ServiceError(
            _("You are not registered in %(organisation)s, so you cannot join its networks.")
            % {"organisation": actor.organisation.name}
        )
    return actor.person


def _open_membership(network: Network, person: Person) -> Membership | None:
    return (
        Membership.objects.select_for_update()
        .filter(
            network=network,
            person=person,
            status__in=[
                MembershipStatus.REQUESTED,
                MembershipStatus.ACTIVE,
            ],
        )
        .first()
    )


def _network_leads(network: Network) -> list[Person]:
    return list(
        Person.objects.filter(
            memberships__network=network,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role__in=[MembershipRole.CHAIR, MembershipRole.COORDINATION],
        )
    )


@transaction.atomic
def membership_join(*, actor: Actor, network: Network, message: str = "") -> Membership:
    """Join at once, or ask the chair, as the network's join policy says."""
    person = _require_person(actor)
    if network.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That network belongs to another organisation."))
    if network.status != NetworkStatus.ACTIVE:
        raise ServiceError(_("This network is not open for new members."))
    existing = _open_membership(network, person)
    if existing is not None:
        if existing.status == MembershipStatus.ACTIVE:
            raise ServiceError(
                _("You are already a member of %(network)s.") % {"network": network.name}
            )
        raise ServiceError(
            _("You have already asked to join %(network)s; the chair will answer.")
            % {"network": network.name}
        )
    now = timezone.now()
    at_once = network.join_policy == JoinPolicy.OPEN
    membership = Membership(
        organisation_id=network.organisation_id,
        network=network,
        person=person,
        role=MembershipRole.MEMBER,
        status=MembershipStatus.ACTIVE if at_once else MembershipStatus.REQUESTED,
        request_message=message.strip()[:2000],
        requested_at=now,
        joined_at=now if at_once else None,
        decided_at=now if at_once else None,
    )
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # A second click raced the first past the check above; the constraint caught it.
        raise ServiceError(
            _("You are already a member of %(network)s.") % {"network": network.name}
        ) from None
    refresh_network_ids(person_ids=[person.pk])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="membership.joined" if at_once else "membership.requested",
        obj=membership,
    )
    if not at_once:
        leads = _network_leads(network)
        transaction.on_commit(
            lambda: notify_persons(
                persons=leads,
                template="networks/email/join_requested",
                context={"network": network, "person": person},
            )
        )
    return membership


@transaction.atomic
def membership_leave(
    *, actor: Actor, network: Network, successor: Membership | None = None
) -> Membership:
    person = _require_person(actor)
    membership = _open_membership(network, person)
    if membership is None or membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(_("You are not a member of %(network)s.") % {"network": network.name})
    if membership.role == MembershipRole.CHAIR:
        if successor is None:
            raise ServiceError(
                _("You chair %(network)s. Hand the chair to another member before you leave.")
                % {"network": network.name}
            )
        _hand_over_chair(actor=actor, network=network, chair=membership, successor=successor)
    membership.status = MembershipStatus.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at", "role"])
    refresh_network_ids(person_ids=[membership.person_id])
    log_action(
        actor=actor, organisation=actor.organisation, action="membership.left", obj=membership
    )
    return membership


@transaction.atomic
def membership_withdraw_request(*, actor: Actor, network: Network) -> Membership:
    person = _require_person(actor)
    membership = _open_membership(network, person)
    if membership is None or membership.status != MembershipStatus.REQUESTED:
        raise ServiceError(
            _("You have no request to join %(network)s.") % {"network": network.name}
        )
    membership.status = MembershipStatus.WITHDRAWN
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    log_action(
        actor=actor, organisation=actor.organisation, action="membership.withdrawn", obj=membership
    )
    return membership


@transaction.atomic
def membership_decide(
    *, actor: Actor, membership: Membership, approve: bool, reason: str = ""
) -> Membership:
    """The chair (or coordination group, or office) answers a request to join."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That request belongs to another organisation."))
    if membership.status != MembershipStatus.REQUESTED:
        raise ServiceError(_("This request has already been answered."))
    now = timezone.now()
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.decided_at = now
    membership.decided_by = actor.person
    if approve:
        membership.joined_at = now
    membership.save(update_fields=["status", "decided_at", "decided_by", "joined_at"])
    refresh_network_ids(person_ids=[membership.person_id])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="membership.approved" if approve else "membership.declined",
        obj=membership,
        reason=reason,
    )
    person = membership.person
    template = "networks/email/join_approved" if approve else "networks/email/join_declined"
    transaction.on_commit(
        lambda: notify_persons(
            persons=[person],
            template=template,
            context={"network": membership.network, "reason": reason},
        )
    )
    return membership


@transaction.atomic
def membership_add(
    *, actor: Actor, network: Network, person: Person, role: str = MembershipRole.MEMBER
) -> Membership:
    """The office or the network's leads put a person into the network directly."""
    if (
        person.organisation_id != network.organisation_id
        or network.organisation_id != actor.organisation.pk
    ):
        raise ServiceError(_("Choose a person of your own organisation."), field="person")
    if role not in MembershipRole.values:
        raise ServiceError(_("Unknown role."), field="role")
    existing = _open_membership(network, person)
    now = timezone.now()
    if existing is not None and existing.status == MembershipStatus.ACTIVE:
        raise ServiceError(
            _("%(person)s is already a member of %(network)s.")
            % {"person": person.name, "network": network.name},
            field="person",
        )
    if existing is not None:  # a pending request: accept it
        membership = existing
        membership.status = MembershipStatus.ACTIVE
        membership.decided_at = now
        membership.decided_by = actor.person
        membership.joined_at = now
        membership.save(update_fields=["status", "decided_at", "decided_by", "joined_at"])
    else:
        membership = Membership.objects.create(
            organisation_id=network.organisation_id,
            network=network,
            person=person,
            role=MembershipRole.MEMBER,
            status=MembershipStatus.ACTIVE,
            requested_at=now,
            decided_at=now,
            decided_by=actor.person,
            joined_at=now,
        )
    refresh_network_ids(person_ids=[person.pk])
    log_action(
        actor=actor, organisation=actor.organisation, action="membership.added", obj=membership
    )
    if role != MembershipRole.MEMBER:
        membership_set_role(actor=actor, membership=membership, role=role)
    return membership


def _hand_over_chair(
    *, actor: Actor, network: Network, chair: Membership, successor: Membership
) -> None:
    if successor.network_id != network.pk or successor.status != MembershipStatus.ACTIVE:
        raise ServiceError(
            _("The new chair must be an active member of the network."), field="successor"
        )
    if successor.pk == chair.pk:
        raise ServiceError(_("Choose another member as the new chair."), field="successor")
    chair.role = MembershipRole.COORDINATION
    chair.save(update_fields=["role"])
    successor.role = MembershipRole.CHAIR
    successor.save(update_fields=["role"])
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="membership.chair_handed_over",
        obj=successor,
        data={"from_membership": chair.pk},
    )


@transaction.atomic
def membership_set_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    """Make someone chair, coordination group or plain member. A new chair takes over from the
    previous one, who stays in the coordination group; the last chair cannot be removed."""
    membership = (
        Membership.objects.select_for_update().select_related("network").get(pk=membership.pk)
    )
    network = membership.network
    if membership.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That membership belongs to another organisation."))
    if role not in MembershipRole.values:
        raise ServiceError(_("Unknown role."), field="role")
    if membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(_("Only active members can have a role."))
    if membership.role == role:
        return membership
    if role == MembershipRole.CHAIR:
        current = (
            Membership.objects.select_for_update()
            .filter(network=network, status=MembershipStatus.ACTIVE, role=MembershipRole.CHAIR)
            .first()
        )
        if current is not None:
            _hand_over_chair(actor=actor, network=network, chair=current, successor=membership)
            return membership
    elif membership.role == MembershipRole.CHAIR:
        raise ServiceError(
            _("Make another member chair first; a network always keeps its chair."), field="role"
        )
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="membership.role_changed",
        obj=membership,
        data={"from": previous, "to": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor, membership: Membership, reason: str = "") -> Membership:
    """The network's leads or the office end someone's membership (history is kept)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That membership belongs to another organisation."))
    if membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(_("This person is not an active member."))
    if membership.role == MembershipRole.CHAIR:
        raise ServiceError(_("Make another member chair before removing the chair."))
    membership.status = MembershipStatus.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at"])
    refresh_network_ids(person_ids=[membership.person_id])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="membership.removed",
        obj=membership,
        reason=reason,
    )
    return membership


@transaction.atomic
def membership_set_contact_sharing(*, actor: Actor, network: Network, share: bool) -> Membership:
    person = _require_person(actor)
    membership = _open_membership(network, person)
    if membership is None:
        raise ServiceError(_("You are not a member of %(network)s.") % {"network": network.name})
    membership.share_contact_with_leads = share
    membership.save(update_fields=["share_contact_with_leads"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="membership.contact_sharing_changed",
        obj=membership,
        data={"share": share},
    )
    return membership
