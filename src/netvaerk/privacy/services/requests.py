"""Requests under the GDPR (access, correction, erasure, objection) made on this site by the
person or recorded by the data-protection staff, and their handling; the correction of a
person's data, by the person or by the staff for them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse, require, same_organisation
from netvaerk.organisations.models import Branch
from netvaerk.people.models import Person
from netvaerk.privacy.models import Channel, DataRequest, RequestKind, RequestStatus

# Art. 12(3): an answer within one month of receipt.
ANSWER_WITHIN = datetime.timedelta(days=30)
DETAILS_MAX = 4000
STAFF = "privacy.handle_requests"


def _own(actor: Actor, person: Person) -> bool:
    return actor.person is not None and actor.person.pk == person.pk


@transaction.atomic
def request_create(
    *, actor: Actor, person: Person, kind: str, channel: str, details: str = ""
) -> DataRequest:
    """A person asks on this site (their own request, channel web), or the staff record one
    that came by other means."""
    same_organisation(actor, person)
    if not _own(actor, person):
        require(actor, STAFF, None, _("Only the data-protection staff record others' requests."))
    elif channel != Channel.WEB:
        raise ServiceError(_("Choose how the request reached you."), field="channel")
    if kind not in RequestKind.values:
        raise ServiceError(_("Choose what the person asks for."), field="kind")
    if channel not in Channel.values or channel == Channel.IMPORT:
        raise ServiceError(_("Choose how the request reached you."), field="channel")
    details = (details or "").strip()
    if len(details) > DETAILS_MAX:
        raise ServiceError(
            _("Write at most %(max)d characters.") % {"max": DETAILS_MAX}, field="details"
        )
    if (
        kind == RequestKind.ERASURE
        and DataRequest.objects.filter(
            person=person, kind=RequestKind.ERASURE, status=RequestStatus.OPEN
        ).exists()
    ):
        raise ServiceError(_("An erasure has already been asked for and is open."))
    now = timezone.now()
    request = DataRequest.objects.create(
        organisation=actor.organisation,
        person=person,
        kind=kind,
        channel=channel,
        details=details,
        received_at=now,
        due_on=timezone.localdate(now) + ANSWER_WITHIN,
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="privacy.request_received",
        obj=request,
        data={"kind": kind, "channel": channel},
    )
    return request


def _open(actor: Actor, request: DataRequest) -> DataRequest:
    same_organisation(actor, request)
    locked = DataRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.OPEN:
        raise ServiceError(_("This request has already been closed."))
    return locked


@transaction.atomic
def request_cancel(*, actor: Actor, request: DataRequest) -> DataRequest:
    """The person takes back their own request while it is open."""
    locked = _open(actor, request)
    if locked.person is None or not _own(actor, locked.person):
        raise ServiceError(_("Only the person who asked can take the request back."))
    return _close(actor, locked, RequestStatus.CANCELLED, "", "privacy.request_cancelled")


@transaction.atomic
def request_refuse(*, actor: Actor, request: DataRequest, reason: str) -> DataRequest:
    require(actor, STAFF, None, _("Only the data-protection staff handle requests."))
    locked = _open(actor, request)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why the request is refused."), field="reason")
    return _close(actor, locked, RequestStatus.REFUSED, reason, "privacy.request_refused")


@transaction.atomic
def request_done(*, actor: Actor, request: DataRequest, outcome: str = "") -> DataRequest:
    require(actor, STAFF, None, _("Only the data-protection staff handle requests."))
    locked = _open(actor, request)
    return _close(
        actor, locked, RequestStatus.DONE, (outcome or "").strip(), "privacy.request_done"
    )


def _close(
    actor: Actor, request: DataRequest, status: str, outcome: str, action: str
) -> DataRequest:
    if len(outcome) > DETAILS_MAX:
        raise ServiceError(
            _("Write at most %(max)d characters.") % {"max": DETAILS_MAX}, field="reason"
        )
    request.status = status
    request.outcome = outcome
    request.handled_at = timezone.now()
    request.handled_by = actor.person
    request.save(update_fields=["status", "outcome", "handled_at", "handled_by"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action=action,
        obj=request,
        data={"kind": request.kind},
        reason=outcome,
    )
    return request


@transaction.atomic
def person_correct(
    *,
    actor: Actor,
    person: Person,
    name: str,
    email: str = "",
    phone: str = "",
    branch: Branch | None = None,
    language: str = "",
) -> Person:
    """Correct a person's own data (art. 16): by the person, or by the data-protection staff
    for them. The region follows the branch; a new name reaches the competence search."""
    from netvaerk.people.services import _check_place

    same_organisation(actor, person)
    if not _own(actor, person):
        require(actor, STAFF, None, _("Only the person or the data-protection staff can do that."))
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("A person needs a name."), field="name")
    region = _check_place(actor, branch, None)
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_name = person.name
    changes = {
        "name": name,
        "email": (email or "").strip().lower(),
        "phone": (phone or "").strip(),
        "branch": branch,
        "region": region,
        "language": language or person.language,
    }
    changed = [field for field, value in changes.items() if getattr(person, field) != value]
    for field, value in changes.items():
        setattr(person, field, value)
    full_clean_or_refuse(person, validate_constraints=False)
    if not changed:
        return person
    person.save(update_fields=changed)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="person.corrected",
        obj=person,
        data={"fields": changed},
    )
    if old_name != name:
        from netvaerk.competences.models import Profile
        from netvaerk.competences.search.index import reindex_profiles

        reindex_profiles(
            profile_ids=Profile.objects.filter(person=person).values_list("pk", flat=True)
        )
    return person
