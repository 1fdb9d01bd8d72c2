"""Who reaches the import wizard: the office and the administrators; everyone else is
refused, a visitor sent to log in. Every cell runs in its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.imports.tests.factories import job_for
from netvaerk.testing import (
    LOGIN,
    PERSONAS_WITH_DATA_PROTECTION,
    REDIRECT,
    World,
    add_role_persona,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
)

L = LOGIN
R = REDIRECT
NO = (405,) * 12
#       vis  out  mem  chair coord cdntr blead board staff admin other dp
OK = (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403)
DONE = (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403, 403)
BAD = (L, 403, 403, 403, 403, 403, 403, 403, 400, 400, 403, 403)
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("imports:index", "GET"): OK,
    ("imports:index", "POST"): BAD,
    ("imports:job", "GET"): OK,
    ("imports:job", "POST"): NO,
    ("imports:mapping", "GET"): OK,
    ("imports:mapping", "POST"): BAD,
    ("imports:check", "GET"): NO,
    ("imports:check", "POST"): DONE,
    ("imports:report", "GET"): (L, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 403),
    ("imports:report", "POST"): NO,
    ("imports:report_csv", "GET"): (L, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 403),
    ("imports:report_csv", "POST"): NO,
    ("imports:confirm", "GET"): NO,
    ("imports:confirm", "POST"): DONE,
    ("imports:progress", "GET"): OK,
    ("imports:progress", "POST"): NO,
    ("imports:cancel", "GET"): NO,
    ("imports:cancel", "POST"): DONE,
}
EXPECTED = matrix(_TABLE, personas=PERSONAS_WITH_DATA_PROTECTION)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            add_role_persona(world, "data_protection", "data_protection")
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    return module_world


def test_the_table_covers_the_wizard():
    # 400 (reached, the empty form shown again with its errors) counts as reached.
    reached = {
        key: {persona: 200 if answer == 400 else answer for persona, answer in row.items()}
        for key, row in EXPECTED.items()
    }
    assert_matrix_complete(reached, ("imports",), personas=PERSONAS_WITH_DATA_PROTECTION)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    job = job_for(world.organisation, "good_semicolon.csv")
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name != "imports:index":
        kwargs["job"] = job.pk
    client = client_as(persona)
    url = reverse(name, kwargs=kwargs)
    response = client.get(url) if method == "GET" else client.post(url)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    if expected == 400:
        assert response.status_code == 400, context
    else:
        assert_outcome(response, expected, context)
