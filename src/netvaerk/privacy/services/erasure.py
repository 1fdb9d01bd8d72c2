"""The erasure of a person (GDPR art. 17): removed or made anonymous everywhere, while the
organisation's counts and decisions stay as they were.

One anonymous stand-in person is made per erasure. Rows that must go on counting (ended
memberships, registrations and attendance, mandates, decisions, sparring requests the other
party keeps) are repointed to it and their free text scrubbed of the person's name, e-mail and
member number; rows only about the person (consents, their competence profile, notifications,
the access log's rows about them) are deleted. Every foreign key to Person is named in exactly
one of the lists below, and a test fails when a new one appears in none, so that a new model
cannot quietly keep an erased person's data.

The stand-in keeps the person's branch and region (never their name, contact details, member
number, login or language): reports count memberships and attendance by branch and region,
and a branch of hundreds is no way back to one person, while dropping it would change the
counts of every past year."""

import json
from itertools import batched
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import NEEDLE_SLICE, log_action, redact_persons
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person
from netvaerk.privacy.models import DataRequest, Erasure, RequestStatus

# Rows that keep counting or record a decision: they now belong to the stand-in.
REPOINT = frozenset(
    {
        "organisations.RoleAssignment.granted_by",
        "networks.Membership.person",
        "networks.Membership.decided_by",
        "networks.CoordinatorMandate.person",
        "networks.CoordinatorMandate.appointed_by",
        "networks.NetworkProposal.proposer_person",
        "networks.NetworkProposal.referred_by",
        "networks.NetworkProposal.decided_by",
        "networks.NetworkProposalMessage.author",
        "governance.RulesOfProcedure.drafted_by",
        "governance.RulesOfProcedure.submitted_by",
        "governance.RulesOfProcedure.decided_by",
        "governance.Proposal.created_by",
        "governance.Proposal.submitted_by",
        "governance.Proposal.preparer",
        "governance.Proposal.decided_by",
        "governance.ProposalAttachment.uploaded_by",
        "governance.ProposalNote.author",
        "governance.BoardRequest.asked_by",
        "governance.BoardRequest.answered_by",
        "reports.AnnualReport.created_by",
        "reports.AnnualReport.submitted_by",
        "reports.AnnualReport.reopened_by",
        "reports.AnnualReport.received_by",
        "meetings.EventSeries.created_by",
        "meetings.Event.created_by",
        "meetings.Event.closed_by",
        "meetings.Registration.person",
        "meetings.Registration.cancelled_by",
        "meetings.Attendance.person",
        "meetings.Attendance.recorded_by",
        "meetings.EventMaterial.added_by",
        "meetings.Announcement.sent_by",
        "meetings.Newsletter.created_by",
        "meetings.Newsletter.sent_by",
        "meetings.Speaker.person",
        "meetings.ConferenceBudget.submitted_by",
        "meetings.ConferenceBudget.decided_by",
        "reach.NetworkGoal.set_by",
        "reach.RecruitmentEntry.owner",
        "reach.RecruitmentNote.author",
        "programmes.Programme.created_by",
        "programmes.IndicatorValue.recorded_by",
        "programmes.SupportedBranch.selected_by",
        "programmes.CaseEntry.author",
        "programmes.StatusReport.created_by",
        "programmes.StatusReport.sent_by",
        "competences.Tag.suggested_by",
        "competences.SparringRequest.requester",
        "competences.SparringRequest.recipient",
        "competences.SparringEvent.by",
        "competences.SparringEvent.to",
        "privacy.ConsentRecord.recorded_by",
        "privacy.DataRequest.handled_by",
        "privacy.RetentionRule.updated_by",
        "imports.ImportJob.created_by",
    }
)
# Rows only about the person: deleted.
DELETE = frozenset(
    {
        "organisations.RoleAssignment.person",
        "notifications.Notification.person",
        "notifications.EmailPreference.person",
        "notifications.DigestItem.person",
        "notifications.OutgoingEmail.recipient",
        "meetings.CalendarFeed.person",
        "programmes.Programme_owners.person",
        "programmes.StatusReport_contacts.person",
        "competences.Profile.person",
        "privacy.ConsentRecord.person",
        "privacy.AccessedPerson.person",
        "privacy.NoticeDelivery.person",
    }
)
# Rows kept without saying whose they were.
CLEAR = frozenset(
    {
        # A branch in focused support needs a real contact, not an anonymous one.
        "programmes.SupportedBranch.contact",
        # The request stays as the record that it was answered (DataRequest's docstring).
        "privacy.DataRequest.person",
    }
)
# Handled by their own sanctioned functions (both logs are append-only otherwise), or never
# pointing at a real person.
SPECIAL = frozenset(
    {
        "core.AuditEntry.actor_person",  # core.audit.redact_person
        "privacy.AccessEntry.viewer_person",  # _forget_viewer below
        "privacy.Erasure.stand_in",  # only ever a stand-in, which cannot be erased
    }
)


