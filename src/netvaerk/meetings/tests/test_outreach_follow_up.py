"""The follow-up after an event: materials (https links only), a message e-mailed once to
those who came and, if asked, to those registered who did not; the page lists the
materials for those who took part."""

import pytest
from django.urls import reverse

from netvaerk.core.errors import ServiceError
from netvaerk.meetings.models import EventMaterial, EventStatus
from netvaerk.meetings.services import outreach
from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory, RegistrationFactory
from netvaerk.notifications.models import Delivery, DigestItem, EmailPreference
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    event = EventFactory(network=world.network, past=True, title="Webinar om lokalplaner")
    came = RegistrationFactory(event=event, person=world.persons["member"])
    AttendanceFactory(event=event, person=world.persons["member"], registration=came)
    AttendanceFactory(event=event, name="Gæst Hansen", email="gaest@example.org")
    RegistrationFactory(event=event, person=world.persons["coordination"])  # did not come
    return event


def _send(world, event, include_absent=False, message="Tak for i aftes."):
    return outreach.event_follow_up_send(
        actor=world.actor("chair"), event=event, message=message, include_absent=include_absent
    )


def test_the_follow_up_goes_once_to_those_who_came(world, held, django_capture_on_commit_callbacks):
    outreach.event_material_add(
        actor=world.actor("chair"), event=held, title="Slides", url="https://example.org/s.pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(world, held) == 2
    mails = {m["to"]: m for m in queued_mail()}
    assert set(mails) == {"member@org.example.org", "gaest@example.org"}
    body = mails["member@org.example.org"]["body"]
    assert "Tak for i aftes." in body
    assert "Slides: https://example.org/s.pdf" in body
    assert f"/org/events/{held.pk}/follow-up/" in body
    with pytest.raises(ServiceError, match="already been sent"):
        _send(world, held)
    assert len(queued_mail()) == 2


def test_those_registered_who_did_not_come_can_be_included(
    world, held, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(world, held, include_absent=True) == 3
    assert "coordination@org.example.org" in {m["to"] for m in queued_mail()}


def test_the_follow_up_waits_for_the_digest_of_those_who_chose_it(
    world, held, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(
        organisation=world.organisation, person=world.persons["member"], delivery=Delivery.WEEKLY
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send(world, held)
    assert {m["to"] for m in queued_mail()} == {"gaest@example.org"}
    assert DigestItem.objects.get(person=world.persons["member"]).kind == "follow_up"


def test_no_follow_up_before_the_end_for_a_cancelled_event_or_without_a_message(world, held):
    upcoming = EventFactory(network=world.network)
    with pytest.raises(ServiceError, match="after the event has ended"):
        _send(world, upcoming)
    cancelled = EventFactory(network=world.network, past=True, status=EventStatus.CANCELLED)
    with pytest.raises(ServiceError, match="cancelled"):
        _send(world, cancelled)
    with pytest.raises(ServiceError) as refused:
        _send(world, held, message=" ")
    assert refused.value.field == "message"
    with pytest.raises(ServiceError, match="Only those who run the event"):
        outreach.event_follow_up_send(
            actor=world.actor("member"), event=held, message="Hej", include_absent=False
        )
    held.refresh_from_db()
    assert held.follow_up_sent_at is None


@pytest.mark.parametrize(
    "url", ["http://example.org/x", "javascript:alert(1)", "example.org", "", "https://"]
)
def test_a_material_needs_an_https_link(world, held, url):
    with pytest.raises(ServiceError) as refused:
        outreach.event_material_add(actor=world.actor("chair"), event=held, title="X", url=url)
    assert refused.value.field == "url"
    assert not EventMaterial.objects.exists()


def test_the_page_lists_materials_for_those_who_took_part(client_as, world, held):
    outreach.event_material_add(
        actor=world.actor("chair"), event=held, title="Optagelse", url="https://example.org/rec"
    )
    url = reverse("meetings:event_follow_up", kwargs={"org": "org", "event_id": held.pk})
    member_page = client_as("member").get(url)
    assert member_page.status_code == 200
    assert "https://example.org/rec" in member_page.content.decode()
    assert 'name="message"' not in member_page.content.decode()
    assert client_as("coordination").get(url).status_code == 200  # registered, did not come
    chair_page = client_as("chair").get(url)
    assert 'name="message"' in chair_page.content.decode()


def test_bad_input_on_the_page_is_answered_with_the_form(client_as, world, held):
    client = client_as("chair")
    kwargs = {"org": "org", "event_id": held.pk}
    bad_link = client.post(
        reverse("meetings:event_material_add", kwargs=kwargs), {"title": "X", "url": "ftp://x"}
    )
    assert bad_link.status_code == 400
    assert "https://" in bad_link.content.decode()
    empty = client.post(reverse("meetings:event_follow_up_send", kwargs=kwargs), {"message": ""})
    assert empty.status_code == 400
    assert not EventMaterial.objects.exists()
    held.refresh_from_db()
    assert held.follow_up_sent_at is None


def test_a_material_is_removed_by_the_organiser(client_as, world, held):
    material = outreach.event_material_add(
        actor=world.actor("chair"), event=held, title="X", url="https://example.org/x"
    )
    url = reverse(
        "meetings:event_material_remove",
        kwargs={"org": "org", "event_id": held.pk, "material_id": material.pk},
    )
    assert client_as("member").post(url).status_code == 403
    assert client_as("chair").post(url).status_code == 302
    assert not EventMaterial.objects.exists()
