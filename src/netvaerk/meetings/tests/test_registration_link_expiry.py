"""The holder's personal link (the registration page, the check-in page and the QR code)
works without a login until the end of the 30th day after the event, counted where the event
is; then it answers "This link has expired" (410) with nothing about the registration, and
changes nothing. A wrong token is still 404.

Times are built explicitly in the event's time zone and frozen; the event of 10 March 2026
ends before the change to summer time (29 March) and its link expires after it."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.access import (
    REGISTRATION_LINK_DAYS_AFTER_EVENT,
    RegistrationLinkExpired,
    access_registration_by_token,
    registration_link_expires_at,
)
from netvaerk.meetings.models import (
    Attendance,
    Audience,
    EventStatus,
    RegistrationStatus,
)
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

STARTS = datetime.datetime(2026, 3, 10, 19, 0, tzinfo=CPH)
ENDS = datetime.datetime(2026, 3, 10, 21, 0, tzinfo=CPH)
# 10 March + 30 days: the link works all of 9 April in Copenhagen, and not from midnight on.
LAST_MOMENT = datetime.datetime(2026, 4, 9, 23, 59, 59, tzinfo=CPH)
EXPIRED = datetime.datetime(2026, 4, 10, 0, 0, tzinfo=CPH)

TOKEN_PAGES = ("registration", "check_in_token", "check_in_qr")


def _url(name, registration, token=None):
    return reverse(
        f"meetings:{name}",
        kwargs={"org": registration.organisation.slug, "token": token or registration.token},
    )


@pytest.fixture
def event(world):
    return EventFactory(
        network=world.network,
        title="Klimapolitisk aften",
        starts_at=STARTS,
        ends_at=ENDS,
        venue_name="Medborgerhuset",
    )


@pytest.fixture
def guest(event):
    """A visitor's registration: name and e-mail are on the registration itself."""
    event.audience = Audience.PUBLIC
    event.save(update_fields=["audience"])
    return RegistrationFactory(
        event=event, person=None, name="Gudrun Gæst", email="gudrun@example.org", language="da"
    )


def test_it_expires_at_midnight_after_the_30th_day_where_the_event_is(event):
    assert REGISTRATION_LINK_DAYS_AFTER_EVENT == 30
    assert registration_link_expires_at(event) == EXPIRED
    # Summer time began in between: midnight in Copenhagen is 22:00 UTC by then.
    assert registration_link_expires_at(event) == datetime.datetime(
        2026, 4, 9, 22, 0, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 2, 20, 12, 0, tzinfo=CPH),  # before
        datetime.datetime(2026, 3, 10, 20, 0, tzinfo=CPH),  # during
        datetime.datetime(2026, 3, 10, 21, 0, tzinfo=CPH),  # the moment it ends
        datetime.datetime(2026, 3, 25, 9, 0, tzinfo=CPH),  # a fortnight after
        LAST_MOMENT,  # the last second of the 30th day
    ],
    ids=["before", "during", "at-the-end", "a-fortnight-after", "last-second"],
)
def test_the_link_works_before_during_and_until_the_period_ends(client, guest, moment):
    with time_machine.travel(moment, tick=False):
        for name in TOKEN_PAGES:
            assert client.get(_url(name, guest)).status_code == 200, name
        page = client.get(_url("registration", guest)).content.decode()
    assert "Gudrun Gæst" in page
    assert "Klimapolitisk aften" in page
    # The page says how long it works (English date format in these tests).
    assert "This personal link works until and including April 9, 2026." in page


@pytest.mark.parametrize(
    "moment",
    [EXPIRED, datetime.datetime(2027, 1, 1, 12, 0, tzinfo=CPH)],
    ids=["at-midnight", "months-later"],
)
def test_the_link_has_expired_after_the_period(client, guest, moment):
    with time_machine.travel(moment, tick=False):
        for name in TOKEN_PAGES:
            response = client.get(_url(name, guest))
            assert response.status_code == 410, name
            assert "This link has expired" in response.content.decode()