# The shortest name or e-mail looked for in texts that do not point at the person.
WIDE_MIN = 4


def person_foreign_keys() -> list[models.ForeignKey[Any, Any]]:
    """Every foreign key (and one-to-one) to Person in every installed model, many-to-many
    tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields(include_hidden=True):
            if (
                isinstance(field, models.ForeignKey)
                and field.concrete
                and field.remote_field.model is Person
            ):
                found.append(field)
    return found


def field_key(field: models.Field[Any, Any]) -> str:
    return f"{field.model._meta.label}.{field.name}"


def _wide(replacements: dict[str, str]) -> dict[str, str]:
    """Beyond the person's own rows a very short name ("Bo") would match other words."""
    return {needle: new for needle, new in replacements.items() if len(needle) >= WIDE_MIN}


def _forget_viewers(*, person_ids: list[int], replacements: dict[str, str]) -> None:
    """The access log is append-only; erasure is the one exception: the entries the persons
    made as viewers stay (what was seen, and when) but no longer say who looked, and paths
    that searched for them by name or e-mail lose those words. Written as SQL because the
    log's own queryset refuses every update, on purpose."""
    table = connection.ops.quote_name("privacy_accessentry")
    spellings = sorted(
        {
            spelling
            for needle in replacements
            if needle
            for spelling in (needle, needle.replace(" ", "+"), needle.replace("@", "%40"))
        }
    )
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(person_ids))
        cursor.execute(
            f"UPDATE {table} SET viewer_person_id = NULL "  # noqa: S608
            f"WHERE viewer_person_id IN ({marks})",
            person_ids,
        )
        for chunk in batched(spellings, NEEDLE_SLICE):
            likes = " OR ".join(["path LIKE %s"] * len(chunk))
            cursor.execute(
                f"SELECT id, path FROM {table} WHERE {likes}",  # noqa: S608
                [f"%{spelling}%" for spelling in chunk],
            )
            for entry_id, path in cursor.fetchall():
                new = path
                for spelling in spellings:
                    new = new.replace(spelling, "")
                if new != path:
                    cursor.execute(
                        f"UPDATE {table} SET path = %s WHERE id = %s",  # noqa: S608
                        [new, entry_id],
                    )


def _end_what_runs(person_ids: list[int], now: Any) -> None:
    """An erased person is no longer a member of a network, registered for an event to come
    or holding a mandate: what ran until today ends today, so that history counts stay."""
    from netvaerk.meetings.models import Registration, RegistrationStatus
    from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus

    Membership._base_manager.filter(
        person_id__in=person_ids, status=MembershipStatus.ACTIVE
    ).update(status=MembershipStatus.LEFT, left_at=now)
    Membership._base_manager.filter(
        person_id__in=person_ids, status=MembershipStatus.REQUESTED
    ).update(status=MembershipStatus.WITHDRAWN)
    Registration._base_manager.filter(
        person_id__in=person_ids,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        event__starts_at__gt=now,
    ).update(status=RegistrationStatus.CANCELLED, cancelled_at=now)
    CoordinatorMandate._base_manager.filter(
        person_id__in=person_ids, ended_on__isnull=True, term_end__gte=now.date()
    ).update(ended_on=now.date())


def _text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if (isinstance(field, models.CharField | models.TextField) and not field.choices)
        or isinstance(field, models.JSONField)
    ]


def _replaced(value: Any, replacements: dict[str, str]) -> Any:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    new = text
    for needle, replacement in replacements.items():
        if needle:
            new = new.replace(needle, replacement)
    if new == text:
        return value
    return new if isinstance(value, str) else json.loads(new)


