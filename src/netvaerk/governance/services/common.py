"""What every governance service shares: text that must not be empty, and e-mail on commit
(the right and organisation checks are netvaerk.core.errors.require and same_organisation)."""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notify_persons


def _text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(message, field=field)
    return value


def _after_commit(send: Callable[[], Any]) -> None:
    transaction.on_commit(send)


def _notify(persons: Any, template: str, *, about: Any, **context: Any) -> None:
    """E-mail and an in-app notification linking to `about`, once the change is committed."""
    recipients = list(persons)
    url = about.get_absolute_url()
    _after_commit(
        lambda: notify_persons(
            persons=recipients,
            template=f"governance/email/{template}",
            context=context,
            url=url,
        )
    )
