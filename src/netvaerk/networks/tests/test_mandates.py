"""Coordinator mandates: appointing, succeeding, ending early, the rights that follow the term,
and the board's reminder before a term ends."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from netvaerk.core.access import Actor
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.networks.models import CoordinatorMandate
from netvaerk.networks.selectors import current_mandate
from netvaerk.networks.services import mandate_appoint, mandate_end, mandates_send_term_reminders
from netvaerk.networks.tests.factories import MandateFactory, NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory, RoleAssignmentFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for, queued_mail

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DAY = datetime.timedelta(days=1)
DECISION = "Board meeting 12 March 2026, item 4"


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English wording."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="testorg", name="Testorganisation")


@pytest.fixture
def board(org):
    person = PersonFactory(organisation=org, name="Board Member")
    RoleAssignmentFactory(person=person, role="board")
    return actor_for(person, "board")


@pytest.fixture
def network(org):
    return NetworkFactory(organisation=org, name="Boligpolitisk netværk")


@pytest.fixture
def today():
    return timezone.localdate()


def appoint(board, network, person, start, end, reference=DECISION):
    return mandate_appoint(
        actor=board,
        network=network,
        person=person,
        decision_reference=reference,
        term_start=start,
        term_end=end,
    )


# --- Appointing ---------------------------------------------------------------------------


def test_appointing_a_coordinator_records_the_board_decision(
    org, board, network, today, django_capture_on_commit_callbacks
):
    person = PersonFactory(organisation=org, name="Carla Coordinator")

    with django_capture_on_commit_callbacks(execute=True):
        mandate = appoint(board, network, person, today, today + 365 * DAY)

    mandate.refresh_from_db()
    assert mandate.person == person
    assert mandate.organisation == org
    assert mandate.appointed_by == board.person
    assert mandate.decision_reference == DECISION
    assert (mandate.term_start, mandate.term_end, mandate.ended_on) == (
        today,
        today + 365 * DAY,
        None,
    )
    [entry] = AuditEntry.objects.filter(action="mandate.appointed", object_id=str(mandate.pk))
    assert entry.reason == DECISION
    assert entry.actor_person == board.person
    assert entry.data == {
        "term_start": today.isoformat(),
        "term_end": (today + 365 * DAY).isoformat(),
    }
    [mail] = queued_mail()
    assert mail["to"] == person.email
    assert network.name in mail["subject"]


def test_appointing_a_successor_ends_the_current_mandate_the_day_before(org, board, network, today):
    current = MandateFactory(
        network=network, term_start=today - 100 * DAY, term_end=today + 600 * DAY
    )
    successor = PersonFactory(organisation=org, name="Sara Successor")

    new = appoint(board, network, successor, today + 10 * DAY, today + 740 * DAY)

    current.refresh_from_db()
    assert current.ended_on == today + 9 * DAY
    assert "Sara Successor" in current.end_reason
    assert current.term_end == today + 600 * DAY  # the term as decided is kept
    assert set(CoordinatorMandate.objects.filter(network=network)) == {current, new}
    assert AuditEntry.objects.filter(action="mandate.ended", object_id=str(current.pk)).exists()
    assert current_mandate(network=network, today=today + 9 * DAY) == current
    assert current_mandate(network=network, today=today + 10 * DAY) == new


def test_a_successor_from_today_ends_the_current_mandate_yesterday(org, board, network, today):
    current = MandateFactory(network=network)

    new = appoint(board, network, PersonFactory(organisation=org), today, today + 700 * DAY)

    current.refresh_from_db()
    assert current.ended_on == today - DAY
    assert current_mandate(network=network, today=today) == new


def test_a_mandate_that_ended_before_the_new_term_is_left_alone(org, board, network, today):
    past = MandateFactory(network=network, term_start=today - 800 * DAY, term_end=today - 70 * DAY)
    early = MandateFactory(
        network=network,
        term_start=today - 60 * DAY,
        term_end=today + 600 * DAY,
        ended_on=today - 5 * DAY,
        end_reason="Moved abroad",
    )

    appoint(board, network, PersonFactory(organisation=org), today, today + 700 * DAY)

    past.refresh_from_db()
    early.refresh_from_db()
    assert past.ended_on is None
    assert (early.ended_on, early.end_reason) == (today - 5 * DAY, "Moved abroad")


@pytest.mark.parametrize("offset", [30, 60])
def test_appointing_over_a_future_mandate_is_refused(org, board, network, today, offset):
    future = MandateFactory(
        network=network, term_start=today + 60 * DAY, term_end=today + 700 * DAY
    )

    with pytest.raises(ServiceError, match="end it first") as refusal:
        appoint(
            board, network, PersonFactory(organisation=org), today + offset * DAY, today + 800 * DAY
        )

    assert refusal.value.field == "term_start"
    future.refresh_from_db()
    assert future.ended_on is None
    assert CoordinatorMandate.objects.filter(network=network).count() == 1


def test_a_cancelled_future_mandate_does_not_block_a_new_appointment(org, board, network, today):
    cancelled = MandateFactory(
        network=network, term_start=today + 60 * DAY, term_end=today + 700 * DAY
    )
    mandate_end(actor=board, mandate=cancelled, ended_on=today + 59 * DAY, reason="Declined")

    new = appoint(
        board, network, PersonFactory(organisation=org), today + 30 * DAY, today + 700 * DAY
    )

    assert current_mandate(network=network, today=today + 60 * DAY) == new


def test_a_term_cannot_end_before_it_starts(org, board, network, today):
    person = PersonFactory(organisation=org)

    with pytest.raises(ServiceError, match="must end after it starts") as refusal:
        appoint(board, network, person, today, today - DAY)

    assert refusal.value.field == "term_end"
    assert not CoordinatorMandate.objects.filter(network=network).exists()
    # A one-day term is a term.
    assert appoint(board, network, person, today, today).term_end == today


def test_the_coordinator_must_be_a_person_of_the_organisation(board, network, today):
    foreigner = PersonFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="your own organisation") as refusal:
        appoint(board, network, foreigner, today, today + 365 * DAY)

    assert refusal.value.field == "person"
    assert not CoordinatorMandate.objects.filter(network=network).exists()


def test_a_board_cannot_appoint_in_another_organisations_network(board, today):
    foreign_org = OrganisationFactory(slug="foreign")
    foreign_network = NetworkFactory(organisation=foreign_org)

    with pytest.raises(ServiceError, match="another organisation"):
        appoint(board, foreign_network, PersonFactory(organisation=foreign_org), today, today)


def test_an_appointment_names_the_board_decision(org, board, network, today):
    with pytest.raises(ServiceError, match="board decision") as refusal:
        appoint(board, network, PersonFactory(organisation=org), today, today, reference="   ")

    assert refusal.value.field == "decision_reference"


# --- Ending early -------------------------------------------------------------------------


def test_ending_a_mandate_early_records_the_date_and_reason(board, network, today):
    mandate = MandateFactory(network=network)

    mandate_end(actor=board, mandate=mandate, ended_on=today, reason="  Moved abroad ")

    mandate.refresh_from_db()
    assert mandate.ended_on == today
    assert mandate.end_reason == "Moved abroad"
    [entry] = AuditEntry.objects.filter(action="mandate.ended", object_id=str(mandate.pk))
    assert entry.actor_person == board.person
    assert "Moved abroad" in entry.reason


def test_a_mandate_cannot_be_ended_twice(board, network, today):
    mandate = MandateFactory(network=network)
    mandate_end(actor=board, mandate=mandate, ended_on=today, reason="Moved abroad")

    with pytest.raises(ServiceError, match="already ended"):
        mandate_end(actor=board, mandate=mandate, ended_on=today + DAY, reason="Again")

    mandate.refresh_from_db()
    assert mandate.ended_on == today


def test_the_end_date_must_lie_within_the_term(board, network):
    start, end = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)
    mandate = MandateFactory(network=network, term_start=start, term_end=end)

    for outside in (start - 2 * DAY, end + DAY):
        with pytest.raises(ServiceError, match="within the term") as refusal:
            mandate_end(actor=board, mandate=mandate, ended_on=outside, reason="Reason")
        assert refusal.value.field == "ended_on"
    mandate.refresh_from_db()
    assert mandate.ended_on is None

    # The day before the term starts cancels the mandate before it begins.
    mandate_end(actor=board, mandate=mandate, ended_on=start - DAY, reason="Declined")
    assert current_mandate(network=network, today=start) is None


def test_ending_a_mandate_needs_a_reason(board, network, today):
    mandate = MandateFactory(network=network)

    with pytest.raises(ServiceError, match="Give a reason") as refusal:
        mandate_end(actor=board, mandate=mandate, ended_on=today, reason="  ")

    assert refusal.value.field == "reason"
    mandate.refresh_from_db()
    assert mandate.ended_on is None


def test_another_organisation_cannot_end_a_mandate(network, today):
    mandate = MandateFactory(network=network)
    outsider = PersonFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="another organisation"):
        mandate_end(actor=actor_for(outsider, "board"), mandate=mandate, ended_on=today, reason="x")


# --- Rights follow the term ---------------------------------------------------------------


def coordinates_at(moment: datetime.datetime, person, network) -> bool:
    with time_machine.travel(moment, tick=False):
        return actor_for(person).coordinates(network)


def test_the_coordinators_rights_last_exactly_the_term(network):
    mandate = MandateFactory(
        network=network, term_start=datetime.date(2027, 1, 1), term_end=datetime.date(2027, 12, 31)
    )
    person = mandate.person

    def at(*args):
        return coordinates_at(datetime.datetime(*args, tzinfo=COPENHAGEN), person, network)

    assert at(2026, 12, 31, 23, 59) is False
    assert at(2027, 1, 1, 0, 1) is True
    assert at(2027, 7, 1, 12, 0) is True
    # Late on the last day in Copenhagen is already the next day in UTC; the term still holds.
    assert at(2027, 12, 31, 23, 30) is True
    # Half an hour into the next day in Copenhagen is still the last day in UTC; it is over.
    assert at(2028, 1, 1, 0, 30) is False
    assert at(2028, 6, 1, 12, 0) is False


def test_the_coordinators_rights_end_with_an_early_end(board, network):
    mandate = MandateFactory(
        network=network, term_start=datetime.date(2027, 1, 1), term_end=datetime.date(2027, 12, 31)
    )
    mandate_end(actor=board, mandate=mandate, ended_on=datetime.date(2027, 6, 30), reason="Ill")

    noon = datetime.time(12, tzinfo=COPENHAGEN)
    last = datetime.datetime.combine(datetime.date(2027, 6, 30), noon)
    assert coordinates_at(last, mandate.person, network) is True
    assert coordinates_at(last + DAY, mandate.person, network) is False


def test_only_the_appointed_person_coordinates_only_their_network(org, network):
    mandate = MandateFactory(network=network)
    someone_else = PersonFactory(organisation=org)

    assert actor_for(mandate.person).coordinates(network) is True
    assert actor_for(mandate.person).coordinates(NetworkFactory(organisation=org)) is False
    assert actor_for(someone_else).coordinates(network) is False
    assert Actor(organisation=org).coordinates(network) is False


# --- Reminders before a term ends ---------------------------------------------------------


@pytest.fixture
def reminder_days(settings):
    settings.COORDINATOR_TERM_REMINDER_DAYS = 30
    return 30


def send_reminders(on, capture) -> int:
    with capture(execute=True):
        return mandates_send_term_reminders(on=on)


def test_the_board_is_reminded_once_of_a_term_ending_soon(
    org, board, network, today, reminder_days, django_capture_on_commit_callbacks
):
    mandate = MandateFactory(
        network=network, term_start=today - 300 * DAY, term_end=today + reminder_days * DAY
    )

    assert send_reminders(today, django_capture_on_commit_callbacks) == 1
    assert send_reminders(today, django_capture_on_commit_callbacks) == 0
    assert send_reminders(today + DAY, django_capture_on_commit_callbacks) == 0

    mandate.refresh_from_db()
    assert mandate.reminder_sent_at is not None
    [mail] = queued_mail()
    assert mail["to"] == board.person.email
    assert network.name in mail["subject"]
    [entry] = AuditEntry.objects.filter(
        action="mandate.term_reminder_sent", object_id=str(mandate.pk)
    )
    assert entry.actor_person is None
    assert entry.organisation == org
    assert entry.data == {"recipients": 1}


def test_only_terms_ending_within_the_reminder_window_are_reminded(
    org, board, today, reminder_days, django_capture_on_commit_callbacks
):
    def mandate(name, **dates):
        return MandateFactory(network=NetworkFactory(organisation=org, name=name), **dates)

    start = today - 300 * DAY
    due = mandate("Due", term_start=start, term_end=today + reminder_days * DAY)
    ends_today = mandate("Ends today", term_start=start, term_end=today)
    mandate("Later", term_start=start, term_end=today + (reminder_days + 1) * DAY)
    mandate("Over", term_start=start, term_end=today - DAY)
    mandate(
        "Ended early",
        term_start=start,
        term_end=today + 10 * DAY,
        ended_on=today + 5 * DAY,
        end_reason="Resigned",
    )
    mandate("Ended already", term_start=start, term_end=today + 10 * DAY, ended_on=today - DAY)

    assert send_reminders(today, django_capture_on_commit_callbacks) == 2

    reminded = CoordinatorMandate.objects.filter(reminder_sent_at__isnull=False)
    assert set(reminded) == {due, ends_today}
    subjects = sorted(mail["subject"] for mail in queued_mail())
    assert len(subjects) == 2
    assert "Due" in subjects[0]
    assert "Ends today" in subjects[1]


def test_reminders_go_to_the_current_board_of_that_organisation_only(
    org, board, network, today, reminder_days, django_capture_on_commit_callbacks
):
    former = PersonFactory(organisation=org, name="Former Board")
    RoleAssignmentFactory(person=former, role="board", ended_at=timezone.now())
    staff = PersonFactory(organisation=org, name="Staff Person")
    RoleAssignmentFactory(person=staff, role="staff")
    second_board = PersonFactory(organisation=org, name="Second Board")
    RoleAssignmentFactory(person=second_board, role="board")
    RoleAssignmentFactory(person=second_board, role="staff")
    no_email = PersonFactory(organisation=org, name="Board without e-mail", email="")
    RoleAssignmentFactory(person=no_email, role="board")
    foreign_org = OrganisationFactory(slug="foreign")
    foreign_board = PersonFactory(organisation=foreign_org, name="Foreign Board")
    RoleAssignmentFactory(person=foreign_board, role="board")
    ending = today + 10 * DAY
    MandateFactory(network=network, term_start=today - 300 * DAY, term_end=ending)
    foreign_network = NetworkFactory(organisation=foreign_org, name="Udenlandsk netværk")
    MandateFactory(network=foreign_network, term_start=today - 300 * DAY, term_end=ending)

    assert send_reminders(today, django_capture_on_commit_callbacks) == 2

    sent = sorted((mail["to"], mail["subject"]) for mail in queued_mail())
    recipients = {
        network.name: sorted([board.person.email, second_board.email]),
        foreign_network.name: [foreign_board.email],
    }
    assert sorted(to for to, _ in sent) == sorted(
        recipients[network.name] + recipients[foreign_network.name]
    )
    for to, subject in sent:
        [name] = [name for name in recipients if name in subject]
        assert to in recipients[name]
