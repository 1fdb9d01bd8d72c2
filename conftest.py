import signal

import pytest
from django.core.cache import caches
from django.core.management import call_command

from netvaerk.testing import SmtpServer, World, make_world, settings_for_tests


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for name, value in settings_for_tests().items():
        setattr(settings, name, value)
    # Rolled-back tests reuse primary keys on SQLite, so a page cached by one test could
    # otherwise be served to the next under the same organisation id and version.
    caches["pages"].clear()
    caches["default"].clear()


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def client_as(client, world):
    """client_as("chair") logs the test client in as that persona (or out, for "visitor")."""

    def login(persona: str):
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost, and MAILERS pointed at it.

    The test environment swaps every mailer for locmem before the session starts; the settings
    fixture overrides that again for this test only. Django builds a fresh connection from
    MAILERS for every send (django.core.mail.mailers caches nothing), so no reset is needed."""
    server = SmtpServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "Netværk <netvaerk@example.org>"
    yield server
    server.stop()


@pytest.fixture
def run_worker():
    """Process the queue once, as `manage.py db_worker --batch` does in production. Tasks
    deferred to later (a retry) stay queued until their time has come."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def run() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            verbosity=0,
        )

    yield run
    # The worker installs its own shutdown handlers; give pytest its own back.
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
