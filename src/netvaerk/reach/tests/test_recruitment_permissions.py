"""Who reaches the recruitment pages, for every persona, GET and POST. The pipeline holds notes
that may name people, so only those who recruit see it: the office and the network's chair,
coordination group and coordinator; the board and plain members do not.

The world (with its branches and figures) is built once for the module; every cell runs in
its own rolled-back transaction, so a POST in one cell never leaks into the next."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.reach.models import RecruitmentEntry, RecruitmentNote
from netvaerk.reach.tests.recruitment_helpers import build_branches
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
    named_urls,
)

L = LOGIN
R = REDIRECT

MINE = frozenset(
    {
        "reach:recruitment",
        "reach:recruitment_csv",
        "reach:recruitment_xlsx",
        "reach:recruitment_entry",
        "reach:recruitment_note",
    }
)

# fmt: off
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator, branch_lead, board, staff, org_admin, other_org_staff.
EXPECTED = matrix({
    #     vis  out  mem  chair coord cdntr blead board staff admin other
    ("reach:recruitment", "GET"):
        (L,   403, 403, 200,  200,  200,  403,  403,  200,  200,  403),
    ("reach:recruitment", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reach:recruitment_csv", "GET"):
        (L,   403, 403, 200,  200,  200,  403,  403,  200,  200,  403),
    ("reach:recruitment_csv", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reach:recruitment_xlsx", "GET"):
        (L,   403, 403, 200,  200,  200,  403,  403,  200,  200,  403),
    ("reach:recruitment_xlsx", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reach:recruitment_entry", "GET"):
        (L,   403, 403, 200,  200,  200,  403,  403,  200,  200,  403),
    ("reach:recruitment_entry", "POST"):
        (L,   403, 403, R,    R,    R,    403,  403,  R,    R,    403),
    ("reach:recruitment_note", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reach:recruitment_note", "POST"):
        (L,   403, 403, R,    R,    R,    403,  403,  R,    R,    403),
})
# fmt: on

POST_DATA = {
    "reach:recruitment_entry": {
        "stage": "contacted",
        "owner": "",
        "next_step": "Ring til formanden",
        "next_step_on": "",
        "note": "",
    },
    "reach:recruitment_note": {"text": "Ringede."},
}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            build_branches(world)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    module_world.network.refresh_from_db()
    return module_world


def _url(name: str, network: str = "bolig", branch: str = "odder") -> str:
    kwargs: dict[str, Any] = {"org": "org", "network": network}
    if name in ("reach:recruitment_entry", "reach:recruitment_note"):
        kwargs["branch"] = branch
    return reverse(name, kwargs=kwargs)


def test_the_table_covers_every_recruitment_url_and_persona():
    others = named_urls(("reach",)) - MINE
    assert named_urls(("reach",)) >= MINE
    assert_matrix_complete(EXPECTED, ("reach",), exclude=others)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(name)
    response = client.get(url) if method == "GET" else client.post(url, POST_DATA.get(name, {}))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if method == "POST" and expected != R:
        assert not RecruitmentEntry.objects.exists(), context
        assert not RecruitmentNote.objects.exists(), context
    if name.endswith(("_csv", "_xlsx")) and method == "GET":
        exported = AuditEntry.objects.filter(action="reach.recruitment_exported").exists()
        assert exported == (expected == 200), context


@pytest.mark.parametrize("name", sorted(MINE))
@pytest.mark.parametrize("persona", ["member", "board", "chair"])
def test_a_network_someone_may_not_see_is_not_found_before_anything_else(
    client_as, world, name, persona
):
    from netvaerk.networks.tests.factories import NetworkFactory

    NetworkFactory(organisation=world.organisation, slug="proposed", status="proposed")
    client = client_as(persona)
    for network in ("proposed", "nowhere"):
        url = _url(name, network=network)
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, POST_DATA.get(name, {})).status_code in (404, 405)


def test_the_chair_of_another_network_is_refused(client_as, world):
    from netvaerk.networks.tests.factories import MembershipFactory

    MembershipFactory(
        network=world.other_network, person=world.persons["member"], role="coordination"
    )
    client = client_as("member")
    assert client.get(_url("reach:recruitment")).status_code == 403
    other = _url("reach:recruitment", network=world.other_network.slug)
    assert client.get(other).status_code == 200


def test_a_persona_who_may_not_see_the_list_gets_refused_before_the_branch_is_looked_up(
    client_as, world
):
    client = client_as("board")
    assert client.get(_url("reach:recruitment_entry", branch="nowhere")).status_code == 403
    assert (
        client_as("staff").get(_url("reach:recruitment_entry", branch="nowhere")).status_code == 404
    )
