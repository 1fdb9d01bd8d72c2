"""Planning events: create (one, or a series of dates at once), change, cancel and close
after the event; the questions asked at registration; the person's calendar address.

Times are entered as local times in the event's own time zone (Europe/Copenhagen unless
chosen otherwise) and stored aware. The online room comes from the configured provider (a
Jitsi room with an unguessable name by default) unless the organiser pastes an https link."""

import datetime
import functools
import secrets
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, same_organisation
from netvaerk.governance.models import Proposal
from netvaerk.meetings.models import (
    DEFAULT_TIME_ZONE,
    Audience,
    CalendarFeed,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    EventStatus,
    QuestionKind,
    RegistrationQuestion,
    RoomProvider,
    new_token,
)
from netvaerk.meetings.services.registrations import (
    fill_free_seats,
    lock_event,
    tell_open_registrations,
)
from netvaerk.networks.models import Network

MAX_SESSIONS = 52
TEXT_LIMIT = 50_000
# What registrants are told about when it changes.
NOTICEABLE = (
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "venue_name",
    "venue_address",
    "online_url",
)


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _text(value: str | None, *, field: str, message: str, limit: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(message, field=field)
    return value[:limit]


def aware(value: datetime.datetime, time_zone: str) -> datetime.datetime:
    """A local time entered for the event (naive) made aware in its time zone."""
    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))


def generated_room_url() -> str:
    base = getattr(settings, "JITSI_BASE_URL", "https://meet.jit.si").rstrip("/")
    return f"{base}/netvaerk-{secrets.token_urlsafe(18)}"


@dataclass
class Plan:
    """What the organiser entered for one event, checked."""

    kind: str
    format: str
    audience: str
    title: str
    description: str
    agenda: str
    time_zone: str
    venue_name: str
    venue_address: str
    online_link: str
    capacity: int | None
    registration_required: bool
    registration_closes_at: datetime.datetime | None

    def times(
        self, starts_at: datetime.datetime, ends_at: datetime.datetime, *, allow_past: bool
    ) -> tuple[datetime.datetime, datetime.datetime]:
        start, end = aware(starts_at, self.time_zone), aware(ends_at, self.time_zone)
        if end <= start:
            raise ServiceError(_("The event must end after it starts."), field="ends_at")
        if not allow_past and start <= timezone.now():
            raise ServiceError(_("The event cannot start in the past."), field="starts_at")
        if self.registration_closes_at is not None and self.registration_closes_at > start:
            raise ServiceError(
                _("Registration must close before the event starts."),
                field="registration_closes_at",
            )
        return start, end


def _plan(
    *,
    network: Network | None,
    kind: str,
    format: str,
    audience: str,
    title: str,
    description: str,
    agenda: str,
    time_zone: str,
    venue_name: str,
    venue_address: str,
    online_link: str,
    capacity: int | None,
    registration_required: bool,
    registration_closes_at: datetime.datetime | None,
) -> Plan:
    if kind not in EventKind.values:
        raise ServiceError(_("Choose what kind of event it is."), field="kind")
    if format not in EventFormat.values:
        raise ServiceError(
            _("Choose whether the event is online, in person or both."), field="format"
        )
    if audience not in Audience.values:
        raise ServiceError(_("Choose who may take part."), field="audience")
    if network is None and kind == EventKind.MEETING:
        raise ServiceError(_("A network meeting belongs to a network: choose one."), field="kind")
    if network is None and audience == Audience.NETWORK:
        raise ServiceError(
            _("An event for a network's members belongs to a network: choose one."),
            field="audience",
        )
    time_zone = time_zone or DEFAULT_TIME_ZONE
    if time_zone not in _time_zones():
        raise ServiceError(_("Choose a time zone from the list."), field="time_zone")
    venue_name = (venue_name or "").strip()[:200]
    venue_address = (venue_address or "").strip()[:300]
    if format in (EventFormat.PHYSICAL, EventFormat.HYBRID) and not venue_name:
        raise ServiceError(_("Say where the event takes place."), field="venue_name")
    online_link = (online_link or "").strip()
    if online_link:
        parts = urlsplit(online_link)
        if parts.scheme != "https" or not parts.netloc or len(online_link) > 500:
            raise ServiceError(
                _("The link to the online room must be an https:// address."), field="online_url"
            )
    if capacity is not None and capacity < 1:
        raise ServiceError(_("Give at least one seat, or leave it blank."), field="capacity")
    closes = registration_closes_at
    if closes is not None:
        closes = aware(closes, time_zone)
    return Plan(
        kind=kind,
        format=format,
        audience=audience,
        title=_text(title, field="title", message=_("Give the event a title.")),
        description=(description or "").strip()[:TEXT_LIMIT],
        agenda=(agenda or "").strip()[:TEXT_LIMIT],
        time_zone=time_zone,
        venue_name=venue_name if format != EventFormat.VIRTUAL else "",
        venue_address=venue_address if format != EventFormat.VIRTUAL else "",
        online_link=online_link if format != EventFormat.PHYSICAL else "",
        capacity=capacity,
        registration_required=registration_required,
        registration_closes_at=closes if registration_required else None,
    )


