"""The outbox end to end, against a real SMTP server (aiosmtpd) and the django-tasks-db worker:
a failed send is retried later and then delivered, the retry limit ends in "failed" with the
error kept, nothing is sent twice, and nothing is ever lost."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from netvaerk.core.mail import notifications_suppressed, notify_address, notify_persons
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.notifications.models import EmailStatus, Notification, OutgoingEmail
from netvaerk.notifications.tasks import MAX_ATTEMPTS, RETRY_DELAYS, SENDING_LEASE, deliver_email
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory

TEMPLATE = "networks/email/join_approved"
DELIVER_EMAIL = "netvaerk.notifications.tasks.deliver_email"
MINUTE = datetime.timedelta(minutes=1)


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


@pytest.fixture
def clock():
    """Time stands still unless the test moves it: retries are due minutes or hours later."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def notify(network, *persons, url=""):
    return notify_persons(
        persons=list(persons), template=TEMPLATE, context={"network": network}, url=url
    )


def delivered_to(smtp) -> list[str]:
    return [rcpt for rcpts, _message in smtp.messages for rcpt in rcpts]


# --- retries ------------------------------------------------------------------------------


def test_a_send_to_a_server_that_is_down_is_retried_later_and_then_delivered(
    smtp, run_worker, recipients, clock
):
    network, _, english = recipients
    smtp.stop()

    assert notify(network, english) == 1
    run_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at == timezone.now() + RETRY_DELAYS[0]
    retry = DBTaskResult.objects.get(task_path=DELIVER_EMAIL, status="READY")
    assert retry.run_after == email.next_attempt_at
    assert retry.args_kwargs["kwargs"] == {"email_id": email.pk}

    smtp.start()  # the server is back, but the retry is not due yet
    run_worker()
    assert smtp.messages == []

    clock.shift(RETRY_DELAYS[0])
    run_worker()

    assert delivered_to(smtp) == ["emma@example.org"]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert email.sent_at == timezone.now()
    # What went wrong on the way is kept.
    assert "ConnectionRefusedError" in email.last_error


def test_a_message_the_server_refuses_for_now_is_retried_and_then_delivered(
    smtp, run_worker, recipients, clock
):
    network, _, english = recipients
    smtp.refusing = True

    notify(network, english)
    run_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.QUEUED
    assert "451" in email.last_error
    assert smtp.messages == []

    smtp.refusing = False
    clock.shift(RETRY_DELAYS[0])
    run_worker()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert delivered_to(smtp) == ["emma@example.org"]
    [(_, message)] = smtp.messages
    assert message["Subject"] == "Welcome to Boligpolitisk netværk"


def test_after_the_last_attempt_the_email_is_failed_and_kept_with_its_error(
    smtp, run_worker, recipients, clock
):
    network, _, english = recipients
    smtp.stop()
    notify(network, english)
    started = timezone.now()

    run_worker()
    for delay in RETRY_DELAYS:
        clock.shift(delay)
        run_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == MAX_ATTEMPTS == 8
    assert "ConnectionRefusedError" in email.last_error
    assert email.sent_at is None
    assert email.subject == "Welcome to Boligpolitisk netværk"
    assert "Dear Emma English," in email.body
    # About a day of trying, and then no more tasks.
    assert datetime.timedelta(hours=20) < timezone.now() - started < datetime.timedelta(hours=26)
    assert not DBTaskResult.objects.filter(task_path=DELIVER_EMAIL, status="READY").exists()
    clock.shift(datetime.timedelta(days=2))
    call_command("send_pending_mail", verbosity=0)
    assert not DBTaskResult.objects.filter(task_path=DELIVER_EMAIL, status="READY").exists()
    assert OutgoingEmail.objects.get().status == EmailStatus.FAILED


# --- never twice ------------------------------------------------------------------------


def test_running_the_task_twice_sends_the_email_once(smtp, recipients):
    network, _, english = recipients
    notify(network, english)
    email = OutgoingEmail.objects.get()

    assert deliver_email.call(email_id=email.pk) == "sent"
    assert deliver_email.call(email_id=email.pk) == "skipped"

    assert delivered_to(smtp) == ["emma@example.org"]
    email.refresh_from_db()
    assert email.attempts == 1


def test_a_row_another_worker_is_sending_is_left_to_it(smtp, recipients):
    network, _, english = recipients
    notify(network, english)
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, next_attempt_at=timezone.now() + SENDING_LEASE
    )

    assert deliver_email.call(email_id=email.pk) == "skipped"
    assert smtp.messages == []


def test_a_task_that_runs_before_the_retry_is_due_does_nothing(smtp, recipients, clock):
    network, _, english = recipients
    smtp.stop()
    notify(network, english)
    email = OutgoingEmail.objects.get()
    assert deliver_email.call(email_id=email.pk) == "retrying"
    smtp.start()

    # A duplicate task (send_pending_mail, or the first task run late) finds it not yet due.
    assert deliver_email.call(email_id=email.pk) == "skipped"
    clock.shift(RETRY_DELAYS[0])
    assert deliver_email.call(email_id=email.pk) == "sent"
    assert deliver_email.call(email_id=email.pk) == "skipped"
    assert delivered_to(smtp) == ["emma@example.org"]


