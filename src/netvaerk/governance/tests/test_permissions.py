"""Who reaches which governance page: every URL × every persona, as the policy in
governance/rules.py says. One world per module; each cell rolls back."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from netvaerk.core.access import Actor
from netvaerk.governance.models import ProposalAttachment
from netvaerk.governance.services import proposal_attach
from netvaerk.governance.tests.factories import BoardRequestFactory, ProposalFactory, RulesFactory
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
BOARD_ONLY = (L, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403)
BOARD_ACTS = (L, 403, 403, 403, 403, 403, 403, R, R, 403, 403)
EVERYONE = (200,) * 11
LEADS_SEE = (L, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403)
LEADS_ACT = (L, 403, 403, R, R, 403, 403, 403, 403, 403, 403)
# The network's members and everyone in the loop between network and board.
NETWORK_READS = (L, 403, 200, 200, 200, 200, 403, 200, 200, 200, 403)
# A draft proposal is not announced beyond those who run the network: others get a 404.
DRAFT_EDIT = (L, 403, 404, 200, 200, 403, 403, 404, 404, 403, 403)
DRAFT_ACT = (L, 403, 404, R, R, 403, 403, 404, 404, 403, 403)
# A submitted proposal: the network's members read it; the board handles it.
SHARED_HANDLE = (L, 403, 403, 403, 403, 403, 403, R, R, 403, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    # The board's pages: the board, and the office that prepares its meetings.
    ("governance:board", "GET"): BOARD_ONLY,
    ("governance:board", "POST"): NO,
    ("governance:proposal_queue", "GET"): BOARD_ONLY,
    ("governance:proposal_queue", "POST"): NO,
    ("governance:board_requests", "GET"): BOARD_ONLY,
    ("governance:board_requests", "POST"): NO,
    ("governance:board_request_new", "GET"): BOARD_ONLY,
    ("governance:board_request_new", "POST"): BOARD_ACTS,
    # Approved rules of procedure are as public as the network.
    ("governance:rules", "GET"): EVERYONE,
    ("governance:rules", "POST"): NO,
    ("governance:rules_compare", "GET"): EVERYONE,
    ("governance:rules_compare", "POST"): NO,
    # A draft version: only those who run the network or decide on it.
    ("governance:rules_version", "GET"):
        (404, 404, 404, 200, 200, 200, 404, 200, 200, 200, 404),
    ("governance:rules_version", "POST"): NO,
    ("governance:rules_edit", "GET"): LEADS_SEE,
    ("governance:rules_edit", "POST"): LEADS_ACT,
    ("governance:rules_submit", "GET"): NO,
    ("governance:rules_submit", "POST"): LEADS_ACT,
    ("governance:rules_withdraw", "GET"): NO,
    ("governance:rules_withdraw", "POST"): LEADS_ACT,
    ("governance:rules_decide", "GET"): NO,
    ("governance:rules_decide", "POST"): BOARD_ACTS,
    # Proposals.
    ("governance:proposals", "GET"): NETWORK_READS,
    ("governance:proposals", "POST"): NO,
    ("governance:proposal_new", "GET"): LEADS_SEE,
    ("governance:proposal_new", "POST"): LEADS_ACT,
    ("governance:proposal", "GET"): NETWORK_READS,
    ("governance:proposal", "POST"): NO,
    ("governance:proposal_edit", "GET"): DRAFT_EDIT,
    ("governance:proposal_edit", "POST"): DRAFT_ACT,
    ("governance:proposal_submit", "GET"): NO,
    ("governance:proposal_submit", "POST"): DRAFT_ACT,
    ("governance:proposal_withdraw", "GET"): NO,
    ("governance:proposal_withdraw", "POST"): DRAFT_ACT,
    ("governance:attachment_add", "GET"): NO,
    ("governance:attachment_add", "POST"): DRAFT_ACT,
    ("governance:attachment_remove", "GET"): NO,
    ("governance:attachment_remove", "POST"): DRAFT_ACT,
    ("governance:attachment", "GET"): NETWORK_READS,
    ("governance:attachment", "POST"): NO,
    ("governance:proposal_handle", "GET"): NO,
    ("governance:proposal_handle", "POST"): SHARED_HANDLE,
    ("governance:proposal_note", "GET"): NO,
    ("governance:proposal_note", "POST"): SHARED_HANDLE,
    ("governance:proposal_decide", "GET"): NO,
    ("governance:proposal_decide", "POST"): SHARED_HANDLE,
    # Requests from the board.
    ("governance:requests", "GET"): NETWORK_READS,
    ("governance:requests", "POST"): NO,
    ("governance:request_new", "GET"): BOARD_ONLY,
    ("governance:request_new", "POST"): BOARD_ACTS,
    ("governance:request", "GET"): NETWORK_READS,
    ("governance:request", "POST"): NO,
    ("governance:request_answer", "GET"): NO,
    ("governance:request_answer", "POST"): LEADS_ACT,
    ("governance:request_withdraw", "GET"): NO,
    ("governance:request_withdraw", "POST"): BOARD_ACTS,
}
# fmt: on
EXPECTED = matrix(_TABLE)

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            network, other = world.network, world.other_network
            world.objects = {  # type: ignore[attr-defined]
                "v1": RulesFactory(network=network, approved=True, number=1),
                "v2": RulesFactory(network=network, approved=True, number=2, text="Nye regler."),
                "draft_rules": RulesFactory(network=network),
                # With the board, in a network nobody here leads.
                "submitted_rules": RulesFactory(network=other, submitted=True),
                "draft": ProposalFactory(network=network),
                "submitted": ProposalFactory(network=network, submitted=True),
                "request": BoardRequestFactory(network=network),
            }
            chair = Actor(
                organisation=world.organisation,
                user=world.users["chair"],
                person=world.persons["chair"],
            )
            objects = world.objects  # type: ignore[attr-defined]
            objects["draft_file"] = proposal_attach(
                actor=chair,
                proposal=objects["draft"],
                upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            )
            # A submitted proposal's attachment, added while it was a draft.
            submitted = objects["submitted"]
            objects["submitted_file"] = ProposalAttachment.objects.create(
                organisation=world.organisation,
                proposal=submitted,
                name="bilag.pdf",
                size=len(PDF),
                content_type="application/pdf",
                file=SimpleUploadedFile("bilag.pdf", PDF),
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _url(world: World, name: str) -> str:
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if not name.startswith("governance:board") and name != "governance:proposal_queue":
        kwargs["network"] = world.network.slug
    if name == "governance:rules_decide":
        kwargs["network"] = world.other_network.slug
        kwargs["version_id"] = o["submitted_rules"].pk
    elif name.startswith("governance:rules_") and name not in (
        "governance:rules_edit",
        "governance:rules_compare",
    ):
        kwargs["version_id"] = o["draft_rules"].pk
    shared = name in (
        "governance:proposal",
        "governance:attachment",
        "governance:proposal_handle",
        "governance:proposal_note",
        "governance:proposal_decide",
    )
    on_proposal = name.startswith(("governance:proposal_", "governance:attachment")) or shared
    if on_proposal and name not in ("governance:proposal_new", "governance:proposal_queue"):
        kwargs["proposal_id"] = (o["submitted"] if shared else o["draft"]).pk
    if name == "governance:attachment":
        kwargs["attachment_id"] = o["submitted_file"].pk
    if name == "governance:attachment_remove":
        kwargs["attachment_id"] = o["draft_file"].pk
    if (name.startswith("governance:request_") and name != "governance:request_new") or (
        name == "governance:request"
    ):
        kwargs["request_id"] = o["request"].pk
    url = reverse(name, kwargs=kwargs)
    if name == "governance:rules_compare":
        url += f"?old={o['v1'].pk}&new={o['v2'].pk}"
    return url


def _post_data(world: World, name: str) -> dict[str, Any]:
    soon = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    data: dict[str, Any] = {
        "governance:board_request_new": {
            "network": world.network.pk,
            "kind": "advice",
            "title": "Sparring",
            "text": "Giv os input.",
            "deadline": soon,
        },
        "governance:request_new": {
            "kind": "task",
            "title": "Opgave",
            "text": "Lav et oplæg.",
            "deadline": soon,
        },
        "governance:rules_edit": {"text": "# Formål\n\nNyt udkast.", "change_summary": ""},
        "governance:rules_decide": {"decision": "approve"},
        "governance:proposal_new": {"kind": "statement", "title": "Ny udtalelse", "text": "Tekst"},
        "governance:proposal_edit": {"kind": "statement", "title": "Ændret", "text": "Tekst"},
        "governance:proposal_handle": {
            "preparer": world.persons["board"].pk,
            "answer_due": soon,
        },
        "governance:proposal_note": {"text": "Skal med på næste møde."},
        "governance:proposal_decide": {"outcome": "adopted", "reason": "Godt forslag."},
        "governance:attachment_add": {
            "file": SimpleUploadedFile("notat.pdf", PDF, content_type="application/pdf")
        },
        "governance:request_answer": {"answer": "Her er vores svar."},
        "governance:request_withdraw": {"reason": "Ikke længere aktuelt."},
    }
    return data.get(name, {})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    if response.streaming:
        # Read a download to its end: the test client then closes its file, without the
        # request_finished signal that would close the database connection mid-transaction.
        b"".join(response.streaming_content)
    assert_outcome(response, expected, context)


def test_it_has_a_table_row_for_every_governance_url():
    assert_matrix_complete(EXPECTED, ("governance",))
