"""Who reaches a network's competence overview: its chair, coordination group and coordinator,
and the office; every other persona is refused, a visitor sent to log in. Every cell runs in
its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.testing import (
    LOGIN,
    World,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
    named_urls,
)

L = LOGIN
NO = (405,) * 11
# fmt: off
#  vis  out  mem  chair coord cdntr blead board staff admin other
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("competences:network_overview", "GET"): (L, 403, 403, 200, 200, 200, 403, 403, 200, 200, 403),
    ("competences:network_overview", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE)
OURS = frozenset(name for name, _method in _TABLE)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    return module_world


def test_the_table_covers_the_overview():
    assert_matrix_complete(EXPECTED, ("competences",), exclude=named_urls(("competences",)) - OURS)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = reverse(name, kwargs={"org": world.organisation.slug, "network": world.network.slug})
    response = client.get(url) if method == "GET" else client.post(url)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_the_other_organisations_staff_finds_no_network_of_theirs(client_as, world):
    url = reverse(
        "competences:network_overview",
        kwargs={"org": "other", "network": world.network.slug},
    )
    assert client_as("other_org_staff").get(url).status_code == 404
