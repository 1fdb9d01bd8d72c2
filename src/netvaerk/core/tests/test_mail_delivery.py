"""E-mail end to end: notify_persons queues a task per recipient, the django-tasks-db worker runs
them, and the messages reach a real SMTP server, each in its recipient's language."""

import email
import email.policy
import signal
import socket
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from netvaerk.core import mail as core_mail
from netvaerk.core.mail import notify_persons, render_email
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory

TEMPLATE = "networks/email/join_approved"
SEND_EMAIL = "netvaerk.core.mail.send_email"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """A real SMTP server in a thread (aiosmtpd) that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.running = False

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False


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
    """Process the queue once, as `manage.py db_worker --batch` does in production."""
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


@pytest.fixture
def recipients(transactional_db):
    # The worker closes "old" connections between tasks; inside a test transaction that would
    # close PostgreSQL's connection under the test, so these tests commit for real.
    org = OrganisationFactory(slug="testorg", name="Testorganisation")
    network = NetworkFactory(organisation=org, name="Boligpolitisk netværk", slug="bolig")
    danish = PersonFactory(
        organisation=org, name="Søren Ærø", email="soren@example.org", language="da"
    )
    english = PersonFactory(
        organisation=org, name="Emma English", email="emma@example.org", language="en"
    )
    return network, danish, english


def test_each_recipient_gets_the_mail_over_smtp_in_their_own_language(
    smtp, run_worker, recipients, monkeypatch
):
    network, danish, english = recipients
    context = {"network": network, "reason": ""}
    languages: list[tuple[str, str | None]] = []
    real_render = core_mail.render_to_string

    def spy(template_name, ctx=None, *args, **kwargs):
        languages.append((ctx["recipient"].name, translation.get_language()))
        return real_render(template_name, ctx, *args, **kwargs)

    monkeypatch.setattr(core_mail, "render_to_string", spy)
    with translation.override("en"):
        queued = notify_persons(persons=[danish, english], template=TEMPLATE, context=context)
    monkeypatch.undo()

    assert queued == 2
    # Rendered under the recipient's language, not the caller's.
    assert languages == [("Søren Ærø", "da")] * 2 + [("Emma English", "en")] * 2
    assert DBTaskResult.objects.filter(task_path=SEND_EMAIL, status="READY").count() == 2
    assert smtp.messages == []  # nothing is sent until the worker runs

    run_worker()

    assert DBTaskResult.objects.filter(task_path=SEND_EMAIL, status="SUCCESSFUL").count() == 2
    received = {tuple(rcpt): message for rcpt, message in smtp.messages}
    assert set(received) == {("soren@example.org",), ("emma@example.org",)}

    to_emma = received[("emma@example.org",)]
    assert to_emma["To"] == "emma@example.org"
    assert to_emma["Subject"] == "Welcome to Boligpolitisk netværk"
    assert "netvaerk@example.org" in to_emma["From"]
    body = to_emma.get_content()
    assert "Dear Emma English," in body
    assert "Your request to join Boligpolitisk netværk has been approved." in body
    assert "/testorg/networks/bolig/" in body

    to_soren = received[("soren@example.org",)]
    da_subject, da_body = render_email(
        template=TEMPLATE, context={**context, "recipient": danish}, language="da"
    )
    assert to_soren["To"] == "soren@example.org"
    assert to_soren["Subject"] == da_subject
    assert "Boligpolitisk netværk" in to_soren["Subject"]
    assert to_soren.get_content().replace("\r\n", "\n") == da_body
    assert "Søren Ærø" in to_soren.get_content()


def test_a_person_without_an_address_gets_nothing(smtp, run_worker, recipients):
    network, danish, _ = recipients
    danish.email = ""

    assert notify_persons(persons=[danish], template=TEMPLATE, context={"network": network}) == 0
    run_worker()

    assert not DBTaskResult.objects.filter(task_path=SEND_EMAIL).exists()
    assert smtp.messages == []


def test_a_send_that_fails_leaves_the_task_failed_not_lost(smtp, run_worker, recipients):
    network, _, english = recipients
    smtp.stop()  # the SMTP server goes away before the worker runs

    notify_persons(persons=[english], template=TEMPLATE, context={"network": network})
    run_worker()

    [task] = DBTaskResult.objects.filter(task_path=SEND_EMAIL)
    assert task.status == "FAILED"
    assert task.finished_at is not None
    assert task.exception_class_path == "builtins.ConnectionRefusedError"
    assert task.args_kwargs["kwargs"]["to"] == "emma@example.org"
    assert task.args_kwargs["kwargs"]["subject"] == "Welcome to Boligpolitisk netværk"
    assert smtp.messages == []
