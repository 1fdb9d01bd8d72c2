"""A reminder and the newsletter reach people over real SMTP (aiosmtpd) through the worker,
each in the recipient's language."""

import datetime

import pytest
import time_machine
from django.utils import formats, timezone, translation

from netvaerk.core.access import Actor
from netvaerk.meetings.models import Audience, EventFormat
from netvaerk.meetings.services import outreach
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory, RoleAssignmentFactory
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def org(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    org = OrganisationFactory(slug="testorg", name="Testforeningen")
    network = NetworkFactory(organisation=org, name="Kommunalpolitisk netværk", slug="kpn")
    danish = PersonFactory(organisation=org, name="Søs Medlem", email="sos@example.org")
    english = PersonFactory(
        organisation=org, name="Emma Member", email="emma@example.org", language="en"
    )
    staff = PersonFactory(organisation=org, name="Sara Sekretariat", email="sara@example.org")
    RoleAssignmentFactory(person=staff, role="staff")
    return org, network, danish, english, staff


def _weekday(moment, language):
    with translation.override(language):
        return formats.date_format(moment, "l")


def test_the_hours_reminder_arrives_over_smtp(smtp, run_worker, org):
    org, network, _danish, english, _staff = org
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    event = EventFactory(
        network=network,
        title="Webinar om kommuneplaner",
        format=EventFormat.VIRTUAL,
        online_url="https://meet.example.org/kpn-webinar",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    registration = RegistrationFactory(event=event, person=english)
    RegistrationFactory(event=event, name="Gæst", email="gaest@example.org", language="da")
    with time_machine.travel(start - datetime.timedelta(minutes=50), tick=False):
        assert outreach.event_reminders_send() == 2
        run_worker()
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert set(by_recipient) == {"emma@example.org", "gaest@example.org"}
    english_mail = by_recipient["emma@example.org"]
    assert english_mail["Subject"].startswith("In one hour: Webinar om kommuneplaner")
    content = english_mail.get_content()
    assert "https://meet.example.org/kpn-webinar" in content
    assert f"/testorg/events/registration/{registration.token}/" in content
    assert _weekday(event.local_start, "en") in content
    assert _weekday(event.local_start, "da") in by_recipient["gaest@example.org"].get_content()


def test_the_newsletter_arrives_over_smtp_for_every_member(smtp, run_worker, org):
    org, network, _danish, _english, staff = org
    event = EventFactory(network=network, audience=Audience.PUBLIC, title="Åbent webinar")
    actor = Actor(organisation=org, person=staff, roles=frozenset({"staff"}))
    newsletter = outreach.newsletter_create(
        actor=actor, title="Aktiv – januar", introduction="Godt nytår.", event_ids=[event.pk]
    )
    outreach.newsletter_send(actor=actor, newsletter=newsletter)
    run_worker()  # the fan-out task, which queues one delivery per member…
    run_worker()  # …and the deliveries
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert set(by_recipient) == {"sos@example.org", "emma@example.org", "sara@example.org"}
    for address, language in (("sos@example.org", "da"), ("emma@example.org", "en")):
        message = by_recipient[address]
        assert message["Subject"] == "Aktiv – januar"
        content = message.get_content()
        assert "Åbent webinar" in content
        assert "Godt nytår." in content
        assert f"/testorg/events/{event.pk}/" in content
        assert _weekday(event.local_start, language) in content
    newsletter.refresh_from_db()
    assert newsletter.delivered_at is not None
