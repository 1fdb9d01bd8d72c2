"""The only ways views fetch events and what hangs on them: scoped to the actor's
organisation, and answered with 404 where the actor may not see the event at all (an event
for a network's members is not announced to others)."""

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

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


# How long the holder's personal link (the registration page, the check-in page and the QR
# code behind it) keeps working: to the end of the 30th day after the day the event ended.
# The link opens without a login and shows the holder's name and which event of which network
# they registered for, which for a party reveals a political opinion (GDPR art. 9), so it must
# not work for as long as an old, forwarded or leaked e-mail lies about. It is needed before
# the event (details, online room, cancelling), at it (checking in, which closes when the event
# ends) and for a while after: to look up what one signed up for, that a registration was
# cancelled, or the check-in code when the organiser asks who came. A month covers that with
# room to spare. A fixed period rather than a setting: it is a safeguard, not a preference, and
# those with a login see all their registrations at /<org>/me/data/ for as long as they are
# kept (the retention rule for past registrations).
REGISTRATION_LINK_DAYS_AFTER_EVENT = 30


class RegistrationLinkExpired(Http404):
    """The personal link of a registration whose event ended too long ago. A 404 to any view
    that does not answer it with the friendlier "This link has expired" page."""


def registration_link_last_day(event: Event) -> datetime.date:
    """The last day the personal link works, counted in the event's own time zone (the one
    its times are shown in; Copenhagen unless the organiser chose another)."""
    return event.local_end.date() + datetime.timedelta(days=REGISTRATION_LINK_DAYS_AFTER_EVENT)


def registration_link_expires_at(event: Event) -> datetime.datetime:
    """The moment the personal link stops working: midnight after its last day where the event
    is, so that "until and including 14 March" means the whole of that day there, also across
    a change to or from summer time."""
    after = registration_link_last_day(event) + datetime.timedelta(days=1)
    return datetime.datetime.combine(after, datetime.time.min, tzinfo=event.tz)


def registration_link_works(event: Event) -> bool:
    return timezone.now() < registration_link_expires_at(event)


def access_registration_by_token(actor: Actor, token: str) -> Registration:
    """A registration through its holder's secret link (in the confirmation and reminder
    e-mails, and the QR code): it works without a login until REGISTRATION_LINK_DAYS_AFTER_EVENT
    days after the event (also for a cancelled registration or event, so the holder can see
    that it is cancelled), then raises RegistrationLinkExpired; any other token answers 404."""
    if not token or len(token) > 64:
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("event", "event__network", "person"),
        token=token,
        organisation=actor.organisation,
    )
    if not registration_link_works(registration.event):
        raise RegistrationLinkExpired
    return registration
