"""The activity newsletter ("DN Aktiv"): composed by the office from the organisation's
upcoming events open to members or the public, previewed, sent once to every active member
with an address in their language (digest or not), in batches in the background."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from netvaerk.core.errors import ServiceError
from netvaerk.meetings.models import Audience, EventStatus, Newsletter, NewsletterStatus
from netvaerk.meetings.services import outreach
from netvaerk.meetings.tests.factories import EventFactory, in_days
from netvaerk.notifications.models import Delivery, DigestItem, EmailPreference
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world):
    soon = EventFactory(network=world.network, audience=Audience.MEMBERS, title="Snart")
    public = EventFactory(
        network=world.other_network,
        audience=Audience.PUBLIC,
        title="Offentligt",
        starts_at=in_days(20),
    )
    later = EventFactory(
        network=world.network, audience=Audience.MEMBERS, title="Senere", starts_at=in_days(60)
    )
    network_only = EventFactory(network=world.network, audience=Audience.NETWORK)
    cancelled = EventFactory(
        network=world.network, audience=Audience.MEMBERS, status=EventStatus.CANCELLED
    )
    past = EventFactory(network=world.network, audience=Audience.MEMBERS, past=True)
    return {
        "soon": soon,
        "public": public,
        "later": later,
        "network_only": network_only,
        "cancelled": cancelled,
        "past": past,
    }


def _create(world, events, *keys):
    return outreach.newsletter_create(
        actor=world.actor("staff"),
        title="DN Aktiv – december",
        introduction="Det sker i netværkene.",
        event_ids=[events[key].pk for key in keys],
    )


def test_the_form_offers_upcoming_member_and_public_events_and_picks_six_weeks(
    client_as, world, events
):
    response = client_as("staff").get(reverse("meetings:newsletter_new", kwargs={"org": "org"}))
    assert response.status_code == 200
    field = response.context["form"]["events"]
    offered = {choice.data["value"].value for choice in field.subwidgets}
    assert offered == {events["soon"].pk, events["public"].pk, events["later"].pk}
    assert set(field.initial) == {events["soon"].pk, events["public"].pk}


def test_sending_reaches_every_active_member_at_once_in_their_language(
    world, events, django_capture_on_commit_callbacks
):
    english = PersonFactory(organisation=world.organisation, email="en@example.org", language="en")
    EmailPreference.objects.create(
        organisation=world.organisation, person=english, delivery=Delivery.WEEKLY
    )
    PersonFactory(organisation=world.organisation, email="", name="Uden Adresse")
    PersonFactory(organisation=world.organisation, email="kontakt@example.org", is_member=False)
    newsletter = _create(world, events, "soon", "public")
    with django_capture_on_commit_callbacks(execute=True):
        sent = outreach.newsletter_send(actor=world.actor("staff"), newsletter=newsletter)
    assert sent.status == NewsletterStatus.SENT
    assert outreach.newsletter_fan_out(newsletter_id=newsletter.pk, batch=4) == sent.recipient_count
    mails = {m["to"]: m for m in queued_mail()}
    assert set(mails) == {p.email for p in world.persons.values()} | {"en@example.org"}
    assert sent.recipient_count == len(mails)
    # Not held back for the digest: the newsletter is itself one.
    assert not DigestItem.objects.exists()
    assert mails["en@example.org"]["subject"] == "DN Aktiv – december"
    body = mails["en@example.org"]["body"]
    assert "Snart" in body
    assert "Offentligt" in body
    assert "Senere" not in body
    assert f"/org/events/{events['soon'].pk}/" in body
    with translation.override("en"):
        english_day = formats.date_format(events["soon"].local_start, "l")
    with translation.override("da"):
        danish_day = formats.date_format(events["soon"].local_start, "l")
    assert english_day in body
    assert danish_day in mails["member@org.example.org"]["body"]
    # Once only.
    with pytest.raises(ServiceError, match="has been sent"):
        outreach.newsletter_send(actor=world.actor("staff"), newsletter=newsletter)
    assert outreach.newsletter_fan_out(newsletter_id=newsletter.pk) == 0
    assert len(queued_mail()) == len(mails)


@pytest.mark.parametrize("key", ["network_only", "cancelled", "past"])
def test_an_event_not_for_the_newsletter_is_refused(world, events, key):
    with pytest.raises(ServiceError) as refused:
        _create(world, events, "soon", key)
    assert refused.value.field == "events"
    assert not Newsletter.objects.exists()


def test_unknown_or_other_organisations_events_posted_into_the_form_are_refused(
    client_as, world, events
):
    foreign = EventFactory(audience=Audience.PUBLIC)  # another organisation's
    url = reverse("meetings:newsletter_new", kwargs={"org": "org"})
    client = client_as("staff")
    for posted in ([events["soon"].pk, 999999], [foreign.pk], ["abc"], []):
        response = client.post(url, {"title": "DN Aktiv", "events": posted})
        assert response.status_code == 400, posted
        assert "errorlist" in response.content.decode()
    empty_title = client.post(url, {"title": " ", "events": [events["soon"].pk]})
    assert empty_title.status_code == 400
    assert not Newsletter.objects.exists()


def test_a_newsletter_whose_events_are_all_gone_is_not_sent(world, events):
    newsletter = _create(world, events, "soon")
    events["soon"].status = EventStatus.CANCELLED
    events["soon"].save(update_fields=["status"])
    with pytest.raises(ServiceError, match="still upcoming"):
        outreach.newsletter_send(actor=world.actor("staff"), newsletter=newsletter)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT


def test_compose_preview_and_send_in_the_browser(client_as, world, events):
    client = client_as("staff")
    created = client.post(
        reverse("meetings:newsletter_new", kwargs={"org": "org"}),
        {"title": "DN Aktiv", "introduction": "Hej", "events": [events["soon"].pk]},
    )
    assert created.status_code == 302
    newsletter = Newsletter.objects.get()
    kwargs = {"org": "org", "newsletter_id": newsletter.pk}
    preview = client.get(reverse("meetings:newsletter", kwargs=kwargs) + "?language=en")
    assert preview.status_code == 200
    assert "Snart" in preview.content.decode()
    assert "at once" in preview.content.decode() or "med det samme" in preview.content.decode()
    edited = client.post(
        reverse("meetings:newsletter_edit", kwargs=kwargs),
        {"title": "DN Aktiv 2", "events": [events["soon"].pk, events["later"].pk]},
    )
    assert edited.status_code == 302
    assert client.post(reverse("meetings:newsletter_send", kwargs=kwargs)).status_code == 302
    newsletter.refresh_from_db()
    assert (newsletter.title, newsletter.status) == ("DN Aktiv 2", NewsletterStatus.SENT)
    assert newsletter.events.count() == 2
    # A sent newsletter is not changed.
    again = client.get(reverse("meetings:newsletter_edit", kwargs=kwargs))
    assert again.status_code == 302


def test_the_list_is_paginated_with_a_constant_number_of_queries(
    client_as, world, events, django_assert_max_num_queries
):
    client = client_as("staff")
    url = reverse("meetings:newsletters", kwargs={"org": "org"})
    _create(world, events, "soon")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _n in range(30):
        _create(world, events, "soon", "public")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25
    assert client.get(url + "?page=2").status_code == 200
    assert client.get(url + "?page=x").status_code == 200


def test_the_preselection_ends_after_six_weeks(world, events):
    now = timezone.now()
    chosen = outreach.newsletter_preselected(organisation=world.organisation, now=now)
    assert all(e.starts_at <= now + datetime.timedelta(weeks=6) for e in chosen)
    assert events["later"] not in chosen
