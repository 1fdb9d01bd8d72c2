"""Member data and privacy in a real browser: a chair opens the network's member list; the
member then sees on "who has seen my data" that the chair did, withdraws a consent and asks
for erasure; the data-protection staff find the request and the chair's look in the access
log. Every page of the issue passes axe-core on a phone and a desk.

The browser speaks Danish, so the tests find things by URL, name and id rather than by
English words."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import DESKTOP, PHONE, check_page

from netvaerk.privacy.models import ConsentKind, ConsentRecord, DataRequest, RequestKind
from netvaerk.testing import add_role_persona, make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _open(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None, f"{path}: no response"
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_function("() => window.htmx !== undefined")


def test_a_member_sees_who_looked_withdraws_a_consent_and_asks_for_erasure(
    new_session, log_in, axe
):
    world = make_world()
    add_role_persona(world, "data_protection", "data_protection")
    member = world.persons["member"]
    chair_name = world.persons["chair"].name

    chair = new_session(viewport=DESKTOP)
    log_in(chair, world.user("chair"))
    page = chair.new_page()
    _open(page, "/org/networks/bolig/members/")
    expect(page.get_by_text(member.name).first).to_be_visible()

    session = new_session(viewport=PHONE)
    log_in(session, world.user("member"))
    page = session.new_page()
    _open(page, "/org/me/seen-by/")
    expect(page.locator("main")).to_contain_text(chair_name)
    check_page(page, session, axe)

    _open(page, "/org/me/data/")
    expect(page.locator("main")).to_contain_text(member.email)
    check_page(page, session, axe)

    _open(page, "/org/me/data/consents/")
    check_page(page, session, axe)
    newsletter = page.locator(f"section[aria-labelledby='consent-{ConsentKind.NEWSLETTER}']")
    newsletter.get_by_role("button").click()
    page.wait_for_url("**/me/data/consents/")
    assert ConsentRecord.objects.filter(
        person=member, kind=ConsentKind.NEWSLETTER, given=True
    ).exists()
    newsletter = page.locator(f"section[aria-labelledby='consent-{ConsentKind.NEWSLETTER}']")
    newsletter.get_by_role("button").click()
    page.wait_for_url("**/me/data/consents/")
    latest = ConsentRecord.objects.filter(person=member, kind=ConsentKind.NEWSLETTER).latest("pk")
    assert latest.given is False
    check_page(page, session, axe)

    _open(page, "/org/me/data/erase/")
    check_page(page, session, axe)
    page.locator("#id_details").fill("Jeg er flyttet og vil ikke længere være registreret.")
    page.locator("main form button[type=submit]").click()
    # Not confirmed: the page says so, with the text kept, and nothing is asked.
    expect(page.locator("#id_confirm")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_details")).to_have_value(
        "Jeg er flyttet og vil ikke længere være registreret."
    )
    assert not DataRequest.objects.filter(person=member).exists()
    # The refused form answers 400, which the browser reports; nothing else may be there.
    assert all("status of 400" in error for error in session.console_errors)
    session.console_errors.clear()
    check_page(page, session, axe)
    page.locator("#id_confirm").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/me/data/erase/")
    erasure = DataRequest.objects.get(person=member, kind=RequestKind.ERASURE)
    check_page(page, session, axe)

    officer = new_session(viewport=DESKTOP)
    log_in(officer, world.user("data_protection"))
    page = officer.new_page()
    _open(page, "/org/privacy/requests/")
    expect(page.locator(f"a[href='/org/privacy/requests/{erasure.pk}/']").first).to_be_visible()
    check_page(page, officer, axe)
    _open(page, f"/org/privacy/requests/{erasure.pk}/")
    expect(page.locator("main")).to_contain_text(member.name)
    check_page(page, officer, axe)
    _open(page, "/org/privacy/access-log/")
    expect(page.locator("main")).to_contain_text(chair_name)
    check_page(page, officer, axe)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    ("path", "persona"),
    [
        ("/org/privacy/", None),
        ("/org/privacy/settings/", "data_protection"),
        ("/org/privacy/requests/new/", "data_protection"),
        ("/org/privacy/retention/", "data_protection"),
        ("/org/me/data/correct/", "member"),
    ],
)
def test_privacy_pages_are_accessible(new_session, log_in, axe, path, persona, viewport):
    world = make_world()
    add_role_persona(world, "data_protection", "data_protection")
    session = new_session(viewport=viewport)
    if persona:
        log_in(session, world.user(persona))
    page = session.new_page()
    _open(page, path)
    expect(page.locator("h1")).to_have_count(1)
    check_page(page, session, axe)
