"""A person sees the unread badge in the header, opens the notification list and marks
everything read — in a real browser, with an accessibility check of the list."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import check_page

from netvaerk.notifications.models import Notification
from netvaerk.notifications.tests.factories import NotificationFactory
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_a_person_sees_the_badge_opens_the_list_and_marks_all_as_read(session, log_in):
    world = make_world()
    member = world.persons["member"]
    NotificationFactory(
        person=member, title="Velkommen til Boligpolitisk netværk", url="/org/networks/bolig/"
    )
    NotificationFactory(person=member, title="Din anmodning er modtaget")
    log_in(session, world.user("member"))
    page = session.new_page()

    page.goto("/org/networks/")
    badge = page.locator(".nav-notifications .notification-count")
    expect(badge).to_contain_text("2")

    page.locator(".nav-notifications").click()
    page.wait_for_url("**/org/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.locator(".notification-unread")).to_have_count(2)
    page.wait_for_function("() => window.htmx !== undefined")
    check_page(page, session, Axe())

    page.locator(".notification-actions button").click()
    page.wait_for_url("**/org/notifications/")
    expect(page.locator(".notification-unread")).to_have_count(0)
    expect(page.locator(".nav-notifications .notification-count")).to_have_count(0)
    expect(page.locator("#messages .message")).to_have_count(1)
    assert not Notification.objects.filter(read_at__isnull=True).exists()

    # Opening an item goes to what it is about.
    page.get_by_role("link", name="Velkommen til Boligpolitisk netværk").click()
    page.wait_for_url("**/org/networks/bolig/")
    check_page(page, session, Axe())
