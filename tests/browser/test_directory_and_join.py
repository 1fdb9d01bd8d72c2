"""A visitor finds a network; a member with a login joins and leaves it — in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from netvaerk.accounts.tests.factories import PASSWORD, UserFactory
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import RegionFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PHONE = {"width": 390, "height": 844}
NETWORK_LINK = "#directory-results .card-title a"


@pytest.fixture
def world(transactional_db, live_server):
    """The personas' world plus two more networks, one of them in a second region."""
    world = make_world()
    midt = RegionFactory(organisation=world.organisation, name="Region Midtjylland", slug="midt")
    NetworkFactory(
        organisation=world.organisation,
        name="Klimapolitisk netværk",
        slug="klima",
        region=midt,
        purpose="Klimapolitik i kommunerne.",
    )
    NetworkFactory(
        organisation=world.organisation,
        name="Boligpolitisk netværk Midtjylland",
        slug="bolig-midt",
        kind="regional",
        central=world.network,
        region=midt,
    )
    return world


def network_names(page) -> list[str]:
    return page.locator(NETWORK_LINK).all_inner_texts()


def test_visitor_searches_filters_and_opens_a_network(world, page):
    page.goto("/org/networks/")
    expect(page.locator(NETWORK_LINK)).to_have_count(4)
    # A marker on window survives htmx swaps and disappears on a full page load.
    page.evaluate("window.__sameDocument = true")

    page.locator("#id_q").press_sequentially("bolig", delay=20)
    page.wait_for_url(re.compile(r"[?&]q=bolig(&|$)"))
    expect(page.locator(NETWORK_LINK)).to_have_count(2)
    assert sorted(network_names(page)) == [
        "Boligpolitisk netværk",
        "Boligpolitisk netværk Midtjylland",
    ]

    page.locator("#id_region").select_option("hovedstaden")
    page.wait_for_url(re.compile(r"[?&]region=hovedstaden(&|$)"))
    expect(page.locator(NETWORK_LINK)).to_have_count(1)
    assert network_names(page) == ["Boligpolitisk netværk"]
    assert page.evaluate("window.__sameDocument") is True, "the search reloaded the whole page"
    # The address a visitor can bookmark or share holds both filters.
    assert "q=bolig" in page.url
    assert "region=hovedstaden" in page.url

    page.locator(NETWORK_LINK).first.click()
    page.wait_for_url("**/org/networks/bolig/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligpolitisk netværk")
    expect(page.locator(".column-main")).to_contain_text(world.network.purpose)
    expect(page.get_by_role("region", name=re.compile("Kontakt|Contact"))).to_contain_text(
        "Chair Person"
    )


def test_directory_filters_work_without_javascript(world, new_session):
    page = new_session(java_script_enabled=False).new_page()
    page.goto("/org/networks/")
    expect(page.locator(NETWORK_LINK)).to_have_count(4)

    page.locator("#id_q").fill("bolig")
    page.locator("#id_region").select_option("midt")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]region=midt(&|$)"))
    assert "q=bolig" in page.url
    expect(page.locator(NETWORK_LINK)).to_have_count(1)
    assert network_names(page) == ["Boligpolitisk netværk Midtjylland"]
    # The form shows what was asked for.
    expect(page.locator("#id_q")).to_have_value("bolig")
    expect(page.locator("#id_region")).to_have_value("midt")

    page.locator(NETWORK_LINK).first.click()
    page.wait_for_url("**/org/networks/bolig-midt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligpolitisk netværk Midtjylland")
    expect(page.locator(".column-main")).to_contain_text(world.network.purpose)
    # Its central network is a plain link away.
    page.locator(".column-main a[href$='/org/networks/bolig/']").click()
    page.wait_for_url("**/org/networks/bolig/")
    expect(page.locator("#contact-heading + p")).to_contain_text("Chair Person")


