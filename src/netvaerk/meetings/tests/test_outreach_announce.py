"""Announcing an event: to whom (per audience), at once or in the digest, once per short
period, never for a cancelled or past event; the sending is a background task that renders
once per language and writes the outbox in batches."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django_tasks_db.models import DBTaskResult

from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notifications_suppressed
from netvaerk.meetings.models import Announcement, Audience, EventStatus
from netvaerk.meetings.services import outreach
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.notifications.models import Delivery, DigestItem, DigestKind, EmailPreference
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


def _announce(world, event, persona="chair", message="Kom og vær med!", capture=None):
    announcement = outreach.event_announce(actor=world.actor(persona), event=event, message=message)
    return announcement


def _deliver(announcement, batch=outreach.FAN_OUT_BATCH):
    return outreach.announcement_fan_out(announcement_id=announcement.pk, batch=batch)


def test_a_network_event_goes_to_the_networks_members_only(
    world, django_capture_on_commit_callbacks
):
    event = EventFactory(network=world.network, audience=Audience.NETWORK)
    left = PersonFactory(organisation=world.organisation, email="left@example.org")
    MembershipFactory(network=world.network, person=left, status="left")
    PersonFactory(organisation=world.organisation, email="not-in-network@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        announcement = _announce(world, event)
    # Queued as a background task, not sent in the request.
    assert queued_mail() == []
    assert DBTaskResult.objects.filter(task_path__endswith="announcement_deliver").count() == 1
    assert _deliver(announcement) == 3
    assert sorted(mail["to"] for mail in queued_mail()) == [
        "chair@org.example.org",
        "coordination@org.example.org",
        "member@org.example.org",
    ]
    announcement.refresh_from_db()
    assert announcement.recipient_count == 3
    assert announcement.delivered_at is not None


@pytest.mark.parametrize("audience", [Audience.MEMBERS, Audience.PUBLIC])
def test_a_members_or_public_event_goes_to_every_active_member_with_an_address(world, audience):
    event = EventFactory(network=world.network, audience=audience)
    PersonFactory(organisation=world.organisation, email="", name="Uden Adresse")
    PersonFactory(organisation=world.organisation, email="contact@example.org", is_member=False)
    contact_in_network = PersonFactory(
        organisation=world.organisation, email="netcontact@example.org", is_member=False
    )
    MembershipFactory(network=world.network, person=contact_in_network)
    PersonFactory(email="elsewhere@example.org")  # another organisation
    announcement = _announce(world, event)
    _deliver(announcement)
    addresses = {mail["to"] for mail in queued_mail()}
    personas = {p.email for p in world.persons.values()}
    assert addresses == personas | {"netcontact@example.org"}
    assert announcement.recipient_count == len(addresses)


def test_those_who_chose_the_digest_get_an_item_instead_of_an_email(world):
    event = EventFactory(network=world.network, audience=Audience.NETWORK)
    EmailPreference.objects.create(
        organisation=world.organisation, person=world.persons["member"], delivery=Delivery.WEEKLY
    )
    announcement = _announce(world, event)
    _deliver(announcement)
    assert "member@org.example.org" not in {mail["to"] for mail in queued_mail()}
    item = DigestItem.objects.get(person=world.persons["member"])
    assert item.kind == DigestKind.ANNOUNCEMENT
    assert item.sent_at is None
    assert event.title in item.title
    assert "Kom og vær med!" in item.body
    assert item.url == f"/org/events/{event.pk}/"


def test_it_is_rendered_in_each_persons_language(world):
    event = EventFactory(network=world.network, title="Lokalplaner")
    world.persons["member"].language = "en"
    world.persons["member"].save(update_fields=["language"])
    _deliver(_announce(world, event))
    by_address = {mail["to"]: mail for mail in queued_mail()}
    # Until the lead translates the new strings, the language shows in the dates' names.
    weekday = {}
    for language in ("da", "en"):
        with translation.override(language):
            weekday[language] = formats.date_format(event.local_start, "l")
    assert weekday["en"] in by_address["member@org.example.org"]["body"]
    assert weekday["da"] in by_address["chair@org.example.org"]["body"]
    assert weekday["en"] not in by_address["chair@org.example.org"]["body"]
    assert f"/org/events/{event.pk}/" in by_address["chair@org.example.org"]["body"]


def test_the_fan_out_goes_in_batches_and_a_rerun_sends_nothing_twice(world):
    event = EventFactory(network=world.network, audience=Audience.MEMBERS)
    for n in range(7):
        PersonFactory(organisation=world.organisation, email=f"m{n}@example.org")
    announcement = _announce(world, event)
    # Render once per language, not once per person.
    calls = []
    original = outreach.render_email

    def counting(**kwargs):
        calls.append(kwargs["language"])
        return original(**kwargs)

    outreach.render_email = counting
    try:
        assert _deliver(announcement, batch=3) == announcement.recipient_count
    finally:
        outreach.render_email = original
    assert sorted(calls) == ["da", "en"]
    assert len(queued_mail()) == announcement.recipient_count
    # A second task for the same announcement (a retry, a resume) finds it done.
    assert _deliver(announcement, batch=3) == 0
    assert len(queued_mail()) == announcement.recipient_count


def test_a_fan_out_that_stopped_halfway_goes_on_where_it_stopped(world):
    event = EventFactory(network=world.network, audience=Audience.MEMBERS)
    for n in range(5):
        PersonFactory(organisation=world.organisation, email=f"m{n}@example.org")
    announcement = _announce(world, event)
    # As if the worker died after the first batch.
    first = sorted(outreach.announcement_audience(event=event).values_list("pk", flat=True))[:4]
    Announcement.objects.filter(pk=announcement.pk).update(delivered_through=first[-1])
    with_time = timezone.now() + outreach.FAN_OUT_STALE_AFTER + datetime.timedelta(minutes=1)
    assert outreach.outreach_fan_outs_resume(now=with_time) == 1
    _deliver(announcement)
    assert len(queued_mail()) == announcement.recipient_count - 4


def test_a_second_announcement_within_a_day_is_refused_with_the_reason(world):
    event = EventFactory(network=world.network)
    _announce(world, event)
    with pytest.raises(ServiceError, match="can be announced again from"):
        _announce(world, event, persona="coordination")
    assert Announcement.objects.filter(event=event).count() == 1


def test_a_cancelled_or_past_event_is_not_announced(world):
    cancelled = EventFactory(network=world.network, status=EventStatus.CANCELLED)
    with pytest.raises(ServiceError, match="cancelled"):
        _announce(world, cancelled)
    past = EventFactory(network=world.network, past=True)
    with pytest.raises(ServiceError, match="already begun"):
        _announce(world, past)
    assert not Announcement.objects.exists()


def test_an_empty_message_is_refused(world):
    event = EventFactory(network=world.network)
    with pytest.raises(ServiceError) as refused:
        _announce(world, event, message="   ")
    assert refused.value.field == "message"


def test_a_member_cannot_announce(world):
    event = EventFactory(network=world.network)
    with pytest.raises(ServiceError, match="Only those who run the event"):
        _announce(world, event, persona="member")


def test_seeded_history_is_recorded_and_never_sent(world, django_capture_on_commit_callbacks):
    event = EventFactory(network=world.network)
    with notifications_suppressed(), django_capture_on_commit_callbacks(execute=True):
        announcement = _announce(world, event)
    assert announcement.delivered_at is not None
    assert _deliver(announcement) == 0
    assert queued_mail() == []


def test_the_page_asks_to_confirm_with_the_count_before_sending(client_as, world):
    event = EventFactory(network=world.network)
    client = client_as("chair")
    url = reverse("meetings:event_announce", kwargs={"org": "org", "event_id": event.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "3 people" in page.content.decode() or "3 personer" in page.content.decode()
    confirm = client.post(url, {"message": "Kom!"})
    assert confirm.status_code == 200
    assert 'name="confirm"' in confirm.content.decode()
    assert not Announcement.objects.exists()
    sent = client.post(url, {"message": "Kom!", "confirm": "1"})
    assert sent.status_code == 302
    assert Announcement.objects.get(event=event).recipient_count == 3


def test_an_empty_message_on_the_page_is_answered_with_the_form(client_as, world):
    event = EventFactory(network=world.network)
    url = reverse("meetings:event_announce", kwargs={"org": "org", "event_id": event.pk})
    for data in ({"message": ""}, {"message": " ", "confirm": "1"}):
        response = client_as("chair").post(url, data)
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()
    assert not Announcement.objects.exists()


def test_a_refusal_on_the_page_is_said_not_raised(client_as, world):
    event = EventFactory(network=world.network)
    _announce(world, event)
    url = reverse("meetings:event_announce", kwargs={"org": "org", "event_id": event.pk})
    response = client_as("chair").post(url, {"message": "Igen", "confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert Announcement.objects.filter(event=event).count() == 1
    assert any("again" in str(m) or "igen" in str(m) for m in response.context["messages"])
