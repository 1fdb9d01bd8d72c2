"""The sparring-request workflow through its services: asking a person or a network, the limits
that protect the most-asked and everyone from a flood, the answers (accept, decline, pass on,
withdraw, close), who hears of each step, and every transition the request's state forbids."""

import datetime

import pytest
from django.utils import timezone

from netvaerk.competences.models import (
    RequestEventKind,
    RequestStatus,
    SparringEvent,
    SparringRequest,
)
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.services import requests as services
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory
from netvaerk.competences.tests.factories_requests import profile_for, sparring_request
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.notifications.models import Notification
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


def _ask(world, asker, persona_or_profile, **kwargs):
    profile = (
        persona_or_profile
        if not isinstance(persona_or_profile, str)
        else profile_for(world.persons[persona_or_profile])
    )
    kwargs.setdefault("subject", "Høringssvar om lokalplan")
    kwargs.setdefault("question", "Kan du kigge på vores udkast?")
    return services.sparring_request_ask_person(actor=world.actor(asker), profile=profile, **kwargs)


def _mail_to(address):
    return [mail for mail in queued_mail() if mail["to"] == address]


# --- asking a person -----------------------------------------------------------------------


def test_a_member_asks_a_person_who_is_told_and_the_request_waits_for_their_answer(
    world, django_capture_on_commit_callbacks
):
    tag = TagFactory(organisation=world.organisation, name="Kommuneplanlægning")
    with django_capture_on_commit_callbacks(execute=True):
        sparring = _ask(world, "chair", "member", tags=[tag])
    assert sparring.status == RequestStatus.OPEN
    assert sparring.recipient == world.persons["member"]
    assert sparring.network is None
    assert list(sparring.tags.all()) == [tag]
    event = SparringEvent.objects.get(request=sparring)
    assert (event.kind, event.by, event.to) == (
        RequestEventKind.ASKED,
        world.persons["chair"],
        world.persons["member"],
    )
    assert AuditEntry.objects.filter(
        action="competences.request_asked", object_id=str(sparring.pk)
    ).exists()
    mails = _mail_to(world.persons["member"].email)
    assert len(mails) == 1
    # Written in the recipient's language: the personas read Danish.
    assert "Chair Person beder dig om sparring: Høringssvar om lokalplan" in mails[0]["subject"]
    assert f"/org/competences/requests/{sparring.pk}/" in mails[0]["body"]
    notification = Notification.objects.get(person=world.persons["member"])
    assert notification.url == f"/org/competences/requests/{sparring.pk}/"
    assert not _mail_to(world.persons["chair"].email)


def test_it_refuses_a_request_to_oneself(world):
    with pytest.raises(ServiceError, match="You cannot ask yourself for sparring"):
        _ask(world, "member", "member")
    assert not SparringRequest.objects.exists()


def test_it_refuses_a_paused_person_with_a_pointer_to_the_networks(world):
    profile = profile_for(world.persons["member"], availability="paused")
    with pytest.raises(ServiceError) as refused:
        _ask(world, "chair", profile)
    assert refused.value.message == (
        "Member Person is not taking requests right now. Ask one of your networks instead."
    )
    assert not SparringRequest.objects.exists()


def test_it_refuses_someone_whose_profile_the_asker_may_not_see(world):
    hidden = profile_for(world.persons["member"], visibility="nobody")
    with pytest.raises(ServiceError, match="You cannot ask this person"):
        _ask(world, "chair", hidden)
    # Kept to the networks: the chair shares one, the board does not.
    networks_only = profile_for(world.persons["member"], visibility="networks")
    _ask(world, "chair", networks_only)
    with pytest.raises(ServiceError, match="You cannot ask this person"):
        _ask(world, "board", networks_only)


def test_it_refuses_a_profile_of_another_organisation(world):
    other = ProfileFactory(person=PersonFactory(organisation=OrganisationFactory()))
    with pytest.raises(ServiceError, match="another organisation"):
        _ask(world, "chair", other)


def test_a_person_at_their_own_limit_is_not_asked_and_nobody_learns_by_whom(world):
    profile = profile_for(world.persons["member"], open_requests_limit=1)
    _ask(world, "coordination", profile)
    with pytest.raises(ServiceError) as refused:
        _ask(world, "chair", profile)
    message = refused.value.message
    assert message == (
        "Member Person has as many requests as they can take right now. "
        "Ask one of your networks instead."
    )
    assert "Coordination" not in message
    assert SparringRequest.objects.count() == 1


