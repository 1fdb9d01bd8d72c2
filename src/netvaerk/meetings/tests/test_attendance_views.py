"""The attendance pages at work: the htmx row toggle and its no-JS fallback, adding someone
who came without registering, the desk, checking in with the code, the QR landing page (GET
never checks in) and the QR code itself."""

import datetime
import io

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from netvaerk.meetings.models import Attendance, AttendanceSource, RegistrationStatus
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def event(world):
    start = timezone.now() + datetime.timedelta(minutes=20)
    return EventFactory(
        network=world.network, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )


@pytest.fixture
def registration(world, event):
    return RegistrationFactory(event=event, person=world.persons["member"], check_in_code="ACD347")


def url(name, event, **kwargs):
    return reverse(
        f"meetings:{name}", kwargs={"org": event.organisation.slug, "event_id": event.pk, **kwargs}
    )


def token_url(name, registration):
    return reverse(
        f"meetings:{name}",
        kwargs={"org": registration.organisation.slug, "token": registration.token},
    )


def test_the_htmx_toggle_swaps_the_row(client_as, event, registration):
    client = client_as("chair")
    toggle = url("attendance_toggle", event, registration_id=registration.pk)
    response = client.post(toggle, {"came": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="registration-{registration.pk}">')
    assert "Did not come: Member Person" in body
    assert Attendance.objects.filter(registration=registration).exists()
    back = client.post(toggle, {}, HTTP_HX_REQUEST="true")
    assert "Came: Member Person" in back.content.decode()
    assert not Attendance.objects.exists()


def test_the_toggle_without_javascript_redirects_to_the_same_page(client_as, event, registration):
    response = client_as("chair").post(
        url("attendance_toggle", event, registration_id=registration.pk),
        {"came": "on", "page": "2"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("attendance", event) + "?page=2"


def test_a_toggle_before_the_event_shows_the_refusal_in_the_row(client_as, world, registration):
    registration.event.starts_at = timezone.now() + datetime.timedelta(days=3)
    registration.event.ends_at = registration.event.starts_at + datetime.timedelta(hours=1)
    registration.event.save(update_fields=["starts_at", "ends_at"])
    response = client_as("chair").post(
        url("attendance_toggle", registration.event, registration_id=registration.pk),
        {"came": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_registration_has_no_toggle(client_as, event, registration):
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    response = client_as("chair").post(
        url("attendance_toggle", event, registration_id=registration.pk), {"came": "on"}
    )
    assert response.status_code == 404


def test_search_and_add_someone_who_came_without_registering(client_as, world, event):
    walk_in = PersonFactory(organisation=world.organisation, name="Søren Østergaard")
    client = client_as("chair")
    page = client.get(url("attendance", event), {"q": "østergaard"})
    assert [p.pk for p in page.context["found"]] == [walk_in.pk]
    client.post(url("attendance_add", event), {"person": walk_in.pk})
    record = Attendance.objects.get(person=walk_in)
    assert record.registration is None
    assert record.source == AttendanceSource.MARKED
    listed = client.get(url("attendance", event))
    assert "Søren Østergaard" in listed.content.decode()


def test_adding_a_person_of_another_organisation_is_refused(client_as, event):
    stranger = PersonFactory()
    response = client_as("chair").post(
        url("attendance_add", event), {"person": stranger.pk}, follow=True
    )
    assert "Choose a person of the organisation" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_desk_shows_a_wrong_code_on_the_field(client_as, event, registration):
    client = client_as("chair")
    response = client.post(url("attendance_desk", event), {"code": "QQQ"})
    assert response.status_code == 400
    assert "No registration for this event has the code QQQ" in response.content.decode()
    done = client.post(url("attendance_desk", event), {"code": "acd347"}, follow=True)
    assert "Member Person is checked in." in done.content.decode()


def test_the_registrant_checks_in_with_the_code(client_as, event, registration):
    client = client_as("member")
    wrong = client.post(url("check_in", event), {"code": "XYZ"})
    assert wrong.status_code == 400
    assert "not the check-in code" in wrong.content.decode()
    done = client.post(url("check_in", event), {"code": " acd 347 "}, follow=True)
    assert "You are checked in" in done.content.decode()
    assert Attendance.objects.get().registration == registration


def test_check_in_without_a_registration_says_so(client_as, event):
    response = client_as("coordination").post(
        url("check_in", event), {"code": "ACD347"}, follow=True
    )
    assert "You have no registration" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_qr_landing_page_confirms_before_checking_in(client, event, registration):
    landing = token_url("check_in_token", registration)
    page = client.get(landing)
    assert page.status_code == 200
    assert "Check me in" in page.content.decode()
    assert not Attendance.objects.exists()  # GET changes nothing
    client.post(landing)
    assert Attendance.objects.get().source == AttendanceSource.CHECK_IN
    assert "You are checked in" in client.get(landing).content.decode()


def test_the_qr_landing_page_refuses_outside_the_window(client, world):
    past = EventFactory(network=world.network, past=True)
    registration = RegistrationFactory(event=past, person=world.persons["member"])
    response = client.post(token_url("check_in_token", registration), follow=True)
    assert "check-in is closed" in response.content.decode()
    assert not Attendance.objects.exists()


def test_an_unknown_token_is_404(client, world):
    response = client.get(
        reverse("meetings:check_in_token", kwargs={"org": world.organisation.slug, "token": "x"})
    )
    assert response.status_code == 404


def test_the_qr_code_encodes_the_absolute_check_in_address(client, settings, registration):
    settings.SITE_URL = "https://netvaerk.example.org/"
    response = client.get(token_url("check_in_qr", registration))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert body.startswith("<svg")
    assert "<title>" in body
    expected = io.BytesIO()
    address = "https://netvaerk.example.org" + token_url("check_in_token", registration)
    segno.make(address, error="m").save(
        expected,
        kind="svg",
        scale=6,
        border=2,
        xmldecl=False,
        title="QR code for checking in at " + registration.event.title,
    )
    assert response.content == expected.getvalue()
