from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.db.models import Model

    from netvaerk.core.access import Actor


class ServiceError(Exception):
    """A refusal the user should read: the message is already translated and says why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def full_clean_or_refuse(obj: "Model", **kwargs: Any) -> None:
    """Model validation as a ServiceError, so that a view shows it instead of failing."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            str(messages[0]), field=None if field == NON_FIELD_ERRORS else field
        ) from None


def require(actor: "Actor", permission: str, obj: Any, message: str) -> None:
    """Refuse with `message` unless the actor may do `permission` with `obj`: the check every
    service makes before it writes, whoever calls it (a view, a command, the demo)."""
    if not actor.can(permission, obj):
        raise ServiceError(message)


def same_organisation(actor: "Actor", *objs: Any) -> None:
    """Refuse rows of another organisation (None, an object not given, passes)."""
    for obj in objs:
        if obj is not None and obj.organisation_id != actor.organisation.pk:
            raise ServiceError(_("That belongs to another organisation."))