def _pks_by_person(rows: models.QuerySet[Any], attname: str) -> dict[int, list[Any]]:
    """The primary keys of the rows, by the person (`attname`) each points at."""
    found: dict[int, list[Any]] = {}
    for pk, person_id in rows.values_list("pk", attname):
        found.setdefault(person_id, []).append(pk)
    return found


def _scrub_rows(model: type[models.Model], pks: list[Any], replacements: dict[str, str]) -> None:
    """Replace the person's name and e-mail in the text and JSON columns of these rows."""
    fields = _text_fields(model)
    if not pks or not fields:
        return
    manager = model._base_manager
    names = [field.attname for field in fields]
    for chunk in batched(pks, NEEDLE_SLICE * 10):
        for row in manager.filter(pk__in=chunk).values("pk", *names):
            changed = {}
            for name in names:
                if row[name] is None:
                    continue
                new = _replaced(row[name], replacements)
                if new is not row[name]:
                    changed[name] = new
            if changed:
                manager.filter(pk=row["pk"]).update(**changed)


def _scrub_matching(
    model: type[models.Model], scope: models.Q, replacements: dict[str, str]
) -> None:
    """Replace the names and e-mails in the texts of the rows in scope that hold one."""
    fields = [f for f in _text_fields(model) if not isinstance(f, models.JSONField)]
    needles = sorted(needle for needle in replacements if needle)
    found: set[Any] = set()
    for chunk in batched(needles, NEEDLE_SLICE):
        match = models.Q()
        for field in fields:
            for needle in chunk:
                match |= models.Q(**{f"{field.attname}__contains": needle})
        found.update(model._base_manager.filter(scope).filter(match).values_list("pk", flat=True))
    _scrub_rows(model, sorted(found), replacements)


@transaction.atomic
def person_erase(
    *, actor: Actor, person: Person, reason: str, request: DataRequest | None = None
) -> Person:
    """Erase the person everywhere; returns the anonymous stand-in."""
    require(
        actor,
        "privacy.handle_requests",
        None,
        _("Only the data-protection staff can erase a person."),
    )
    same_organisation(actor, person, request)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if Erasure.objects.filter(stand_in=person).exists():
        raise ServiceError(_("This person has already been erased."))
    if actor.person is not None and actor.person.pk == person.pk:
        raise ServiceError(_("Ask a colleague to erase your own data."))
    if not reason.strip():
        raise ServiceError(_("Say why the person is erased."), field="reason")
    [stand_in] = erase_persons(
        organisation=actor.organisation,
        persons=[person],
        reason=reason,
        actor=actor,
        request=request,
    )
    return stand_in


