from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

if TYPE_CHECKING:
    from django.db.models import Model


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