JOIN = re.compile(r"Join the network|Meld dig ind", re.IGNORECASE)
LEAVE = re.compile(r"Leave the network|Forlad netværket|Meld dig ud", re.IGNORECASE)


def messages_about(page, text: str) -> list[str]:
    return [m for m in page.get_by_role("status").all_inner_texts() if text in m]


def test_person_logs_in_joins_and_leaves(world, page):
    user = UserFactory(email="newcomer@org.example.org")
    person = PersonFactory(
        organisation=world.organisation, branch=world.branch, user=user, name="Ny Person"
    )

    # The network page sends a visitor to the real allauth login page and back.
    page.goto("/org/networks/bolig/")
    page.locator("#membership-panel a[href*='/accounts/login/']").click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url("**/org/networks/bolig/")
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)

    # Joining swaps the membership panel in place (htmx) and says so.
    page.evaluate("window.__sameDocument = true")
    join = page.locator("#membership-panel form[action$='/join/'] button[type=submit]")
    expect(join).to_have_text(JOIN)
    join.click()
    leave = page.locator("#membership-panel form[action$='/leave/'] button[type=submit]")
    expect(leave).to_have_text(LEAVE)
    expect(page.get_by_role("status").filter(has_text="Boligpolitisk netværk")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True, "joining reloaded the whole page"
    # Keyboard and screen-reader users stay where they were: on the button that undoes it.
    expect(leave).to_be_focused()
    membership = Membership.objects.get(network=world.network, person=person)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.role == "member"

    # A reload shows the membership from the database, not just the swapped fragment.
    page.reload()
    expect(leave).to_have_text(LEAVE)
    assert not messages_about(page, "Boligpolitisk netværk"), "the message was shown again"
    leave.click()
    expect(join).to_have_text(JOIN)
    expect(page.get_by_role("status").filter(has_text="Boligpolitisk netværk")).to_have_count(1)
    expect(join).to_be_focused()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT


def test_join_and_leave_work_without_javascript(world, new_session, log_in):
    user = UserFactory(email="plain@org.example.org")
    person = PersonFactory(organisation=world.organisation, branch=world.branch, user=user)
    session = new_session(java_script_enabled=False)
    log_in(session, user)
    page = session.new_page()

    page.goto("/org/networks/bolig/")
    page.locator("#membership-panel form[action$='/join/'] button[type=submit]").click()
    page.wait_for_url("**/org/networks/bolig/")
    # The message is shown once, at the top of the page.
    assert len(messages_about(page, "Boligpolitisk netværk")) == 1
    assert Membership.objects.filter(
        network=world.network, person=person, status=MembershipStatus.ACTIVE
    ).exists()

    page.locator("#membership-panel form[action$='/leave/'] button[type=submit]").click()
    page.wait_for_url("**/org/networks/bolig/")
    assert len(messages_about(page, "Boligpolitisk netværk")) == 1
    expect(page.locator("#membership-panel form[action$='/join/'] button")).to_have_text(JOIN)
    assert not Membership.objects.filter(
        network=world.network, person=person, status=MembershipStatus.ACTIVE
    ).exists()


def test_no_horizontal_scroll_on_a_phone(world, new_session, log_in):
    # Long names and a logged-in header are the usual culprits; give the pages both.
    long_name = "Anne-Mette Kristiansen-Østergaard Vestergaard-Christophersen"
    MembershipFactory(
        network=Network.objects.get(organisation=world.organisation, slug="klima"),
        person=PersonFactory(organisation=world.organisation, name=long_name),
        role="chair",
    )
    session = new_session(viewport=PHONE)
    log_in(session, world.user("member"))
    page = session.new_page()
    too_wide = {}
    for path in ("/org/networks/", "/org/networks/?q=bolig", "/org/networks/bolig/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > page.evaluate("window.innerWidth"):
            too_wide[path] = scroll_width
    assert not too_wide, f"pages scroll sideways on a {PHONE['width']} px phone: {too_wide}"
