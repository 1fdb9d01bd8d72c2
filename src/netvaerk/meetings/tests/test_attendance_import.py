"""Importing the meeting tool's participant list: Zoom, Teams and Danish exports in their
encodings and delimiters, files that cannot be read, and the dry run → confirm workflow
(nothing written before the confirmation, only good rows after it, and never twice)."""

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.models import Attendance, AttendanceSource
from netvaerk.meetings.services.attendance import (
    RowStatus,
    attendance_import_confirm,
    attendance_import_preview,
)
from netvaerk.meetings.services.attendance_csv import MAX_FILE_SIZE, parse_participants
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory

ZOOM = (
    codecs.BOM_UTF8
    + (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
        "Member Person (Mem),member@org.example.org,03/20/2024 07:00:00 PM,"
        "03/20/2024 07:30:00 PM,30,No\r\n"
        # Zoom lists a rejoin as a row of its own.
        "Member Person (Mem),MEMBER@org.example.org,03/20/2024 07:35:00 PM,"
        "03/20/2024 08:00:00 PM,25,No\r\n"
        "Chair Person,chair@org.example.org,03/20/2024 06:55:00 PM,03/20/2024 08:00:00 PM,65,No\r\n"
        "Gæst Hansen,gaest@example.org,03/20/2024 07:01:00 PM,03/20/2024 08:00:00 PM,59,Yes\r\n"
        "Søren Østergaard,soren@example.org,03/20/2024 07:02:00 PM,"
        "03/20/2024 08:00:00 PM,58,Yes\r\n"
        "Nogen,not-an-address,03/20/2024 07:03:00 PM,03/20/2024 08:00:00 PM,57,Yes\r\n"
        ",,03/20/2024 07:04:00 PM,03/20/2024 08:00:00 PM,56,Yes\r\n"
    ).encode()
)

TEAMS = (
    "1. Summary\n"
    "Meeting title\tWebinar om lokalplaner\n"
    "Attended participants\t3\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Member Person\t3/20/24, 7:00:12 PM\t3/20/24, 8:00:00 PM\t59m 48s\tmember@org.example.org\t"
    "member@org.example.org\tAttendee\n"
    "Coordination Person\t3/20/24, 7:01:00 PM\t3/20/24, 8:00:00 PM\t59m\t"
    "coordination@org.example.org\tcoordination@org.example.org\tAttendee\n"
    "Ekstern Gæst\t3/20/24, 7:02:00 PM\t3/20/24, 8:00:00 PM\t58m\tekstern@example.org\t\tAttendee\n"
).encode("utf-16")

DANISH = (
    "Navn;E-mail;Afdeling\r\nSøren Østergaard;soren@example.org;Gladsaxe\r\n"
    "Member Person;Member@Org.Example.org;Gladsaxe\r\n"
).encode("cp1252")

JITSI = b"name,email\nBoard Person,board@org.example.org\nAnonymous,\n"


@pytest.fixture
def event(world):
    return EventFactory(network=world.network, past=True)


@pytest.fixture
def registered(world, event):
    return {
        "member": RegistrationFactory(event=event, person=world.persons["member"]),
        "guest": RegistrationFactory(event=event, name="Gæst Hansen", email="gaest@example.org"),
    }


def statuses(report) -> list[tuple[int, str]]:
    return [(row.line, row.status.value) for row in report.rows]


# ----------------------------------------------------------------------------- parsing


def test_zoom_utf8_with_bom_and_commas():
    parsed = parse_participants(ZOOM)
    assert parsed.encoding == "utf-8-sig"
    assert parsed.delimiter == ","
    assert [(row.line, row.name, row.email) for row in parsed.rows[:2]] == [
        (2, "Member Person", "member@org.example.org"),
        (3, "Member Person", "MEMBER@org.example.org"),
    ]
    assert parsed.rows[4].name == "Søren Østergaard"


def test_teams_utf16_with_tabs_below_a_summary():
    parsed = parse_participants(TEAMS)
    assert parsed.encoding == "utf-16"
    assert parsed.delimiter == "\t"
    assert [row.email for row in parsed.rows] == [
        "member@org.example.org",
        "coordination@org.example.org",
        "ekstern@example.org",
    ]
    assert parsed.rows[2].name == "Ekstern Gæst"
    assert parsed.rows[0].line == 7


