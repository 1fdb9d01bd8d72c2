"""Recording who came: the organiser's marks, checking in with the code or the QR code's
token, the check-in desk and the check-in window (time-machine)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.models import (
    Attendance,
    AttendanceSource,
    EventStatus,
    RegistrationStatus,
)
from netvaerk.meetings.services.attendance import (
    attendance_check_in,
    attendance_check_in_desk,
    attendance_mark,
    attendance_unmark,
    normalise_code,
)
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.people.tests.factories import PersonFactory

START = datetime.datetime(2024, 3, 20, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def event(world):
    return EventFactory(
        network=world.network, starts_at=START, ends_at=START + datetime.timedelta(hours=2)
    )


@pytest.fixture
def registration(world, event):
    return RegistrationFactory(event=event, person=world.persons["member"], check_in_code="ACD347")


def at(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def test_the_organiser_marks_a_registration_once_and_it_is_logged(world, event, registration):
    chair = world.actor("chair")
    with time_machine.travel(at(10), tick=False):
        record, created = attendance_mark(actor=chair, event=event, registration=registration)
        again, created_again = attendance_mark(actor=chair, event=event, registration=registration)
    assert created
    assert not created_again
    assert again.pk == record.pk
    assert record.person == world.persons["member"]
    assert record.source == AttendanceSource.MARKED
    assert record.recorded_by == world.persons["chair"]
    assert AuditEntry.objects.filter(action="meetings.attendance_marked").count() == 1


def test_marking_a_person_links_their_open_registration(world, event, registration):
    with time_machine.travel(at(0), tick=False):
        record, _ = attendance_mark(
            actor=world.actor("coordination"), event=event, person=world.persons["member"]
        )
    assert record.registration == registration


def test_a_person_who_came_without_registering_is_marked_without_a_registration(world, event):
    walk_in = PersonFactory(organisation=world.organisation)
    with time_machine.travel(at(0), tick=False):
        record, _ = attendance_mark(actor=world.actor("staff"), event=event, person=walk_in)
    assert record.registration is None
    assert record.person == walk_in


def test_marking_takes_an_explicit_moment_for_seeded_history(world, event, registration):
    moment = at(5)
    record, _ = attendance_mark(
        actor=world.actor("chair"), event=event, registration=registration, at=moment
    )
    assert record.recorded_at == moment


@pytest.mark.parametrize("persona", ["member", "board", "branch_lead", "outsider"])
def test_only_those_who_run_the_event_mark(world, event, registration, persona):
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError):
        attendance_mark(actor=world.actor(persona), event=event, registration=registration)
    assert not Attendance.objects.exists()


def test_marking_is_refused_long_before_the_start_and_for_cancelled_things(
    world, event, registration
):
    chair = world.actor("chair")
    with time_machine.travel(at(-120), tick=False), pytest.raises(ServiceError, match="one hour"):
        attendance_mark(actor=chair, event=event, registration=registration)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError, match="cancelled"):
        attendance_mark(actor=chair, event=event, registration=registration)
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status"])
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError, match="cancelled"):
        attendance_mark(actor=chair, event=event, person=world.persons["coordination"])
    assert not Attendance.objects.exists()


def test_a_registration_of_another_event_is_refused(world, event):
    other = RegistrationFactory(
        event=EventFactory(network=world.network, starts_at=START, ends_at=at(60)),
        person=world.persons["member"],
    )
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError, match="another"):
        attendance_mark(actor=world.actor("chair"), event=event, registration=other)


def test_unmarking_removes_the_record_and_is_logged(world, event, registration):
    chair = world.actor("chair")
    with time_machine.travel(at(0), tick=False):
        record, _ = attendance_mark(actor=chair, event=event, registration=registration)
        attendance_unmark(actor=chair, event=event, attendance=record)
    assert not Attendance.objects.exists()
    assert AuditEntry.objects.filter(action="meetings.attendance_unmarked").exists()


def test_a_member_may_not_unmark(world, event, registration):
    with time_machine.travel(at(0), tick=False):
        record, _ = attendance_mark(
            actor=world.actor("chair"), event=event, registration=registration
        )
        with pytest.raises(ServiceError):
            attendance_unmark(actor=world.actor("member"), event=event, attendance=record)
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize("typed", ["ACD347", "acd347", " acd 347 ", "ACD-347", "a c d 3 4 7"])
def test_the_code_is_read_in_any_case_and_with_spaces(typed):
    assert normalise_code(typed) == "ACD347"


def test_the_holder_checks_in_with_the_code(world, registration):
    member = world.actor("member")
    with time_machine.travel(at(-30), tick=False):
        record, created = attendance_check_in(
            actor=member, registration=registration, code="acd 347"
        )
        _, again = attendance_check_in(actor=member, registration=registration, code="ACD347")
    assert created
    assert not again
    assert record.source == AttendanceSource.CHECK_IN
    assert AuditEntry.objects.filter(action="meetings.attendance_checked_in").count() == 1


def test_a_wrong_code_is_refused_on_the_field(world, registration):
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError) as refusal:
        attendance_check_in(actor=world.actor("member"), registration=registration, code="XXXXXX")
    assert refusal.value.field == "code"
    assert not Attendance.objects.exists()


def test_the_qr_token_checks_in_and_a_wrong_token_does_not(world, registration):
    visitor = world.actor("visitor")
    with time_machine.travel(at(0), tick=False):
        with pytest.raises(ServiceError, match="not valid"):
            attendance_check_in(actor=visitor, registration=registration, token="forged")
        with pytest.raises(ServiceError, match="not valid"):
            attendance_check_in(actor=visitor, registration=registration)
        _, created = attendance_check_in(
            actor=visitor, registration=registration, token=registration.token
        )
    assert created


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (-61, "opens at"),
        (121, "has ended"),
    ],
)
def test_check_in_outside_the_window_is_refused(world, registration, minutes, message):
    with time_machine.travel(at(minutes), tick=False), pytest.raises(ServiceError, match=message):
        attendance_check_in(actor=world.actor("member"), registration=registration, code="ACD347")
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("minutes", [-60, 0, 120])
def test_check_in_is_open_from_an_hour_before_until_the_end(world, registration, minutes):
    with time_machine.travel(at(minutes), tick=False):
        _, created = attendance_check_in(
            actor=world.actor("member"), registration=registration, code="ACD347"
        )
    assert created


def test_the_opening_time_is_said_in_the_events_time_zone(world, registration):
    with time_machine.travel(at(-300), tick=False), pytest.raises(ServiceError) as refusal:
        attendance_check_in(actor=world.actor("member"), registration=registration, code="ACD347")
    # 18:00 UTC in March is 19:00 in Copenhagen; check-in opens at 18:00 local time.
    assert "6 p.m." in refusal.value.message


@pytest.mark.parametrize(
    ("status", "event_status", "message"),
    [
        (RegistrationStatus.CANCELLED, EventStatus.SCHEDULED, "registration has been cancelled"),
        (RegistrationStatus.WAITING, EventStatus.SCHEDULED, "waiting list"),
        (RegistrationStatus.CONFIRMED, EventStatus.CANCELLED, "event has been cancelled"),
    ],
)
def test_cancelled_and_waiting_registrations_and_cancelled_events_are_refused(
    world, event, registration, status, event_status, message
):
    registration.status = status
    registration.save(update_fields=["status"])
    event.status = event_status
    event.save(update_fields=["status"])
    with time_machine.travel(at(0), tick=False), pytest.raises(ServiceError, match=message):
        attendance_check_in(actor=world.actor("member"), registration=registration, code="ACD347")
    assert not Attendance.objects.exists()


def test_the_desk_checks_in_by_code(world, event, registration):
    with time_machine.travel(at(0), tick=False):
        record, created = attendance_check_in_desk(
            actor=world.actor("chair"), event=event, code=" acd347"
        )
        with pytest.raises(ServiceError, match="No registration") as refusal:
            attendance_check_in_desk(actor=world.actor("chair"), event=event, code="QQQQQQ")
        with pytest.raises(ServiceError):
            attendance_check_in_desk(actor=world.actor("member"), event=event, code="ACD347")
    assert created
    assert record.registration == registration
    assert refusal.value.field == "code"
    assert AuditEntry.objects.filter(action="meetings.attendance_checked_in_at_desk").exists()


def test_a_check_in_after_the_organiser_marked_changes_nothing(world, event, registration):
    with time_machine.travel(at(0), tick=False):
        attendance_mark(actor=world.actor("chair"), event=event, person=world.persons["member"])
        record, created = attendance_check_in(
            actor=world.actor("member"), registration=registration, code="ACD347"
        )
    assert not created
    assert record.source == AttendanceSource.MARKED
    assert Attendance.objects.count() == 1


def test_the_window_follows_the_clock(world, registration):
    assert timezone.now() > START  # the fixture event lies in the past without time-machine
    with pytest.raises(ServiceError, match="has ended"):
        attendance_check_in(actor=world.actor("member"), registration=registration, code="ACD347")
