"""The event page leads each role to the parts of the meetings app it may use: attendance,
announcements and follow-up for those who run the event, the counts for the board, the
budget of a conference, and a registrant's own QR code and check-in."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from netvaerk.meetings.models import RegistrationStatus
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def _href(url):
    return f'href="{url}"'


def _page(client_as, world, persona, event):
    response = client_as(persona).get(_url("event", world, event_id=event.pk))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["chair", "coordination", "coordinator", "staff"])
def test_those_who_run_the_event_find_attendance_announcement_and_follow_up(
    client_as, world, persona
):
    event = EventFactory(network=world.network)
    page = _page(client_as, world, persona, event)
    for name in ("attendance", "event_announce", "event_follow_up", "attendance_summary"):
        assert _url(name, world, event_id=event.pk) in page


def test_the_board_finds_the_counts_but_not_the_names(client_as, world):
    event = EventFactory(network=world.network)
    page = _page(client_as, world, "board", event)
    assert _url("attendance_summary", world, event_id=event.pk) in page
    assert _href(_url("attendance", world, event_id=event.pk)) not in page
    assert _href(_url("event_announce", world, event_id=event.pk)) not in page


def test_a_member_finds_none_of_the_organisers_pages(client_as, world):
    event = EventFactory(network=world.network)
    page = _page(client_as, world, "member", event)
    for name in ("attendance", "attendance_summary", "event_announce", "event_follow_up"):
        assert _href(_url(name, world, event_id=event.pk)) not in page


def test_a_series_session_links_the_whole_series_for_those_who_see_counts(client_as, world):
    from netvaerk.meetings.tests.factories import EventSeriesFactory

    series = EventSeriesFactory(network=world.network)
    event = EventFactory(network=world.network, series=series)
    page = _page(client_as, world, "chair", event)
    assert _url("attendance_series", world, series_id=series.pk) in page


def test_a_conference_shows_its_programme_to_all_and_its_budget_to_those_who_may(client_as, world):
    conference = EventFactory(network=world.network, conference=True)
    programme = _url("programme", world, event_id=conference.pk)
    budget = _url("budget", world, event_id=conference.pk)
    member = _page(client_as, world, "member", conference)
    assert programme in member
    assert budget not in member
    for persona in ("chair", "board", "staff"):
        assert budget in _page(client_as, world, persona, conference)


def test_a_registrant_finds_their_qr_code_and_can_check_in_when_it_begins(client_as, world):
    event = EventFactory(network=world.network)
    registration = RegistrationFactory(
        event=event, person=world.persons["member"], name="", email=""
    )
    holder = _url("registration", world, token=registration.token)
    check_in = _url("check_in", world, event_id=event.pk)
    page = _page(client_as, world, "member", event)
    assert holder in page
    assert check_in not in page
    with time_machine.travel(event.starts_at - datetime.timedelta(minutes=30), tick=False):
        assert check_in in _page(client_as, world, "member", event)
    holder_page = client_as("member").get(holder).content.decode()
    assert _url("check_in_qr", world, token=registration.token) in holder_page
    assert registration.check_in_code in holder_page


def test_someone_on_the_waiting_list_gets_no_check_in(client_as, world):
    event = EventFactory(network=world.network)
    registration = RegistrationFactory(
        event=event,
        person=world.persons["member"],
        name="",
        email="",
        status=RegistrationStatus.WAITING,
    )
    with time_machine.travel(event.starts_at - datetime.timedelta(minutes=30), tick=False):
        page = _page(client_as, world, "member", event)
    assert _url("check_in", world, event_id=event.pk) not in page
    holder_page = client_as("member").get(_url("registration", world, token=registration.token))
    assert _url("check_in_qr", world, token=registration.token) not in holder_page.content.decode()


def test_the_events_list_leads_the_office_to_the_newsletter_and_the_costs(client_as, world):
    staff = client_as("staff").get(_url("events", world)).content.decode()
    assert _url("newsletters", world) in staff
    assert _url("conferences", world) in staff
    board = client_as("board").get(_url("events", world)).content.decode()
    assert _url("newsletters", world) not in board
    assert _url("conferences", world) in board
    member = client_as("member").get(_url("events", world)).content.decode()
    assert _url("newsletters", world) not in member
    assert _url("conferences", world) not in member
    assert _url("my_calendar", world) in member