@transaction.atomic
def erase_persons(
    *,
    organisation: Organisation,
    persons: list[Person],
    reason: str,
    actor: Actor | None = None,
    request: DataRequest | None = None,
) -> list[Person]:
    """The erasure itself, of one person or of a batch at once, with no check of who asks:
    `person_erase` checks the staff member's permission, the retention run (which has no
    user) chose its contacts by its rule. Returns the stand-ins, in the persons' order.

    Each person gets their own stand-in, so that distinct counts (who came, who was a member)
    stay right; the work is done table by table for the whole batch, so that erasing
    thousands of contacts costs a few queries per table, not per person."""
    if not persons:
        return []
    if any(person.organisation_id != organisation.pk for person in persons):
        raise ServiceError(_("The erasure does not cross organisations."))
    if Erasure.objects.filter(stand_in__in=persons).exists():
        raise ServiceError(_("This person has already been erased."))
    now = timezone.now()
    ids = [person.pk for person in persons]
    with translation.override(organisation.language):
        erased_name = _("Erased person")
    made = Person.objects.bulk_create(
        Person(
            organisation=organisation,
            name=erased_name,
            branch_id=person.branch_id,
            region_id=person.region_id,
            is_member=person.is_member,
            language=organisation.language,
        )
        for person in persons
    )
    stand_ins = dict(zip(ids, made, strict=True))
    Erasure.objects.bulk_create(
        Erasure(organisation=organisation, stand_in=stand_in, erased_at=now, request=request)
        for stand_in in stand_ins.values()
    )
    _end_what_runs(ids, now)
    # Name → "Erased person", e-mail → nothing; the same for every person of the batch.
    replacements = {
        **{person.name: erased_name for person in persons if person.name},
        **{person.email: "" for person in persons if person.email},
    }
    # In the rows that point at the person, their member number goes too; elsewhere a short
    # number could be any other number.
    own_rows = {
        person.pk: {
            person.name: erased_name,
            person.email: "",
            **({person.member_number: ""} if person.member_number else {}),
        }
        for person in persons
    }

    # What the audit log says about the persons' own rows loses its description.
    from netvaerk.competences.models import Profile
    from netvaerk.competences.search.index import drop_from_index

    person_type = ContentType.objects.get_for_model(Person).pk
    linked = [(person_type, str(pk)) for pk in ids]
    profile_ids = list(Profile._base_manager.filter(person_id__in=ids).values_list("pk", flat=True))
    profile_type = ContentType.objects.get_for_model(Profile).pk
    linked += [(profile_type, str(pk)) for pk in profile_ids]
    drop_from_index(profile_ids=profile_ids)

    requests = DataRequest._base_manager.filter(person_id__in=ids)
    for person_id, pks in _pks_by_person(requests, "person_id").items():
        _scrub_rows(DataRequest, pks, own_rows[person_id])

    for field in person_foreign_keys():
        key = field_key(field)
        manager = field.model._base_manager
        rows = manager.filter(**{f"{field.attname}__in": ids})
        if key in REPOINT:
            for person_id, pks in _pks_by_person(rows, field.attname).items():
                manager.filter(pk__in=pks).update(**{field.name: stand_ins[person_id]})
                _scrub_rows(field.model, pks, own_rows[person_id])
        elif key in DELETE:
            rows.delete()
        elif key in CLEAR:
            rows.update(**{field.name: None})
        elif key not in SPECIAL:
            raise ServiceError(
                _("The erasure does not know how to handle %(model)s.") % {"model": key}
            )

    wide = _wide(replacements)
    _scrub_elsewhere(organisation, persons, wide)
    _forget_viewers(person_ids=ids, replacements=wide)
    redact_persons(
        organisation=organisation,
        stand_ins={pk: stand_in.pk for pk, stand_in in stand_ins.items()},
        replacements=wide,
        linked=linked,
    )
    from netvaerk.accounts.models import User

    user_ids = {person.user_id for person in persons if person.user_id is not None}
    Person._base_manager.filter(pk__in=ids).update(user=None)
    if user_ids:
        User.objects.filter(pk__in=user_ids).exclude(
            Exists(Person._base_manager.filter(user=OuterRef("pk")))
        ).delete()
    Person._base_manager.filter(pk__in=ids).delete()

    if request is not None:
        DataRequest._base_manager.filter(pk=request.pk).update(
            status=RequestStatus.DONE,
            handled_at=now,
            handled_by=actor.person if actor is not None else None,
        )
    for person in persons:
        stand_in = stand_ins[person.pk]
        log_action(
            actor=actor,
            organisation=organisation,
            action="person.erased",
            obj=stand_in,
            data={
                "stand_in": stand_in.pk,
                "request": request.pk if request is not None else None,
            },
            reason=reason.strip()[:2000],
        )
    return [stand_ins[person.pk] for person in persons]


def _scrub_elsewhere(
    organisation: Organisation, persons: list[Person], replacements: dict[str, str]
) -> None:
    """Texts of the organisation that may name the persons without pointing at them: e-mails
    and notifications sent to others about them ("… asks you for sparring"), and the rows the
    member-system import kept about their member numbers."""
    from netvaerk.imports.models import ImportRowIssue
    from netvaerk.notifications.models import Notification, OutgoingEmail

    org_id = organisation.pk
    emails = sorted({person.email.lower() for person in persons if person.email})
    for chunk in batched(emails, NEEDLE_SLICE):
        OutgoingEmail._base_manager.filter(organisation_id=org_id).annotate(
            to_lower=Lower("to_address")
        ).filter(to_lower__in=chunk).delete()
    _scrub_matching(OutgoingEmail, models.Q(organisation_id=org_id), replacements)
    _scrub_matching(Notification, models.Q(person__organisation_id=org_id), replacements)
    numbers = [person.member_number for person in persons if person.member_number]
    if numbers:
        ImportRowIssue._base_manager.filter(
            job__organisation_id=org_id, member_number__in=numbers
        ).delete()