def test_the_helper_refuses_an_expired_link_as_not_found(world, guest):
    actor = Actor(organisation=world.organisation)
    with time_machine.travel(LAST_MOMENT, tick=False):
        assert access_registration_by_token(actor, guest.token) == guest
    # A view that does not answer it with the expired page still shows nothing: a 404.
    with time_machine.travel(EXPIRED, tick=False), pytest.raises(Http404) as refused:
        access_registration_by_token(actor, guest.token)
    assert isinstance(refused.value, RegistrationLinkExpired)


def test_the_expired_page_shows_nothing_about_the_registration(client, world, guest):
    world.organisation.contact_email = "kontakt@example.org"
    world.organisation.save(update_fields=["contact_email"])
    with time_machine.travel(EXPIRED, tick=False):
        response = client.get(_url("registration", guest))
    assert response.status_code == 410
    body = response.content.decode()
    for secret in (
        "Gudrun Gæst",
        "gudrun@example.org",
        "Klimapolitisk aften",
        "Medborgerhuset",
        world.network.name,
        guest.check_in_code,
        _url("check_in_qr", guest),
    ):
        assert secret not in body, secret
    assert "If you have a login, log in to see your registrations" in body
    login = reverse("account_login")
    mine = reverse("mydata:index", kwargs={"org": world.organisation.slug})
    assert f'href="{login}?next={mine}"' in body
    assert "kontakt@example.org" in body
    # The address holds the token: not sent on, not indexed, not kept.
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_the_expired_page_speaks_danish(client, guest):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    with time_machine.travel(EXPIRED, tick=False):
        response = client.get(_url("registration", guest))
    body = response.content.decode()
    assert response.status_code == 410
    assert "Linket er udløbet" in body
    assert "30 dage efter arrangementet" in body
    assert "Gudrun Gæst" not in body


def test_a_wrong_token_is_still_404_before_and_after(client, world, guest):
    other = EventFactory(starts_at=STARTS, ends_at=ENDS)  # another organisation's event
    foreign = RegistrationFactory(event=other, person=None, email="x@example.org", name="X")
    wrong = ("unknown", "x" * 65, guest.token[:-1], foreign.token)
    for moment in (LAST_MOMENT, EXPIRED):
        with time_machine.travel(moment, tick=False):
            for token in wrong:
                for name in TOKEN_PAGES:
                    response = client.get(_url(name, guest, token=token))
                    assert response.status_code == 404, (name, token)


def test_a_post_to_cancel_on_an_expired_link_changes_nothing(client, world, event):
    event.audience = Audience.PUBLIC
    event.save(update_fields=["audience"])
    registration = RegistrationFactory(
        event=event, person=None, name="Gudrun Gæst", email="gudrun@example.org"
    )
    audit, mail = AuditEntry.objects.count(), OutgoingEmail.objects.count()
    with time_machine.travel(EXPIRED, tick=False):
        cancel = client.post(_url("registration", registration))
        check_in = client.post(_url("check_in_token", registration))
    assert (cancel.status_code, check_in.status_code) == (410, 410)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.cancelled_at is None
    assert not Attendance.objects.exists()
    assert (AuditEntry.objects.count(), OutgoingEmail.objects.count()) == (audit, mail)


def test_a_cancelled_registration_shows_as_cancelled_until_the_link_expires(client, guest):
    guest.status = RegistrationStatus.CANCELLED
    guest.save(update_fields=["status"])
    with time_machine.travel(LAST_MOMENT, tick=False):
        page = client.get(_url("registration", guest))
        check_in = client.get(_url("check_in_token", guest))
    assert page.status_code == 200
    assert "Cancelled" in page.content.decode()
    assert "Cancel my registration" not in page.content.decode()
    assert "This registration has been cancelled." in check_in.content.decode()
    with time_machine.travel(EXPIRED, tick=False):
        assert client.get(_url("registration", guest)).status_code == 410


