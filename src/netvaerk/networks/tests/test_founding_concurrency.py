"""The daily limit of proposals holds when a burst of them is sent at the same moment:
threads, each with its own database connection. On PostgreSQL only: SQLite takes its write
lock when a transaction begins, so it serialises the proposals by itself."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from netvaerk.core.errors import ServiceError
from netvaerk.networks.models import NetworkProposal
from netvaerk.networks.tests.founding_helpers import submit
from netvaerk.testing import make_world

LIMIT = 2
BURST = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks under concurrency need PostgreSQL; SQLite locks the whole database.",
)
def test_a_burst_of_proposals_from_one_client_gets_no_more_than_the_daily_limit(
    transactional_db, settings
):
    settings.NETWORK_PROPOSALS_PER_DAY = LIMIT
    world = make_world()
    start = threading.Barrier(BURST)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def propose(n: int) -> None:
        try:
            start.wait(timeout=30)
            submit(world.organisation, email=f"burst{n}@example.org", client_ip="198.51.100.7")
            outcomes.append("received")
        except ServiceError:
            outcomes.append("refused")
        except BaseException as error:  # pragma: no cover - fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert Counter(outcomes) == {"received": LIMIT, "refused": BURST - LIMIT}
    assert NetworkProposal.objects.filter(organisation=world.organisation).count() == LIMIT
