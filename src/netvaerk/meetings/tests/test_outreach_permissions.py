"""Who reaches which outreach page: every URL of announcements, follow-up and newsletters ×
every persona, as meetings/rules.py says. One world per module; each cell rolls back.

The event is the network's own (audience: the network), so those who may not see it get a
404; the member came to the past event and may read its follow-up."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.meetings.models import Audience, EventMaterial, Newsletter
from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory, RegistrationFactory
from netvaerk.testing import (
    LOGIN,
    REDIRECT,
    World,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
)

L, R = LOGIN, REDIRECT
NO = (405,) * 11
# fmt: off
#  vis   out   mem   chair coord cdntr blead board staff admin other
# Those who run the event (its network's leads and coordinator) and the office; the board
# sees the event but does not run it; others do not see a network's event at all.
RUN_SEE = (L, 404, 403, 200, 200, 200, 404, 403, 200, 200, 404)
RUN_ACT = (L, 404, 403, R, R, R, 404, 403, R, R, 404)
# The follow-up page: also for those who came.
TOOK_PART = (L, 404, 200, 200, 200, 200, 404, 403, 200, 200, 404)
OFFICE_SEE = (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403)
OFFICE_ACT = (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    # POST without "confirm" shows the confirmation with the count: nothing is sent.
    ("meetings:event_announce", "GET"): RUN_SEE,
    ("meetings:event_announce", "POST"): RUN_SEE,
    ("meetings:event_follow_up", "GET"): TOOK_PART,
    ("meetings:event_follow_up", "POST"): NO,
    ("meetings:event_follow_up_send", "GET"): NO,
    ("meetings:event_follow_up_send", "POST"): RUN_ACT,
    ("meetings:event_material_add", "GET"): NO,
    ("meetings:event_material_add", "POST"): RUN_ACT,
    ("meetings:event_material_remove", "GET"): NO,
    ("meetings:event_material_remove", "POST"): RUN_ACT,
    ("meetings:newsletters", "GET"): OFFICE_SEE,
    ("meetings:newsletters", "POST"): NO,
    ("meetings:newsletter_new", "GET"): OFFICE_SEE,
    ("meetings:newsletter_new", "POST"): OFFICE_ACT,
    ("meetings:newsletter", "GET"): OFFICE_SEE,
    ("meetings:newsletter", "POST"): NO,
    ("meetings:newsletter_edit", "GET"): OFFICE_SEE,
    ("meetings:newsletter_edit", "POST"): OFFICE_ACT,
    ("meetings:newsletter_send", "GET"): NO,
    ("meetings:newsletter_send", "POST"): OFFICE_ACT,
}
# fmt: on
EXPECTED = matrix(_TABLE)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            upcoming = EventFactory(network=world.network, audience=Audience.NETWORK)
            held = EventFactory(network=world.network, past=True)
            came = RegistrationFactory(event=held, person=world.persons["member"])
            AttendanceFactory(event=held, person=world.persons["member"], registration=came)
            material = EventMaterial.objects.create(
                organisation=world.organisation,
                event=held,
                title="Slides",
                url="https://example.org/slides.pdf",
            )
            open_event = EventFactory(network=world.network, audience=Audience.MEMBERS)
            newsletter = Newsletter.objects.create(organisation=world.organisation, title="Aktiv")
            newsletter.events.set([open_event])
            yield {
                "world": world,
                "upcoming": upcoming,
                "held": held,
                "material": material,
                "open_event": open_event,
                "newsletter": newsletter,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def setup(module_world: dict[str, Any], db) -> dict[str, Any]:
    module_world["world"].organisation.refresh_from_db()
    return module_world


@pytest.fixture
def world(setup) -> World:
    return setup["world"]


def _request(setup: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    org = {"org": "org"}
    held = {"org": "org", "event_id": setup["held"].pk}
    letter = {"org": "org", "newsletter_id": setup["newsletter"].pk}
    newsletter_data = {"title": "DN Aktiv", "events": [setup["open_event"].pk]}
    urls: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
        "meetings:event_announce": (
            {"org": "org", "event_id": setup["upcoming"].pk},
            {"message": "Kom og vær med"},
        ),
        "meetings:event_follow_up": (held, {}),
        "meetings:event_follow_up_send": (held, {"message": "Tak for i aftes"}),
        "meetings:event_material_add": (
            held,
            {"title": "Optagelse", "url": "https://example.org/rec"},
        ),
        "meetings:event_material_remove": ({**held, "material_id": setup["material"].pk}, {}),
        "meetings:newsletters": (org, {}),
        "meetings:newsletter_new": (org, newsletter_data),
        "meetings:newsletter": (letter, {}),
        "meetings:newsletter_edit": (letter, newsletter_data),
        "meetings:newsletter_send": (letter, {}),
    }
    kwargs, data = urls[name]
    return reverse(name, kwargs=kwargs), data


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, setup, name, method, persona, expected
):
    client = client_as(persona)
    url, data = _request(setup, name)
    response = client.get(url) if method == "GET" else client.post(url, data)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_it_has_a_row_for_every_outreach_url():
    from netvaerk.testing import named_urls

    # The other parts' URLs have their own tables; every URL of this part has a row here.
    ours = ("announce", "follow_up", "material", "newsletter")
    others = {name for name in named_urls(("meetings",)) if not any(w in name for w in ours)}
    assert_matrix_complete(EXPECTED, ("meetings",), exclude=others)
