"""E-mail that can wait: sent at once, or gathered into one weekly digest per person.

Only the kinds in DigestKind may wait (announcements of events, the follow-up after an
event). Everything personal or time-critical — registration confirmations, waiting-list
places, reminders before an event, cancellations, the board's decisions — goes through
core.mail.notify_persons at once, whatever the person chose.

A person without an e-mail address has nothing to wait for: they get the in-app
notification at once, as with any other e-mail."""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.text import Truncator

from netvaerk.core.audit import log_action
from netvaerk.core.mail import (
    is_local_path,
    notifications_are_suppressed,
    notify_persons,
    queue_emails,
    render_email,
)
from netvaerk.notifications.models import (
    Delivery,
    DigestItem,
    DigestKind,
    EmailPreference,
    OutgoingEmail,
)
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

logger = logging.getLogger(__name__)

# A person gets at most one digest in this time: a second run in the same week (a cron job
# started twice, a rerun by hand) sends nothing new. A little less than a week, so that a
# weekly job that starts a few minutes early still sends.
DIGEST_INTERVAL = datetime.timedelta(days=6)
# How many items one digest lists in full; the rest are named with their links.
DIGEST_FULL_ITEMS = 20


def wants_digest(*, persons: Iterable[Person]) -> set[int]:
    """The keys of those among `persons` who chose the weekly digest (one query)."""
    keys = [person.pk for person in persons]
    return set(
        EmailPreference.objects.filter(person_id__in=keys, delivery=Delivery.WEEKLY).values_list(
            "person_id", flat=True
        )
    )


def send_or_digest(
    *,
    persons: Iterable[Person],
    kind: DigestKind,
    template: str,
    context: dict[str, Any],
    url: str = "",
) -> tuple[int, int]:
    """Tell each person, rendered in their language, at once (e-mail and in-app
    notification, as notify_persons) or as an item of their next weekly digest, as they
    chose. Returns (e-mails queued, digest items written). Call it from on_commit."""
    everyone = list(persons)
    if notifications_are_suppressed() or not everyone:
        return 0, 0
    weekly = wants_digest(persons=everyone)
    later = [person for person in everyone if person.pk in weekly and person.email]
    at_once = [person for person in everyone if person not in later]
    sent = notify_persons(persons=at_once, template=template, context=context, url=url)
    items = []
    for person in later:
        subject, body = render_email(
            template=template, context={**context, "recipient": person}, language=person.language
        )
        items.append(
            digest_item(
                person_id=person.pk,
                organisation_id=person.organisation_id,
                kind=kind,
                title=subject,
                body=body,
                url=url,
            )
        )
    DigestItem.objects.bulk_create(items)
    return sent, len(items)


def digest_item(
    *,
    person_id: int,
    organisation_id: int,
    kind: DigestKind,
    title: str,
    body: str,
    url: str = "",
) -> DigestItem:
    """An unsaved item (for bulk inserts by a fan-out that renders once per language)."""
    return DigestItem(
        organisation_id=organisation_id,
        person_id=person_id,
        kind=kind,
        title=Truncator(title).chars(300),
        body=body,
        url=url if url and is_local_path(url) else "",
    )


def persons_with_pending_digest(*, now: datetime.datetime) -> QuerySet[Person]:
    """Persons with items waiting who have not had a digest within DIGEST_INTERVAL."""
    recent = Q(email_preference__digest_sent_at__gt=now - DIGEST_INTERVAL)
    return (
        Person.objects.filter(digest_items__sent_at__isnull=True)
        .exclude(recent)
        .distinct()
        .order_by("pk")
    )


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Compose one e-mail per person from their waiting items, in their language, and queue
    it. Run weekly; a second run within DIGEST_INTERVAL sends nothing. Returns how many
    digests were queued. Each person is one transaction: two runs at once lock the
    person's preference, and the second finds the digest sent."""
    moment = now or timezone.now()
    if notifications_are_suppressed():
        return 0
    per_organisation: dict[int, int] = defaultdict(int)
    for person_id in persons_with_pending_digest(now=moment).values_list("pk", flat=True):
        with transaction.atomic():
            organisation_id = _send_one_digest(person_id=person_id, now=moment)
        if organisation_id is not None:
            per_organisation[organisation_id] += 1
    for organisation in Organisation.objects.filter(pk__in=per_organisation):
        log_action(
            actor=None,
            organisation=organisation,
            action="digest.sent",
            data={"digests": per_organisation[organisation.pk], "at": moment.isoformat()},
        )
    return sum(per_organisation.values())


def _send_one_digest(*, person_id: int, now: datetime.datetime) -> int | None:
    person = Person.objects.select_related("organisation").get(pk=person_id)
    preference, _created = EmailPreference.objects.select_for_update().get_or_create(
        person=person, defaults={"organisation_id": person.organisation_id}
    )
    if preference.digest_sent_at and preference.digest_sent_at > now - DIGEST_INTERVAL:
        return None
    items = list(DigestItem.objects.filter(person=person, sent_at__isnull=True).order_by("pk"))
    if not items:
        return None
    if person.email:
        subject, body = render_email(
            template="notifications/email/digest",
            context={
                "recipient": person,
                "organisation": person.organisation,
                "items": items[:DIGEST_FULL_ITEMS],
                "more_items": items[DIGEST_FULL_ITEMS:],
                "count": len(items),
                "kinds": _kind_labels(person.language),
            },
            language=person.language,
        )
        email = OutgoingEmail(
            organisation_id=person.organisation_id,
            recipient=person,
            to_address=person.email,
            subject=Truncator(subject).chars(300),
            body=body,
        )
        queue_emails([email])
    else:
        # The address was removed since: nothing to send the items with.
        email = None
    DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=now, email=email)
    preference.digest_sent_at = now
    preference.save(update_fields=["digest_sent_at"])
    return person.organisation_id if email is not None else None


def _kind_labels(language: str) -> dict[str, str]:
    with translation.override(language if language in dict(settings.LANGUAGES) else None):
        return {value: str(label) for value, label in DigestKind.choices}
