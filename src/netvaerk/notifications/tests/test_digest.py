"""The weekly digest: one e-mail per person from their waiting items, in their language;
a second run in the same week sends nothing new; the preference is the person's own and
its change is audited."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.notifications.digest import DIGEST_INTERVAL, digests_send, send_or_digest
from netvaerk.notifications.models import (
    Delivery,
    DigestItem,
    DigestKind,
    EmailPreference,
    Notification,
)
from netvaerk.notifications.services import email_preference_set
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


def _item(person, title, url="/org/networks/bolig/"):
    return DigestItem.objects.create(
        organisation=person.organisation,
        person=person,
        kind=DigestKind.ANNOUNCEMENT,
        title=title,
        body=f"Om {title}.",
        url=url,
    )


def _weekly(world, persona, language="da"):
    person = world.persons[persona]
    person.language = language
    person.save(update_fields=["language"])
    email_preference_set(actor=world.actor(persona), delivery=Delivery.WEEKLY)
    return person


def test_one_digest_per_person_with_everything_waiting(world, django_capture_on_commit_callbacks):
    member = _weekly(world, "member")
    chair = _weekly(world, "chair", language="en")
    _item(member, "Webinar om lokalplaner")
    _item(member, "Konference i Odense")
    _item(chair, "Workshop om natur")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 2
    mails = {m["to"]: m for m in queued_mail()}
    assert set(mails) == {"member@org.example.org", "chair@org.example.org"}
    body = mails["member@org.example.org"]["body"]
    assert "Webinar om lokalplaner" in body
    assert "Konference i Odense" in body
    assert "/org/networks/bolig/" in body
    assert "/org/notifications/preferences/" in body
    assert "2" in mails["member@org.example.org"]["subject"]
    assert "1 item" in mails["chair@org.example.org"]["subject"]
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
    assert AuditEntry.objects.filter(action="digest.sent").get().data["digests"] == 2


def test_a_second_run_in_the_same_week_sends_nothing_new(world):
    member = _weekly(world, "member")
    _item(member, "Første")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert digests_send() == 1
        assert digests_send() == 0
    _item(member, "Anden")  # arrives during the week
    with time_machine.travel(start + datetime.timedelta(days=3), tick=False):
        call_command("send_digests", verbosity=0)
    assert len(queued_mail()) == 1
    with time_machine.travel(start + DIGEST_INTERVAL + datetime.timedelta(minutes=1)):
        assert digests_send() == 1
    assert "Anden" in queued_mail()[1]["body"]
    assert "Første" not in queued_mail()[1]["body"]


def test_nothing_waiting_sends_nothing(world):
    _weekly(world, "member")
    assert digests_send() == 0
    assert queued_mail() == []


def test_send_or_digest_follows_each_persons_choice(world):
    _weekly(world, "member")
    sent, waiting = send_or_digest(
        persons=[world.persons["member"], world.persons["chair"]],
        kind=DigestKind.FOLLOW_UP,
        template="meetings/email/outreach_follow_up",
        context={"event": EventFactory(network=world.network), "message": "Tak", "materials": []},
        url="/org/networks/bolig/",
    )
    assert (sent, waiting) == (1, 1)
    assert [m["to"] for m in queued_mail()] == ["chair@org.example.org"]
    assert Notification.objects.filter(person=world.persons["chair"]).exists()
    assert DigestItem.objects.get(person=world.persons["member"]).kind == DigestKind.FOLLOW_UP


def test_the_preference_is_changed_and_audited_and_bad_input_refused(world):
    actor = world.actor("member")
    email_preference_set(actor=actor, delivery=Delivery.WEEKLY)
    email_preference_set(actor=actor, delivery=Delivery.WEEKLY)  # no change, no entry
    assert EmailPreference.objects.get(person=world.persons["member"]).delivery == "weekly"
    assert AuditEntry.objects.filter(action="email_preference.changed").count() == 1
    with pytest.raises(ServiceError):
        email_preference_set(actor=actor, delivery="hourly")


def test_the_preference_page(client_as, world):
    client = client_as("member")
    url = reverse("notifications:preferences", kwargs={"org": "org"})
    page = client.get(url)
    assert page.status_code == 200
    assert "<legend>" in page.content.decode()
    assert client.post(url, {"delivery": "weekly"}).status_code == 302
    assert EmailPreference.objects.get(person=world.persons["member"]).delivery == "weekly"
    for bad in ({"delivery": "daily"}, {}):
        response = client.post(url, bad)
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()
    assert EmailPreference.objects.get(person=world.persons["member"]).delivery == "weekly"
