"""The one way services write to the audit log."""

from itertools import batched
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from netvaerk.core.models import AuditEntry
from netvaerk.core.pagecache import invalidate

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.organisations.models import Organisation


# How many names or e-mails one query looks for at most (here and in the erasure): SQLite
# refuses too deep an expression, and a batch of the retention run erases many persons at once.
NEEDLE_SLICE = 100


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


def redact_persons(
    *,
    organisation: "Organisation",
    stand_ins: dict[int, int],
    replacements: dict[str, str],
    linked: list[tuple[int, str]],
) -> int:
    """The one sanctioned rewrite of the append-only log: the erasure of persons (GDPR
    art. 17), whose right to be forgotten outweighs the log's. The entries keep what was done
    and when; the persons' words go: entries they made are their stand-ins' (`stand_ins`:
    person id → stand-in id), and every text of the organisation's entries that names them
    (`replacements`: name, e-mail → what replaces it) is rewritten. `linked` are the (content
    type id, object id) of rows about the persons (their person rows, profiles…): those
    entries lose their description altogether.

    Returns how many entries were rewritten."""
    import json

    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    needles = [needle for needle in replacements if needle]
    # JSON is stored with non-ASCII characters escaped on SQLite and as they are on
    # PostgreSQL: look for both spellings.
    spellings = sorted({spelling for n in needles for spelling in (n, json.dumps(n)[1:-1])})
    linked_set = set(linked)
    about = Q()
    for content_type_id, object_id in linked:
        about |= Q(content_type_id=content_type_id, object_id=object_id)
    base = AuditEntry._base_manager.filter(organisation=organisation).annotate(
        data_text=Cast("data", TextField())
    )
    # A batch's many names go in slices: SQLite refuses too deep an expression.
    conditions = [about | Q(actor_person_id__in=list(stand_ins))]
    for chunk in batched(spellings, NEEDLE_SLICE):
        text_match = Q()
        for spelling in chunk:
            text_match |= Q(object_repr__icontains=spelling) | Q(data_text__icontains=spelling)
        conditions.append(text_match)
    seen: set[int] = set()
    for condition in conditions:
        for entry in base.filter(condition).only(
            "pk", "object_repr", "data", "content_type_id", "object_id"
        ):
            if entry.pk in seen:
                continue
            seen.add(entry.pk)
            is_about = (entry.content_type_id, entry.object_id) in linked_set
            object_repr = "" if is_about else _replace_all(entry.object_repr, replacements)
            data = json.loads(
                _replace_all(json.dumps(entry.data, ensure_ascii=False), replacements)
            )
            AuditEntry._base_manager.filter(pk=entry.pk).update(object_repr=object_repr, data=data)
    for person_id, stand_in_id in stand_ins.items():
        AuditEntry._base_manager.filter(actor_person_id=person_id).update(
            actor_person_id=stand_in_id
        )
    return len(seen)


def _replace_all(text: str, replacements: dict[str, str]) -> str:
    import re

    for needle, replacement in replacements.items():
        if needle:
            text = re.sub(re.escape(needle), replacement, text, flags=re.IGNORECASE)
    return text
