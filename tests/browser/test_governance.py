"""A board meeting's worth of network business in a real browser: the chair writes and
submits a proposal with an attachment, the board member takes it up and adopts it, and the
chair reads the decision — axe-core on every page on the way."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import check_page

from netvaerk.governance.models import Proposal, ProposalStatus
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _ready(page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


def test_chair_submits_a_proposal_and_the_board_adopts_it(new_session, log_in, axe, tmp_path):
    world = make_world()

    # The chair finds the proposals from the network's page and writes one.
    chair = new_session()
    log_in(chair, world.user("chair"))
    page = chair.new_page()
    page.goto("/org/networks/bolig/")
    page.locator("a[href$='/org/networks/bolig/proposals/']").click()
    page.wait_for_url("**/org/networks/bolig/proposals/")
    page.locator("a[href$='/proposals/new/']").click()
    page.wait_for_url("**/proposals/new/")
    _ready(page)
    check_page(page, chair, axe)
    page.locator("#id_kind").select_option("statement")
    page.locator("#id_title").fill("Flere almene boliger i alle kommuner")
    page.locator("#id_text").fill("Partiet bør arbejde for **flere** almene boliger.")
    page.locator("#id_rationale").fill("Boligpriserne stiger i hele landet.")
    page.locator("form.form-grid button[type=submit]").click()
    page.wait_for_url("**/proposals/*/")
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.DRAFT
    _ready(page)
    check_page(page, chair, axe)

    # An attachment, then submission.
    attachment = tmp_path / "notat.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% Netvaerk test\n")
    page.locator("#id_file").set_input_files(str(attachment))
    page.locator("form[action$='/attachments/'] button[type=submit]").click()
    expect(page.locator("#attachments")).to_contain_text("notat.pdf")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    # The caveat of seed 000 is on the page.
    expect(page.locator(".notice").first).to_contain_text("på vegne af")

    # The board member finds it in the board's overview.
    board = new_session()
    log_in(board, world.user("board"))
    board_page = board.new_page()
    board_page.goto("/org/networks/")
    board_page.locator("a[href$='/org/board/']").click()
    board_page.wait_for_url("**/org/board/")
    _ready(board_page)
    check_page(board_page, board, axe)
    board_page.get_by_role("link", name="Flere almene boliger i alle kommuner").click()
    board_page.wait_for_url(f"**/proposals/{proposal.pk}/")
    _ready(board_page)
    check_page(board_page, board, axe)

    # Takes it up: who prepares it and by when the network gets an answer.
    due = datetime.date.today() + datetime.timedelta(days=21)
    board_page.locator("#id_preparer").select_option(str(world.persons["board"].pk))
    board_page.locator("#id_answer_due").fill(due.isoformat())
    board_page.locator("form[action$='/handle/'] button[type=submit]").click()
    expect(board_page.get_by_role("status").first).to_be_visible()
    # A private note, then the decision.
    board_page.locator("#id_text").fill("Drøftes på mødet i næste uge.")
    board_page.locator("form[action$='/notes/'] button[type=submit]").click()
    expect(board_page.locator("#notes")).to_contain_text("Drøftes på mødet")
    board_page.locator("input[name=outcome][value=adopted]").check()
    board_page.locator("#id_reason").fill("Forslaget ligger i forlængelse af partiets linje.")
    board_page.locator("#id_reference").fill("Hovedbestyrelsens møde, pkt. 5")
    board_page.locator("form[action$='/decide/'] button[type=submit]").click()
    expect(board_page.get_by_role("status").first).to_be_visible()
    check_page(board_page, board, axe)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    assert proposal.decided_by == world.persons["board"]

    # The chair reads the decision, but not the board's note.
    page.reload()
    _ready(page)
    expect(page.locator("#decision-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("partiets linje")
    expect(page.locator("main")).not_to_contain_text("Drøftes på mødet")
    check_page(page, chair, axe)
