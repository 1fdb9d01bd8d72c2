"""The governance pages: what each shows, what bad input gets, and what they cost."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netvaerk.core.templatetags.netvaerk_text import markdown
from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    ProposalNote,
    ProposalStatus,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.governance.selectors import rules_diff
from netvaerk.governance.tests.factories import BoardRequestFactory, ProposalFactory, RulesFactory
from netvaerk.networks.tests.factories import NetworkFactory

DAY = datetime.timedelta(days=1)
DISCLAIMER = "Et netværk kan ikke udtale sig på vegne af"


def url(world, tail: str) -> str:
    return f"/{world.organisation.slug}/networks/{world.network.slug}/{tail}"


# --- what the pages say -------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_showing_a_proposal_says_a_network_cannot_speak_for_the_organisation(
    client_as, world
):
    proposal = ProposalFactory(network=world.network, submitted=True)
    pages = {
        "chair": [url(world, "proposals/"), url(world, f"proposals/{proposal.pk}/")],
        "board": ["/org/board/", "/org/board/proposals/"],
    }
    for persona, paths in pages.items():
        client = client_as(persona)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert DISCLAIMER in response.content.decode(), path


@pytest.mark.django_db
def test_the_network_never_sees_the_boards_private_notes(client_as, world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    ProposalNote.objects.create(
        organisation=world.organisation, proposal=proposal, text="Kun for bestyrelsen"
    )
    path = url(world, f"proposals/{proposal.pk}/")
    for persona in ("member", "chair", "coordinator"):
        assert "Kun for bestyrelsen" not in client_as(persona).get(path).content.decode()
    assert "Kun for bestyrelsen" in client_as("board").get(path).content.decode()


@pytest.mark.django_db
def test_the_network_page_shows_the_current_rules_and_links(client_as, world):
    RulesFactory(network=world.network, approved=True, number=1, text="# Formål\n\nGammel.")
    RulesFactory(network=world.network, approved=True, number=2, text="# Formål\n\nNy tekst.")
    response = client_as("visitor").get(url(world, "rules/"))
    content = response.content.decode()
    assert "Ny tekst." in content
    assert "Gammel." not in content
    assert "Version 2" in content
    detail = client_as("visitor").get(url(world, "")).content.decode()
    assert url(world, "rules/") in detail


@pytest.mark.django_db
def test_it_compares_two_versions_line_by_line(client_as, world):
    old = RulesFactory(network=world.network, approved=True, number=1, text="a\nb\nc")
    new = RulesFactory(network=world.network, approved=True, number=2, text="a\nB\nc\nd")
    lines = [(line.kind, line.text) for line in rules_diff(old=old, new=new)]
    assert lines == [
        ("same", "a"),
        ("removed", "b"),
        ("added", "B"),
        ("same", "c"),
        ("added", "d"),
    ]
    response = client_as("member").get(url(world, f"rules/compare/?old={old.pk}&new={new.pk}"))
    assert "<del>" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?old=x&new=y", "?old=1", "?old=99999&new=99998"])
def test_a_bad_comparison_is_a_404(client_as, world, query):
    assert client_as("member").get(url(world, f"rules/compare/{query}")).status_code == 404


@pytest.mark.django_db
def test_user_markdown_never_runs(world):
    html = str(
        markdown(
            "# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
            '<img src="https://evil.example/x.png" onerror="alert(1)"> **fed**'
        )
    )
    for dangerous in ("<script", "javascript:", "<img", "onerror"):
        assert dangerous not in html
    assert "<strong>fed</strong>" in html
    assert "<h3>Title</h3>" in html  # below the page's own headings


@pytest.mark.django_db
def test_the_board_overview_counts_and_flags_overdue_items(client_as, world):
    ProposalFactory(network=world.network, submitted=True, answer_due=timezone.localdate() - DAY)
    BoardRequestFactory(network=world.network, deadline=timezone.localdate() - DAY)
    RulesFactory(network=world.network, submitted=True)
    content = client_as("board").get("/org/board/").content.decode()
    assert content.count("Overskredet") >= 2  # the proposal and the request, in words
    assert "venter på godkendelse" in content


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "statement", "title": ""},
        {"kind": "speech", "title": "x"},
        {"kind": "statement", "title": "x" * 201},
        {"kind": "statement", "title": "x", "text": "y" * 50_001},
    ],
)
def test_a_bad_proposal_form_saves_nothing(client_as, world, data):
    response = client_as("chair").post(url(world, "proposals/new/"), data)
    assert response.status_code == 400
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_submitting_an_empty_proposal_says_why_and_changes_nothing(client_as, world):
    proposal = ProposalFactory(network=world.network, text="")
    client = client_as("chair")
    response = client.post(url(world, f"proposals/{proposal.pk}/submit/"), follow=True)
    assert "Skriv selve forslaget" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"outcome": "adopted", "reason": ""},
        {"outcome": "maybe", "reason": "x"},
        {"outcome": "adopted_changed", "reason": "x", "adopted_text": ""},
    ],
)
def test_a_bad_decision_keeps_the_proposal_waiting(client_as, world, data):
    proposal = ProposalFactory(network=world.network, submitted=True)
    response = client_as("board").post(url(world, f"proposals/{proposal.pk}/decide/"), data)
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_deciding_twice_says_it_is_decided(client_as, world):
    proposal = ProposalFactory(network=world.network, submitted=True)
    client = client_as("board")
    decide = url(world, f"proposals/{proposal.pk}/decide/")
    assert client.post(decide, {"outcome": "adopted", "reason": "Ja"}).status_code == 302
    response = client.post(decide, {"outcome": "rejected", "reason": "Nej"}, follow=True)
    assert "allerede truffet beslutning" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"preparer": "999999"},
        {"preparer": "abc"},
        {"answer_due": "31-02-2027"},
        {"answer_due": "0001-01-01"},
    ],
)
def test_bad_handling_input_changes_nothing(client_as, world, data):
    proposal = ProposalFactory(network=world.network, submitted=True)
    response = client_as("board").post(url(world, f"proposals/{proposal.pk}/handle/"), data)
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_a_bad_attachment_gets_a_message_and_is_not_saved(client_as, world):
    proposal = ProposalFactory(network=world.network)
    upload = SimpleUploadedFile("script.html", b"<script>", content_type="text/html")
    response = client_as("chair").post(
        url(world, f"proposals/{proposal.pk}/attachments/"), {"file": upload}
    )
    assert response.status_code == 400
    assert "Vedhæft PDF" in response.content.decode()
    assert not proposal.attachments.exists()


@pytest.mark.django_db
def test_an_attachment_is_downloaded_as_a_file_and_the_download_logged(client_as, world):
    from netvaerk.core.models import AuditEntry
    from netvaerk.governance.services import proposal_attach

    proposal = ProposalFactory(network=world.network)
    attachment = proposal_attach(
        actor=world.actor("chair"),
        proposal=proposal,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    )
    response = client_as("coordination").get(
        url(world, f"proposals/{proposal.pk}/attachments/{attachment.pk}/")
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action="proposal.attachment_downloaded").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"network": "", "kind": "task", "title": "x", "text": "y", "deadline": "2030-01-01"},
        {"kind": "task", "title": "x", "text": "y", "deadline": "2000-01-01"},
        {"kind": "task", "title": "x", "text": "y", "deadline": "not a date"},
        {"kind": "oracle", "title": "x", "text": "y", "deadline": "2030-01-01"},
    ],
)
def test_a_bad_request_form_saves_nothing(client_as, world, data):
    data = {"network": world.network.pk, **data}
    response = client_as("board").post("/org/board/requests/new/", data)
    assert response.status_code == 400
    assert not BoardRequest.objects.exists()


@pytest.mark.django_db
def test_answering_another_networks_request_is_refused(client_as, world):
    other_request = BoardRequestFactory(network=world.other_network)
    # Through this network's address: not found here.
    response = client_as("chair").post(
        url(world, f"requests/{other_request.pk}/answer/"), {"answer": "Svar"}
    )
    assert response.status_code == 404
    # Through its own network's address: the chair does not lead it.
    response = client_as("chair").post(
        f"/org/networks/{world.other_network.slug}/requests/{other_request.pk}/answer/",
        {"answer": "Svar"},
    )
    assert response.status_code == 403
    other_request.refresh_from_db()
    assert other_request.answer == ""


@pytest.mark.django_db
def test_an_empty_rules_draft_is_refused(client_as, world):
    response = client_as("chair").post(url(world, "rules/edit/"), {"text": "   "})
    assert response.status_code == 400
    assert not RulesOfProcedure.objects.exists()


@pytest.mark.django_db
def test_returning_rules_without_a_reason_is_refused(client_as, world):
    version = RulesFactory(network=world.network, submitted=True)
    response = client_as("board").post(
        url(world, f"rules/{version.pk}/decide/"), {"decision": "return", "reason": ""}
    )
    assert response.status_code == 400
    version.refresh_from_db()
    assert version.status == RulesStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "proposals/999999/",
        "proposals/999999/attachments/1/",
        "requests/999999/",
        "rules/999999/",
    ],
)
def test_unknown_ids_are_404(client_as, world, path):
    assert client_as("board").get(url(world, path)).status_code == 404


@pytest.mark.django_db
def test_another_organisations_proposal_is_a_404(client_as, world):
    from netvaerk.organisations.tests.factories import OrganisationFactory

    foreign = ProposalFactory(
        network=NetworkFactory(organisation=OrganisationFactory(), slug=world.network.slug),
        submitted=True,
    )
    assert client_as("board").get(url(world, f"proposals/{foreign.pk}/")).status_code == 404


# --- cost ---------------------------------------------------------------------------------


def _fill(world, n: int) -> None:
    networks = [world.network, world.other_network]
    for i in range(n):
        network = networks[i % 2]
        ProposalFactory(
            network=network,
            submitted=True,
            preparer=world.persons["board"],
            answer_due=timezone.localdate() + (i - n // 2) * DAY,
        )
        BoardRequestFactory(network=network, asked_by=world.persons["board"])
        ProposalFactory(network=network)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("board", "/org/board/"),
        ("board", "/org/board/proposals/"),
        ("board", "/org/board/requests/"),
        ("chair", "/org/networks/bolig/proposals/"),
        ("chair", "/org/networks/bolig/requests/"),
    ],
)
def test_list_pages_cost_the_same_with_many_rows(
    client_as, world, persona, path, django_assert_num_queries
):
    client = client_as(persona)
    _fill(world, 3)
    client.get(path)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _fill(world, 30)
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_promised_date_shows_in_the_date_field(client_as, world):
    due = timezone.localdate() + 10 * DAY
    proposal = ProposalFactory(network=world.network, submitted=True, answer_due=due)
    content = client_as("board").get(url(world, f"proposals/{proposal.pk}/")).content.decode()
    assert f'value="{due.isoformat()}"' in content
