"""Calendars (RFC 5545, with icalendar): one event's "add to calendar" file, the
organisation's public events, a network's events and a person's own feed behind a secret
address. No feed ever carries the online room's link: feeds are shared and subscribed to
without a login; the room is for those registered, on the event page and in their e-mail."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from netvaerk.meetings.models import Event, EventStatus

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Netværk//Events//EN"
# Feeds reach this far back, so that a calendar keeps the recent past.
FEED_HISTORY = datetime.timedelta(days=90)


def feed_since() -> datetime.datetime:
    return timezone.now() - FEED_HISTORY


def event_uid(event: Event) -> str:
    """Stable for the event's whole life, whatever else changes."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "netvaerk"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part)


def _vevent(event: Event, org_slug: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("sequence", event.sequence)
    item.add("summary", event.title)
    if event.description:
        item.add("description", event.description)
    location = _location(event)
    if location:
        item.add("location", location)
    item.add(
        "url",
        settings.SITE_URL
        + reverse("meetings:event", kwargs={"org": org_slug, "event_id": event.pk}),
    )
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def calendar_bytes(events: Iterable[Event], *, name: str, org_slug: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, org_slug))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(
    events: Iterable[Event], *, name: str, org_slug: str, filename: str | None = None
) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(events, name=name, org_slug=org_slug), content_type=CONTENT_TYPE
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A secret or a members-only feed is not for shared caches.
    response["Cache-Control"] = "private, max-age=300"
    return response


def one_event(event: Event) -> HttpResponse:
    return calendar_response(
        [event],
        name=event.title,
        org_slug=event.organisation.slug,
        filename=f"event-{event.pk}.ics",
    )


__all__ = ["CONTENT_TYPE", "calendar_response", "event_uid", "feed_since", "one_event"]
