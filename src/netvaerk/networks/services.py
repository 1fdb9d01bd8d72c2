"""Every write to networks, memberships and coordinator mandates goes through here."""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.core.mail import notify_persons
from netvaerk.networks.models import (
    RESERVED_NETWORK_SLUGS,
    ChannelKind,
    CoordinatorMandate,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkChannel,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.networks.selectors import mandates_needing_reminder
from netvaerk.organisations.models import OrgRole, Region
from netvaerk.people.models import Person


@dataclass(frozen=True)
class ChannelData:
    kind: str
    url: str
    label: str = ""


def _check_network_fields(
    *, actor: Actor, slug: str, kind: str, central: Network | None, region: Region | None
) -> None:
    org = actor.organisation
    if slug in RESERVED_NETWORK_SLUGS:
        raise ServiceError(_("That address is reserved. Choose another."), field="slug")
    if kind not in NetworkKind.values:
        raise ServiceError(_("Choose central or regional."), field="kind")
    if region is not None and region.organisation_id != org.pk:
        raise ServiceError(_("Choose a region of your own organisation."), field="region")
    if kind == NetworkKind.REGIONAL and region is None:
        raise ServiceError(_("A regional network must belong to a region."), field="region")
    if central is not None:
        if kind != NetworkKind.REGIONAL:
            raise ServiceError(
                _("Only a regional network can mirror a central one."), field="central"
            )
        if central.organisation_id != org.pk or central.kind != NetworkKind.CENTRAL:
            raise ServiceError(_("Choose one of your central networks."), field="central")


@transaction.atomic
def network_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    kind: str = NetworkKind.CENTRAL,
    central: Network | None = None,
    region: Region | None = None,
    purpose: str = "",
    audience: str = "",
    contact_email: str = "",
    join_policy: str = JoinPolicy.OPEN,
    status: str = NetworkStatus.ACTIVE,
    channels: list[ChannelData] | None = None,
) -> Network:
    _check_network_fields(actor=actor, slug=slug, kind=kind, central=central, region=region)
    org = actor.organisation
    if Network.objects.filter(organisation=org, slug=slug).exists():
        raise ServiceError(_("Another network already has that address."), field="slug")
    network = Network(
        organisation=org,
        name=name.strip(),
        slug=slug,
        kind=kind,
        central=central,
        region=region,
        purpose=purpose.strip(),
        audience=audience.strip(),
        contact_email=contact_email.strip(),
        join_policy=join_policy,
        status=status,
    )
    full_clean_or_refuse(network)
    network.save()
    if channels:
        _replace_channels(network, channels)
    log_action(actor=actor, organisation=org, action="network.created", obj=network)
    return network


@transaction.atomic
def network_update(
    *,
    actor: Actor,
    network: Network,
    name: str,
    kind: str,
    central: Network | None,
    region: Region | None,
    purpose: str,
    audience: str,
    contact_email: str,
    join_policy: str,
    status: str,
    channels: list[ChannelData] | None = None,
) -> Network:
    _check_network_fields(actor=actor, slug=network.slug, kind=kind, central=central, region=region)
    if central is not None and central.pk == network.pk:
        raise ServiceError(_("A network cannot mirror itself."), field="central")
    if kind == NetworkKind.REGIONAL and network.regional_counterparts.exists():
        raise ServiceError(
            _("This network has regional counterparts, so it must stay central."), field="kind"
        )
    before = {
        "name": network.name,
        "kind": network.kind,
        "status": network.status,
        "join_policy": network.join_policy,
    }
    network.name = name.strip()
    network.kind = kind
    network.central = central
    network.region = region
    network.purpose = purpose.strip()
    network.audience = audience.strip()
    network.contact_email = contact_email.strip()
    network.join_policy = join_policy
    if status != network.status:
        network.closed_at = timezone.now() if status == NetworkStatus.CLOSED else None
    network.status = status
    full_clean_or_refuse(network, validate_unique=False)
    network.save(
        update_fields=[
            "name",
            "kind",
            "central",
            "region",
            "purpose",
            "audience",
            "contact_email",
            "join_policy",
            "status",
            "closed_at",
        ]
    )
    if channels is not None:
        _replace_channels(network, channels)
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="network.updated",
        obj=network,
        data={"before": before},
    )
    return network


def _replace_channels(network: Network, channels: list[ChannelData]) -> None:
    for channel in channels:
        if channel.kind not in ChannelKind.values:
            raise ServiceError(_("Unknown kind of channel."), field="channels")
    network.channels.all().delete()
    NetworkChannel.objects.bulk_create(
        NetworkChannel(
            organisation_id=network.organisation_id,
            network=network,
            kind=c.kind,
            url=c.url,
            label=c.label.strip(),
        )
        for c in channels
    )


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


