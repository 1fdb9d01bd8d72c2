"""The one way services write to the audit log."""

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from netvaerk.core.models import AuditEntry
from netvaerk.core.pagecache import invalidate

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.organisations.models import Organisation


def log_action(
    *,
    actor: "Actor | None",
    organisation: "Organisation | None",
    action: str,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
    reason: str = "",
    read: bool = False,
) -> AuditEntry:
    """Record who did what, to which object, and why.

    Every audited write may change what an organisation's public pages show, so this is
    also the one place that makes their cached copies stale. An audited read (a download, an
    export of personal data: `read=True`) is logged the same way but changes nothing shown."""
    if organisation is not None and not read:
        invalidate(organisation.pk)
    return AuditEntry.objects.create(
        organisation=organisation,
        actor_user=actor.user if actor else None,
        actor_person=actor.person if actor else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
        reason=reason,
    )
