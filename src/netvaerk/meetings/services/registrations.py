"""Registering for an event, as a person or (at a public event) as a visitor, and cancelling.

Seats hold under concurrent registrations: every write that can change who holds a seat
first locks the event's row, then counts. The waiting list is the waiting registrations in
the order they were made; a freed seat goes to the first of them, who is told by e-mail."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, same_organisation
from netvaerk.core.mail import notify_address, notify_persons
from netvaerk.meetings.models import (
    OPEN_REGISTRATION_STATUSES,
    Audience,
    Event,
    EventStatus,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    new_check_in_code,
)
from netvaerk.meetings.rules import takes_part

ANSWER_LIMIT = 2000
YES, NO = "yes", "no"


# --- addresses and e-mail ---------------------------------------------------------------


def event_path(event: Event) -> str:
    return reverse("meetings:event", kwargs={"org": event.organisation.slug, "event_id": event.pk})


def _links(registration: Registration) -> dict[str, str]:
    event = registration.event
    org = event.organisation.slug
    return {
        "event_url": settings.SITE_URL + event_path(event),
        "ics_url": settings.SITE_URL
        + reverse("meetings:event_ics", kwargs={"org": org, "event_id": event.pk}),
        "registration_url": settings.SITE_URL
        + reverse("meetings:registration", kwargs={"org": org, "token": registration.token}),
    }


def tell_holder(registration: Registration, template: str, **context: Any) -> None:
    """E-mail the holder of a registration (a person in their language with an in-app
    notification; a visitor at the address given) once the change is committed."""
    full = {
        "event": registration.event,
        "registration": registration,
        "recipient_name": registration.display_name,
        **_links(registration),
        **context,
    }
    name = f"meetings/email/events_{template}"
    person = registration.person
    url = event_path(registration.event)

    def send() -> None:
        if person is not None:
            notify_persons(persons=[person], template=name, context=full, url=url)
        else:
            notify_address(
                to=registration.email,
                language=registration.language,
                template=name,
                context=full,
                organisation=registration.event.organisation,
            )

    transaction.on_commit(send)


def tell_open_registrations(event: Event, template: str, **context: Any) -> int:
    """Tell everyone registered or waiting (an event changed or was cancelled)."""
    holders = list(
        Registration.objects.filter(event=event, status__in=OPEN_REGISTRATION_STATUSES)
        .select_related("person")
        .order_by("registered_at", "pk")
    )
    for registration in holders:
        registration.event = event
        tell_holder(registration, template, **context)
    return len(holders)


# --- reads used by the writes ------------------------------------------------------------


def lock_event(event: Event) -> Event:
    # Only the event's row: PostgreSQL cannot lock the outer-joined network side.
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("network", "organisation")
        .get(pk=event.pk)
    )


def confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None for a registration not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    moment = registration.registered_at
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(Q(registered_at__lt=moment) | Q(registered_at=moment, pk__lt=registration.pk))
    return ahead.count() + 1


# --- checks ------------------------------------------------------------------------------


def _check_open(event: Event, at: datetime.datetime) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("The event has been cancelled."))
    if event.status != EventStatus.SCHEDULED:
        raise ServiceError(_("The event has already taken place."))
    if not event.registration_required:
        raise ServiceError(_("This event needs no registration: just come."))
    if event.starts_at <= at:
        raise ServiceError(_("The event has begun; registration is closed."))
    if event.registration_closes_at is not None and event.registration_closes_at <= at:
        raise ServiceError(_("Registration for this event has closed."))


def clean_answers(event: Event, answers: dict[str, Any] | None) -> dict[str, str]:
    """The answers keyed by question id, each checked against its question: required ones
    given, a choice one of those listed, yes/no as yes or no."""
    answers = answers or {}
    cleaned: dict[str, str] = {}
    for question in RegistrationQuestion.objects.filter(event=event):
        key = str(question.pk)
        value = answers.get(key, "")
        value = str(value if value is not None else "").strip()[:ANSWER_LIMIT]
        if not value:
            if question.required:
                raise ServiceError(
                    _("Answer the question: %(question)s") % {"question": question.text},
                    field=f"q{question.pk}",
                )
            continue
        if question.kind == QuestionKind.CHOICE and value not in question.choice_list:
            raise ServiceError(
                _("Choose one of the answers listed for: %(question)s")
                % {"question": question.text},
                field=f"q{question.pk}",
            )
        if question.kind == QuestionKind.YES_NO and value not in (YES, NO):
            raise ServiceError(
                _("Answer yes or no to: %(question)s") % {"question": question.text},
                field=f"q{question.pk}",
            )
        cleaned[key] = value
    return cleaned


def _seat_status(event: Event) -> str:
    if event.capacity is None or confirmed_count(event) < event.capacity:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITING


def _announce(registration: Registration) -> None:
    if registration.status == RegistrationStatus.CONFIRMED:
        tell_holder(registration, "confirmed")
    else:
        tell_holder(registration, "waiting", position=waiting_position(registration))


# --- writes ------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    actor: Actor,
    event: Event,
    answers: dict[str, Any] | None = None,
    registered_at: datetime.datetime | None = None,
) -> Registration:
    """Register the actor's person: a seat if one is free, else the waiting list.

    `registered_at` is for seeding history: openness is then judged at that moment."""
    same_organisation(actor, event)
    if actor.person is None:
        raise ServiceError(
            _(
                "Your login is not registered as a member of %(organisation)s. "
                "Contact the office to be registered."
            )
            % {"organisation": actor.organisation.name}
        )
    event = lock_event(event)
    if not takes_part(actor, event):
        if event.audience == Audience.NETWORK and event.network is not None:
            raise ServiceError(
                _("This event is only for the members of %(network)s.")
                % {"network": event.network.name}
            )
        raise ServiceError(_("This event is only for the organisation's active members."))
    at = registered_at or timezone.now()
    _check_open(event, at)
    existing = (
        Registration.objects.filter(
            event=event, person=actor.person, status__in=OPEN_REGISTRATION_STATUSES
        )
        .values_list("status", flat=True)
        .first()
    )
    if existing == RegistrationStatus.CONFIRMED:
        raise ServiceError(_("You are already registered for this event."))
    if existing == RegistrationStatus.WAITING:
        raise ServiceError(_("You are already on the waiting list for this event."))
    if registered_at is None and not actor.can("meetings.register", event):
        raise ServiceError(_("You cannot register for this event."))
    registration = Registration.objects.create(
        organisation=event.organisation,
        event=event,
        person=actor.person,
        language=actor.person.language,
        status=_seat_status(event),
        answers=clean_answers(event, answers),
        registered_at=at,
        check_in_code=_free_check_in_code(event),
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="registration.created",
        obj=registration,
        data={"event": event.pk, "status": registration.status},
    )
    _announce(registration)
    return registration


@transaction.atomic
def registration_create_guest(
    *,
    actor: Actor,
    event: Event,
    name: str,
    email: str,
    language: str,
    answers: dict[str, Any] | None = None,
    registered_at: datetime.datetime | None = None,
) -> Registration:
    """A visitor without a person here registers for a public event with name and e-mail."""
    same_organisation(actor, event)
    if actor.person is not None:
        raise ServiceError(_("You are logged in: register with your own account."))
    name = (name or "").strip()[:200]
    if not name:
        raise ServiceError(_("Give your name."), field="name")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(_("Give a valid e-mail address."), field="email") from None
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    event = lock_event(event)
    if event.audience != Audience.PUBLIC:
        raise ServiceError(_("Only members can register for this event. Log in first."))
    at = registered_at or timezone.now()
    _check_open(event, at)
    if Registration.objects.filter(
        event=event, person__isnull=True, email=email, status__in=OPEN_REGISTRATION_STATUSES
    ).exists():
        raise ServiceError(
            _(
                "This e-mail address is already registered for the event. "
                "The confirmation e-mail has a link to your registration."
            ),
            field="email",
        )
    registration = Registration.objects.create(
        organisation=event.organisation,
        event=event,
        name=name,
        email=email,
        language=language,
        status=_seat_status(event),
        answers=clean_answers(event, answers),
        registered_at=at,
        check_in_code=_free_check_in_code(event),
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="registration.guest_created",
        obj=registration,
        data={"event": event.pk, "status": registration.status},
    )
    _announce(registration)
    return registration


def _free_check_in_code(event: Event) -> str:
    taken = set(Registration.objects.filter(event=event).values_list("check_in_code", flat=True))
    while True:
        code = new_check_in_code()
        if code not in taken:
            return code


@transaction.atomic
def registration_cancel(
    *,
    actor: Actor,
    registration: Registration,
    token: str = "",
    cancelled_at: datetime.datetime | None = None,
) -> Registration:
    """Cancel a registration: by its holder (logged in, or through the secret link whose
    token is given) or by one who runs the event. A freed seat goes to the first waiting."""
    same_organisation(actor, registration)
    event = lock_event(registration.event)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    registration.event = event
    by_token = bool(token) and secrets.compare_digest(token, registration.token)
    is_holder = actor.person is not None and registration.person_id == actor.person.pk
    organiser = actor.can("meetings.manage_event", event)
    if not (by_token or is_holder or organiser):
        raise ServiceError(
            _("Only its holder or the event's organisers can cancel a registration.")
        )
    if registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(_("This registration has already been cancelled."))
    at = cancelled_at or timezone.now()
    if event.status == EventStatus.HELD or event.starts_at <= at:
        raise ServiceError(_("The event has begun; the registration can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = at
    registration.cancelled_by = actor.person
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="registration.cancelled",
        obj=registration,
        data={"event": event.pk, "by_organiser": organiser and not (by_token or is_holder)},
    )
    tell_holder(
        registration,
        "registration_cancelled",
        by_organiser=organiser and not (by_token or is_holder),
    )
    if was_confirmed and event.status == EventStatus.SCHEDULED:
        fill_free_seats(actor=actor, event=event, at=at)
    return registration


def fill_free_seats(
    *, actor: Actor, event: Event, at: datetime.datetime | None = None
) -> list[Registration]:
    """Move the first on the waiting list up into the free seats, and tell them. The caller
    holds the event's lock."""
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITING
    ).select_related("person")
    if event.capacity is not None:
        free = event.capacity - confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    moved: list[Registration] = []
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = at or timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        registration.event = event
        log_action(
            actor=actor,
            organisation=event.organisation,
            action="registration.promoted",
            obj=registration,
            data={"event": event.pk},
        )
        tell_holder(registration, "promoted")
        moved.append(registration)
    return moved