def test_the_organisations_limit_holds_whatever_the_person_allows(world):
    settings = competence_settings(world.organisation)
    settings.open_requests_per_person = 2
    settings.save()
    profile = profile_for(world.persons["member"], open_requests_limit=10)
    _ask(world, "chair", profile)
    accepted = _ask(world, "coordination", profile)
    services.sparring_request_accept(actor=world.actor("member"), request=accepted)
    with pytest.raises(ServiceError, match="as many requests as they can take"):
        _ask(world, "staff", profile)


def test_answered_requests_no_longer_count_against_the_limit(world):
    profile = profile_for(world.persons["member"], open_requests_limit=1)
    member = world.persons["member"]
    for status in ("declined", "withdrawn", "closed"):
        sparring_request(requester=world.persons["board"], recipient=member, status=status)
    assert _ask(world, "chair", profile).status == RequestStatus.OPEN


def test_someone_asked_a_few_times_a_year_is_not_asked_more_often(world):
    settings = competence_settings(world.organisation)
    settings.sometimes_per_year = 2
    settings.save()
    member = world.persons["member"]
    profile = profile_for(member, availability="sometimes")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    sparring_request(requester=world.persons["board"], recipient=member, at=long_ago)
    for _ in range(2):
        sparring_request(
            requester=world.persons["board"],
            recipient=member,
            status="closed",
            at=timezone.now() - datetime.timedelta(days=100),
        )
    with pytest.raises(ServiceError) as refused:
        _ask(world, "chair", profile)
    assert "only a few times a year" in refused.value.message
    # An open-to-be-asked person has no such yearly limit.
    profile_for(member, availability="open")
    _ask(world, "chair", profile)


def test_a_flood_of_requests_is_refused_after_the_days_limit(world):
    askees = [
        ProfileFactory(person=PersonFactory(organisation=world.organisation)) for _ in range(6)
    ]
    for profile in askees[:5]:
        _ask(world, "member", profile)
    with pytest.raises(ServiceError) as refused:
        _ask(world, "member", askees[5])
    assert refused.value.message == (
        "You have sent as many requests as you can in one day (5). Try again tomorrow."
    )
    assert SparringRequest.objects.count() == 5
    # A network cannot be flooded either.
    with pytest.raises(ServiceError, match="as many requests as you can in one day"):
        services.sparring_request_ask_network(
            actor=world.actor("member"), network=world.network, subject="S", question="Q"
        )
    # Requests older than a day no longer count.
    SparringRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    _ask(world, "member", askees[5])


def test_a_second_open_request_to_the_same_person_is_refused(world):
    first = _ask(world, "chair", "member")
    with pytest.raises(ServiceError, match="You have already asked Member Person"):
        _ask(world, "chair", "member")
    services.sparring_request_withdraw(actor=world.actor("chair"), request=first)
    assert _ask(world, "chair", "member").pk != first.pk


def test_the_competences_must_be_in_use_in_the_organisation(world):
    suggested = TagFactory(organisation=world.organisation, status="suggested")
    foreign = TagFactory()
    for tag in (suggested, foreign):
        with pytest.raises(ServiceError) as refused:
            _ask(world, "chair", "member", tags=[tag])
        assert refused.value.field == "tags"
    assert not SparringRequest.objects.exists()


@pytest.mark.parametrize(
    ("subject", "question", "field"),
    [("  ", "Q", "subject"), ("S", "", "question"), ("x" * 151, "Q", "subject")],
)
def test_a_subject_and_question_are_needed_and_kept_short(world, subject, question, field):
    with pytest.raises(ServiceError) as refused:
        _ask(world, "chair", "member", subject=subject, question=question)
    assert refused.value.field == field


# --- asking a network ----------------------------------------------------------------------


