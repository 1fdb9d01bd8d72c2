"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's
live server. Never downloads a browser; skips when /usr/bin/chromium is missing, unless
NETVAERK_REQUIRE_BROWSER=1 (CI), then fails."""

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

# Playwright's sync API runs an asyncio event loop in the test thread; Django's ORM would
# otherwise refuse to run in it ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("NETVAERK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Failed browser tests leave a screenshot and the page's HTML here (ignored by git).
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"


def browser_required() -> bool:
    return os.environ.get("NETVAERK_REQUIRE_BROWSER", "") not in ("", "0", "false", "False")


@pytest.fixture(scope="session")
def _live_server_static_settings(django_db_setup) -> Iterator[None]:
    """The root conftest serves static files from the source tree through function-scoped
    settings, but the session-scoped live server builds its WhiteNoise middleware once, before
    any function fixture runs. Give it the same settings for the whole session."""
    from netvaerk.testing import as_in_conftest

    with as_in_conftest():
        yield


@pytest.fixture(scope="session")
def _one_request_at_a_time_on_sqlite(django_db_setup) -> Iterator[None]:
    """On SQLite's in-memory test database the live server's request threads share one
    connection, and with it its transaction state: a search the browser has already given up
    on (htmx replaces it as one types) may still be writing its access-log entry while the
    next page reads the session, which then was seen, now and then, as no session at all.
    The live server therefore handles one request at a time there, as PostgreSQL's own
    connection per thread makes unnecessary."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    lock = threading.Lock()
    original = StaticFilesHandler.__call__

    def one_at_a_time(self, environ, start_response):
        with lock:
            return original(self, environ, start_response)

    StaticFilesHandler.__call__ = one_at_a_time
    try:
        yield
    finally:
        StaticFilesHandler.__call__ = original


@pytest.fixture(scope="session")
def live_server(_live_server_static_settings, _one_request_at_a_time_on_sqlite, live_server):
    return live_server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)"
        if browser_required():
            pytest.fail(f"NETVAERK_REQUIRE_BROWSER is set but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Session:
    """One browser context with what went wrong in it: console errors and uncaught exceptions."""

    context: BrowserContext
    console_errors: list[str] = field(default_factory=list)

    def new_page(self) -> Page:
        return self.context.new_page()


@pytest.fixture
def new_session(browser: Browser, live_server, request) -> Iterator[Callable[..., Session]]:
    """new_session(viewport=PHONE, java_script_enabled=False, ...) opens a fresh context.

    Contexts speak Danish (like the organisation's members) and fail fast: 10 s per action."""
    sessions: list[Session] = []

    def open_session(viewport: dict | None = None, **options) -> Session:
        options.setdefault("locale", "da-DK")
        options.setdefault("timezone_id", "Europe/Copenhagen")
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport or DESKTOP, **options
        )
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(15_000)
        session = Session(context=context)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                location = message.location or {}
                session.console_errors.append(
                    f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})"
                )

        context.on("console", on_console)
        context.on(
            "weberror", lambda error: session.console_errors.append(f"uncaught: {error.error}")
        )
        sessions.append(session)
        return session

    yield open_session

    failed = getattr(request.node, "rep_call", None)
    for number, session in enumerate(sessions):
        if failed is not None and failed.failed:
            _save_evidence(request.node.nodeid, number, session)
        session.context.close()


@pytest.fixture
def session(new_session) -> Session:
    return new_session()


@pytest.fixture
def page(session: Session) -> Page:
    return session.new_page()


def _save_evidence(nodeid: str, number: int, session: Session) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)
    for index, page in enumerate(session.context.pages):
        base = RESULTS_DIR / f"{stem}-{number}-{index}"
        try:
            page.screenshot(path=f"{base}.png", full_page=True)
            Path(f"{base}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # evidence is best effort
            Path(f"{base}.txt").write_text(f"could not save page: {error}\n", encoding="utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def log_in(live_server) -> Callable[[Session, object], None]:
    """log_in(session, user) gives the browser a session cookie for the user, skipping the
    login form (which test_directory_and_join covers once, through allauth's real page)."""
    from django.conf import settings
    from django.test import Client

    def give_cookie(session: Session, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        session.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return give_cookie
