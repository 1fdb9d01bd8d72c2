"""Every write to notifications and the outbox goes through here (sending: core.mail).

Marking one's own notifications read is not audited: it changes nothing the organisation
holds about anyone, and the audit log records what people do to the organisation's data.
Re-queueing e-mail by hand is."""

import datetime
import functools
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.notifications.models import (
    Delivery,
    EmailPreference,
    EmailStatus,
    Notification,
    OutgoingEmail,
)
from netvaerk.notifications.selectors import outgoing_emails_due
from netvaerk.notifications.tasks import MAX_ATTEMPTS, enqueue_delivery

# A row due this long without being sent has lost its task (or the worker was down).
OVERDUE_AFTER = datetime.timedelta(minutes=5)


def _own(actor: Actor, notification: Notification) -> None:
    if actor.person is None or notification.person_id != actor.person.pk:
        raise ServiceError(_("That notification is someone else's."))


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    _own(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor) -> int:
    if actor.person is None:
        return 0
    return Notification.objects.filter(
        organisation=actor.organisation, person=actor.person, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def outgoing_emails_retry(*, actor: Actor | None, emails: Iterable[OutgoingEmail]) -> int:
    """Give failed e-mails a fresh set of attempts (staff, after fixing the cause). Returns how
    many were queued again; e-mails that did not fail are left alone."""
    retried = 0
    now = timezone.now()
    for email in emails:
        updated = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(
            status=EmailStatus.QUEUED, attempts=0, next_attempt_at=now
        )
        if not updated:
            continue
        log_action(
            actor=actor,
            organisation=email.organisation,
            action="outgoing_email.retried",
            obj=email,
            data={"to": email.to_address, "last_error": email.last_error[:500]},
        )
        transaction.on_commit(functools.partial(enqueue_delivery, email.pk))
        retried += 1
    return retried


def outgoing_emails_requeue_due(
    *, now: datetime.datetime | None = None, overdue_after: datetime.timedelta = OVERDUE_AFTER
) -> int:
    """Queue a task again for every e-mail that should have been sent `overdue_after` ago but
    was not (the worker was down, or its task was lost), and for every one abandoned mid-send.
    Running it while the worker is healthy is harmless: a row is only ever sent once."""
    moment = now or timezone.now()
    requeued = 0
    for email in outgoing_emails_due(now=moment - overdue_after).only("pk", "status", "attempts"):
        with transaction.atomic():
            if email.status == EmailStatus.SENDING:
                # Its worker died mid-send; the lease has run out, so the row is free again,
                # unless that was its last attempt.
                abandoned = OutgoingEmail.objects.filter(
                    pk=email.pk, status=EmailStatus.SENDING, next_attempt_at__lte=moment
                )
                if email.attempts >= MAX_ATTEMPTS:
                    abandoned.update(
                        status=EmailStatus.FAILED,
                        last_error="The worker stopped during the last attempt.",
                    )
                    continue
                if not abandoned.update(status=EmailStatus.QUEUED, next_attempt_at=moment):
                    continue
            transaction.on_commit(functools.partial(enqueue_delivery, email.pk))
        requeued += 1
    return requeued


@transaction.atomic
def email_preference_set(*, actor: Actor, delivery: str) -> EmailPreference:
    """The person's own choice: news that can wait (announcements, follow-ups) at once or in
    one weekly digest. Items already waiting go out with the next digest either way."""
    if actor.person is None:
        raise ServiceError(_("You are not registered as a person in this organisation."))
    if delivery not in Delivery.values:
        raise ServiceError(_("Choose how you want to receive e-mail."), field="delivery")
    preference, _created = EmailPreference.objects.select_for_update().get_or_create(
        person=actor.person, defaults={"organisation": actor.organisation}
    )
    if preference.delivery != delivery:
        before = preference.delivery
        preference.delivery = delivery
        preference.updated_at = timezone.now()
        preference.save(update_fields=["delivery", "updated_at"])
        log_action(
            actor=actor,
            organisation=actor.organisation,
            action="email_preference.changed",
            obj=preference,
            data={"from": before, "to": delivery},
        )
    return preference
