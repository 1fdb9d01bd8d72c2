"""E-mail and in-app notifications to persons, each in their own language.

Every e-mail the system sends goes through the outbox (notifications.OutgoingEmail): it is
written as a row, and a background task sends it, retries it when the send fails and keeps
it whatever happens. Call these from transaction.on_commit, so that nobody is told about a
change that was rolled back."""

import contextlib
import contextvars
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from netvaerk.notifications.models import Notification, OutgoingEmail
from netvaerk.notifications.tasks import enqueue_delivery
from netvaerk.people.models import Person

if TYPE_CHECKING:
    from netvaerk.organisations.models import Organisation

logger = logging.getLogger(__name__)

EXCERPT_LENGTH = 240


def render_email(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """Render `<template>_subject.txt` and `<template>.txt` in the given language."""
    with translation.override(language):
        full = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}.txt", full)
    return subject, body


_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar("suppressed", default=False)


@contextlib.contextmanager
def notifications_suppressed() -> Iterator[None]:
    """For seeding history (the demo, imports of past records): the services run as usual,
    but nobody is e-mailed or notified about events that did not just happen."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def notifications_are_suppressed() -> bool:
    """True inside notifications_suppressed(): for services that queue e-mail their own way."""
    return _suppressed.get()


def queue_emails(emails: list[OutgoingEmail]) -> int:
    """Write outbox rows rendered by the caller (a large audience is rendered once per
    language, not once per person) and queue their sends once committed. Returns how many."""
    if _suppressed.get() or not emails:
        return 0
    _store(emails=emails, notifications=[])
    return len(emails)


def is_local_path(url: str) -> bool:
    """A path on this site: "/org/networks/x/", never "//host/", "https://host/" or "\\host"."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def notify_persons(
    *, persons: Iterable[Person], template: str, context: dict[str, Any], url: str = ""
) -> int:
    """Tell each person, in their own language: an in-app notification for everyone (titled
    with the e-mail's subject, linking to `url`, a path on this site), and an e-mail for those
    who have an address. Returns how many e-mails were queued."""
    if _suppressed.get():
        return 0
    if url and not is_local_path(url):
        logger.warning("Not linking a notification to %r: only paths on this site.", url)
        url = ""
    emails: list[OutgoingEmail] = []
    notifications: list[Notification] = []
    for person in persons:
        subject, body = render_email(
            template=template, context={**context, "recipient": person}, language=person.language
        )
        notifications.append(
            Notification(
                organisation_id=person.organisation_id,
                person=person,
                title=Truncator(subject).chars(300),
                body=_excerpt(body),
                url=url,
            )
        )
        if person.email:
            emails.append(
                OutgoingEmail(
                    organisation_id=person.organisation_id,
                    recipient=person,
                    to_address=person.email,
                    subject=Truncator(subject).chars(300),
                    body=body,
                )
            )
    _store(emails=emails, notifications=notifications)
    return len(emails)


def notify_address(
    *,
    to: str,
    language: str,
    template: str,
    context: dict[str, Any],
    organisation: "Organisation | None" = None,
) -> int:
    """E-mail someone who is no person here (a visitor who proposed a network): no in-app
    notification, only the e-mail, in the given language. Returns 1 if queued, else 0."""
    if _suppressed.get() or not to:
        return 0
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    subject, body = render_email(template=template, context=context, language=language)
    email = OutgoingEmail(
        organisation=organisation,
        to_address=to,
        subject=Truncator(subject).chars(300),
        body=body,
    )
    _store(emails=[email], notifications=[])
    return 1


def _store(*, emails: list[OutgoingEmail], notifications: list[Notification]) -> None:
    """Write the rows in one transaction; queue the sends once they are committed, so that a
    worker never looks for a row it cannot see yet."""
    with transaction.atomic():
        Notification.objects.bulk_create(notifications)
        OutgoingEmail.objects.bulk_create(emails)
        ids = [email.pk for email in emails]
        transaction.on_commit(lambda: _enqueue_all(ids))


def _enqueue_all(ids: list[int]) -> None:
    for email_id in ids:
        try:
            enqueue_delivery(email_id)
        except Exception:
            # The row is safe in the outbox; send_pending_mail will queue it again.
            logger.exception("Could not queue e-mail %s; it stays in the outbox.", email_id)


def _excerpt(body: str) -> str:
    """The message of an e-mail without its greeting ("Dear …,") and bare links."""
    paragraphs = [" ".join(p.split()) for p in body.strip().split("\n\n")]
    paragraphs = [p for p in paragraphs if p and not p.startswith(("http://", "https://"))]
    if len(paragraphs) > 1 and paragraphs[0].endswith(",") and len(paragraphs[0]) <= 80:
        paragraphs = paragraphs[1:]
    return Truncator(" ".join(paragraphs)).chars(EXCERPT_LENGTH)
