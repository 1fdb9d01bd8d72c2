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
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action, redact_person
from netvaerk.core.errors import ServiceError, require, same_organisation
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


def _needles(person: Person) -> dict[str, str]:
    with translation.override(person.organisation.language):
        erased = _("Erased person")
    return {person.name: erased, person.email: ""}


def _forget_viewer(*, person_id: int, replacements: dict[str, str]) -> None:
    """The access log is append-only; erasure is the one exception: the entries the person
    made as a viewer stay (what was seen, and when) but no longer say who looked, and paths
    that searched for them by name or e-mail lose those words. Written as SQL because the
    log's own queryset refuses every update, on purpose."""
    table = connection.ops.quote_name("privacy_accessentry")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET viewer_person_id = NULL WHERE viewer_person_id = %s",  # noqa: S608
            [person_id],
        )
        for needle in replacements:
            if not needle:
                continue
            for spelling in {needle, needle.replace(" ", "+"), needle.replace("@", "%40")}:
                cursor.execute(
                    f"UPDATE {table} SET path = REPLACE(path, %s, '') "  # noqa: S608
                    "WHERE path LIKE %s",
                    [spelling, f"%{spelling}%"],
                )


def _end_what_runs(person: Person, now: Any) -> None:
    """An erased person is no longer a member of a network, registered for an event to come
    or holding a mandate: what ran until today ends today, so that history counts stay."""
    from netvaerk.meetings.models import Registration, RegistrationStatus
    from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus

    Membership._base_manager.filter(person=person, status=MembershipStatus.ACTIVE).update(
        status=MembershipStatus.LEFT, left_at=now
    )
    Membership._base_manager.filter(person=person, status=MembershipStatus.REQUESTED).update(
        status=MembershipStatus.WITHDRAWN
    )
    Registration._base_manager.filter(
        person=person,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        event__starts_at__gt=now,
    ).update(status=RegistrationStatus.CANCELLED, cancelled_at=now)
    CoordinatorMandate._base_manager.filter(
        person=person, ended_on__isnull=True, term_end__gte=now.date()
    ).update(ended_on=now.date())


def _scrub_text(model: type[models.Model], rows: models.Q, replacements: dict[str, str]) -> None:
    """Replace the person's name and e-mail in the text and JSON columns of these rows."""
    manager = model._base_manager
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            for needle, replacement in replacements.items():
                if needle:
                    manager.filter(rows, **{f"{field.attname}__contains": needle}).update(
                        **{field.attname: Replace(field.attname, Value(needle), Value(replacement))}
                    )
        elif isinstance(field, models.JSONField):
            for pk, value in manager.filter(rows).values_list("pk", field.attname):
                text = json.dumps(value, ensure_ascii=False)
                new = text
                for needle, replacement in replacements.items():
                    if needle:
                        new = new.replace(needle, replacement)
                if new != text:
                    manager.filter(pk=pk).update(**{field.attname: json.loads(new)})


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
    org = actor.organisation
    now = timezone.now()
    replacements = _needles(person)
    erased_name = replacements[person.name]
    stand_in = Person.objects.create(
        organisation=org,
        name=erased_name,
        branch=person.branch,
        region=person.region,
        is_member=person.is_member,
        language=org.language,
    )
    Erasure.objects.create(organisation=org, stand_in=stand_in, erased_at=now, request=request)
    _end_what_runs(person, now)

    # What the audit log says about the person's own rows loses its description.
    linked = [(ContentType.objects.get_for_model(Person).pk, str(person.pk))]
    from netvaerk.competences.models import Profile
    from netvaerk.competences.search.index import drop_from_index

    profile_ids = list(Profile._base_manager.filter(person=person).values_list("pk", flat=True))
    linked += [(ContentType.objects.get_for_model(Profile).pk, str(pk)) for pk in profile_ids]
    drop_from_index(profile_ids=profile_ids)

    request_ids = list(DataRequest._base_manager.filter(person=person).values_list("pk", flat=True))
    _scrub_text(DataRequest, models.Q(pk__in=request_ids), replacements)
    # In the rows that point at the person, their member number goes too; elsewhere a short
    # number could be any other number.
    own_rows = {**replacements, **({person.member_number: ""} if person.member_number else {})}

    for field in person_foreign_keys():
        key = field_key(field)
        manager = field.model._base_manager
        rows = manager.filter(**{field.name: person})
        if key in REPOINT:
            rows.update(**{field.name: stand_in})
            _scrub_text(field.model, models.Q(**{field.name: stand_in}), own_rows)
        elif key in DELETE:
            rows.delete()
        elif key in CLEAR:
            rows.update(**{field.name: None})
        elif key not in SPECIAL:
            raise ServiceError(
                _("The erasure does not know how to handle %(model)s.") % {"model": key}
            )

    # Beyond the person's own rows a very short name ("Bo") would match other words.
    wide = {needle: new for needle, new in replacements.items() if len(needle) >= WIDE_MIN}
    _scrub_elsewhere(person, wide)
    _forget_viewer(person_id=person.pk, replacements=wide)
    redact_person(
        organisation=org,
        person_id=person.pk,
        stand_in_id=stand_in.pk,
        replacements=wide,
        linked=linked,
    )
    user = person.user
    person.user = None
    person.save(update_fields=["user"])
    if user is not None and not Person.objects.filter(user=user).exists():
        user.delete()
    Person._base_manager.filter(pk=person.pk).delete()

    if request is not None:
        DataRequest._base_manager.filter(pk=request.pk).update(
            status=RequestStatus.DONE, handled_at=now, handled_by=actor.person
        )
    log_action(
        actor=actor,
        organisation=org,
        action="person.erased",
        obj=stand_in,
        data={"stand_in": stand_in.pk, "request": request.pk if request is not None else None},
        reason=reason.strip()[:2000],
    )
    return stand_in


def _scrub_elsewhere(person: Person, replacements: dict[str, str]) -> None:
    """Texts of the organisation that may name the person without pointing at them: e-mails
    and notifications sent to others about them ("… asks you for sparring"), and the rows the
    member-system import kept about their member number."""
    from netvaerk.imports.models import ImportRowIssue
    from netvaerk.notifications.models import Notification, OutgoingEmail

    org_id = person.organisation_id
    if person.email:
        OutgoingEmail._base_manager.filter(
            organisation_id=org_id, to_address__iexact=person.email
        ).delete()
    _scrub_text(OutgoingEmail, models.Q(organisation_id=org_id), replacements)
    _scrub_text(Notification, models.Q(person__organisation_id=org_id), replacements)
    if person.member_number:
        ImportRowIssue._base_manager.filter(
            job__organisation_id=org_id, member_number=person.member_number
        ).delete()
