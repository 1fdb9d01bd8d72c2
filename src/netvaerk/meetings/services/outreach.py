"""Announcements, reminders, the follow-up after an event, and the activity newsletter.

Large audiences (every member of a big organisation) are never handled inside a request:
the service records what is to be sent and queues a background task, which renders the
e-mail once per language and writes the outbox in batches of FAN_OUT_BATCH persons, each
batch in its own transaction, moving a cursor (`delivered_through`) so that a task that
stopped halfway goes on where it stopped when it runs again. `send_event_reminders` queues
again every fan-out that was left unfinished."""

import datetime
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.tasks import task
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.mail import (
    notifications_are_suppressed,
    notify_address,
    notify_persons,
    queue_emails,
    render_email,
)
from netvaerk.meetings.models import (
    Announcement,
    Attendance,
    Audience,
    Event,
    EventMaterial,
    EventStatus,
    Newsletter,
    NewsletterStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.networks.models import Membership, MembershipStatus
from netvaerk.notifications.digest import digest_item, send_or_digest
from netvaerk.notifications.models import Delivery, DigestItem, DigestKind, OutgoingEmail
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

logger = logging.getLogger(__name__)

# Two announcements of one event within this time would flood people's inboxes.
ANNOUNCE_INTERVAL = datetime.timedelta(hours=24)
# Persons handed their e-mail (or digest item) per transaction of a fan-out.
FAN_OUT_BATCH = 1000
# A fan-out unfinished this long after it was started has lost its task.
FAN_OUT_STALE_AFTER = datetime.timedelta(minutes=10)
# Reminders: one a day before (only for events planned at least that far ahead), one an
# hour before.
DAY_REMINDER = datetime.timedelta(hours=24)
HOUR_REMINDER = datetime.timedelta(hours=1)
# The newsletter form picks the upcoming events of the next six weeks to begin with.
NEWSLETTER_PRESELECT = datetime.timedelta(weeks=6)

TEMPLATES = "meetings/email/outreach_"


# ---------------------------------------------------------------- addresses and audiences


def event_path(event: Event) -> str:
    """The event's page: a stable address (DESIGN.md)."""
    return reverse("meetings:event", kwargs={"org": event.organisation.slug, "event_id": event.pk})


def registration_path(registration: Registration) -> str:
    """The holder's own page (status, cancellation), reached with the secret token."""
    return reverse(
        "meetings:registration",
        kwargs={"org": registration.organisation.slug, "token": registration.token},
    )


def follow_up_path(event: Event) -> str:
    return reverse(
        "meetings:event_follow_up", kwargs={"org": event.organisation.slug, "event_id": event.pk}
    )


def _network_member_ids(event: Event) -> Any:
    return Membership.objects.filter(network=event.network, status=MembershipStatus.ACTIVE).values(
        "person_id"
    )


def announcement_audience(*, event: Event) -> QuerySet[Person]:
    """Who an announcement goes to: the network's members for a network event; every active
    member (and the network's own members) for an event open to members or to the public.
    Only those with an e-mail address."""
    persons = Person.objects.filter(organisation_id=event.organisation_id).exclude(email="")
    if event.audience == Audience.NETWORK:
        return persons.filter(pk__in=_network_member_ids(event))
    if event.network_id is None:
        return persons.filter(is_member=True)
    return persons.filter(Q(is_member=True) | Q(pk__in=_network_member_ids(event)))


def newsletter_recipients(*, organisation: Organisation) -> QuerySet[Person]:
    """Every active member with an e-mail address, but those whose latest newsletter consent
    is a withdrawal.

    Members get the newsletter as part of their membership (the organisation's legitimate
    interest in telling its members what it does), so a member never asked still gets it;
    requiring a consent first would silently cut off every member imported before consents
    were recorded. A withdrawal is an objection the organisation must honour (GDPR art. 21),
    so it always wins."""
    from netvaerk.privacy.models import ConsentKind, ConsentRecord

    latest = (
        ConsentRecord.objects.filter(person=OuterRef("pk"), kind=ConsentKind.NEWSLETTER)
        .order_by("-recorded_at", "-id")
        .values("given")[:1]
    )
    return (
        Person.objects.filter(organisation=organisation, is_member=True)
        .exclude(email="")
        .alias(newsletter=Subquery(latest))
        .filter(Q(newsletter__isnull=True) | Q(newsletter=True))
    )


def audience_split(*, persons: QuerySet[Person]) -> dict[str, int]:
    """How many get an e-mail at once and how many a digest item (two counts)."""
    total = persons.count()
    weekly = persons.filter(email_preference__delivery=Delivery.WEEKLY).count()
    return {"total": total, "weekly": weekly, "immediate": total - weekly}


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(message, field=field)
    return value


def _when(moment: datetime.datetime, zone: Any = None) -> str:
    local = moment.astimezone(zone) if zone else timezone.localtime(moment)
    return formats.date_format(local, "DATETIME_FORMAT")


# ---------------------------------------------------------------- announcements


@transaction.atomic
def event_announce(
    *, actor: Actor, event: Event, message: str, now: datetime.datetime | None = None
) -> Announcement:
    """E-mail the event to its audience: at once, or in the weekly digest of those who chose
    it. The sending itself is a background task; the announcement records how many."""
    same_organisation(actor, event)
    moment = now or timezone.now()
    message = _text(message, field="message", message=_("Write a message to go with the event."))
    # One announcement at a time per event: the row lock orders two organisers' clicks.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("The event is cancelled; a cancelled event is not announced."))
    if event.starts_at <= moment:
        raise ServiceError(_("The event has already begun; there is nothing left to announce."))
    require(
        actor,
        "meetings.announce_event",
        event,
        _("Only those who run the event, and the office, announce it."),
    )
    last = event.announcements.order_by("-sent_at").first()
    if last is not None and last.sent_at > moment - ANNOUNCE_INTERVAL:
        raise ServiceError(
            _(
                "The event was announced on %(then)s. To keep people's inboxes calm, it can be "
                "announced again from %(next)s."
            )
            % {"then": _when(last.sent_at), "next": _when(last.sent_at + ANNOUNCE_INTERVAL)}
        )
    count = announcement_audience(event=event).count()
    if not count:
        raise ServiceError(_("Nobody in the event's audience has an e-mail address."))
    suppressed = notifications_are_suppressed()
    announcement = Announcement.objects.create(
        organisation=event.organisation,
        event=event,
        message=message,
        sent_by=actor.person,
        sent_at=moment,
        recipient_count=count,
        # Seeding history (the demo): recorded, never sent.
        delivered_at=moment if suppressed else None,
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.announced",
        obj=event,
        data={"announcement": announcement.pk, "recipients": count, "audience": event.audience},
    )
    if not suppressed:
        transaction.on_commit(
            functools.partial(_enqueue, announcement_deliver, announcement_id=announcement.pk)
        )
    return announcement


def _enqueue(runner: Any, **kwargs: Any) -> None:
    try:
        runner.enqueue(**kwargs)
    except Exception:
        # Recorded and unfinished: send_event_reminders queues it again.
        logger.exception("Could not queue %s %s; it will be queued again.", runner, kwargs)


@task()
def announcement_deliver(*, announcement_id: int) -> int:
    return announcement_fan_out(announcement_id=announcement_id)


def announcement_fan_out(*, announcement_id: int, batch: int = FAN_OUT_BATCH) -> int:
    """Hand every person of the audience their e-mail or digest item. Safe to run twice."""
    announcement = Announcement.objects.select_related(
        "event", "event__organisation", "event__network", "sent_by"
    ).get(pk=announcement_id)
    if announcement.delivered_at is not None:
        return 0
    event = announcement.event
    url = event_path(event)
    rendered = _render_per_language(
        "announcement",
        {
            "event": event,
            "announcement": announcement,
            "organisation": event.organisation,
            "event_url": url,
        },
    )
    return _fan_out(
        model=Announcement,
        pk=announcement.pk,
        audience=announcement_audience(event=event),
        rendered=rendered,
        organisation_id=event.organisation_id,
        digest=(DigestKind.ANNOUNCEMENT, url),
        batch=batch,
    )


def _render_per_language(name: str, context: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {
        code: render_email(template=f"{TEMPLATES}{name}", context=context, language=code)
        for code, _label in settings.LANGUAGES
    }


def _fan_out(
    *,
    model: type[Announcement] | type[Newsletter],
    pk: int,
    audience: QuerySet[Person],
    rendered: dict[str, tuple[str, str]],
    organisation_id: int,
    digest: tuple[DigestKind, str] | None,
    batch: int,
) -> int:
    """Batches of persons in key order; each batch writes its rows and moves the cursor in
    one transaction (the record's row is locked, so two tasks never write the same batch)."""
    handed = 0
    while True:
        with transaction.atomic():
            record = model.objects.select_for_update().get(pk=pk)
            if record.delivered_at is not None:
                return handed
            persons = list(
                audience.filter(pk__gt=record.delivered_through)
                .order_by("pk")
                .values_list("pk", "email", "language", "email_preference__delivery")[:batch]
            )
            if not persons:
                record.delivered_at = timezone.now()
                record.save(update_fields=["delivered_at"])
                return handed
            emails: list[OutgoingEmail] = []
            items: list[DigestItem] = []
            for person_id, address, language, delivery in persons:
                subject, body = rendered[_language(language)]
                if digest is not None and delivery == Delivery.WEEKLY:
                    kind, url = digest
                    items.append(
                        digest_item(
                            person_id=person_id,
                            organisation_id=organisation_id,
                            kind=kind,
                            title=subject,
                            body=body,
                            url=url,
                        )
                    )
                else:
                    emails.append(
                        OutgoingEmail(
                            organisation_id=organisation_id,
                            recipient_id=person_id,
                            to_address=address,
                            subject=Truncator(subject).chars(300),
                            body=body,
                        )
                    )
            queue_emails(emails)
            DigestItem.objects.bulk_create(items)
            record.delivered_through = persons[-1][0]
            record.save(update_fields=["delivered_through"])
            handed += len(persons)


def outreach_fan_outs_resume(*, now: datetime.datetime | None = None) -> int:
    """Queue again every announcement and newsletter whose fan-out has not finished long
    after it began (its task was lost, or the worker stopped). Harmless when not needed."""
    before = (now or timezone.now()) - FAN_OUT_STALE_AFTER
    requeued = 0
    for pk in Announcement.objects.filter(
        delivered_at__isnull=True, sent_at__lte=before
    ).values_list("pk", flat=True):
        _enqueue(announcement_deliver, announcement_id=pk)
        requeued += 1
    for pk in Newsletter.objects.filter(
        status=NewsletterStatus.SENT, delivered_at__isnull=True, sent_at__lte=before
    ).values_list("pk", flat=True):
        _enqueue(newsletter_deliver, newsletter_id=pk)
        requeued += 1
    return requeued


# ---------------------------------------------------------------- reminders


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the confirmed registrants: a day before (events within 24 hours and more than
    an hour away, planned at least a day ahead) and an hour before. Each reminder is stamped
    on the event by a conditional update, so two runs at once send it once. Run every 10
    minutes. Returns how many people were reminded."""
    moment = now or timezone.now()
    upcoming = Event.objects.filter(status=EventStatus.SCHEDULED, starts_at__gt=moment)
    reminded = 0
    hour_due = upcoming.filter(
        starts_at__lte=moment + HOUR_REMINDER, reminder_hour_sent_at__isnull=True
    )
    for event_id in hour_due.values_list("pk", flat=True):
        reminded += _remind(event_id=event_id, which="hour", now=moment)
    day_due = upcoming.filter(
        starts_at__gt=moment + HOUR_REMINDER,
        starts_at__lte=moment + DAY_REMINDER,
        reminder_day_sent_at__isnull=True,
        reminder_hour_sent_at__isnull=True,
        # An event planned at shorter notice than a day gets only the hour's reminder.
        created_at__lte=F("starts_at") - DAY_REMINDER,
    )
    for event_id in day_due.values_list("pk", flat=True):
        reminded += _remind(event_id=event_id, which="day", now=moment)
    return reminded


@transaction.atomic
def _remind(*, event_id: int, which: str, now: datetime.datetime) -> int:
    field = "reminder_day_sent_at" if which == "day" else "reminder_hour_sent_at"
    stamped = Event.objects.filter(
        pk=event_id, status=EventStatus.SCHEDULED, starts_at__gt=now, **{f"{field}__isnull": True}
    ).update(**{field: now})
    if not stamped:
        # Another run got there first, or the event was cancelled meanwhile.
        return 0
    event = Event.objects.select_related("organisation", "network").get(pk=event_id)
    registrations = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "organisation")
        .order_by("pk")
    )
    log_action(
        actor=None,
        organisation=event.organisation,
        action=f"event.reminder_{which}_sent",
        obj=event,
        data={"recipients": len(registrations)},
    )
    transaction.on_commit(
        functools.partial(_send_reminders, event=event, registrations=registrations, which=which)
    )
    return len(registrations)


def _send_reminders(*, event: Event, registrations: list[Registration], which: str) -> None:
    for registration in registrations:
        context = {
            "event": event,
            "registration": registration,
            "which": which,
            "holder_path": registration_path(registration),
            "event_url": event_path(event),
        }
        if registration.person is not None:
            notify_persons(
                persons=[registration.person],
                template=f"{TEMPLATES}reminder",
                context=context,
                # The event's page, which shows them their registration: the notification
                # stays in their list after the personal link has expired.
                url=event_path(event),
            )
        else:
            notify_address(
                to=registration.email,
                language=registration.language,
                template=f"{TEMPLATES}reminder",
                context=context,
                organisation=event.organisation,
            )


# ---------------------------------------------------------------- follow-up


def _https(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        raise ServiceError(
            _("Give a full https:// address, such as https://example.org/slides.pdf."),
            field="url",
        ) from None
    return url


@transaction.atomic
def event_material_add(
    *,
    actor: Actor,
    event: Event,
    title: str,
    url: str,
    now: datetime.datetime | None = None,
) -> EventMaterial:
    same_organisation(actor, event)
    require(
        actor,
        "meetings.manage_event",
        event,
        _("Only those who run the event add materials to it."),
    )
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("The event is cancelled; it has no materials."))
    title = _text(title, field="title", message=_("Give the material a title."))
    material = EventMaterial.objects.create(
        organisation=event.organisation,
        event=event,
        title=title[:200],
        url=_https(url),
        added_at=now or timezone.now(),
        added_by=actor.person,
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.material_added",
        obj=event,
        data={"material": material.pk, "title": material.title, "url": material.url},
    )
    return material


@transaction.atomic
def event_material_remove(*, actor: Actor, material: EventMaterial) -> None:
    same_organisation(actor, material)
    require(
        actor,
        "meetings.manage_event",
        material.event,
        _("Only those who run the event remove its materials."),
    )
    log_action(
        actor=actor,
        organisation=material.organisation,
        action="event.material_removed",
        obj=material.event,
        data={"title": material.title, "url": material.url},
    )
    material.delete()


def follow_up_recipients(
    *, event: Event, include_absent: bool = False
) -> tuple[list[Person], list[tuple[str, str]]]:
    """Those who came (attendance), and if asked those registered who did not: persons, and
    guests as (address, language)."""
    persons: dict[int, Person] = {}
    guests: dict[str, str] = {}
    for attendance in Attendance.objects.filter(event=event).select_related(
        "person", "registration"
    ):
        if attendance.person is not None:
            persons[attendance.person.pk] = attendance.person
        elif attendance.email:
            language = attendance.registration.language if attendance.registration else "da"
            guests.setdefault(attendance.email.lower(), language)
    if include_absent:
        for registration in Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED
        ).select_related("person"):
            if registration.person is not None:
                persons.setdefault(registration.person.pk, registration.person)
            else:
                guests.setdefault(registration.email.lower(), registration.language)
    return list(persons.values()), sorted(guests.items())


@transaction.atomic
def event_follow_up_send(
    *,
    actor: Actor,
    event: Event,
    message: str,
    include_absent: bool = False,
    now: datetime.datetime | None = None,
) -> int:
    """E-mail the message and the materials once, to everyone who came (and, if asked,
    those registered who did not). Returns how many people it goes to."""
    same_organisation(actor, event)
    moment = now or timezone.now()
    require(
        actor,
        "meetings.manage_event",
        event,
        _("Only those who run the event send the follow-up."),
    )
    message = _text(message, field="message", message=_("Write a message to the participants."))
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("The event is cancelled, so there is nothing to follow up."))
    if event.ends_at > moment:
        raise ServiceError(_("The follow-up is sent after the event has ended."))
    persons, guests = follow_up_recipients(event=event, include_absent=include_absent)
    count = len(persons) + len(guests)
    if not count:
        raise ServiceError(
            _(
                "Nobody is recorded as having come. Record the attendance first, or include "
                "those registered."
            )
        )
    stamped = Event.objects.filter(pk=event.pk, follow_up_sent_at__isnull=True).update(
        follow_up_sent_at=moment, follow_up_message=message, updated_at=moment
    )
    if not stamped:
        raise ServiceError(_("The follow-up of this event has already been sent."))
    event.refresh_from_db(fields=["follow_up_sent_at", "follow_up_message", "updated_at"])
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="event.follow_up_sent",
        obj=event,
        data={"recipients": count, "include_absent": include_absent},
    )
    materials = list(event.materials.all())
    url = follow_up_path(event)
    context = {
        "event": event,
        "materials": materials,
        "message": message,
        "follow_up_url": url,
        "event_url": event_path(event),
    }

    def send() -> None:
        send_or_digest(
            persons=persons,
            kind=DigestKind.FOLLOW_UP,
            template=f"{TEMPLATES}follow_up",
            context=context,
            url=url,
        )
        for address, language in guests:
            notify_address(
                to=address,
                language=language,
                template=f"{TEMPLATES}follow_up",
                context=context,
                organisation=event.organisation,
            )

    transaction.on_commit(send)
    return count


def took_part(*, event: Event, person: Person | None) -> bool:
    """Came, or holds a registration: may read the follow-up page."""
    if person is None:
        return False
    return (
        Attendance.objects.filter(event=event, person=person).exists()
        or Registration.objects.filter(
            event=event, person=person, status=RegistrationStatus.CONFIRMED
        ).exists()
    )


# ---------------------------------------------------------------- the newsletter


def newsletter_candidates(
    *, organisation: Organisation, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """What a newsletter may list: the organisation's scheduled, upcoming events open to all
    members or to the public."""
    return (
        Event.objects.filter(
            organisation=organisation,
            status=EventStatus.SCHEDULED,
            starts_at__gt=now or timezone.now(),
            audience__in=(Audience.MEMBERS, Audience.PUBLIC),
        )
        .select_related("network")
        .order_by("starts_at", "pk")
    )


def newsletter_preselected(
    *, organisation: Organisation, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    moment = now or timezone.now()
    return newsletter_candidates(organisation=organisation, now=moment).filter(
        starts_at__lte=moment + NEWSLETTER_PRESELECT
    )


def _newsletter_events(
    actor: Actor, event_ids: Iterable[int], now: datetime.datetime | None
) -> list[Event]:
    try:
        wanted = {int(pk) for pk in event_ids}
    except (TypeError, ValueError):
        raise ServiceError(_("Choose events from the list."), field="events") from None
    events = list(
        newsletter_candidates(organisation=actor.organisation, now=now).filter(pk__in=wanted)
    )
    if len(events) != len(wanted):
        raise ServiceError(
            _(
                "A newsletter lists only this organisation's upcoming events that are open to "
                "all members or to the public. Choose events from the list."
            ),
            field="events",
        )
    return events


@transaction.atomic
def newsletter_create(
    *,
    actor: Actor,
    title: str,
    introduction: str,
    event_ids: Iterable[int],
    now: datetime.datetime | None = None,
) -> Newsletter:
    require(
        actor, "meetings.compose_newsletter", None, _("Only the office may compose the newsletter.")
    )
    title = _text(title, field="title", message=_("Give the newsletter a title."))
    events = _newsletter_events(actor, event_ids, now)
    newsletter = Newsletter.objects.create(
        organisation=actor.organisation,
        title=title[:200],
        introduction=(introduction or "").strip(),
        created_by=actor.person,
        created_at=now or timezone.now(),
    )
    newsletter.events.set(events)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="newsletter.created",
        obj=newsletter,
        data={"events": sorted(event.pk for event in events)},
    )
    return newsletter


def _lock_newsletter(actor: Actor, newsletter: Newsletter) -> Newsletter:
    same_organisation(actor, newsletter)
    require(
        actor, "meetings.compose_newsletter", None, _("Only the office may compose the newsletter.")
    )
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        raise ServiceError(_("The newsletter has been sent; it can no longer be changed."))
    return locked


@transaction.atomic
def newsletter_update(
    *,
    actor: Actor,
    newsletter: Newsletter,
    title: str,
    introduction: str,
    event_ids: Iterable[int],
    now: datetime.datetime | None = None,
) -> Newsletter:
    newsletter = _lock_newsletter(actor, newsletter)
    newsletter.title = _text(title, field="title", message=_("Give the newsletter a title."))[:200]
    newsletter.introduction = (introduction or "").strip()
    events = _newsletter_events(actor, event_ids, now)
    newsletter.save(update_fields=["title", "introduction"])
    newsletter.events.set(events)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="newsletter.changed",
        obj=newsletter,
        data={"events": sorted(event.pk for event in events)},
    )
    return newsletter


def newsletter_events_to_send(
    *, newsletter: Newsletter, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """The newsletter's events still upcoming and not cancelled (one query)."""
    return (
        newsletter.events.filter(status=EventStatus.SCHEDULED, starts_at__gt=now or timezone.now())
        .select_related("network", "organisation")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def newsletter_send(
    *, actor: Actor, newsletter: Newsletter, now: datetime.datetime | None = None
) -> Newsletter:
    """Send it, once, to every active member with an e-mail address, at once: it is itself
    a digest, so nobody's weekly digest holds it back. The sending is a background task."""
    moment = now or timezone.now()
    newsletter = _lock_newsletter(actor, newsletter)
    if not newsletter_events_to_send(newsletter=newsletter, now=moment).exists():
        raise ServiceError(
            _("None of the newsletter's events is still upcoming. Choose upcoming events first.")
        )
    count = newsletter_recipients(organisation=newsletter.organisation).count()
    if not count:
        raise ServiceError(_("No member of the organisation has an e-mail address."))
    suppressed = notifications_are_suppressed()
    newsletter.status = NewsletterStatus.SENT
    newsletter.sent_at = moment
    newsletter.sent_by = actor.person
    newsletter.recipient_count = count
    newsletter.delivered_at = moment if suppressed else None
    newsletter.save(
        update_fields=["status", "sent_at", "sent_by", "recipient_count", "delivered_at"]
    )
    log_action(
        actor=actor,
        organisation=newsletter.organisation,
        action="newsletter.sent",
        obj=newsletter,
        data={"recipients": count},
    )
    if not suppressed:
        transaction.on_commit(
            functools.partial(_enqueue, newsletter_deliver, newsletter_id=newsletter.pk)
        )
    return newsletter


@task()
def newsletter_deliver(*, newsletter_id: int) -> int:
    return newsletter_fan_out(newsletter_id=newsletter_id)


def newsletter_fan_out(*, newsletter_id: int, batch: int = FAN_OUT_BATCH) -> int:
    newsletter = Newsletter.objects.select_related("organisation").get(pk=newsletter_id)
    if newsletter.delivered_at is not None or newsletter.status != NewsletterStatus.SENT:
        return 0
    events = list(newsletter_events_to_send(newsletter=newsletter, now=newsletter.sent_at))
    context = {
        "newsletter": newsletter,
        "organisation": newsletter.organisation,
        "events": [(event, event_path(event)) for event in events],
    }
    return _fan_out(
        model=Newsletter,
        pk=newsletter.pk,
        audience=newsletter_recipients(organisation=newsletter.organisation),
        rendered=_render_per_language("newsletter", context),
        organisation_id=newsletter.organisation_id,
        digest=None,
        batch=batch,
    )


def render_newsletter_preview(*, newsletter: Newsletter, language: str) -> tuple[str, str]:
    """The e-mail as members will get it, in one language (for the browser preview)."""
    events = list(newsletter_events_to_send(newsletter=newsletter, now=newsletter.sent_at))
    context = {
        "newsletter": newsletter,
        "organisation": newsletter.organisation,
        "events": [(event, event_path(event)) for event in events],
    }
    return render_email(
        template=f"{TEMPLATES}newsletter", context=context, language=_language(language)
    )
