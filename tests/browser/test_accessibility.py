"""WCAG 2.1 AA in a real browser: axe-core finds no serious or critical violations, ids are
unique, and no page logs a console error (a Content-Security-Policy violation is reported as
one, so the pages are also checked to send that policy)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING = ("serious", "critical")
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def page_case(name, path, persona=None, viewport=DESKTOP):
    size = "phone" if viewport is PHONE else "desktop"
    return pytest.param(path, persona, viewport, id=f"{name}-{size}")


PAGES = [
    page_case("directory", "/org/networks/"),
    page_case("directory", "/org/networks/", viewport=PHONE),
    page_case("directory-search", "/org/networks/?q=bolig&region=hovedstaden"),
    page_case("directory-no-match", "/org/networks/?q=ingenting"),
    page_case("network-visitor", "/org/networks/bolig/"),
    page_case("network-member", "/org/networks/bolig/", "member"),
    page_case("network-member", "/org/networks/bolig/", "member", viewport=PHONE),
    page_case("network-chair", "/org/networks/bolig/", "chair"),
    page_case("login", "/accounts/login/?next=/org/networks/bolig/"),
    page_case("board-overview", "/org/board/", "board"),
    page_case("board-overview", "/org/board/", "board", viewport=PHONE),
    page_case("rules", "/org/networks/bolig/rules/"),
    page_case("rules-draft", "/org/networks/bolig/rules/edit/", "chair"),
    page_case("proposals", "/org/networks/bolig/proposals/", "chair"),
    page_case("proposal-new", "/org/networks/bolig/proposals/new/", "chair", viewport=PHONE),
    page_case("board-request-new", "/org/board/requests/new/", "staff"),
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"       {line}" for line in summary.splitlines())
    return "\n".join(lines)


def check_page(page, session, axe) -> None:
    """axe-core, console errors, and unique ids (WCAG 2.1 SC 4.1.1, which axe 4.12 no longer
    checks: a repeated id breaks label, aria-* and fragment references)."""
    results = axe.run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe: serious/critical violations on {page.url}:\n{describe(blocking)}"
    assert not session.console_errors, f"console errors on {page.url}:\n" + "\n".join(
        session.console_errors
    )
    duplicates = page.evaluate(
        """() => {
            const counts = {};
            for (const el of document.querySelectorAll("[id]")) {
                counts[el.id] = (counts[el.id] || 0) + 1;
            }
            return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 1));
        }"""
    )
    assert not duplicates, f"ids used more than once on {page.url}: {duplicates}"


@pytest.mark.parametrize(("path", "persona", "viewport"), PAGES)
def test_page_is_accessible_and_error_free(new_session, log_in, axe, path, persona, viewport):
    world = make_world()
    session = new_session(viewport=viewport)
    if persona:
        log_in(session, world.user(persona))
    page = session.new_page()

    response = page.goto(path)
    assert response is not None, f"{path}: no response"
    assert response.status == 200, f"{path} answered {response.status}"
    csp = response.headers.get("content-security-policy", "")
    assert "script-src" in csp, f"{path} sends no Content-Security-Policy"
    expect(page.locator("h1")).to_have_count(1)
    # Let the deferred scripts (htmx, netvaerk.js) run, so that their errors count too.
    page.wait_for_function("() => window.htmx !== undefined")
    check_page(page, session, axe)


def test_results_swapped_in_by_htmx_are_accessible_and_error_free(session, axe):
    make_world()
    page = session.new_page()
    page.goto("/org/networks/")
    page.locator("#id_q").press_sequentially("kultur", delay=20)
    page.wait_for_url("**q=kultur**")
    expect(page.locator("#directory-results .card")).to_have_count(1)
    check_page(page, session, axe)
