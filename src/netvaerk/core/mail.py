"""E-mail to persons, each in their own language, sent by the background worker."""

import contextlib
import contextvars
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from netvaerk.people.models import Person

logger = logging.getLogger(__name__)


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
    but nobody is e-mailed about events that did not just happen."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def notify_persons(*, persons: Iterable[Person], template: str, context: dict[str, Any]) -> int:
    """Queue one e-mail per person who has an address. Call from transaction.on_commit."""
    if _suppressed.get():
        return 0
    queued = 0
    for person in persons:
        if not person.email:
            continue
        subject, body = render_email(
            template=template, context={**context, "recipient": person}, language=person.language
        )
        send_email.enqueue(to=person.email, subject=subject, body=body)
        queued += 1
    return queued


def notify_address(
    *,
    to: str,
    language: str,
    template: str,
    context: dict[str, Any],
    organisation: Any = None,
) -> None:
    """Queue one e-mail to an address that belongs to no person (e.g. a visitor who proposed a
    network), in the given language. Call from transaction.on_commit."""
    if _suppressed.get() or not to:
        return
    subject, body = render_email(template=template, context=context, language=language)
    send_email.enqueue(to=to, subject=subject, body=body)


@task()
def send_email(*, to: str, subject: str, body: str) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    message.send()
    logger.info("Sent %r to %s", subject, to)
