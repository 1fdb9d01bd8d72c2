"""Seats hold when many register at once: threads, each with its own database connection,
register for an event with few seats at the same moment. On PostgreSQL only: SQLite
serialises every write to the whole file, so it proves nothing about row locks."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from netvaerk.core.errors import ServiceError
from netvaerk.meetings import services
from netvaerk.meetings.models import Registration, RegistrationStatus
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for, make_world

SEATS = 3
PEOPLE = 16


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks under concurrency need PostgreSQL; SQLite locks the whole database.",
)
def test_concurrent_registrations_never_overbook_and_queue_the_rest(transactional_db):
    world = make_world()
    event = EventFactory(network=world.network, capacity=SEATS)
    people = [PersonFactory(organisation=world.organisation) for _ in range(PEOPLE)]
    for person in people:
        MembershipFactory(network=world.network, person=person)
    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def register(person) -> None:
        try:
            start.wait(timeout=30)
            registration = services.registration_create(actor=actor_for(person), event=event)
            outcomes.append(registration.status)
        except ServiceError as error:  # pragma: no cover - would fail the test below
            outcomes.append(f"refused: {error.message}")
        except BaseException as error:  # pragma: no cover
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert Counter(outcomes) == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITING: PEOPLE - SEATS,
    }
    stored = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert stored == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITING: PEOPLE - SEATS,
    }
    # The waiting list is in the order the registrations were made, positions 1..n.
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
            "registered_at", "pk"
        )
    )
    assert [services.waiting_position(r) for r in waiting] == list(range(1, PEOPLE - SEATS + 1))
    confirmed_latest = max(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).values_list(
            "registered_at", flat=True
        )
    )
    # Seats went to those who got the lock first: nobody waiting registered before them.
    assert all(r.registered_at >= confirmed_latest for r in waiting)