def test_teams_utf16_without_a_bom():
    parsed = parse_participants(
        "Name\tEmail\nMember Person\tmember@example.org\n".encode("utf-16-le")
    )
    assert parsed.rows[0].email == "member@example.org"


def test_danish_headers_semicolons_and_windows_1252():
    parsed = parse_participants(DANISH)
    assert parsed.encoding == "cp1252"
    assert parsed.delimiter == ";"
    assert parsed.rows[0].name == "Søren Østergaard"


def test_generic_lowercase_headers():
    parsed = parse_participants(JITSI)
    assert [(row.name, row.email) for row in parsed.rows] == [
        ("Board Person", "board@org.example.org"),
        ("Anonymous", ""),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Valid UTF-8 with a damaged third line.
        (b"Navn;E-mail\r\nS\xc3\xb8ren;s@example.org\r\nBad\xc3;x@example.org\r\n", "Line 3"),
        # Plain ASCII, then a byte that is no letter in Windows-1252 either.
        (b"Navn;E-mail\nA\x81;a@example.org\n", "Line 2"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel"),
        (b"Dear organiser,\nhere is the list you wanted.\n", "No line of the file"),
        (b"", "empty"),
        (b"name,email\n", "no participants"),
        (b"name,email\n" + b"A,a@example.org\n" * 5001, "more than 5000"),
        (b"name,email\n" + b"x" * MAX_FILE_SIZE, "larger than 5 MB"),
    ],
    ids=[
        "broken-utf8",
        "broken-cp1252",
        "png",
        "xlsx",
        "prose",
        "empty",
        "header-only",
        "too-many-rows",
        "too-big",
    ],
)
def test_files_that_cannot_be_read_are_named_clearly(data, message):
    with pytest.raises(ServiceError, match=message):
        parse_participants(data)


# ---------------------------------------------------------------------------- dry run


def test_the_dry_run_reports_every_row_and_writes_nothing(world, event, registered):
    report = attendance_import_preview(actor=world.actor("chair"), event=event, data=ZOOM)
    assert statuses(report) == [
        (2, RowStatus.REGISTERED),
        (3, RowStatus.DUPLICATE),
        (4, RowStatus.WALK_IN),
        (5, RowStatus.REGISTERED),  # the guest's registration, by e-mail
        (6, RowStatus.UNKNOWN),
        (7, RowStatus.BROKEN),
        (8, RowStatus.BROKEN),
    ]
    assert report.rows[5].problem
    assert report.rows[6].problem
    assert report.to_record == 3
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="meetings.attendance").exists()


def test_unknown_people_may_be_recorded_as_named_guests(world, event, registered):
    report = attendance_import_preview(
        actor=world.actor("chair"), event=event, data=ZOOM, guests=True
    )
    assert report.rows[4].status == RowStatus.GUEST
    attendance_import_confirm(actor=world.actor("chair"), event=event, payload=report.payload)
    guest = Attendance.objects.get(person__isnull=True, registration__isnull=True)
    assert (guest.name, guest.email) == ("Søren Østergaard", "soren@example.org")
    # The second time the guest is already recorded.
    again = attendance_import_preview(
        actor=world.actor("chair"), event=event, data=ZOOM, guests=True
    )
    assert again.rows[4].status == RowStatus.ALREADY


def test_confirming_imports_only_the_good_rows_once(world, event, registered):
    chair = world.actor("chair")
    report = attendance_import_preview(actor=chair, event=event, data=ZOOM)
    attendance_import_confirm(actor=chair, event=event, payload=report.payload)
    records = Attendance.objects.filter(event=event)
    assert records.count() == 3
    assert set(records.values_list("source", flat=True)) == {AttendanceSource.IMPORT}
    assert records.get(person=world.persons["member"]).registration == registered["member"]
    assert records.get(person=world.persons["chair"]).registration is None
    assert records.get(registration=registered["guest"]).name == "Gæst Hansen"
    entry = AuditEntry.objects.get(action="meetings.attendance_imported")
    assert entry.data["recorded"] == 3

    # The same confirmation again, and the same file again: nothing changes.
    attendance_import_confirm(actor=chair, event=event, payload=report.payload)
    second = attendance_import_preview(actor=chair, event=event, data=ZOOM)
    assert second.to_record == 0
    assert second.counts[RowStatus.ALREADY] == 3
    attendance_import_confirm(actor=chair, event=event, payload=second.payload)
    assert records.count() == 3


