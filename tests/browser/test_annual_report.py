"""A chair writes and submits the network's annual report; a board member finds it in the
overview, opens it and downloads it — in a real browser, with axe-core on every page."""

import datetime
import io

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from netvaerk.networks.models import Membership
from netvaerk.reports.models import AnnualReport
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def check_page(page, session, axe) -> None:
    """No serious or critical axe-core violation, and no console error (a refusal by the
    Content-Security-Policy is one: the charts are SVG images, so it must not happen)."""
    page.wait_for_function("() => window.htmx !== undefined")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    blocking = [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not blocking, f"axe on {page.url}: {blocking}"
    assert not session.console_errors, f"console errors on {page.url}: {session.console_errors}"


def test_chair_submits_the_annual_report_and_the_board_opens_it(new_session, log_in, axe):
    world = make_world()
    # Someone who joined last year, so that the figures and the chart have something to show.
    last_year = datetime.date.today().year - 1
    Membership.objects.filter(network=world.network).update(
        joined_at=datetime.datetime(last_year, 5, 1, 12, tzinfo=datetime.UTC)
    )

    chair = new_session()
    log_in(chair, world.user("chair"))
    page = chair.new_page()
    page.goto("/org/networks/bolig/reports/")
    check_page(page, chair, axe)
    page.get_by_role("button", name=str(last_year)).click()
    page.wait_for_url(f"**/reports/{last_year}/")
    expect(page.locator("#report-status")).to_be_visible()

    page.locator("#id_summary").fill("Et år med debat.\n\n- to webinarer\n- en konference")
    page.locator("#id_plans").fill("Flere medlemmer fra Jylland.")
    page.evaluate("window.__sameDocument = true")
    page.locator("#report-body button[type=submit]").click()
    expect(page.locator("#report-body .message-success")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True  # saved by htmx, no reload
    expect(page.locator("#report-body .report-document")).to_contain_text("Et år med debat.")
    expect(page.locator(".report-document figure img").first).to_be_visible()
    check_page(page, chair, axe)

    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_url(f"**/reports/{last_year}/")
    expect(page.locator(".badge").first).to_be_visible()
    report = AnnualReport.objects.get(network=world.network, year=last_year)
    assert report.is_submitted
    assert report.plans == "Flere medlemmer fra Jylland."

    board = new_session()
    log_in(board, world.user("board"))
    page = board.new_page()
    page.goto(f"/org/board/reports/?year={last_year}")
    check_page(page, board, axe)
    row = page.locator("tbody tr", has_text="Boligpolitisk netværk")
    expect(row.locator(".badge")).to_have_count(1)  # submitted (or overdue), said in words
    row.get_by_role("link", name="Boligpolitisk netværk", exact=True).click()
    page.wait_for_url(f"**/networks/bolig/reports/{last_year}/")
    expect(page.locator(".report-document")).to_contain_text("Flere medlemmer fra Jylland.")
    check_page(page, board, axe)

    with page.expect_download() as download_info:
        page.locator("a[href$='report.docx']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{last_year}-boligpolitisk-netvaerk.docx")
    word = docx.Document(io.BytesIO(download.path().read_bytes()))
    assert any("Et år med debat." in p.text for p in word.paragraphs)
    assert len(word.inline_shapes) >= 1
