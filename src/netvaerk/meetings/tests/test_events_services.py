"""The events part's services, per role and with bad input: planning, series, changing,
cancelling and closing; registering (twice, beyond capacity, as a non-member, as a guest),
cancelling (one's own, someone else's, by token) and the waiting list moving up."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone, translation

from netvaerk.core.errors import ServiceError
from netvaerk.governance.tests.factories import ProposalFactory
from netvaerk.meetings import services
from netvaerk.meetings.models import (
    Audience,
    CalendarFeed,
    Event,
    EventSeries,
    EventStatus,
    QuestionKind,
    Registration,
    RegistrationStatus,
    RoomProvider,
)
from netvaerk.meetings.services import registrations
from netvaerk.meetings.tests.factories import (
    EventFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for, queued_mail

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


class _AtOnce:
    """E-mails are queued after the commit; a test's transaction never commits, so here they
    are queued at once (delivery after a real commit: test_events_mail.py)."""

    @staticmethod
    def on_commit(func, using=None, robust=False):
        func()


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    monkeypatch.setattr(registrations, "transaction", _AtOnce)


@pytest.fixture(autouse=True)
def _in_english(world):
    """Messages and e-mails read in English, whatever the translations say."""
    Person.objects.update(language="en")
    for person in world.persons.values():
        person.language = "en"
    with translation.override("en"):
        yield


def _local(days: int, hour: int = 19) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, 0)


def _plan(world, persona="chair", **overrides):
    kwargs = {
        "actor": world.actor(persona),
        "network": world.network,
        "kind": "webinar",
        "title": "Webinar om kommuneplaner",
        "starts_at": _local(10),
        "ends_at": _local(10, 21),
    }
    kwargs.update(overrides)
    return services.event_create(**kwargs)


# --- planning ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["chair", "coordination", "coordinator", "staff", "org_admin"])
def test_those_who_run_the_network_and_the_office_plan_its_events(world, persona):
    event = _plan(world, persona)
    assert event.network == world.network
    assert event.created_by == world.persons[persona]


@pytest.mark.parametrize("persona", ["member", "branch_lead", "board"])
def test_others_cannot_plan_a_networks_events(world, persona):
    with pytest.raises(ServiceError):
        _plan(world, persona)
    assert not Event.objects.exists()


def test_only_the_office_plans_for_the_whole_organisation(world):
    event = _plan(world, "staff", network=None, audience=Audience.MEMBERS)
    assert event.network is None
    with pytest.raises(ServiceError, match="office"):
        _plan(world, "chair", network=None, audience=Audience.MEMBERS)


def test_local_times_are_read_in_the_events_time_zone(world):
    event = _plan(
        world,
        starts_at=datetime.datetime(2030, 7, 1, 19, 0),
        ends_at=datetime.datetime(2030, 7, 1, 21, 0),
    )
    # Copenhagen is two hours ahead of UTC in July.
    assert event.starts_at == datetime.datetime(2030, 7, 1, 17, 0, tzinfo=datetime.UTC)
    assert event.local_start.hour == 19
    other = _plan(
        world,
        time_zone="America/New_York",
        starts_at=datetime.datetime(2030, 1, 10, 9, 0),
        ends_at=datetime.datetime(2030, 1, 10, 10, 0),
    )
    assert other.starts_at == datetime.datetime(2030, 1, 10, 14, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": _local(10, 18)}, "ends_at"),
        ({"ends_at": _local(10, 19)}, "ends_at"),
        ({"starts_at": _local(-3), "ends_at": _local(-3, 21)}, "starts_at"),
        ({"online_url": "http://zoom.example.org/j/1"}, "online_url"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"format": "physical"}, "venue_name"),
        ({"title": "   "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"capacity": 0}, "capacity"),
        ({"registration_closes_at": _local(11)}, "registration_closes_at"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_created(world, overrides, field):
    with pytest.raises(ServiceError) as refused:
        _plan(world, **overrides)
    assert refused.value.field == field
    assert not Event.objects.exists()


def test_an_online_room_is_generated_unless_a_link_is_pasted(world, settings):
    settings.JITSI_BASE_URL = "https://jitsi.example.org"
    generated = _plan(world)
    assert generated.room_provider == RoomProvider.GENERATED
    assert generated.online_url.startswith("https://jitsi.example.org/netvaerk-")
    assert len(generated.online_url) > len("https://jitsi.example.org/netvaerk-") + 20
    assert _plan(world).online_url != generated.online_url
    pasted = _plan(world, online_url="https://zoom.example.org/j/123")
    assert (pasted.room_provider, pasted.online_url) == (
        RoomProvider.LINK,
        "https://zoom.example.org/j/123",
    )
    physical = _plan(world, format="physical", venue_name="Fællessalen")
    assert (physical.room_provider, physical.online_url) == (RoomProvider.NONE, "")
    settings.MEETING_ROOM_PROVIDER = "none"
    assert _plan(world).room_provider == RoomProvider.NONE


# --- series -------------------------------------------------------------------------------

SEED_DATES = [
    (datetime.datetime(2023, 9, 12, 19, 0), datetime.datetime(2023, 9, 12, 20, 30)),
    (datetime.datetime(2023, 10, 25, 19, 0), datetime.datetime(2023, 10, 25, 20, 30)),
    (datetime.datetime(2024, 1, 31, 19, 0), datetime.datetime(2024, 1, 31, 20, 30)),
    (datetime.datetime(2024, 3, 20, 19, 0), datetime.datetime(2024, 3, 20, 20, 30)),
]


def test_a_series_makes_one_event_per_date_with_the_same_settings(world):
    series = services.series_create(
        actor=world.actor("chair"),
        network=world.network,
        kind="webinar",
        title="Kommunalpolitik i praksis",
        audience=Audience.MEMBERS,
        capacity=40,
        sessions=SEED_DATES,
        allow_past=True,
    )
    events = list(series.events.order_by("starts_at"))
    assert len(events) == 4
    assert {(e.title, e.audience, e.capacity) for e in events} == {
        ("Kommunalpolitik i praksis", Audience.MEMBERS, 40)
    }
    assert [e.local_start.date() for e in events] == [
        datetime.date(2023, 9, 12),
        datetime.date(2023, 10, 25),
        datetime.date(2024, 1, 31),
        datetime.date(2024, 3, 20),
    ]
    # Summer time in September and October, winter time in January.
    assert [e.starts_at.hour for e in events] == [17, 17, 18, 18]
    assert len({e.online_url for e in events}) == 4


@pytest.mark.parametrize(
    "bad",
    [
        (_local(30, 19), _local(30, 18)),
        (_local(-30, 19), _local(-30, 20)),
    ],
)
def test_one_bad_date_and_no_session_is_created(world, bad):
    sessions = [(_local(20), _local(20, 21)), bad]
    with pytest.raises(ServiceError, match="Session 2"):
        services.series_create(
            actor=world.actor("chair"),
            network=world.network,
            kind="webinar",
            title="Række",
            sessions=sessions,
        )
    assert not EventSeries.objects.exists()
    assert not Event.objects.exists()


def test_a_series_refuses_no_dates_and_the_same_date_twice(world):
    for sessions in ([], [(_local(20), _local(20, 21))] * 2):
        with pytest.raises(ServiceError):
            services.series_create(
                actor=world.actor("chair"),
                network=world.network,
                kind="webinar",
                title="Række",
                sessions=sessions,
            )
    assert not EventSeries.objects.exists()


def test_a_member_cannot_create_a_series(world):
    with pytest.raises(ServiceError):
        services.series_create(
            actor=world.actor("member"),
            network=world.network,
            kind="webinar",
            title="Række",
            sessions=[(_local(20), _local(20, 21))],
        )


# --- registering ---------------------------------------------------------------------------


def test_registering_gives_a_seat_and_a_confirmation(world):
    event = _plan(world, capacity=10)
    registration = services.registration_create(actor=world.actor("member"), event=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    mail = queued_mail()
    assert [m["to"] for m in mail] == [world.persons["member"].email]
    body = mail[0]["body"]
    assert f"/org/events/registration/{registration.token}/" in body
    assert f"/org/events/{event.pk}.ics" in body
    assert registration.check_in_code in body
    assert event.online_url in body


def test_registering_twice_is_refused(world):
    event = _plan(world)
    services.registration_create(actor=world.actor("member"), event=event)
    with pytest.raises(ServiceError, match="already registered"):
        services.registration_create(actor=world.actor("member"), event=event)
    assert Registration.objects.count() == 1


def test_beyond_capacity_one_waits_in_order(world):
    event = _plan(world, capacity=1)
    first = services.registration_create(actor=world.actor("member"), event=event)
    second = services.registration_create(actor=world.actor("chair"), event=event)
    third = services.registration_create(actor=world.actor("coordination"), event=event)
    assert first.status == RegistrationStatus.CONFIRMED
    assert (second.status, third.status) == (RegistrationStatus.WAITING,) * 2
    assert services.waiting_position(second) == 1
    assert services.waiting_position(third) == 2
    assert "number 2" in queued_mail()[-1]["body"]
    with pytest.raises(ServiceError, match="waiting list"):
        services.registration_create(actor=world.actor("chair"), event=event)


def test_a_network_only_event_refuses_non_members(world):
    event = _plan(world)
    for persona in ("branch_lead", "board", "staff"):
        with pytest.raises(ServiceError, match="only for the members"):
            services.registration_create(actor=world.actor(persona), event=event)
    assert not Registration.objects.exists()


def test_a_members_event_takes_every_active_member_but_not_former_ones(world):
    event = _plan(world, audience=Audience.MEMBERS)
    assert services.registration_create(actor=world.actor("branch_lead"), event=event)
    former = PersonFactory(organisation=world.organisation, is_member=False)
    with pytest.raises(ServiceError, match="active members"):
        services.registration_create(actor=actor_for(former), event=event)


def test_a_cancelled_or_started_event_takes_no_registrations(world):
    event = _plan(world)
    services.event_cancel(actor=world.actor("chair"), event=event, reason="Sygdom")
    with pytest.raises(ServiceError, match="cancelled"):
        services.registration_create(actor=world.actor("member"), event=event)
    started = EventFactory(network=world.network, past=True)
    with pytest.raises(ServiceError, match="begun"):
        services.registration_create(actor=world.actor("member"), event=started)


def test_history_can_be_seeded_with_an_explicit_moment(world):
    event = _plan(
        world,
        starts_at=datetime.datetime(2023, 9, 12, 19, 0),
        ends_at=datetime.datetime(2023, 9, 12, 20, 30),
        allow_past=True,
    )
    at = datetime.datetime(2023, 9, 1, 12, 0, tzinfo=CPH)
    registration = services.registration_create(
        actor=world.actor("member"), event=event, registered_at=at
    )
    assert registration.registered_at == at


def test_answers_are_checked_against_the_questions(world):
    event = _plan(world)
    food = RegistrationQuestionFactory(event=event, text="Kost?", required=True)
    branch = RegistrationQuestionFactory(
        event=event, text="Hvilken afdeling?", kind=QuestionKind.CHOICE, choices="Nord\nSyd"
    )
    member = world.actor("member")
    with pytest.raises(ServiceError, match="Kost"):
        services.registration_create(actor=member, event=event, answers={})
    with pytest.raises(ServiceError, match="Hvilken afdeling"):
        services.registration_create(
            actor=member, event=event, answers={str(food.pk): "Vegetar", str(branch.pk): "Øst"}
        )
    assert not Registration.objects.exists()
    registration = services.registration_create(
        actor=member, event=event, answers={str(food.pk): "Vegetar", str(branch.pk): "Syd"}
    )
    assert registration.answers == {str(food.pk): "Vegetar", str(branch.pk): "Syd"}


def test_a_visitor_registers_for_a_public_event_with_name_and_email(world):
    from netvaerk.core.access import Actor

    visitor = Actor(organisation=world.organisation)
    event = _plan(world, audience=Audience.PUBLIC)
    registration = services.registration_create_guest(
        actor=visitor, event=event, name="Gæst", email="Gaest@Example.org", language="en"
    )
    assert (registration.email, registration.language) == ("gaest@example.org", "en")
    assert queued_mail()[0]["subject"].startswith("You are registered")
    with pytest.raises(ServiceError, match="already registered"):
        services.registration_create_guest(
            actor=visitor, event=event, name="Gæst", email="gaest@example.org", language="en"
        )
    with pytest.raises(ServiceError) as bad:
        services.registration_create_guest(
            actor=visitor, event=event, name="Gæst", email="ikke-en-adresse", language="da"
        )
    assert bad.value.field == "email"
    members_only = _plan(world, audience=Audience.MEMBERS)
    with pytest.raises(ServiceError, match="Only members"):
        services.registration_create_guest(
            actor=visitor, event=members_only, name="Gæst", email="g@example.org", language="da"
        )


# --- cancelling and the waiting list ----------------------------------------------------------


def test_cancelling_moves_the_first_on_the_waiting_list_up_and_tells_them(world):
    event = _plan(world, capacity=1)
    first = services.registration_create(actor=world.actor("member"), event=event)
    second = services.registration_create(actor=world.actor("chair"), event=event)
    third = services.registration_create(actor=world.actor("coordination"), event=event)
    services.registration_cancel(actor=world.actor("member"), registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.promoted_at is not None
    assert third.status == RegistrationStatus.WAITING
    assert services.waiting_position(third) == 1
    promoted = queued_mail()[-1]
    assert promoted["to"] == world.persons["chair"].email
    assert promoted["subject"] == f"A seat is free for you: {event.title}"
    assert second.check_in_code in promoted["body"]


def test_cancelling_someone_elses_registration_is_refused(world):
    event = _plan(world)
    registration = services.registration_create(actor=world.actor("member"), event=event)
    for persona in ("coordination_member", "branch_lead"):
        actor = (
            world.actor("branch_lead")
            if persona == "branch_lead"
            else actor_for(PersonFactory(organisation=world.organisation))
        )
        with pytest.raises(ServiceError, match="holder"):
            services.registration_cancel(actor=actor, registration=registration)
    with pytest.raises(ServiceError, match="holder"):
        services.registration_cancel(
            actor=world.actor("branch_lead"), registration=registration, token="wrong"
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_token_or_an_organiser_may_cancel(world):
    from netvaerk.core.access import Actor

    event = _plan(world)
    mine = services.registration_create(actor=world.actor("member"), event=event)
    services.registration_cancel(
        actor=Actor(organisation=world.organisation), registration=mine, token=mine.token
    )
    again = services.registration_create(actor=world.actor("member"), event=event)
    services.registration_cancel(actor=world.actor("chair"), registration=again)
    again.refresh_from_db()
    assert again.status == RegistrationStatus.CANCELLED
    assert again.cancelled_by == world.persons["chair"]
    assert "The organisers have cancelled your registration" in queued_mail()[-1]["body"]
    with pytest.raises(ServiceError, match="already been cancelled"):
        services.registration_cancel(actor=world.actor("member"), registration=again)


# --- changing, cancelling, closing -----------------------------------------------------------


def test_a_change_of_time_bumps_the_sequence_and_tells_those_registered(world):
    event = _plan(world, capacity=1)
    services.registration_create(actor=world.actor("member"), event=event)
    services.registration_create(actor=world.actor("chair"), event=event)
    before = len(queued_mail())
    changed = services.event_update(
        actor=world.actor("coordinator"),
        event=event,
        title=event.title,
        starts_at=_local(12),
        ends_at=_local(12, 21),
        capacity=2,
    )
    assert changed.sequence == 1
    mail = queued_mail()[before:]
    # Both are told of the change, and the one waiting moves up into the new seat.
    changed_to = sorted(m["to"] for m in mail if m["subject"].startswith("Changed"))
    assert changed_to == sorted([world.persons["member"].email, world.persons["chair"].email])
    assert any(m["subject"].startswith("A seat is free") for m in mail)
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_a_change_of_the_description_only_tells_nobody(world):
    event = _plan(world)
    services.registration_create(actor=world.actor("member"), event=event)
    before = len(queued_mail())
    services.event_update(
        actor=world.actor("chair"),
        event=event,
        title="Nyt navn",
        description="Mere tekst",
        starts_at=event.local_start.replace(tzinfo=None),
        ends_at=event.local_end.replace(tzinfo=None),
    )
    event.refresh_from_db()
    assert (event.title, event.sequence) == ("Nyt navn", 1)
    assert len(queued_mail()) == before


def test_cancelling_an_event_needs_a_reason_and_tells_everyone(world):
    event = _plan(world)
    services.registration_create(actor=world.actor("member"), event=event)
    with pytest.raises(ServiceError):
        services.event_cancel(actor=world.actor("chair"), event=event, reason=" ")
    with pytest.raises(ServiceError):
        services.event_cancel(actor=world.actor("member"), event=event, reason="Nej")
    event = services.event_cancel(actor=world.actor("chair"), event=event, reason="Sygdom")
    assert (event.status, event.sequence) == (EventStatus.CANCELLED, 1)
    assert "Sygdom" in queued_mail()[-1]["body"]
    with pytest.raises(ServiceError, match="scheduled"):
        services.event_cancel(actor=world.actor("chair"), event=event, reason="Igen")


def test_closing_records_minutes_headcount_and_the_networks_proposals(world):
    event = EventFactory(network=world.network, past=True, meeting=True)
    mine = ProposalFactory(network=world.network, submitted=True)
    theirs = ProposalFactory(network=world.other_network, submitted=True)
    with pytest.raises(ServiceError, match="own network"):
        services.event_close(
            actor=world.actor("chair"), event=event, minutes="", headcount=3, proposals=[theirs]
        )
    with pytest.raises(ServiceError):
        services.event_close(actor=world.actor("member"), event=event, minutes="", headcount=3)
    event = services.event_close(
        actor=world.actor("chair"), event=event, minutes="# Referat", headcount=12, proposals=[mine]
    )
    assert (event.status, event.headcount) == (EventStatus.HELD, 12)
    assert list(event.proposals.all()) == [mine]
    upcoming = _plan(world)
    with pytest.raises(ServiceError, match="taken place"):
        services.event_close(actor=world.actor("chair"), event=upcoming, minutes="", headcount=1)


def test_questions_are_added_changed_and_removed_by_organisers(world):
    event = _plan(world)
    with pytest.raises(ServiceError):
        services.question_add(actor=world.actor("member"), event=event, text="?", kind="text")
    with pytest.raises(ServiceError) as one_choice:
        services.question_add(
            actor=world.actor("chair"), event=event, text="Hvilken?", kind="choice", choices="A"
        )
    assert one_choice.value.field == "choices"
    question = services.question_add(
        actor=world.actor("chair"), event=event, text="Hvilken?", kind="choice", choices="A\n\nB"
    )
    assert question.choice_list == ["A", "B"]
    services.question_update(
        actor=world.actor("chair"), question=question, text="Kommer du?", kind="yes_no"
    )
    question.refresh_from_db()
    assert (question.kind, question.choices) == ("yes_no", "")
    services.question_remove(actor=world.actor("chair"), question=question)
    assert not event.questions.exists()


def test_a_calendar_address_is_made_and_replaced(world):
    feed = services.calendar_feed_reset(actor=world.actor("member"))
    old = feed.token
    services.calendar_feed_reset(actor=world.actor("member"))
    assert CalendarFeed.objects.get(person=world.persons["member"]).token != old


def test_another_organisations_event_is_refused(world):
    foreign = EventFactory(network=NetworkFactory())
    MembershipFactory(network=foreign.network, person=world.persons["member"])
    with pytest.raises(ServiceError, match="another organisation"):
        services.registration_create(actor=world.actor("member"), event=foreign)
    with pytest.raises(ServiceError, match="another organisation"):
        services.registration_cancel(
            actor=world.actor("member"), registration=RegistrationFactory(event=foreign)
        )
