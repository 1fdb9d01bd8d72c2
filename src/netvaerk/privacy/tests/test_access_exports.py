"""The exports of a network's member list and of an event's registrations: who may have them,
what they hold, and that each is audited and recorded in the access log."""

import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netvaerk.core.models import AuditEntry
from netvaerk.meetings.tests.factories import EventFactory, RegistrationFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.privacy.models import AccessEntry, AccessKind
from netvaerk.privacy.tests.factories_access import pia
from netvaerk.testing import (
    LOGIN,
    PERSONAS_WITH_DATA_PROTECTION,
    assert_matrix_complete,
    assert_outcome,
    matrix,
    matrix_cells,
    named_urls,
)

L = LOGIN
NO = (405,) * 12
# fmt: off
#  vis  out  mem  chair coord cdntr blead board staff admin other dp
# The member list's own rule: those who run the network, and the office.
MEMBERS = (L, 403, 403, 200, 200, 200, 403, 403, 200, 200, 403, 403)
# The registrations' own rule: those who run the event; others do not see it at all.
REGISTRATIONS = (L, 404, 403, 200, 200, 200, 404, 403, 200, 200, 404, 404)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("networks:members_csv", "GET"): MEMBERS,
    ("networks:members_csv", "POST"): NO,
    ("networks:members_xlsx", "GET"): MEMBERS,
    ("networks:members_xlsx", "POST"): NO,
    ("meetings:registrations_csv", "GET"): REGISTRATIONS,
    ("meetings:registrations_csv", "POST"): NO,
    ("meetings:registrations_xlsx", "GET"): REGISTRATIONS,
    ("meetings:registrations_xlsx", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE, personas=PERSONAS_WITH_DATA_PROTECTION)
EXPORTS = frozenset(name for name, _method in _TABLE)


@pytest.fixture
def planted(world):
    person = pia(world, name='=HYPERLINK("http://x") Pia Privatsen', phone="+45 12 34 56 78")
    MembershipFactory(network=world.network, person=person, share_contact_with_leads=False)
    event = EventFactory(network=world.network)
    RegistrationFactory(event=event, person=person)
    RegistrationFactory(event=event)
    return {"person": person, "event": event}


def _url(world, planted, name: str) -> str:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name.startswith("networks:"):
        kwargs["network"] = world.network.slug
    else:
        kwargs["event_id"] = planted["event"].pk
    return reverse(name, kwargs=kwargs)


def _rows(response) -> list[tuple]:
    if response.streaming:
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return [tuple(line.split(";")) for line in text.splitlines()]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_table_covers_the_exports():
    assert_matrix_complete(
        EXPECTED,
        ("networks", "meetings"),
        exclude=named_urls(("networks", "meetings")) - EXPORTS,
        personas=PERSONAS_WITH_DATA_PROTECTION,
    )


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, planted, name, method, persona, expected
):
    url = _url(world, planted, name)
    client = client_as(persona)
    response = client.get(url) if method == "GET" else client.post(url)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if expected != 200:
        assert not AccessEntry.objects.exists()


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_an_export_is_audited_and_recorded_with_every_person_in_it(client_as, world, planted, name):
    response = client_as("staff").get(_url(world, planted, name))
    assert response.status_code == 200
    rows = _rows(response)
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x") Pia Privatsen' in names or (
        '\'=HYPERLINK(""http://x"") Pia Privatsen' in "".join(map(str, names))
    )
    entry = AccessEntry.objects.get()
    assert entry.kind == AccessKind.EXPORT
    assert planted["person"].pk in set(entry.persons.values_list("person_id", flat=True))
    audit = AuditEntry.objects.get(action__endswith="_exported")
    assert audit.data["rows"] == entry.person_count


def test_the_member_export_shows_contact_details_as_the_page_does(client_as, world, planted):
    url = _url(world, planted, "networks:members_xlsx")
    staff_rows = _rows(client_as("staff").get(url))
    chair_rows = _rows(client_as("chair").get(url))
    # A phone number starting with "+" is kept as text, behind an apostrophe.
    assert any(row[6] == "'+45 12 34 56 78" for row in staff_rows)
    assert not any("12 34 56 78" in str(row[6]) for row in chair_rows)


def test_an_unknown_network_or_event_is_not_found(client_as, world):
    client = client_as("staff")
    assert client.get(f"/{world.organisation.slug}/networks/nowhere/members.csv").status_code == 404
    assert (
        client.get(f"/{world.organisation.slug}/events/999999/registrations.csv").status_code == 404
    )
