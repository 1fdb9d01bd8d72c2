"""Who reaches the access log and the "who has seen my data" page, for every persona."""

from typing import Any

import pytest
from django.urls import reverse

from netvaerk.privacy.tests.factories_access import pia, seen
from netvaerk.testing import (
    LOGIN,
    PERSONAS_WITH_DATA_PROTECTION,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
)

L = LOGIN
NO = (405,) * 12
# fmt: off
#  vis  out  mem  chair coord cdntr blead board staff admin other dp
DP = (L, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200)
PERSON = (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("accesslog:index", "GET"): DP,
    ("accesslog:index", "POST"): NO,
    ("accesslog:entry", "GET"): DP,
    ("accesslog:entry", "POST"): NO,
    ("accesslog:csv", "GET"): DP,
    ("accesslog:csv", "POST"): NO,
    ("accesslog:xlsx", "GET"): DP,
    ("accesslog:xlsx", "POST"): NO,
    ("seenby:index", "GET"): PERSON,
    ("seenby:index", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE, personas=PERSONAS_WITH_DATA_PROTECTION)


def test_the_table_covers_every_url_of_the_access_log():
    assert_matrix_complete(
        EXPECTED, ("accesslog", "seenby"), personas=PERSONAS_WITH_DATA_PROTECTION
    )


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    entry = seen(world, "chair", [pia(world), world.persons["member"]])
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name == "accesslog:entry":
        kwargs["entry_id"] = entry.pk
    url = reverse(name, kwargs=kwargs)
    client = client_as(persona)
    response = client.get(url) if method == "GET" else client.post(url)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_it_hides_an_entry_of_another_organisation(client_as, world):
    other = make_world("else", other_slug="else-other")
    entry = seen(other, "chair", [other.persons["member"]])
    client = client_as("data_protection")
    url = reverse("accesslog:entry", kwargs={"org": world.organisation.slug, "entry_id": entry.pk})
    assert client.get(url).status_code == 404
