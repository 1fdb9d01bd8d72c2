"""The background task that sends one outgoing e-mail, and retries it when the send fails."""

import datetime
import logging

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from netvaerk.notifications.models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

# Wait after the 1st, 2nd, … failed attempt; one attempt more than there are delays, so
# 8 attempts over about 22½ hours. After the last one the e-mail is marked failed (and kept).
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=3),
    datetime.timedelta(hours=6),
    datetime.timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long one attempt may hold a row before send_pending_mail takes it to be abandoned
# (the worker died mid-send). Far longer than any SMTP timeout.
SENDING_LEASE = datetime.timedelta(minutes=15)


def enqueue_delivery(email_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Queue the task for one row. A lost task loses nothing: the row stays queued, and
    send_pending_mail queues it again."""
    runner = deliver_email.using(run_after=run_after) if run_after else deliver_email
    runner.enqueue(email_id=email_id)


@task()
def deliver_email(*, email_id: int) -> str:
    """Send one queued e-mail. Safe to run twice or in two workers at once: only the run that
    moves the row from queued to sending sends it."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.QUEUED, next_attempt_at__lte=now
    ).update(
        status=EmailStatus.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=now + SENDING_LEASE,
    )
    if not claimed:
        # Sent already, given up on, being sent by another worker, or not yet due.
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        EmailMultiAlternatives(subject=email.subject, body=email.body, to=[email.to_address]).send()
    except Exception as error:
        return _record_failure(email, error)
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at"])
    logger.info("Sent e-mail %s (%r) to %s", email.pk, email.subject, email.to_address)
    return "sent"


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
    email.last_error = f"{type(error).__module__}.{type(error).__qualname__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = EmailStatus.FAILED
        email.save(update_fields=["status", "last_error"])
        logger.error(
            "Gave up on e-mail %s to %s after %s attempts: %s",
            email.pk,
            email.to_address,
            email.attempts,
            email.last_error,
        )
        return "failed"
    email.status = EmailStatus.QUEUED
    email.next_attempt_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
    email.save(update_fields=["status", "last_error", "next_attempt_at"])
    logger.warning(
        "E-mail %s to %s failed (attempt %s of %s), retrying at %s: %s",
        email.pk,
        email.to_address,
        email.attempts,
        MAX_ATTEMPTS,
        email.next_attempt_at.isoformat(),
        email.last_error,
    )
    enqueue_delivery(email.pk, run_after=email.next_attempt_at)
    return "retrying"