def _room(plan: Plan, *, current: Event | None = None) -> tuple[str, str]:
    """(provider, url) of the online room."""
    if plan.format == EventFormat.PHYSICAL:
        return RoomProvider.NONE, ""
    if plan.online_link:
        if current is not None and current.online_url == plan.online_link:
            return current.room_provider, current.online_url
        return RoomProvider.LINK, plan.online_link
    if current is not None and current.room_provider == RoomProvider.GENERATED:
        return RoomProvider.GENERATED, current.online_url
    if getattr(settings, "MEETING_ROOM_PROVIDER", "jitsi") == "jitsi":
        return RoomProvider.GENERATED, generated_room_url()
    return RoomProvider.NONE, ""


def _require_plan(actor: Actor, network: Network | None) -> None:
    same_organisation(actor, network)
    if not actor.can("meetings.create_event", network):
        if network is None:
            raise ServiceError(_("Only the office plans events for the whole organisation."))
        raise ServiceError(
            _(
                "Only the chair, coordination group and coordinator of an active network "
                "plan its events."
            )
        )


def _new_event(
    actor: Actor,
    network: Network | None,
    plan: Plan,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    series: EventSeries | None,
    created_at: datetime.datetime,
) -> Event:
    provider, url = _room(plan)
    return Event.objects.create(
        organisation=actor.organisation,
        network=network,
        series=series,
        kind=plan.kind,
        format=plan.format,
        audience=plan.audience,
        title=plan.title,
        description=plan.description,
        agenda=plan.agenda,
        starts_at=start,
        ends_at=end,
        time_zone=plan.time_zone,
        venue_name=plan.venue_name,
        venue_address=plan.venue_address,
        room_provider=provider,
        online_url=url,
        registration_required=plan.registration_required,
        capacity=plan.capacity,
        registration_closes_at=plan.registration_closes_at,
        created_by=actor.person,
        created_at=created_at,
        updated_at=created_at,
    )


@transaction.atomic
def event_create(
    *,
    actor: Actor,
    network: Network | None,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    format: str = EventFormat.VIRTUAL,
    audience: str = Audience.NETWORK,
    description: str = "",
    agenda: str = "",
    time_zone: str = DEFAULT_TIME_ZONE,
    venue_name: str = "",
    venue_address: str = "",
    online_url: str = "",
    capacity: int | None = None,
    registration_required: bool = True,
    registration_closes_at: datetime.datetime | None = None,
    allow_past: bool = False,
    created_at: datetime.datetime | None = None,
) -> Event:
    """Plan one event for a network, or for the office when `network` is None. Naive
    `starts_at`/`ends_at` are local times in `time_zone`. `allow_past` and `created_at` are
    for seeding history."""
    _require_plan(actor, network)
    plan = _plan(
        network=network,
        kind=kind,
        format=format,
        audience=audience,
        title=title,
        description=description,
        agenda=agenda,
        time_zone=time_zone,
        venue_name=venue_name,
        venue_address=venue_address,
        online_link=online_url,
        capacity=capacity,
        registration_required=registration_required,
        registration_closes_at=registration_closes_at,
    )
    start, end = plan.times(starts_at, ends_at, allow_past=allow_past)
    event = _new_event(
        actor, network, plan, start, end, series=None, created_at=created_at or timezone.now()
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="event.created",
        obj=event,
        data={"network": network.slug if network else None, "kind": kind},
    )
    return event


