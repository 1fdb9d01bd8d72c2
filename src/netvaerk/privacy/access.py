"""The one writer of the access log: every page that shows a list of people, a person's page
and every export of personal data calls `record_access` with the persons it showed.

A page records what it actually showed (the page of a paginated list, not the whole list),
so the log answers "who saw me" truthfully. An actor looking at their own data alone is not
recorded, nor counted among the persons seen (it is not an access to someone else's data);
the persons' rows are written in one insert."""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.privacy.models import AccessedPerson, AccessEntry, AccessKind

# The longest path kept (query strings can be long; the rest says nothing more).
PATH_MAX = 500


@transaction.atomic
def record_access(
    *,
    actor: Actor,
    request: HttpRequest | None,
    kind: AccessKind | str,
    person_ids: Iterable[int],
    subject: str = "",
    view_name: str = "",
    path: str = "",
) -> AccessEntry | None:
    """Record that the actor saw these persons' data. `view_name` and `path` default to the
    request's URL name and full path. Returns the entry, or None when nothing was recorded
    (no persons, or only the actor's own)."""
    ids = {int(pk) for pk in person_ids}
    if actor.person is not None:
        ids.discard(actor.person.pk)
    if not ids:
        return None
    if request is not None:
        match = getattr(request, "resolver_match", None)
        view_name = view_name or (match.view_name if match is not None else "")
        path = path or request.get_full_path()
    entry = AccessEntry.objects.create(
        organisation=actor.organisation,
        viewer_user=actor.user,
        viewer_person=actor.person,
        kind=str(kind),
        view_name=view_name[:100],
        path=path[:PATH_MAX],
        subject=subject[:200],
        person_count=len(ids),
    )
    AccessedPerson.objects.bulk_create(
        [AccessedPerson(entry=entry, person_id=pk) for pk in sorted(ids)], batch_size=1000
    )
    return entry


@transaction.atomic
def record_export(
    *,
    actor: Actor,
    request: HttpRequest | None,
    action: str,
    obj: models.Model | None,
    person_ids: Iterable[int],
    subject: str,
    data: dict[str, Any] | None = None,
    view_name: str = "",
    path: str = "",
) -> AccessEntry | None:
    """An export of personal data: an audited read in the audit log and an EXPORT entry in
    the access log listing every person in the file, written before the file is streamed."""
    ids = list(person_ids)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action=action,
        obj=obj,
        data={"rows": len(ids), **(data or {})},
        read=True,
    )
    return record_access(
        actor=actor,
        request=request,
        kind=AccessKind.EXPORT,
        person_ids=ids,
        subject=subject,
        view_name=view_name,
        path=path,
    )
