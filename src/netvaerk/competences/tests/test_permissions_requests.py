"""Who reaches which sparring-request page, for every persona. The request in the table is the
chair's to the member: only those two see it (the network's leads have no part in a request
between two people), the member answers it, the chair withdraws it, either may close it (here
refused with a message: it has not been accepted). Every cell runs in its own rolled-back
savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.competences.models import SparringRequest
from netvaerk.competences.tests.factories_requests import profiles_for, sparring_request
from netvaerk.testing import (
    LOGIN,
    PERSONAS,
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
#  vis  out  mem  chair coord cdntr blead board staff admin other
PERSON = (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403)
PERSON_ACT = (L, 403, R, R, R, R, R, R, R, R, 403)
PASSER = (L, 403, 200, 403, 404, 404, 404, 404, 404, 404, 403)
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    # The member's own profile shows why one cannot ask oneself; a POST is refused with that.
    ("competences:ask_person", "GET"): PERSON,
    ("competences:ask_person", "POST"): PERSON_ACT,
    ("competences:ask_network", "GET"): PERSON,
    ("competences:ask_network", "POST"): PERSON_ACT,
    ("competences:requests", "GET"): PERSON,
    ("competences:requests", "POST"): NO,
    ("competences:request", "GET"): (L, 403, 200, 200, 404, 404, 404, 404, 404, 404, 403),
    ("competences:request", "POST"): NO,
    ("competences:request_accept", "GET"): NO,
    ("competences:request_accept", "POST"): (L, 403, R, 403, 404, 404, 404, 404, 404, 404, 403),
    ("competences:request_decline", "GET"): NO,
    ("competences:request_decline", "POST"): (L, 403, R, 403, 404, 404, 404, 404, 404, 404, 403),
    ("competences:request_pass", "GET"): NO,
    ("competences:request_pass", "POST"): (L, 403, R, 403, 404, 404, 404, 404, 404, 404, 403),
    # The pass-on picker's search: only for the one who may pass it on (the asker sees the
    # request but may not).
    ("competences:request_pass_people", "GET"): PASSER,
    ("competences:request_pass_people", "POST"): NO,
    ("competences:request_withdraw", "GET"): NO,
    ("competences:request_withdraw", "POST"): (L, 403, 403, R, 404, 404, 404, 404, 404, 404, 403),
    ("competences:request_close", "GET"): NO,
    ("competences:request_close", "POST"): (L, 403, R, R, 404, 404, 404, 404, 404, 404, 403),
}
# fmt: on
EXPECTED = matrix(_TABLE)
REQUEST_URLS = {name for name, _method in _TABLE}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            profiles_for(world, *(p for p in PERSONAS if p in world.persons))
            sparring_request(requester=world.persons["chair"], recipient=world.persons["member"])
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _url(world: World, name: str) -> str:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name == "competences:ask_person":
        kwargs["profile"] = world.persons["member"].competence_profile.pk
    elif name == "competences:ask_network":
        kwargs["network"] = world.network.slug
    elif name.startswith("competences:request_") or name == "competences:request":
        kwargs["sparring_id"] = SparringRequest.objects.get().pk
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    ask = {"subject": "Høringssvar", "question": "Kan du hjælpe?"}
    return {
        "competences:ask_person": ask,
        "competences:ask_network": ask,
        "competences:request_accept": {"accept-note": ""},
        "competences:request_pass": {
            "pass-to_profile": str(world.persons["staff"].competence_profile.pk)
        },
        "competences:request_close": {"close-outcome": "Det gik godt."},
    }.get(name, {})


def test_the_table_covers_every_sparring_request_url():
    assert_matrix_complete(
        EXPECTED,
        ("competences",),
        exclude={
            f"competences:{name}"
            for name in (
                "search",
                "my_profile",
                "delete_profile",
                "profile",
                "tags",
                "tag_options",
                "tag",
                "tag_merge",
                "tag_status",
                "settings",
                "network_overview",
            )
        },
    )
    assert len(REQUEST_URLS) == 10


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_a_refused_answer_changes_nothing(client_as, world):
    sparring = SparringRequest.objects.get()
    client_as("chair").post(_url(world, "competences:request_accept"))
    client_as("staff").post(_url(world, "competences:request_decline"))
    client_as("member").post(_url(world, "competences:request_withdraw"))
    sparring.refresh_from_db()
    assert (sparring.status, sparring.recipient_id) == ("open", world.persons["member"].pk)
    assert sparring.events.count() == 1