@transaction.atomic
def series_create(
    *,
    actor: Actor,
    network: Network | None,
    kind: str,
    title: str,
    sessions: Sequence[tuple[datetime.datetime, datetime.datetime]],
    format: str = EventFormat.VIRTUAL,
    audience: str = Audience.NETWORK,
    description: str = "",
    agenda: str = "",
    time_zone: str = DEFAULT_TIME_ZONE,
    venue_name: str = "",
    venue_address: str = "",
    online_url: str = "",
    capacity: int | None = None,
    registration_required: bool = True,
    allow_past: bool = False,
    created_at: datetime.datetime | None = None,
) -> EventSeries:
    """Several sessions with the same title and settings, each its own event (and its own
    online room). Every date is checked first: one bad date and nothing is created."""
    _require_plan(actor, network)
    if not sessions:
        raise ServiceError(_("Give at least one date for the series."), field="sessions")
    if len(sessions) > MAX_SESSIONS:
        raise ServiceError(
            _("A series has at most %(count)d sessions.") % {"count": MAX_SESSIONS},
            field="sessions",
        )
    plan = _plan(
        network=network,
        kind=kind,
        format=format,
        audience=audience,
        title=title,
        description=description,
        agenda=agenda,
        time_zone=time_zone,
        venue_name=venue_name,
        venue_address=venue_address,
        online_link=online_url,
        capacity=capacity,
        registration_required=registration_required,
        registration_closes_at=None,
    )
    checked: list[tuple[datetime.datetime, datetime.datetime]] = []
    for number, (start, end) in enumerate(sessions, start=1):
        try:
            checked.append(plan.times(start, end, allow_past=allow_past))
        except ServiceError as error:
            raise ServiceError(
                _("Session %(number)d: %(problem)s") % {"number": number, "problem": error.message},
                field="sessions",
            ) from None
    starts = [start for start, _end in checked]
    if len(set(starts)) != len(starts):
        raise ServiceError(_("Two sessions start at the same time."), field="sessions")
    now = created_at or timezone.now()
    series = EventSeries.objects.create(
        organisation=actor.organisation,
        network=network,
        title=plan.title,
        description=plan.description,
        created_by=actor.person,
        created_at=now,
    )
    events = [
        _new_event(actor, network, plan, start, end, series=series, created_at=now)
        for start, end in sorted(checked)
    ]
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="event_series.created",
        obj=series,
        data={"network": network.slug if network else None, "events": [e.pk for e in events]},
    )
    return series


def _require_edit(actor: Actor, event: Event) -> None:
    if not actor.can("meetings.manage_event", event):
        raise ServiceError(_("Only the event's organisers can change it."))
    if event.status != EventStatus.SCHEDULED:
        raise ServiceError(_("Only a scheduled event can be changed."))


@transaction.atomic
def event_update(
    *,
    actor: Actor,
    event: Event,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str | None = None,
    format: str | None = None,
    audience: str | None = None,
    description: str = "",
    agenda: str = "",
    time_zone: str | None = None,
    venue_name: str = "",
    venue_address: str = "",
    online_url: str = "",
    capacity: int | None = None,
    registration_required: bool = True,
    registration_closes_at: datetime.datetime | None = None,
) -> Event:
    """Change an event. Its SEQUENCE goes up, so calendar programs pick the change up; those
    registered or waiting are told when the time, the place or the room changed; more seats
    move the first on the waiting list up."""
    same_organisation(actor, event)
    event = lock_event(event)
    _require_edit(actor, event)
    plan = _plan(
        network=event.network,
        kind=kind or event.kind,
        format=format or event.format,
        audience=audience or event.audience,
        title=title,
        description=description,
        agenda=agenda,
        time_zone=time_zone or event.time_zone,
        venue_name=venue_name,
        venue_address=venue_address,
        online_link=online_url,
        capacity=capacity,
        registration_required=registration_required,
        registration_closes_at=registration_closes_at,
    )
    start, end = plan.times(starts_at, ends_at, allow_past=event.starts_at <= timezone.now())
    before = {name: getattr(event, name) for name in NOTICEABLE}
    provider, url = _room(plan, current=event)
    updates: dict[str, Any] = {
        "kind": plan.kind,
        "format": plan.format,
        "audience": plan.audience,
        "title": plan.title,
        "description": plan.description,
        "agenda": plan.agenda,
        "starts_at": start,
        "ends_at": end,
        "time_zone": plan.time_zone,
        "venue_name": plan.venue_name,
        "venue_address": plan.venue_address,
        "room_provider": provider,
        "online_url": url,
        "capacity": plan.capacity,
        "registration_required": plan.registration_required,
        "registration_closes_at": plan.registration_closes_at,
    }
    for name, value in updates.items():
        setattr(event, name, value)
    changed = [name for name in NOTICEABLE if getattr(event, name) != before[name]]
    event.sequence += 1
    event.updated_at = timezone.now()
    event.save(update_fields=[*updates, "sequence", "updated_at"])
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.updated",
        obj=event,
        data={"changed": changed, "sequence": event.sequence},
    )
    if changed:
        tell_open_registrations(
            event,
            "changed",
            time_changed=bool({"starts_at", "ends_at", "time_zone"} & set(changed)),
            place_changed=bool({"format", "venue_name", "venue_address"} & set(changed)),
            room_changed="online_url" in changed,
        )
    fill_free_seats(actor=actor, event=event)
    return event


@transaction.atomic
def event_cancel(*, actor: Actor, event: Event, reason: str) -> Event:
    same_organisation(actor, event)
    event = lock_event(event)
    _require_edit(actor, event)
    event.cancel_reason = _text(
        reason, field="reason", message=_("Say why the event is cancelled."), limit=5000
    )
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.updated_at = event.cancelled_at
    event.save(update_fields=["cancel_reason", "status", "cancelled_at", "sequence", "updated_at"])
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.cancelled",
        obj=event,
        reason=event.cancel_reason,
    )
    tell_open_registrations(event, "cancelled")
    return event


