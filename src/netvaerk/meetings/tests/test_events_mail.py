"""A registration's confirmation reaches the member over real SMTP (aiosmtpd) through the
worker, after a real commit — with the holder's link, the calendar file, the check-in code
and the online room."""

import pytest

from netvaerk.meetings import services
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.testing import make_world


@pytest.fixture
def setup(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    world = make_world()
    event = EventFactory(
        network=world.network,
        title="Webinar om lokalplaner",
        capacity=1,
        online_url="https://meet.example.org/netvaerk-rum",
    )
    return world, event


def test_the_confirmation_and_the_move_up_arrive_over_smtp(smtp, run_worker, setup):
    world, event = setup
    member = world.persons["member"]
    chair = world.persons["chair"]
    chair.language = "en"
    chair.save(update_fields=["language"])
    registration = services.registration_create(actor=world.actor("member"), event=event)
    waiting = services.registration_create(actor=world.actor("chair"), event=event)
    run_worker()
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert set(by_recipient) == {member.email, chair.email}
    body = by_recipient[member.email].get_content()
    assert f"/org/events/registration/{registration.token}/" in body
    assert f"/org/events/{event.pk}.ics" in body
    assert registration.check_in_code in body
    assert "https://meet.example.org/netvaerk-rum" in body
    on_the_list = by_recipient[chair.email]
    assert on_the_list["Subject"] == "On the waiting list: Webinar om lokalplaner"
    assert "number 1" in on_the_list.get_content()

    smtp.messages.clear()
    services.registration_cancel(actor=world.actor("member"), registration=registration)
    run_worker()
    subjects = {rcpts[0]: message["Subject"] for rcpts, message in smtp.messages}
    assert subjects[chair.email] == "A seat is free for you: Webinar om lokalplaner"
    assert member.email in subjects
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
