"""The only ways views fetch events and what hangs on them: scoped to the actor's
organisation, and answered with 404 where the actor may not see the event at all (an event
for a network's members is not announced to others)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.core.access import Actor, ensure
from netvaerk.meetings.models import Event, Registration


def events_of(actor: Actor) -> QuerySet[Event]:
    return Event.objects.filter(organisation=actor.organisation).select_related("network", "series")


def access_event(actor: Actor, event_id: int, permission: str = "meetings.view_event") -> Event:
    """The event, if the actor may see it (else 404) and may do `permission` with it (else
    403, or the login page for a visitor)."""
    event = get_object_or_404(events_of(actor), pk=event_id)
    if not actor.can("meetings.view_event", event):
        if not actor.is_authenticated:
            # Log in first: the event may well be for the visitor's network.
            ensure(actor, "meetings.view_event", event)
        raise Http404
    if permission != "meetings.view_event":
        ensure(actor, permission, event)
    return event


def access_registration(actor: Actor, event: Event, registration_id: int) -> Registration:
    """A registration of the event, for those who run it."""
    ensure(actor, "meetings.view_registrations", event)
    return get_object_or_404(
        Registration.objects.select_related("person"),
        pk=registration_id,
        event=event,
        organisation=actor.organisation,
    )


def access_registration_by_token(actor: Actor, token: str) -> Registration:
    """A registration through its holder's secret link (in the confirmation e-mail): it works
    without a login, and any other token answers 404."""
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event", "event__network", "person"),
        token=token,
        organisation=actor.organisation,
    )
