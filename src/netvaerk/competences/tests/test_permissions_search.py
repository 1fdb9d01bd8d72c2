"""Who reaches the competence search: every person of the organisation, whatever their role;
a visitor is asked to log in; a login with no person here, or of another organisation, is
refused."""

import pytest
from django.urls import reverse

from netvaerk.testing import (
    LOGIN,
    PERSONAS,
    assert_matrix_complete,
    assert_outcome,
    matrix,
    matrix_cells,
    named_urls,
)

L = LOGIN
NO = (405,) * 11
# fmt: off
#                                   vis  out  mem  chair coord cdntr blead board staff admin other
_TABLE = {
    ("competences:search", "GET"):  (L,   403, 200, 200,  200,  200,  200,  200,  200,  200,  403),
    ("competences:search", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE)


def test_the_table_covers_the_search_and_every_persona():
    others = named_urls(("competences",)) - {"competences:search"}
    assert_matrix_complete(EXPECTED, ("competences",), exclude=others)
    assert tuple(EXPECTED[("competences:search", "GET")]) == PERSONAS


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_permission(client_as, world, name, method, persona, expected):
    client = client_as(persona)
    url = reverse(name, kwargs={"org": world.organisation.slug})
    response = client.get(url, {"q": "kommuneplan"}) if method == "GET" else client.post(url)
    assert_outcome(response, expected, f"{name} {method} as {persona}")
