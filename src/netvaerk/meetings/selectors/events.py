"""Reads for events, registrations and calendars: always scoped to the organisation and to
what the actor may see, with counts computed in the same query (no query per row)."""

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from netvaerk.core.access import Actor, today
from netvaerk.meetings.models import (
    OPEN_REGISTRATION_STATUSES,
    Audience,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus, Network
from netvaerk.networks.selectors import current_mandate_filter
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person


def _networks_of(person: Person) -> QuerySet:
    return Membership.objects.filter(person=person, status=MembershipStatus.ACTIVE).values(
        "network_id"
    )


def _coordinated_by(person: Person) -> QuerySet:
    return CoordinatorMandate.objects.filter(current_mandate_filter(today()), person=person).values(
        "network_id"
    )


def visible_events(*, actor: Actor) -> QuerySet[Event]:
    """What `meetings.view_event` allows, as one filter: the office and the board see every
    event; others the public ones, the members' ones if they are active members, and those
    of the networks they belong to or coordinate."""
    qs = Event.objects.filter(organisation=actor.organisation)
    if actor.has_role(OrgRole.STAFF, OrgRole.ORG_ADMIN, OrgRole.BOARD):
        return qs
    visible = Q(audience=Audience.PUBLIC)
    person = actor.person
    if person is not None:
        visible |= Q(network_id__in=_networks_of(person)) | Q(
            network_id__in=_coordinated_by(person)
        )
        if person.is_member:
            visible |= Q(audience=Audience.MEMBERS)
    return qs.filter(visible)


def with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Confirmed and waiting registrations per event, as correlated subqueries."""

    def count(status: str) -> Coalesce:
        return Coalesce(
            Subquery(
                Registration.objects.filter(event=OuterRef("pk"), status=status)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )

    return qs.annotate(
        confirmed_count=count(RegistrationStatus.CONFIRMED),
        waiting_count=count(RegistrationStatus.WAITING),
    )


def event_list(
    *,
    actor: Actor,
    past: bool = False,
    network: Network | None = None,
    kind: str = "",
) -> QuerySet[Event]:
    """Upcoming events soonest first, or past ones latest first."""
    now = timezone.now()
    qs = visible_events(actor=actor).select_related("network")
    qs = qs.filter(ends_at__lte=now) if past else qs.filter(ends_at__gt=now)
    if network is not None:
        qs = qs.filter(network=network)
    if kind:
        qs = qs.filter(kind=kind)
    qs = with_counts(qs)
    return qs.order_by("-starts_at", "-pk") if past else qs.order_by("starts_at", "pk")


def plannable_networks(*, actor: Actor) -> QuerySet[Network]:
    """The active networks the actor may plan events for."""
    from netvaerk.networks.models import LEAD_ROLES, NetworkStatus

    qs = Network.objects.filter(organisation=actor.organisation, status=NetworkStatus.ACTIVE)
    if actor.has_role(OrgRole.STAFF, OrgRole.ORG_ADMIN):
        return qs.order_by("name")
    if actor.person is None:
        return qs.none()
    leads = Membership.objects.filter(
        person=actor.person, status=MembershipStatus.ACTIVE, role__in=LEAD_ROLES
    ).values("network_id")
    return qs.filter(Q(pk__in=leads) | Q(pk__in=_coordinated_by(actor.person))).order_by("name")


def event_counts(*, event: Event) -> dict[str, int]:
    row = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    return {"confirmed": row["confirmed"], "waiting": row["waiting"]}


def seats_left(event: Event, confirmed: int) -> int | None:
    return None if event.capacity is None else max(event.capacity - confirmed, 0)


def event_registrations(*, event: Event, include_cancelled: bool = False) -> QuerySet[Registration]:
    """The registrations of an event for its organisers: confirmed first, then the waiting
    list in its order; cancelled ones last when asked for."""
    qs = Registration.objects.filter(event=event).select_related("person", "person__branch")
    if not include_cancelled:
        qs = qs.filter(status__in=OPEN_REGISTRATION_STATUSES)
    return qs.order_by("status", "registered_at", "pk")


def open_registration(*, event: Event, person: Person | None) -> Registration | None:
    if person is None:
        return None
    return Registration.objects.filter(
        event=event, person=person, status__in=OPEN_REGISTRATION_STATUSES
    ).first()


def my_registrations(*, actor: Actor) -> QuerySet[Registration]:
    """The person's open registrations for events still to come."""
    if actor.person is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            organisation=actor.organisation,
            person=actor.person,
            status__in=OPEN_REGISTRATION_STATUSES,
            event__ends_at__gt=timezone.now(),
        )
        .select_related("event", "event__network")
        .order_by("event__starts_at", "pk")
    )


def org_calendar_events(*, organisation_id: int, since: datetime.datetime) -> QuerySet[Event]:
    """The organisation's public events (also cancelled ones, so calendars drop them)."""
    return Event.objects.filter(
        organisation_id=organisation_id, audience=Audience.PUBLIC, ends_at__gte=since
    ).select_related("network")


def network_calendar_events(*, network: Network, since: datetime.datetime) -> QuerySet[Event]:
    return Event.objects.filter(
        network=network,
        status__in=(EventStatus.SCHEDULED, EventStatus.CANCELLED),
        ends_at__gte=since,
    ).select_related("network")


def person_calendar_events(*, person: Person, since: datetime.datetime) -> QuerySet[Event]:
    """The events the person is registered or waiting for, and their networks' meetings."""
    registered = Registration.objects.filter(
        person=person, status__in=OPEN_REGISTRATION_STATUSES
    ).values("event_id")
    return (
        Event.objects.filter(organisation_id=person.organisation_id, ends_at__gte=since)
        .filter(
            Q(pk__in=registered)
            | Q(network_id__in=_networks_of(person), status=EventStatus.SCHEDULED)
            | Q(network_id__in=_networks_of(person), status=EventStatus.CANCELLED)
        )
        .select_related("network")
    )
