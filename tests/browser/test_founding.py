"""A visitor proposes a new network and staff put it to the board — in a real browser, with
axe-core on every page on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import check_page

from netvaerk.networks.models import NetworkProposal, NetworkStatus, ProposalStatus
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def test_visitor_proposes_a_network_and_staff_put_it_to_the_board(new_session, log_in, axe):
    world = make_world()

    # A visitor finds the form from the directory.
    visitor = new_session()
    page = visitor.new_page()
    page.goto("/org/networks/")
    page.locator("a[href$='/org/networks/propose/']").click()
    page.wait_for_url("**/org/networks/propose/")
    page.wait_for_function("() => window.htmx !== undefined")
    check_page(page, visitor, axe)

    # Sending it empty names what is missing, and keeps the visitor on the form.
    page.locator("form[action$='/propose/'] button[type=submit]").click()
    expect(page.locator("#id_name_error")).to_be_visible()
    assert not NetworkProposal.objects.exists()
    # The browser logs the refusal's 400 as a console error; that one was meant.
    visitor.console_errors.clear()

    page.locator("#id_name").fill("Klimapolitisk netværk")
    page.locator("#id_purpose").fill("Klimaet fylder i alle kommuner, men ingen afdeling alene.")
    page.locator("#id_helpers").fill("Mig selv og tre fra Gladsaxe.")
    page.locator("#id_proposer_name").fill("Vera Visitor")
    page.locator("#id_proposer_email").fill("vera@example.org")
    page.locator("#id_consent").check()
    page.locator("form[action$='/propose/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/org/networks/propose/[-\w]{40,}/$"))
    expect(page.get_by_role("status").first).to_contain_text("vera@example.org")
    expect(page.locator("#proposal-panel")).to_contain_text(re.compile("Modtaget|Received"))
    page.wait_for_function("() => window.htmx !== undefined")
    check_page(page, visitor, axe)
    status_url = page.url
    proposal = NetworkProposal.objects.get()
    assert proposal.status == ProposalStatus.RECEIVED
    assert proposal.proposer_person is None

    # Staff open the queue from the directory and put the proposal to the board.
    office = new_session()
    log_in(office, world.user("staff"))
    staff_page = office.new_page()
    staff_page.goto("/org/networks/")
    staff_page.locator("a[href$='/org/networks/proposals/']").click()
    staff_page.wait_for_url("**/org/networks/proposals/")
    staff_page.wait_for_function("() => window.htmx !== undefined")
    check_page(staff_page, office, axe)
    staff_page.get_by_role("link", name="Klimapolitisk netværk").click()
    staff_page.wait_for_url(f"**/org/networks/proposals/{proposal.pk}/")
    staff_page.wait_for_function("() => window.htmx !== undefined")
    check_page(staff_page, office, axe)
    expect(staff_page.locator("#id_refer-slug")).to_have_value("klimapolitisk-netvaerk")
    staff_page.locator("#id_refer-note").fill("Anbefales: intet netværk dækker klima.")
    staff_page.locator("form[action$='/board/'] button[type=submit]").click()
    staff_page.wait_for_url(f"**/org/networks/proposals/{proposal.pk}/")
    expect(staff_page.get_by_role("status").first).to_be_visible()
    check_page(staff_page, office, axe)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITH_BOARD
    assert proposal.network.status == NetworkStatus.PROPOSED
    assert proposal.network.slug == "klimapolitisk-netvaerk"

    # The proposer sees it on their private page; the directory still does not list it.
    page.goto(status_url)
    expect(page.locator("#proposal-panel")).to_contain_text(
        re.compile("Hos bestyrelsen|With the board", re.IGNORECASE)
    )
    page.goto("/org/networks/")
    expect(page.locator("#directory-results")).not_to_contain_text("Klimapolitisk netværk")