def test_someone_marked_between_dry_run_and_confirmation_is_not_recorded_twice(
    world, event, registered
):
    from netvaerk.meetings.services.attendance import attendance_mark

    chair = world.actor("chair")
    report = attendance_import_preview(actor=chair, event=event, data=TEAMS)
    attendance_mark(actor=chair, event=event, registration=registered["member"])
    attendance_import_confirm(actor=chair, event=event, payload=report.payload)
    assert Attendance.objects.filter(person=world.persons["member"]).count() == 1
    assert Attendance.objects.filter(person=world.persons["coordination"]).exists()
    assert Attendance.objects.count() == 2  # the unknown Teams guest is not imported


def test_danish_file_matches_e_mail_in_any_case(world, event, registered):
    report = attendance_import_preview(actor=world.actor("chair"), event=event, data=DANISH)
    assert statuses(report) == [(2, RowStatus.UNKNOWN), (3, RowStatus.REGISTERED)]


@pytest.mark.parametrize(
    "payload",
    ["", "garbage", "eyJldmVudCI6MX0:1tamper:signature"],
)
def test_a_forged_or_damaged_confirmation_is_refused(world, event, payload):
    with pytest.raises(ServiceError, match="Upload the file again"):
        attendance_import_confirm(actor=world.actor("chair"), event=event, payload=payload)
    assert not Attendance.objects.exists()


def test_a_confirmation_for_another_event_is_refused(world, event, registered):
    other = EventFactory(network=world.network, past=True)
    report = attendance_import_preview(actor=world.actor("chair"), event=other, data=ZOOM)
    with pytest.raises(ServiceError, match="another event"):
        attendance_import_confirm(actor=world.actor("chair"), event=event, payload=report.payload)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["member", "board", "outsider"])
def test_only_those_who_run_the_event_import(world, event, persona):
    with pytest.raises(ServiceError):
        attendance_import_preview(actor=world.actor(persona), event=event, data=JITSI)


def test_an_event_long_ahead_takes_no_import(world):
    upcoming = EventFactory(network=world.network)
    with pytest.raises(ServiceError, match="one hour before"):
        attendance_import_preview(actor=world.actor("chair"), event=upcoming, data=JITSI)


# ------------------------------------------------------------------------------- pages


def _upload(client, event, data: bytes, **extra):
    url = reverse(
        "meetings:attendance_import", kwargs={"org": event.organisation.slug, "event_id": event.pk}
    )
    return client.post(
        url, {"file": SimpleUploadedFile("deltagere.csv", data, "text/csv"), **extra}
    )


def test_upload_shows_the_report_and_confirm_imports(client_as, world, event, registered):
    client = client_as("chair")
    response = _upload(client, event, ZOOM)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Søren Østergaard" in body
    assert "not-an-address" in body
    assert not Attendance.objects.exists()
    payload = response.context["report"].payload
    url = reverse(
        "meetings:attendance_import_confirm",
        kwargs={"org": world.organisation.slug, "event_id": event.pk},
    )
    done = client.post(url, {"payload": payload}, follow=True)
    assert Attendance.objects.count() == 3
    assert "3 recorded" in done.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
        (b"Navn;E-mail\nA\x81;a@example.org\n", "Line 2"),
        (b"x" * (MAX_FILE_SIZE + 1), "larger than 5 MB"),
    ],
)
def test_a_bad_upload_is_answered_on_the_form(client_as, event, data, message):
    response = _upload(client_as("chair"), event, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_bad_confirmation_is_answered_with_a_message(client_as, world, event):
    url = reverse(
        "meetings:attendance_import_confirm",
        kwargs={"org": world.organisation.slug, "event_id": event.pk},
    )
    response = client_as("chair").post(url, {"payload": "forged"}, follow=True)
    assert response.status_code == 200
    assert "Upload the file again" in response.content.decode()
    assert not Attendance.objects.exists()
