"""Everything the organisation holds on one person (GDPR art. 15), collected once for the
my-data page, its JSON download and its PDF, and for the data-protection staff.

The known kinds of data get their own section with the fields a person can read. Every other
foreign key to Person (the records where the person is named as the one who did something:
"decided by", "created by", …) is covered generically by how many such records there are and
when; the rows themselves mostly describe other people, who have their own right to privacy.
A test fails when a foreign key to Person is in none of SECTIONS, EXCLUDED or the generic
set (which the erasure's lists make complete)."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models

from netvaerk.people.models import Person
from netvaerk.privacy.services.erasure import (
    CLEAR,
    DELETE,
    REPOINT,
    field_key,
    person_foreign_keys,
)

# Foreign keys that have a section of their own below.
SECTIONS = frozenset(
    {
        "organisations.RoleAssignment.person",
        "networks.Membership.person",
        "networks.CoordinatorMandate.person",
        "meetings.Registration.person",
        "meetings.Attendance.person",
        "competences.Profile.person",
        "competences.SparringRequest.requester",
        "competences.SparringRequest.recipient",
        "governance.Proposal.created_by",
        "privacy.ConsentRecord.person",
        "privacy.DataRequest.person",
        "privacy.NoticeDelivery.person",
        "notifications.Notification.person",
        "notifications.EmailPreference.person",
        "notifications.OutgoingEmail.recipient",
    }
)
# Deliberately not in the collection, and why.
EXCLUDED = {
    # What the person did as staff is in the audit log, which is about the organisation's
    # decisions; their own data's changes are summarised by the sections.
    "core.AuditEntry.actor_person": "audit log",
    # The persons the person looked at are others' data; who looked at the person is on
    # their own "seen by" page (privacy.me_access_urls).
    "privacy.AccessEntry.viewer_person": "access log, as viewer",
    "privacy.AccessedPerson.person": "shown on the seen-by page",
    # Only ever an anonymous stand-in.
    "privacy.Erasure.stand_in": "stand-in",
}
GENERIC = (REPOINT | DELETE | CLEAR) - SECTIONS - set(EXCLUDED)


def plain(value: Any) -> Any:
    """A value as JSON can hold it, the same way every time."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, models.Model):
        return str(value)
    return value


def _rows(queryset: models.QuerySet[Any], fields: Iterable[str]) -> list[dict[str, Any]]:
    names = list(fields)
    return [
        {name: plain(row[name]) for name in names} for row in queryset.values(*names).iterator()
    ]


def _login(person: Person) -> dict[str, Any] | None:
    user = person.user
    if user is None:
        return None
    return {
        "email": user.email,
        "date_joined": plain(getattr(user, "date_joined", None)),
        "last_login": plain(user.last_login),
    }


def subject_data(person: Person) -> dict[str, Any]:
    """Every kind of data held on the person, as plain values (JSON-ready, stable keys)."""
    from netvaerk.competences.models import Profile, SparringRequest
    from netvaerk.governance.models import Proposal
    from netvaerk.meetings.models import Attendance, Registration
    from netvaerk.networks.models import CoordinatorMandate, Membership
    from netvaerk.notifications.models import EmailPreference, Notification, OutgoingEmail
    from netvaerk.organisations.models import RoleAssignment
    from netvaerk.privacy.models import ConsentRecord, DataRequest, NoticeDelivery

    data: dict[str, Any] = {
        "person": {
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "member_number": person.member_number,
            "branch": person.branch.name if person.branch is not None else "",
            "region": person.region.name if person.region is not None else "",
            "is_member": person.is_member,
            "member_since": plain(person.member_since),
            "language": person.language,
            "show_contact_details": person.show_contact_details,
            "created_at": plain(person.created_at),
        },
        "login": _login(person),
    }
    data["roles"] = _rows(
        RoleAssignment.objects.filter(person=person).order_by("granted_at"),
        ["role", "branch__name", "granted_at", "ended_at"],
    )
    data["network_memberships"] = _rows(
        Membership.objects.filter(person=person).order_by("requested_at"),
        ["network__name", "role", "status", "requested_at", "joined_at", "left_at"],
    )
    data["coordinator_mandates"] = _rows(
        CoordinatorMandate.objects.filter(person=person).order_by("term_start"),
        ["network__name", "term_start", "term_end", "ended_on"],
    )
    data["registrations"] = _rows(
        Registration.objects.filter(person=person).order_by("registered_at"),
        ["event__title", "event__starts_at", "status", "registered_at", "answers"],
    )
    data["attendance"] = _rows(
        Attendance.objects.filter(person=person).order_by("event__starts_at"),
        ["event__title", "event__starts_at", "source"],
    )
    data["competence_profile"] = next(
        iter(
            _rows(
                Profile.objects.filter(person=person),
                ["summary", "experience", "languages", "availability", "visibility"],
            )
        ),
        None,
    )
    if data["competence_profile"] is not None:
        data["competence_profile"]["tags"] = sorted(
            Profile.objects.get(person=person).tags.values_list("name", flat=True)
        )
    data["sparring_requests"] = _rows(
        SparringRequest.objects.filter(models.Q(requester=person) | models.Q(recipient=person))
        .annotate(
            asked_by_me=models.Case(
                models.When(requester=person, then=models.Value(True)),
                default=models.Value(False),
            )
        )
        .order_by("created_at"),
        ["asked_by_me", "subject", "question", "status", "created_at"],
    )
    data["proposals"] = _rows(
        Proposal.objects.filter(created_by=person).order_by("created_at"),
        ["network__name", "title", "status", "created_at"],
    )
    data["consents"] = _rows(
        ConsentRecord.objects.filter(person=person).order_by("recorded_at", "id"),
        ["kind", "given", "text", "text_version", "channel", "recorded_at"],
    )
    data["data_requests"] = _rows(
        DataRequest.objects.filter(person=person).order_by("received_at"),
        ["kind", "status", "channel", "received_at", "due_on", "handled_at", "outcome"],
    )
    data["notices"] = _rows(
        NoticeDelivery.objects.filter(person=person).order_by("sent_at"),
        ["notice_version", "sent_at"],
    )
    data["notifications"] = _rows(
        Notification.objects.filter(person=person).order_by("created_at"),
        ["title", "created_at", "read_at"],
    )
    data["emails"] = _rows(
        OutgoingEmail.objects.filter(recipient=person).order_by("created_at"),
        ["subject", "status", "created_at", "sent_at"],
    )
    data["email_preference"] = next(
        iter(_rows(EmailPreference.objects.filter(person=person), ["delivery"])), None
    )
    data["other_records"] = _other_records(person)
    return data


def _other_records(person: Person) -> list[dict[str, Any]]:
    """Every other record that names the person, by kind: how many and when."""
    found = []
    for field in person_foreign_keys():
        key = field_key(field)
        if key in SECTIONS or key in EXCLUDED:
            continue
        model = field.model
        count = model._base_manager.filter(**{field.name: person}).count()
        if count:
            found.append(
                {
                    "record": str(model._meta.verbose_name_plural),
                    "as": str(field.verbose_name),
                    "count": count,
                }
            )
    return sorted(found, key=lambda row: (row["record"], row["as"]))
