"""Who reaches which page of the proposals to start a new network: every URL, every persona.

The proposer's pages are reached through the secret link, with or without a login, so every
persona holding the link gets in; the office's pages follow networks/rules.py. One world for
the module; every cell runs in its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.networks import founding
from netvaerk.networks.models import NetworkProposal, ProposalStatus
from netvaerk.networks.tests.founding_helpers import actor_of, form_data, refer, submit
from netvaerk.testing import (
    LOGIN,
    PERSONAS,
    REDIRECT,
    World,
    as_in_conftest,
    assert_outcome,
    make_world,
    named_urls,
)

L, R = LOGIN, REDIRECT

# fmt: off
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator, branch_lead, board, staff, org_admin, other_org_staff.
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    #     vis   out   mem   chair coord cdntr blead board staff admin other
    # Anyone may propose, with or without a login; a proposal sent goes to its private page.
    ("networks:propose", "GET"):
        (200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("networks:propose", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    # The secret link is the key: whoever holds it sees the proposal and may act on it.
    ("networks:proposal_status", "GET"):
        (200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("networks:proposal_status", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_answer", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_answer", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    ("networks:proposal_withdraw", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_withdraw", "POST"):
        (R,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    # The queue and a proposal's page: the office, and the board that decides.
    ("networks:proposals", "GET"):
        (L,    403,  403,  403,  403,  403,  403,  200,  200,  200,  403),
    ("networks:proposals", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_detail", "GET"):
        (L,    403,  403,  403,  403,  403,  403,  200,  200,  200,  403),
    ("networks:proposal_detail", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    # Triage is the office's: ask, reject, put to the board.
    ("networks:proposal_ask", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_ask", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    ("networks:proposal_reject", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_reject", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    ("networks:proposal_refer", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_refer", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  403,  R,    R,    403),
    # The board decides; staff may record its decision on its behalf.
    ("networks:proposal_decide", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("networks:proposal_decide", "POST"):
        (L,    403,  403,  403,  403,  403,  403,  R,    R,    403,  403),
}
# fmt: on

EXPECTED: dict[tuple[str, str], dict[str, Any]] = {
    key: dict(zip(PERSONAS, row, strict=True)) for key, row in _TABLE.items()
}
FOUNDING_URL_NAMES = frozenset(name for name, _method in EXPECTED)

# Where a successful POST must have changed something: url name -> the proposal's new status.
POST_OUTCOME = {
    "networks:proposal_ask": ProposalStatus.QUESTIONS,
    "networks:proposal_reject": ProposalStatus.REJECTED,
    "networks:proposal_refer": ProposalStatus.WITH_BOARD,
    "networks:proposal_decide": ProposalStatus.APPROVED,
    "networks:proposal_answer": ProposalStatus.ANSWERED,
    "networks:proposal_withdraw": ProposalStatus.WITHDRAWN,
}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            received = submit(world.organisation, email="received@example.org")
            asked = submit(world.organisation, email="asked@example.org", client_ip="10.0.0.2")
            with_board = submit(world.organisation, email="board@example.org", client_ip="::1")
            founding.founding_ask(
                actor=actor_of(world, "staff"), proposal=asked, question="Hvem vil hjælpe?"
            )
            refer(world, with_board)
            for proposal in (received, asked, with_board):
                proposal.refresh_from_db()
            world.proposals = {  # type: ignore[attr-defined]
                "received": received,
                "asked": asked,
                "with_board": with_board,
            }
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _proposal_for(world: World, name: str) -> NetworkProposal:
    proposals = world.proposals  # type: ignore[attr-defined]
    if name == "networks:proposal_decide":
        return proposals["with_board"]
    if name in ("networks:proposal_answer", "networks:proposal_status"):
        return proposals["asked"]
    return proposals["received"]


def _url_kwargs(world: World, name: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    proposal = _proposal_for(world, name)
    if name in (
        "networks:proposal_status",
        "networks:proposal_answer",
        "networks:proposal_withdraw",
    ):
        kwargs["token"] = founding.founding_token(proposal)
    elif name not in ("networks:propose", "networks:proposals"):
        kwargs["proposal_id"] = proposal.pk
    return kwargs


def _post_data(world: World, name: str) -> dict[str, Any]:
    return {
        "networks:propose": lambda: form_data(),
        "networks:proposal_answer": lambda: {"answer": "Tre fra Gladsaxe."},
        "networks:proposal_withdraw": lambda: {"reason": ""},
        "networks:proposal_ask": lambda: {"ask-question": "Hvem vil være formand?"},
        "networks:proposal_reject": lambda: {"reject-reason": "Dækkes allerede."},
        "networks:proposal_refer": lambda: {
            "refer-name": "Klimapolitisk netværk",
            "refer-slug": "klima-ny",
            "refer-kind": "central",
            "refer-purpose": "Klima.",
            "refer-note": "",
        },
        "networks:proposal_decide": lambda: {
            "decide-decision": "approve",
            "decide-reason": "Hovedbestyrelsen 12. marts, punkt 4",
        },
    }.get(name, dict)()


def _cells() -> Iterator[Any]:
    for (name, method), row in EXPECTED.items():
        for persona, expected in row.items():
            yield pytest.param(name, method, persona, expected, id=f"{name}-{method}-{persona}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), list(_cells()))
def test_it_answers_each_persona_as_the_founding_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = reverse(name, kwargs=_url_kwargs(world, name))
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if method == "POST" and name in POST_OUTCOME:
        proposal = _proposal_for(world, name)
        status = NetworkProposal.objects.values_list("status", flat=True).get(pk=proposal.pk)
        if expected == REDIRECT:
            assert status == POST_OUTCOME[name], context
        else:
            assert status == proposal.status, f"{context}: refused, yet the proposal changed"


def test_it_has_a_table_row_for_every_founding_url():
    names = {
        name
        for name in named_urls(("networks",))
        if name.startswith("networks:propos") or name == "networks:propose"
    }
    assert len(names) == 10
    rows = {(name, method) for name in names for method in ("GET", "POST")}
    assert rows == set(EXPECTED), sorted(rows ^ set(EXPECTED))


def test_it_has_an_answer_for_every_persona_in_every_row():
    for key, row in EXPECTED.items():
        assert tuple(row) == PERSONAS, key


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["networks:proposal_status", "networks:proposal_answer", "networks:proposal_withdraw"]
)
@pytest.mark.parametrize("persona", ["visitor", "staff"])
def test_a_wrong_or_unknown_link_answers_404(client_as, world, name, persona):
    token = founding.founding_token(_proposal_for(world, name))
    client = client_as(persona)
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "unknown", token[:16]):
        url = reverse(name, kwargs={"org": world.organisation.slug, "token": wrong})
        response = client.get(url) if name == "networks:proposal_status" else client.post(url)
        assert response.status_code == 404, wrong