def test_a_cancelled_event_counts_from_the_time_it_was_planned_to_end(client, guest):
    guest.event.status = EventStatus.CANCELLED
    guest.event.save(update_fields=["status"])
    with time_machine.travel(LAST_MOMENT, tick=False):
        page = client.get(_url("registration", guest))
    assert page.status_code == 200
    assert "This event has been cancelled." in page.content.decode()
    with time_machine.travel(EXPIRED, tick=False):
        assert client.get(_url("registration", guest)).status_code == 410


def test_the_days_are_counted_where_the_event_is_not_in_utc(client, world):
    # Ends at 23:00 on 10 March in New York, which is already 11 March in UTC.
    ends = datetime.datetime(2026, 3, 10, 23, 0, tzinfo=NEW_YORK)
    event = EventFactory(
        network=world.network,
        audience=Audience.PUBLIC,
        time_zone="America/New_York",
        starts_at=ends - datetime.timedelta(hours=2),
        ends_at=ends,
    )
    registration = RegistrationFactory(event=event, person=None, email="g@example.org", name="G")
    late_on_the_last_day = datetime.datetime(2026, 4, 9, 23, 30, tzinfo=NEW_YORK)
    past_midnight = datetime.datetime(2026, 4, 10, 1, 0, tzinfo=NEW_YORK)
    # Both moments fall on 10 April in UTC; only the local day decides.
    assert late_on_the_last_day.astimezone(datetime.UTC).date() == datetime.date(2026, 4, 10)
    with time_machine.travel(late_on_the_last_day, tick=False):
        assert client.get(_url("registration", registration)).status_code == 200
    with time_machine.travel(past_midnight, tick=False):
        assert client.get(_url("registration", registration)).status_code == 410


def test_checking_in_by_qr_code_still_works_during_the_event(client, world, event):
    registration = RegistrationFactory(event=event, person=world.persons["member"])
    landing = _url("check_in_token", registration)
    with time_machine.travel(datetime.datetime(2026, 3, 10, 18, 30, tzinfo=CPH), tick=False):
        assert "Check me in" in client.get(landing).content.decode()
        client.post(landing)
    assert Attendance.objects.get().registration == registration
    # After the event the page stays (check-in closed) until the link expires.
    with time_machine.travel(datetime.datetime(2026, 3, 12, 12, 0, tzinfo=CPH), tick=False):
        assert client.get(landing).status_code == 200


def _ended_days_ago(world, days):
    """An event that ended so many days before the real now: far enough from the link's
    expiry at either side that the time of day cannot matter, and no clock travel needed
    by a signed-in client."""
    ends = timezone.now() - datetime.timedelta(days=days)
    return EventFactory(
        network=world.network, starts_at=ends - datetime.timedelta(hours=2), ends_at=ends
    )


def test_the_event_page_links_to_the_personal_page_only_while_it_works(client_as, world):
    client = client_as("member")
    for days, shown in ((3, True), (60, False)):
        event = _ended_days_ago(world, days)
        registration = RegistrationFactory(event=event, person=world.persons["member"])
        page = client.get(
            reverse("meetings:event", kwargs={"org": world.organisation.slug, "event_id": event.pk})
        ).content.decode()
        assert (_url("registration", registration) in page) is shown, days


def test_someone_signed_in_is_sent_straight_to_their_data(client_as, world):
    registration = RegistrationFactory(
        event=_ended_days_ago(world, 60), person=world.persons["member"]
    )
    response = client_as("member").get(_url("registration", registration))
    assert response.status_code == 410
    body = response.content.decode()
    mine = reverse("mydata:index", kwargs={"org": world.organisation.slug})
    assert f'href="{mine}"' in body
    assert "Your registrations are listed under My data." in body
    assert registration.event.title not in body
