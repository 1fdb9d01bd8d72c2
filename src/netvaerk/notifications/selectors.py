"""Reads for notifications and the outbox, each in a fixed number of queries."""

import datetime

from django.db.models import Q, QuerySet

from netvaerk.notifications.models import (
    Delivery,
    DigestItem,
    EmailPreference,
    EmailStatus,
    Notification,
    OutgoingEmail,
)
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

NOTIFICATION_PAGE_SIZE = 25


def person_notifications(*, organisation: Organisation, person: Person) -> QuerySet[Notification]:
    """A person's notifications in one organisation, newest first."""
    return Notification.objects.filter(organisation=organisation, person=person).order_by(
        "-created_at", "-pk"
    )


def unread_notification_count(*, organisation: Organisation, person: Person) -> int:
    return Notification.objects.filter(
        organisation=organisation, person=person, read_at__isnull=True
    ).count()


def outgoing_emails_due(*, now: datetime.datetime) -> QuerySet[OutgoingEmail]:
    """Rows a worker should be sending by now: queued and due, or abandoned mid-send (their
    lease has run out). Their tasks may have been lost, or the worker was down."""
    return OutgoingEmail.objects.filter(
        Q(status=EmailStatus.QUEUED) | Q(status=EmailStatus.SENDING),
        next_attempt_at__lte=now,
    ).order_by("next_attempt_at", "pk")


def email_delivery(*, person: Person) -> str:
    """The person's choice for e-mail that can wait; at once when they never chose."""
    choice = (
        EmailPreference.objects.filter(person=person).values_list("delivery", flat=True).first()
    )
    return choice or Delivery.IMMEDIATE


def pending_digest_count(*, person: Person) -> int:
    return DigestItem.objects.filter(person=person, sent_at__isnull=True).count()