@transaction.atomic
def mandate_appoint(
    *,
    actor: Actor,
    network: Network,
    person: Person,
    decision_reference: str,
    term_start: datetime.date,
    term_end: datetime.date,
) -> CoordinatorMandate:
    """The board appoints a coordinator. A current mandate ends the day before the new term."""
    org = actor.organisation
    if network.organisation_id != org.pk:
        raise ServiceError(_("That network belongs to another organisation."))
    if person.organisation_id != org.pk:
        raise ServiceError(
            _("The coordinator must be a person of your own organisation."), field="person"
        )
    if not decision_reference.strip():
        raise ServiceError(
            _("Name the board decision behind the appointment."), field="decision_reference"
        )
    if term_end < term_start:
        raise ServiceError(_("The term must end after it starts."), field="term_end")
    overlapping = list(
        CoordinatorMandate.objects.select_for_update()
        .filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=term_start),
            network=network,
            term_end__gte=term_start,
        )
        # A mandate cancelled before it began (ended the day before its start) holds nothing.
        .exclude(ended_on__lt=F("term_start"))
    )
    for mandate in overlapping:
        if mandate.term_start >= term_start:
            raise ServiceError(
                _("Another coordinator's term starts on %(date)s; end it first.")
                % {"date": date_format(mandate.term_start, "DATE_FORMAT")},
                field="term_start",
            )
        mandate.ended_on = term_start - datetime.timedelta(days=1)
        mandate.end_reason = _("Succeeded by %(person)s.") % {"person": person.name}
        mandate.save(update_fields=["ended_on", "end_reason"])
        log_action(
            actor=actor,
            organisation=org,
            action="mandate.ended",
            obj=mandate,
            reason=mandate.end_reason,
        )
    mandate = CoordinatorMandate.objects.create(
        organisation=org,
        network=network,
        person=person,
        decision_reference=decision_reference.strip(),
        appointed_by=actor.person,
        term_start=term_start,
        term_end=term_end,
    )
    log_action(
        actor=actor,
        organisation=org,
        action="mandate.appointed",
        obj=mandate,
        data={"term_start": term_start.isoformat(), "term_end": term_end.isoformat()},
        reason=mandate.decision_reference,
    )
    transaction.on_commit(
        lambda: notify_persons(
            persons=[person],
            template="networks/email/coordinator_appointed",
            context={"network": network, "mandate": mandate},
        )
    )
    return mandate


@transaction.atomic
def mandate_end(
    *, actor: Actor, mandate: CoordinatorMandate, ended_on: datetime.date, reason: str
) -> CoordinatorMandate:
    mandate = CoordinatorMandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That mandate belongs to another organisation."))
    if mandate.ended_on is not None:
        raise ServiceError(_("This mandate has already ended."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for ending the mandate early."), field="reason")
    # Ending on the day before the start cancels a mandate that has not begun.
    if (mandate.term_start - ended_on).days > 1 or ended_on > mandate.term_end:
        raise ServiceError(_("The end date must lie within the term."), field="ended_on")
    mandate.ended_on = ended_on
    mandate.end_reason = reason.strip()
    mandate.save(update_fields=["ended_on", "end_reason"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="mandate.ended",
        obj=mandate,
        reason=reason,
    )
    return mandate


def mandates_send_term_reminders(*, on: datetime.date | None = None) -> int:
    """Tell each organisation's board about coordinator terms that end soon. Run daily."""
    day = on or today()
    sent = 0
    for mandate in mandates_needing_reminder(
        today=day, days_ahead=settings.COORDINATOR_TERM_REMINDER_DAYS
    ):
        with transaction.atomic():
            locked = CoordinatorMandate.objects.select_for_update().get(pk=mandate.pk)
            if locked.reminder_sent_at is not None:
                continue
            board = list(
                Person.objects.filter(
                    organisation=mandate.organisation,
                    role_assignments__role=OrgRole.BOARD,
                    role_assignments__ended_at__isnull=True,
                ).distinct()
            )
            locked.reminder_sent_at = timezone.now()
            locked.save(update_fields=["reminder_sent_at"])
            log_action(
                actor=None,
                organisation=mandate.organisation,
                action="mandate.term_reminder_sent",
                obj=locked,
                data={"recipients": len(board)},
            )
            transaction.on_commit(
                functools.partial(
                    notify_persons,
                    persons=board,
                    template="networks/email/coordinator_term_ending",
                    context={"network": mandate.network, "mandate": mandate},
                )
            )
            sent += 1
    return sent
