"""The events part's pages: the list (filters, constant query count), the event page (room
link only for those registered, agenda rendered safely, htmx register), bad input on the
forms, the holder's token page, and the calendars parsed back with icalendar."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.meetings import services
from netvaerk.meetings.models import (
    Audience,
    CalendarFeed,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.meetings.views.events_calendar import CONTENT_TYPE, event_uid

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def _url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def _parse(response) -> list[icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return list(icalendar.Calendar.from_ical(response.content).events)


# --- the list ------------------------------------------------------------------------------


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_few_and_many_events(client_as, world):
    client = client_as("member")
    url = _url("events", world)
    for _ in range(2):
        event = EventFactory(network=world.network, capacity=3)
        RegistrationFactory(event=event, person=world.persons["chair"])
    few = _list_queries(client, url)
    for _ in range(15):
        event = EventFactory(network=world.network, capacity=3)
        RegistrationFactory(event=event, person=world.persons["chair"])
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    assert _list_queries(client, url) == few
    assert _list_queries(client, url + "?page=2") == few


def test_the_list_shows_upcoming_first_and_past_on_request(client_as, world):
    soon = EventFactory(network=world.network, title="Snart")
    later = EventFactory(
        network=world.network,
        title="Senere",
        starts_at=soon.starts_at + datetime.timedelta(days=3),
        ends_at=soon.ends_at + datetime.timedelta(days=3),
    )
    EventFactory(network=world.network, title="Forbi", past=True)
    EventFactory(network=world.other_network, title="Andet netværk")
    client = client_as("member")
    upcoming = client.get(_url("events", world)).content.decode()
    assert upcoming.index("Snart") < upcoming.index("Senere")
    assert "Forbi" not in upcoming
    # Another network's event for its members is not listed for this member.
    assert "Andet netværk" not in upcoming
    past = client.get(_url("events", world) + "?when=past").content.decode()
    assert "Forbi" in past
    assert "Snart" not in past
    assert (
        later.title
        in client.get(
            _url("events", world) + f"?network={world.network.slug}&kind=webinar"
        ).content.decode()
    )
    assert "Snart" not in client.get(_url("events", world) + "?kind=conference").content.decode()
    # A filter that makes no sense shows the plain list, not an error.
    assert client.get(_url("events", world) + "?network=nope&kind=x&page=abc").status_code == 200


def test_a_visitor_sees_only_public_events(client_as, world):
    EventFactory(network=world.network, title="Kun for netværket")
    EventFactory(network=world.network, title="Alle er velkomne", audience=Audience.PUBLIC)
    page = client_as("visitor").get(_url("events", world)).content.decode()
    assert "Alle er velkomne" in page
    assert "Kun for netværket" not in page


# --- the event page --------------------------------------------------------------------------


def test_the_room_link_is_only_for_those_registered_and_the_organisers(client_as, world):
    event = EventFactory(network=world.network, online_url="https://meet.example.org/hemmeligt-rum")
    RegistrationFactory(event=event, person=world.persons["member"])
    assert (
        "hemmeligt-rum"
        in client_as("member").get(_url("event", world, event_id=event.pk)).content.decode()
    )
    assert (
        "hemmeligt-rum"
        in client_as("chair").get(_url("event", world, event_id=event.pk)).content.decode()
    )
    page = client_as("board").get(_url("event", world, event_id=event.pk)).content.decode()
    assert "hemmeligt-rum" not in page


def test_the_agenda_is_rendered_from_markdown_without_running_anything(client_as, world):
    event = EventFactory(
        network=world.network, agenda="- **Velkomst**\n- <script>alert(1)</script>Debat"
    )
    page = client_as("member").get(_url("event", world, event_id=event.pk)).content.decode()
    assert "<strong>Velkomst</strong>" in page
    assert "<script>alert(1)" not in page


def test_registering_through_htmx_answers_with_the_panel(client_as, world):
    event = EventFactory(network=world.network, capacity=1)
    RegistrationFactory(event=event, person=world.persons["chair"])
    response = client_as("member").post(
        _url("event_register", world, event_id=event.pk), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="panel" id="register-panel"')
    assert "<html" not in html
    registration = Registration.objects.get(event=event, person=world.persons["member"])
    assert registration.status == RegistrationStatus.WAITING


def test_registering_twice_through_the_page_says_so(client_as, world):
    event = EventFactory(network=world.network)
    client = client_as("member")
    client.post(_url("event_register", world, event_id=event.pk))
    response = client.post(_url("event_register", world, event_id=event.pk), follow=True)
    assert Registration.objects.filter(event=event).count() == 1
    assert [str(m) for m in response.context["messages"]]


def test_a_visitor_registers_as_a_guest_and_lands_on_the_token_page(client_as, world):
    event = EventFactory(network=world.network, audience=Audience.PUBLIC)
    client = client_as("visitor")
    bad = client.post(
        _url("event_register", world, event_id=event.pk),
        {"name": "Gæst", "email": "not-an-address", "language": "da"},
    )
    assert bad.status_code == 400
    response = client.post(
        _url("event_register", world, event_id=event.pk),
        {"name": "Gæst", "email": "gaest@example.org", "language": "en"},
    )
    registration = Registration.objects.get(event=event)
    assert response["Location"] == _url("registration", world, token=registration.token)


def test_the_token_page_cancels_and_an_unknown_token_is_404(client_as, world):
    event = EventFactory(network=world.network)
    registration = RegistrationFactory(event=event, person=world.persons["member"])
    client = client_as("visitor")
    page = client.get(_url("registration", world, token=registration.token))
    assert registration.check_in_code in page.content.decode()
    client.post(_url("registration", world, token=registration.token))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    for token in ("unknown", "x" * 65, registration.token[:-1]):
        assert client.get(_url("registration", world, token=token)).status_code == 404


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"starts_at": "2031-05-01T19:00", "ends_at": "2031-05-01T18:00"}, "end after"),
        ({"starts_at": "2031-05-01T19:00", "ends_at": "tomorrow"}, "2026-09-12 19:00"),
        (
            {
                "starts_at": "2031-05-01T19:00",
                "ends_at": "2031-05-01T21:00",
                "online_url": "http://zoom.example.org/j/1",
            },
            "https://",
        ),
    ],
)
def test_bad_input_on_the_event_form_changes_nothing(client_as, world, data, problem):
    response = client_as("chair").post(
        _url("event_new", world),
        {
            "network": world.network.slug,
            "kind": "webinar",
            "format": "virtual",
            "audience": "network",
            "title": "Webinar",
            "time_zone": "Europe/Copenhagen",
            **data,
        },
    )
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not Event.objects.exists()


def test_a_series_with_a_broken_line_changes_nothing(client_as, world):
    response = client_as("chair").post(
        _url("series_new", world),
        {
            "network": world.network.slug,
            "kind": "webinar",
            "format": "virtual",
            "audience": "members",
            "title": "Række",
            "time_zone": "Europe/Copenhagen",
            "sessions": "2031-09-12 19:00-21:00\n2031-13-40 19:00-21:00",
        },
    )
    assert response.status_code == 400
    assert "Line 2" in response.content.decode()
    assert not Event.objects.exists()


def test_the_new_event_form_preselects_the_network(client_as, world):
    page = client_as("chair").get(_url("event_new", world) + f"?network={world.network.slug}")
    assert f'<option value="{world.network.slug}" selected>' in page.content.decode()


# --- calendars ------------------------------------------------------------------------------


def test_the_event_file_has_its_local_times_sequence_and_status(client_as, world):
    event = services.event_create(
        actor=world.actor("chair"),
        network=world.network,
        kind="webinar",
        title="Webinar om klimaplaner",
        starts_at=datetime.datetime(2031, 1, 31, 19, 0),
        ends_at=datetime.datetime(2031, 1, 31, 20, 30),
    )
    client = client_as("member")
    response = client.get(_url("event_ics", world, event_id=event.pk))
    [item] = _parse(response)
    assert item.start == datetime.datetime(2031, 1, 31, 19, 0, tzinfo=CPH)
    assert item.end == datetime.datetime(2031, 1, 31, 20, 30, tzinfo=CPH)
    assert item.start.astimezone(datetime.UTC).hour == 18
    assert item["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert b"BEGIN:VTIMEZONE" in response.content
    assert str(item["UID"]) == event_uid(event)
    assert item["SEQUENCE"] == 0
    assert str(item["STATUS"]) == "CONFIRMED"
    assert event.online_url not in response.content.decode()

    services.event_cancel(actor=world.actor("chair"), event=event, reason="Sygdom")
    [cancelled] = _parse(client.get(_url("event_ics", world, event_id=event.pk)))
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] == 1
    assert str(cancelled["UID"]) == str(item["UID"])


def test_the_organisations_feed_has_its_public_events_only(client_as, world):
    public = EventFactory(
        network=world.network, audience=Audience.PUBLIC, online_url="https://meet.example.org/r1"
    )
    EventFactory(network=world.network, audience=Audience.NETWORK, title="Internt møde")
    EventFactory(
        network=None,
        audience=Audience.MEMBERS,
        title="Medlemsmøde",
        organisation=world.organisation,
    )
    response = client_as("visitor").get(_url("org_calendar", world))
    items = _parse(response)
    assert [str(i["SUMMARY"]) for i in items] == [public.title]
    assert "meet.example.org" not in response.content.decode()


def test_the_networks_feed_follows_what_the_reader_may_see(client_as, world):
    EventFactory(network=world.network, audience=Audience.PUBLIC, title="Åbent")
    EventFactory(network=world.network, audience=Audience.NETWORK, title="Internt")
    EventFactory(network=world.other_network, audience=Audience.PUBLIC, title="Andet")
    url = _url("network_calendar", world, network=world.network.slug)
    as_visitor = {str(i["SUMMARY"]) for i in _parse(client_as("visitor").get(url))}
    as_member = {str(i["SUMMARY"]) for i in _parse(client_as("member").get(url))}
    assert as_visitor == {"Åbent"}
    assert as_member == {"Åbent", "Internt"}


def test_the_personal_feed_has_my_registrations_and_my_networks_meetings(client_as, world):
    registered = EventFactory(network=world.other_network, audience=Audience.PUBLIC, title="Mit")
    RegistrationFactory(event=registered, person=world.persons["member"])
    EventFactory(network=world.network, meeting=True, title="Netværksmøde")
    EventFactory(network=world.other_network, title="Ikke mit")
    client = client_as("member")
    client.post(_url("my_calendar", world))
    feed = CalendarFeed.objects.get(person=world.persons["member"])
    page = client.get(_url("my_calendar", world)).content.decode()
    assert feed.token in page
    url = _url("person_calendar", world, token=feed.token)
    summaries = {str(i["SUMMARY"]) for i in _parse(client_as("visitor").get(url))}
    assert summaries == {"Mit", "Netværksmøde"}
    # A new address: the old one answers 404.
    client = client_as("member")
    client.post(_url("my_calendar", world))
    assert CalendarFeed.objects.get(person=world.persons["member"]).token != feed.token
    assert client.get(url).status_code == 404
    assert client.get(_url("person_calendar", world, token="nope")).status_code == 404


def test_a_held_or_cancelled_event_still_reads(client_as, world):
    event = EventFactory(network=world.network, past=True)
    services.event_close(
        actor=world.actor("chair"), event=event, minutes="**Godt møde**", headcount=9
    )
    page = client_as("member").get(_url("event", world, event_id=event.pk)).content.decode()
    assert "<strong>Godt møde</strong>" in page
    assert Event.objects.get(pk=event.pk).status == EventStatus.HELD
    assert timezone.now() > event.starts_at
