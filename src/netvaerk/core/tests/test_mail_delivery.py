"""E-mail end to end: notify_persons queues a task per recipient, the django-tasks-db worker runs
them, and the messages reach a real SMTP server, each in its recipient's language. (Retries,
the outbox and in-app notifications: notifications/tests/.)"""

import pytest
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from netvaerk.core import mail as core_mail
from netvaerk.core.mail import notify_persons, render_email
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.notifications.models import Notification, OutgoingEmail
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory

TEMPLATE = "networks/email/join_approved"
DELIVER_EMAIL = "netvaerk.notifications.tasks.deliver_email"


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
    assert DBTaskResult.objects.filter(task_path=DELIVER_EMAIL, status="READY").count() == 2
    assert smtp.messages == []  # nothing is sent until the worker runs

    run_worker()

    assert DBTaskResult.objects.filter(task_path=DELIVER_EMAIL, status="SUCCESSFUL").count() == 2
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


def test_a_person_without_an_address_gets_no_email_only_the_in_app_notification(
    smtp, run_worker, recipients
):
    network, danish, _ = recipients
    danish.email = ""

    assert notify_persons(persons=[danish], template=TEMPLATE, context={"network": network}) == 0
    run_worker()

    assert not DBTaskResult.objects.filter(task_path=DELIVER_EMAIL).exists()
    assert not OutgoingEmail.objects.exists()
    assert smtp.messages == []
    [notification] = Notification.objects.filter(person=danish)
    assert "Boligpolitisk netværk" in notification.title