@transaction.atomic
def event_close(
    *,
    actor: Actor,
    event: Event,
    minutes: str,
    headcount: int | None,
    proposals: Sequence[Proposal] = (),
    closed_at: datetime.datetime | None = None,
) -> Event:
    """After the event: its minutes (Markdown), how many came and the proposals of the same
    network it produced. Closing again corrects what was recorded."""
    same_organisation(actor, event)
    event = lock_event(event)
    if not actor.can("meetings.manage_event", event):
        raise ServiceError(_("Only the event's organisers can close it."))
    at = closed_at or timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("A cancelled event cannot be closed."))
    if event.starts_at > at:
        raise ServiceError(_("An event can be closed once it has taken place."))
    if headcount is not None and headcount < 0:
        raise ServiceError(_("The headcount cannot be negative."), field="headcount")
    for proposal in proposals:
        if event.network_id is None or proposal.network_id != event.network_id:
            raise ServiceError(
                _("Only proposals of the event's own network can be linked."), field="proposals"
            )
    event.minutes = (minutes or "").strip()[:TEXT_LIMIT]
    event.headcount = headcount
    if event.status != EventStatus.HELD:
        event.status = EventStatus.HELD
        event.closed_at = at
        event.closed_by = actor.person
    event.updated_at = at
    event.save(
        update_fields=["minutes", "headcount", "status", "closed_at", "closed_by", "updated_at"]
    )
    event.proposals.set(proposals)
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.closed",
        obj=event,
        data={"headcount": headcount, "proposals": [p.pk for p in proposals]},
    )
    return event


# --- registration questions ----------------------------------------------------------------


def _question_fields(kind: str, text: str, choices: str) -> tuple[str, str, str]:
    if kind not in QuestionKind.values:
        raise ServiceError(_("Choose what kind of answer the question takes."), field="kind")
    text = _text(text, field="text", message=_("Write the question."), limit=300)
    lines = [line.strip() for line in (choices or "").splitlines() if line.strip()]
    if kind == QuestionKind.CHOICE:
        if len(lines) < 2:
            raise ServiceError(
                _("Give at least two answers to choose from, one per line."), field="choices"
            )
        if len(set(lines)) != len(lines):
            raise ServiceError(_("Each answer to choose from must differ."), field="choices")
    return kind, text, "\n".join(lines) if kind == QuestionKind.CHOICE else ""


@transaction.atomic
def question_add(
    *, actor: Actor, event: Event, text: str, kind: str, choices: str = "", required: bool = False
) -> RegistrationQuestion:
    same_organisation(actor, event)
    event = lock_event(event)
    _require_edit(actor, event)
    kind, text, choices = _question_fields(kind, text, choices)
    last = event.questions.order_by("-position").values_list("position", flat=True).first()
    question = RegistrationQuestion.objects.create(
        organisation=event.organisation,
        event=event,
        text=text,
        kind=kind,
        choices=choices,
        required=required,
        position=(last or 0) + 1,
    )
    log_action(
        actor=actor, organisation=event.organisation, action="event.question_added", obj=question
    )
    return question


@transaction.atomic
def question_update(
    *,
    actor: Actor,
    question: RegistrationQuestion,
    text: str,
    kind: str,
    choices: str = "",
    required: bool = False,
) -> RegistrationQuestion:
    same_organisation(actor, question)
    event = lock_event(question.event)
    _require_edit(actor, event)
    question.kind, question.text, question.choices = _question_fields(kind, text, choices)
    question.required = required
    question.save(update_fields=["kind", "text", "choices", "required"])
    log_action(
        actor=actor, organisation=event.organisation, action="event.question_edited", obj=question
    )
    return question


@transaction.atomic
def question_remove(*, actor: Actor, question: RegistrationQuestion) -> None:
    """The answers already given stay on the registrations."""
    same_organisation(actor, question)
    event = lock_event(question.event)
    _require_edit(actor, event)
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.question_removed",
        obj=question,
        data={"text": question.text},
    )
    question.delete()


# --- the personal calendar address ----------------------------------------------------------


@transaction.atomic
def calendar_feed_reset(*, actor: Actor) -> CalendarFeed:
    """Make (or replace, when it leaked) the person's secret calendar address. The old one
    answers 404 from now on."""
    if actor.person is None:
        raise ServiceError(_("Only members of the organisation have a personal calendar."))
    feed, created = CalendarFeed.objects.get_or_create(
        person=actor.person, defaults={"organisation": actor.organisation}
    )
    if not created:
        feed.token = new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="calendar_feed.created" if created else "calendar_feed.reset",
        obj=feed,
    )
    return feed
