"""Reminders a day and an hour before an event, each sent once, to those confirmed: fired at
the right time (time-machine), never for a cancelled event or one that has begun, and once
only when two runs of the command overlap."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from netvaerk.meetings.models import Event, EventFormat, EventStatus, RegistrationStatus
from netvaerk.meetings.services import outreach
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.notifications.models import Notification, OutgoingEmail
from netvaerk.testing import queued_mail

H = datetime.timedelta(hours=1)
M = datetime.timedelta(minutes=1)


@pytest.fixture
def start():
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)


def _event(world, start, **kwargs):
    defaults = {
        "network": world.network,
        "title": "Webinar om kommuneplaner",
        "format": EventFormat.HYBRID,
        "venue_name": "Fællessalen",
        "venue_address": "Nørregade 1, 5000 Odense C",
        "online_url": "https://meet.example.org/kommuneplaner-7f3a",
        "starts_at": start,
        "ends_at": start + 2 * H,
    }
    return EventFactory(**{**defaults, **kwargs})


def _registrants(world, event):
    member = RegistrationFactory(event=event, person=world.persons["member"])
    guest = RegistrationFactory(
        event=event, name="Gæst Hansen", email="gaest@example.org", language="en"
    )
    RegistrationFactory(
        event=event, person=world.persons["chair"], status=RegistrationStatus.WAITING
    )
    RegistrationFactory(
        event=event, person=world.persons["coordination"], status=RegistrationStatus.CANCELLED
    )
    return member, guest


def _run(at, captured):
    with time_machine.travel(at, tick=False), captured(execute=True):
        return outreach.event_reminders_send()


def test_a_day_before_and_an_hour_before_each_once(
    world, start, django_capture_on_commit_callbacks
):
    event = _event(world, start)
    member, guest = _registrants(world, event)
    run = lambda at: _run(at, django_capture_on_commit_callbacks)  # noqa: E731

    assert run(start - 25 * H) == 0
    assert run(start - 24 * H + M) == 2  # 23h59 before: the day's reminder
    mails = queued_mail()
    assert sorted(m["to"] for m in mails) == ["gaest@example.org", "member@org.example.org"]
    body = {m["to"]: m for m in mails}["member@org.example.org"]["body"]
    assert "https://meet.example.org/kommuneplaner-7f3a" in body
    assert "Fællessalen, Nørregade 1, 5000 Odense C" in body
    assert f"/org/events/registration/{member.token}/" in body
    guest_mail = {m["to"]: m for m in mails}["gaest@example.org"]
    assert guest_mail["subject"].startswith("Tomorrow: Webinar om kommuneplaner")
    assert f"/org/events/registration/{guest.token}/" in guest_mail["body"]
    # The member also finds it in their notifications, linked to the event's page (which
    # shows their registration and lasts; the personal link expires after the event).
    assert Notification.objects.get(person=world.persons["member"]).url == (
        f"/org/events/{event.pk}/"
    )

    assert run(start - 23 * H) == 0  # not twice
    assert run(start - 2 * H) == 0
    assert run(start - 59 * M) == 2  # 59 minutes before: the hour's reminder
    hour = queued_mail()[2:]
    # Each in their own language: the member reads Danish, the guest registered in English.
    assert {m["to"]: m["subject"].split(":")[0] for m in hour} == {
        "member@org.example.org": "Om en time",
        "gaest@example.org": "In one hour",
    }
    assert run(start - 30 * M) == 0
    assert run(start + M) == 0
    event.refresh_from_db()
    assert event.reminder_day_sent_at == start - 24 * H + M
    assert event.reminder_hour_sent_at == start - 59 * M
    assert len(queued_mail()) == 4


def test_an_event_planned_three_hours_ahead_gets_only_the_hours_reminder(
    world, django_capture_on_commit_callbacks
):
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False):
        event = _event(world, now + 3 * H)
    _registrants(world, event)
    for at in (now, now + H, now + 2 * H - M):
        assert _run(at, django_capture_on_commit_callbacks) == 0
    assert _run(now + 2 * H + M, django_capture_on_commit_callbacks) == 2
    event.refresh_from_db()
    assert event.reminder_day_sent_at is None
    assert {m["subject"].split(":")[0] for m in queued_mail()} == {"In one hour", "Om en time"}


def test_no_reminder_for_a_cancelled_event(world, start, django_capture_on_commit_callbacks):
    event = _event(world, start, status=EventStatus.CANCELLED)
    _registrants(world, event)
    assert _run(start - 24 * H + M, django_capture_on_commit_callbacks) == 0
    assert _run(start - 59 * M, django_capture_on_commit_callbacks) == 0
    assert queued_mail() == []


def test_no_reminder_once_the_event_has_begun(world, start, django_capture_on_commit_callbacks):
    event = _event(world, start)
    _registrants(world, event)
    # The cron job was down through the last hour before it began.
    assert _run(start + M, django_capture_on_commit_callbacks) == 0
    assert queued_mail() == []


def test_an_event_cancelled_after_it_was_found_is_not_reminded(world, start):
    event = _event(world, start)
    _registrants(world, event)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    with time_machine.travel(start - 59 * M, tick=False):
        assert outreach._remind(event_id=event.pk, which="hour", now=timezone.now()) == 0


def test_two_runs_one_after_the_other_send_once(world, start, django_capture_on_commit_callbacks):
    event = _event(world, start)
    _registrants(world, event)
    with (
        time_machine.travel(start - 59 * M, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_event_reminders", verbosity=0)
        call_command("send_event_reminders", verbosity=0)
    assert len(queued_mail()) == 2


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_once(world):
    """Two cron runs at the same moment, each in its own connection."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them anyway)")
    start = timezone.now() + 30 * M
    event = _event(world, start, created_at=timezone.now() - datetime.timedelta(days=5))
    _registrants(world, event)
    barrier = threading.Barrier(4)
    results: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(outreach.event_reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 0, 0, 2]
    assert OutgoingEmail.objects.count() == 2