# --- never lost ---------------------------------------------------------------------------


def test_send_pending_mail_queues_again_an_email_whose_task_was_lost(
    smtp, run_worker, recipients, clock
):
    network, danish, english = recipients
    notify(network, danish, english)
    DBTaskResult.objects.all().delete()  # the tasks are lost (another backend, a wiped queue)
    run_worker()
    assert smtp.messages == []

    call_command("send_pending_mail", verbosity=0)  # not overdue yet: leaves them be
    assert not DBTaskResult.objects.exists()

    clock.shift(10 * MINUTE)
    call_command("send_pending_mail", verbosity=0)
    run_worker()

    assert sorted(delivered_to(smtp)) == ["emma@example.org", "soren@example.org"]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    # Running it again changes nothing: nothing is due.
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert len(smtp.messages) == 2


def test_send_pending_mail_frees_a_row_whose_worker_died_mid_send(
    smtp, run_worker, recipients, clock
):
    network, _, english = recipients
    notify(network, english)
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, attempts=1, next_attempt_at=timezone.now() + SENDING_LEASE
    )
    DBTaskResult.objects.all().delete()

    clock.shift(SENDING_LEASE)  # still within the lease plus grace: not touched
    call_command("send_pending_mail", verbosity=0)
    assert OutgoingEmail.objects.get().status == EmailStatus.SENDING

    clock.shift(10 * MINUTE)
    call_command("send_pending_mail", verbosity=0)
    run_worker()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert delivered_to(smtp) == ["emma@example.org"]


def test_an_email_is_queued_only_after_the_change_is_committed(recipients):
    from django.db import transaction

    network, _, english = recipients
    with transaction.atomic():
        notify(network, english)
        assert OutgoingEmail.objects.count() == 1
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.filter(task_path=DELIVER_EMAIL).count() == 1


def test_a_broken_mail_configuration_is_retried_too(recipients, settings, clock):
    network, _, english = recipients
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": 1,
                "timeout": 1,
                "use_tls": True,
                "use_ssl": True,
            },
        }
    }
    notify(network, english)
    email = OutgoingEmail.objects.get()

    assert deliver_email.call(email_id=email.pk) == "retrying"

    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.last_error


# --- language, suppression, addresses -------------------------------------------------------


def test_each_person_gets_mail_and_in_app_title_in_their_own_language(smtp, run_worker, recipients):
    network, danish, english = recipients
    from django.utils import translation

    with translation.override("en"):
        notify(network, danish, english, url="/testorg/networks/bolig/")
    run_worker()

    titles = dict(Notification.objects.values_list("person__name", "title"))
    assert titles == {
        "Søren Ærø": "Velkommen til Boligpolitisk netværk",
        "Emma English": "Welcome to Boligpolitisk netværk",
    }
    subjects = {rcpts[0]: message["Subject"] for rcpts, message in smtp.messages}
    assert subjects == {
        "soren@example.org": "Velkommen til Boligpolitisk netværk",
        "emma@example.org": "Welcome to Boligpolitisk netværk",
    }
    emma = Notification.objects.get(person=english)
    assert emma.url == "/testorg/networks/bolig/"
    assert emma.organisation_id == english.organisation_id
    assert emma.read_at is None
    # The excerpt is the message, without the greeting or the bare link.
    assert emma.body == "Your request to join Boligpolitisk netværk has been approved. Welcome!"


def test_suppressed_notifications_create_nothing(smtp, run_worker, recipients):
    network, danish, english = recipients

    with notifications_suppressed():
        assert notify(network, danish, english) == 0
        assert (
            notify_address(
                to="visitor@example.org",
                language="en",
                template=TEMPLATE,
                context={"network": network},
            )
            == 0
        )
    run_worker()

    assert not OutgoingEmail.objects.exists()
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert smtp.messages == []


def test_someone_with_no_person_row_gets_the_email_only(smtp, run_worker, recipients):
    network, _, _ = recipients

    queued = notify_address(
        to="visitor@example.org",
        language="en",
        template=TEMPLATE,
        context={"network": network, "recipient": {"name": "Vera Visitor"}},
        organisation=network.organisation,
    )
    run_worker()

    assert queued == 1
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.SENT
    assert email.recipient is None
    assert email.organisation == network.organisation
    assert not Notification.objects.exists()
    [(rcpts, message)] = smtp.messages
    assert rcpts == ["visitor@example.org"]
    assert message["Subject"] == "Welcome to Boligpolitisk netværk"
    assert "Dear Vera Visitor," in message.get_content()


def test_an_unknown_language_falls_back_to_the_default(recipients):
    network, _, _ = recipients
    notify_address(
        to="x@example.org", language="xx", template=TEMPLATE, context={"network": network}
    )
    assert OutgoingEmail.objects.get().subject == "Velkommen til Boligpolitisk netværk"


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.org/",
        "//evil.example.org/",
        "/\\evil.example.org",
        "javascript:alert(1)",
        "networks/bolig/",
    ],
)
def test_a_link_off_this_site_is_not_stored(recipients, url):
    network, _, english = recipients
    notify(network, english, url=url)
    assert Notification.objects.get().url == ""