def test_a_request_to_a_network_goes_to_its_chair_coordination_group_and_coordinator(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sparring = services.sparring_request_ask_network(
            actor=world.actor("staff"),
            network=world.network,
            subject="Pressearbejde",
            question="Hvem kan hjælpe med en pressemeddelelse?",
        )
    assert sparring.recipient is None
    assert sparring.network == world.network
    told = {mail["to"] for mail in queued_mail()}
    assert told == {
        world.persons[persona].email for persona in ("chair", "coordination", "coordinator")
    }
    assert all("Boligpolitisk netværk" in mail["subject"] for mail in queued_mail())


def test_a_network_that_is_not_active_cannot_be_asked(world):
    closed = NetworkFactory(organisation=world.organisation, status="closed")
    with pytest.raises(ServiceError, match="is not active"):
        services.sparring_request_ask_network(
            actor=world.actor("member"), network=closed, subject="S", question="Q"
        )


# --- answers -------------------------------------------------------------------------------


def test_the_person_asked_accepts_and_the_asker_is_told(world, django_capture_on_commit_callbacks):
    sparring = _ask(world, "chair", "member")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.sparring_request_accept(
            actor=world.actor("member"), request=sparring, note="Gerne!"
        )
    assert accepted.status == RequestStatus.ACCEPTED
    assert accepted.answered_at is not None
    assert sparring.events.filter(kind="accepted", note="Gerne!").exists()
    assert [mail["to"] for mail in queued_mail()] == [world.persons["chair"].email]
    assert "er accepteret" in queued_mail()[0]["subject"]


def test_only_the_person_asked_may_accept_or_decline(world):
    sparring = _ask(world, "chair", "member")
    for persona in ("chair", "staff"):
        with pytest.raises(ServiceError, match="Only the person asked"):
            services.sparring_request_accept(actor=world.actor(persona), request=sparring)
        with pytest.raises(ServiceError, match="Only the person asked"):
            services.sparring_request_decline(actor=world.actor(persona), request=sparring)
    sparring.refresh_from_db()
    assert sparring.status == RequestStatus.OPEN


def test_a_declined_request_needs_no_reason_and_the_asker_is_told(
    world, django_capture_on_commit_callbacks
):
    sparring = _ask(world, "chair", "member")
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.sparring_request_decline(actor=world.actor("member"), request=sparring)
    assert declined.status == RequestStatus.DECLINED
    assert declined.recipient == world.persons["member"]
    assert [mail["to"] for mail in queued_mail()] == [world.persons["chair"].email]


def test_a_network_request_declined_goes_back_to_the_networks_queue(
    world, django_capture_on_commit_callbacks
):
    sparring = sparring_request(
        requester=world.persons["staff"],
        network=world.network,
        recipient=world.persons["member"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.sparring_request_decline(actor=world.actor("member"), request=sparring)
    assert returned.status == RequestStatus.OPEN
    assert returned.recipient is None
    assert sparring.events.filter(kind=RequestEventKind.RETURNED).exists()
    told = {mail["to"] for mail in queued_mail()}
    assert world.persons["staff"].email in told
    assert world.persons["chair"].email in told
    assert world.persons["member"].email not in told


def test_the_person_asked_passes_the_request_on(world, django_capture_on_commit_callbacks):
    sparring = _ask(world, "chair", "member")
    staff_profile = profile_for(world.persons["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        passed = services.sparring_request_pass_on(
            actor=world.actor("member"),
            request=sparring,
            to_profile=staff_profile,
            note="Hun ved mere end mig.",
        )
    assert passed.recipient == world.persons["staff"]
    assert passed.status == RequestStatus.OPEN
    event = sparring.events.get(kind=RequestEventKind.PASSED_ON)
    assert (event.by, event.to, event.note) == (
        world.persons["member"],
        world.persons["staff"],
        "Hun ved mere end mig.",
    )
    told = {mail["to"]: mail["subject"] for mail in queued_mail()}
    assert set(told) == {world.persons["staff"].email, world.persons["chair"].email}
    assert "sendt videre til dig" in told[world.persons["staff"].email]


def test_a_request_is_not_passed_to_the_asker_to_oneself_or_to_someone_who_cannot_be_asked(
    world,
):
    sparring = _ask(world, "chair", "member")
    member = world.actor("member")
    cases = [
        (profile_for(world.persons["chair"]), "the person who asked it"),
        (profile_for(world.persons["member"]), "already with you"),
        (profile_for(world.persons["staff"], availability="paused"), "not taking requests"),
        (profile_for(world.persons["board"], visibility="nobody"), "whose profile you can see"),
    ]
    for profile, message in cases:
        with pytest.raises(ServiceError, match=message) as refused:
            services.sparring_request_pass_on(actor=member, request=sparring, to_profile=profile)
        assert refused.value.field == "to_profile"
    full = profile_for(world.persons["org_admin"], open_requests_limit=1)
    sparring_request(requester=world.persons["board"], recipient=world.persons["org_admin"])
    with pytest.raises(ServiceError, match="as many requests as they can take"):
        services.sparring_request_pass_on(actor=member, request=sparring, to_profile=full)
    sparring.refresh_from_db()
    assert sparring.recipient == world.persons["member"]
    assert not sparring.events.filter(kind=RequestEventKind.PASSED_ON).exists()


def test_those_who_run_the_network_give_a_waiting_request_to_someone_or_themselves(world):
    sparring = sparring_request(requester=world.persons["staff"], network=world.network)
    assigned = services.sparring_request_pass_on(
        actor=world.actor("coordinator"),
        request=sparring,
        to_profile=profile_for(world.persons["member"]),
    )
    assert assigned.recipient == world.persons["member"]
    services.sparring_request_decline(actor=world.actor("member"), request=assigned)
    mine = services.sparring_request_pass_on(
        actor=world.actor("chair"),
        request=sparring,
        to_profile=profile_for(world.persons["chair"]),
    )
    assert mine.recipient == world.persons["chair"]
    accepted = services.sparring_request_accept(actor=world.actor("chair"), request=sparring)
    assert accepted.status == RequestStatus.ACCEPTED


def test_only_those_who_run_the_network_assign_its_requests_and_only_while_waiting(world):
    sparring = sparring_request(requester=world.persons["staff"], network=world.network)
    target = profile_for(world.persons["board"])
    for persona in ("member", "board", "staff"):
        with pytest.raises(ServiceError, match="Only the person asked"):
            services.sparring_request_pass_on(
                actor=world.actor(persona), request=sparring, to_profile=target
            )
    services.sparring_request_pass_on(
        actor=world.actor("chair"),
        request=sparring,
        to_profile=profile_for(world.persons["member"]),
    )
    with pytest.raises(ServiceError, match="already with Member Person"):
        services.sparring_request_pass_on(
            actor=world.actor("coordination"), request=sparring, to_profile=target
        )


def test_the_asker_withdraws_and_the_other_side_is_told(world, django_capture_on_commit_callbacks):
    sparring = _ask(world, "chair", "member")
    services.sparring_request_accept(actor=world.actor("member"), request=sparring)
    with pytest.raises(ServiceError, match="Only the person who asked"):
        services.sparring_request_withdraw(actor=world.actor("member"), request=sparring)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = services.sparring_request_withdraw(actor=world.actor("chair"), request=sparring)
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert withdrawn.closed_at is not None
    assert [mail["to"] for mail in queued_mail()] == [world.persons["member"].email]


def test_withdrawing_a_request_waiting_in_a_queue_tells_those_who_run_the_network(
    world, django_capture_on_commit_callbacks
):
    sparring = sparring_request(requester=world.persons["staff"], network=world.network)
    with django_capture_on_commit_callbacks(execute=True):
        services.sparring_request_withdraw(actor=world.actor("staff"), request=sparring)
    assert {mail["to"] for mail in queued_mail()} == {
        world.persons[persona].email for persona in ("chair", "coordination", "coordinator")
    }


def test_either_side_closes_an_accepted_request_with_a_note_of_the_outcome(
    world, django_capture_on_commit_callbacks
):
    for closer, other in (("member", "chair"), ("chair", "member")):
        SparringRequest.objects.all().delete()
        sparring = _ask(world, "chair", "member")
        services.sparring_request_accept(actor=world.actor("member"), request=sparring)
        with pytest.raises(ServiceError) as refused:
            services.sparring_request_close(
                actor=world.actor(closer), request=sparring, outcome="  "
            )
        assert refused.value.field == "outcome"
        with pytest.raises(ServiceError) as refused:
            services.sparring_request_close(
                actor=world.actor(closer), request=sparring, outcome="x" * 1001
            )
        assert refused.value.field == "outcome"
        with django_capture_on_commit_callbacks(execute=True):
            closed = services.sparring_request_close(
                actor=world.actor(closer), request=sparring, outcome="Høringssvaret blev sendt."
            )
        assert (closed.status, closed.outcome) == ("closed", "Høringssvaret blev sendt.")
        assert queued_mail()[-1]["to"] == world.persons[other].email
    with pytest.raises(ServiceError, match="Only the person who asked or the person asked"):
        services.sparring_request_close(
            actor=world.actor("staff"), request=closed, outcome="Blandet mig."
        )


# --- every transition the state forbids ----------------------------------------------------

ACTIONS = {
    "accept": (
        "member",
        lambda actor, r, w: services.sparring_request_accept(actor=actor, request=r),
    ),
    "decline": (
        "member",
        lambda actor, r, w: services.sparring_request_decline(actor=actor, request=r),
    ),
    "pass_on": (
        "member",
        lambda actor, r, w: services.sparring_request_pass_on(
            actor=actor, request=r, to_profile=profile_for(w.persons["staff"])
        ),
    ),
    "withdraw": (
        "chair",
        lambda actor, r, w: services.sparring_request_withdraw(actor=actor, request=r),
    ),
    "close": (
        "chair",
        lambda actor, r, w: services.sparring_request_close(
            actor=actor, request=r, outcome="Fint."
        ),
    ),
}
ILLEGAL = [
    ("accept", "accepted", "already been accepted"),
    ("accept", "declined", "declined; it can no longer be answered"),
    ("accept", "withdrawn", "withdrawn; it can no longer be answered"),
    ("accept", "closed", "closed; it can no longer be answered"),
    ("decline", "accepted", "already been accepted"),
    ("decline", "declined", "declined; it can no longer be answered"),
    ("decline", "withdrawn", "withdrawn; it can no longer be answered"),
    ("decline", "closed", "closed; it can no longer be answered"),
    ("pass_on", "accepted", "already been accepted"),
    ("pass_on", "declined", "declined; it can no longer be answered"),
    ("pass_on", "withdrawn", "withdrawn; it can no longer be answered"),
    ("pass_on", "closed", "closed; it can no longer be answered"),
    ("withdraw", "declined", "nothing to withdraw"),
    ("withdraw", "withdrawn", "already been withdrawn"),
    ("withdraw", "closed", "nothing to withdraw"),
    ("close", "open", "not been accepted yet"),
    ("close", "declined", "declined, so it cannot be closed"),
    ("close", "withdrawn", "withdrawn, so it cannot be closed"),
    ("close", "closed", "already been closed"),
]


@pytest.mark.parametrize(("action", "status", "message"), ILLEGAL)
def test_a_step_the_requests_state_forbids_is_refused_and_changes_nothing(
    world, action, status, message
):
    profile_for(world.persons["member"])
    sparring = sparring_request(
        requester=world.persons["chair"], recipient=world.persons["member"], status=status
    )
    before = (sparring.status, sparring.recipient_id, sparring.events.count())
    persona, run = ACTIONS[action]
    with pytest.raises(ServiceError, match=message):
        run(world.actor(persona), sparring, world)
    sparring.refresh_from_db()
    assert (sparring.status, sparring.recipient_id, sparring.events.count()) == before
    assert not AuditEntry.objects.filter(action__startswith="competences.request_").exists()


def test_acting_twice_is_refused(world):
    sparring = _ask(world, "chair", "member")
    services.sparring_request_accept(actor=world.actor("member"), request=sparring)
    with pytest.raises(ServiceError, match="already been accepted"):
        services.sparring_request_accept(actor=world.actor("member"), request=sparring)
    services.sparring_request_withdraw(actor=world.actor("chair"), request=sparring)
    with pytest.raises(ServiceError, match="already been withdrawn"):
        services.sparring_request_withdraw(actor=world.actor("chair"), request=sparring)
    assert sparring.events.filter(kind="accepted").count() == 1


def test_those_running_a_network_decline_a_request_in_its_queue_when_nobody_can_help(world):
    from netvaerk.competences.models import RequestEventKind, RequestStatus

    queued = sparring_request(requester=world.persons["branch_lead"], network=world.network)
    services.sparring_request_decline(actor=world.actor("coordination"), request=queued)
    queued.refresh_from_db()
    assert queued.status == RequestStatus.DECLINED
    assert queued.recipient is None
    assert queued.events.last().kind == RequestEventKind.DECLINED


@pytest.mark.parametrize("persona", ["member", "staff", "branch_lead"])
def test_nobody_else_declines_a_request_in_a_networks_queue(world, persona):
    from netvaerk.competences.models import RequestStatus

    queued = sparring_request(requester=world.persons["board"], network=world.network)
    with pytest.raises(ServiceError, match="Only those who run the network"):
        services.sparring_request_decline(actor=world.actor(persona), request=queued)
    queued.refresh_from_db()
    assert queued.status == RequestStatus.OPEN
