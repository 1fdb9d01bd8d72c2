"""What every governance service shares: the right check, the organisation check, text
that must not be empty, and e-mail on commit."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notify_persons


def _require(actor: Actor, permission: str, obj: Any, message: str) -> None:
    if not actor.can(permission, obj):
        raise ServiceError(message)


def _same_organisation(actor: Actor, obj: Any) -> None:
    if obj.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That belongs to another organisation."))


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
