"""Access log entries for tests, written the one way the code writes them."""

from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessEntry, AccessKind
from netvaerk.testing import World


def seen(
    world: World,
    viewer: str,
    persons: list[Person],
    *,
    kind: str = AccessKind.LIST,
    subject: str = "Boligpolitisk netværk",
    view_name: str = "networks:members",
) -> AccessEntry:
    actor = world.actor(viewer)
    entry = record_access(
        actor=actor,
        request=None,
        kind=kind,
        person_ids=[person.pk for person in persons],
        subject=subject,
        view_name=view_name,
        path=f"/{world.organisation.slug}/networks/bolig/members/",
    )
    assert entry is not None
    return entry


def pia(world: World, **fields: object) -> Person:
    """The person whose data the tests follow through the log."""
    values = {
        "organisation": world.organisation,
        "branch": world.branch,
        "name": "Pia Privatsen",
        "email": "pia.privatsen@example.org",
        "member_number": "P-4711",
        **fields,
    }
    return PersonFactory(**values)
