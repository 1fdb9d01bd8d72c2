"""Retention: how long the organisation keeps each kind of data, and the run that removes
what is older (a scheduled task, the `apply_retention` command, or the data-protection staff's
"apply now").

What each rule removes, set-based and in batches:
- ended network memberships: the rows. The reach trend is recomputed from memberships over
  the last `TREND_MONTHS` months, so the rule may not be shorter than that: a spell the trend
  still counts is never removed, and the history it shows does not change.
- registrations for past events: the registrations are deleted (a registration cannot exist
  without a person or an e-mail), and the attendance of those events is anonymised (no
  person, no e-mail, a neutral name), so that the number who came stays right. The reach
  trend counts a member as engaged for a year after an event, so this rule may not be
  shorter than the trend and that year together.
- unconfirmed logins: never confirmed, never used, whose persons are bare contacts here.
- inactive contacts (not members, nothing done since the cut-off): erased the way a person
  asking for it is (`erasure.erase_persons`): what counts stays under an anonymous stand-in.
- closed sparring requests: the rows with their history.
- the access log: entries older than the cut-off. The log is append-only everywhere else;
  this is the one sanctioned exception (`_delete_access_entries`)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netvaerk.competences.models import Profile, SparringRequest
from netvaerk.competences.models import RequestStatus as SparringStatus
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require
from netvaerk.meetings.models import Attendance, Registration
from netvaerk.networks.models import Membership, MembershipStatus
from netvaerk.organisations.models import Organisation, RoleAssignment
from netvaerk.people.models import Person
from netvaerk.privacy.models import (
    AccessedPerson,
    AccessEntry,
    DataRequest,
    Erasure,
    RequestStatus,
    RetentionKind,
    RetentionRule,
    RetentionRun,
)
from netvaerk.privacy.services.erasure import erase_persons
from netvaerk.reach.models import TREND_MONTHS

MONTHS_MIN = 1
MONTHS_MAX = 240
# The shortest each kind may be kept, where shorter would change something that must stay.
# Attendance counts a member as engaged for a year after an event, and the trend looks back
# TREND_MONTHS from today: attendance younger than both together may still be counted.
ENGAGEMENT_MONTHS = 12
KIND_MONTHS_MIN = {
    RetentionKind.ENDED_MEMBERSHIPS: TREND_MONTHS,
    RetentionKind.PAST_REGISTRATIONS: TREND_MONTHS + ENGAGEMENT_MONTHS,
}
BATCH = 2000
ERASE_BATCH = 200
EXAMPLES = 3
# What an anonymised attendance is called: the row must keep a name (a guest's), never one
# of a person.
ANONYMOUS = "–"

ENDED_MEMBERSHIP_STATUSES = (
    MembershipStatus.LEFT,
    MembershipStatus.DECLINED,
    MembershipStatus.WITHDRAWN,
)
ENDED_SPARRING_STATUSES = (SparringStatus.CLOSED, SparringStatus.DECLINED, SparringStatus.WITHDRAWN)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same instant `months` calendar months earlier (the 31st becomes the month's last)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


# --- the rules ---------------------------------------------------------------------------


@transaction.atomic
def retention_rule_set(*, actor: Actor, kind: str, months: int, active: bool) -> RetentionRule:
    require(
        actor,
        "privacy.edit_retention",
        None,
        _("Only the data-protection staff and the administrators change the retention rules."),
    )
    if kind not in RetentionKind.values:
        raise ServiceError(_("There is no such retention rule."), field="kind")
    least = KIND_MONTHS_MIN.get(RetentionKind(kind), MONTHS_MIN)
    if not isinstance(months, int) or isinstance(months, bool) or not least <= months <= MONTHS_MAX:
        raise ServiceError(
            _("Give a whole number of months from %(min)d to %(max)d.")
            % {"min": least, "max": MONTHS_MAX},
            field="months",
        )
    organisation = actor.organisation
    rule = (
        RetentionRule.objects.select_for_update()
        .filter(organisation=organisation, kind=kind)
        .first()
    )
    before = {"months": rule.months, "active": rule.active} if rule else None
    if rule is None:
        rule = RetentionRule(organisation=organisation, kind=kind)
    rule.months = months
    rule.active = bool(active)
    rule.updated_at = timezone.now()
    rule.updated_by = actor.person
    if rule.pk is None:
        rule.save()
    else:
        rule.save(update_fields=["months", "active", "updated_at", "updated_by"])
    log_action(
        actor=actor,
        organisation=organisation,
        action="privacy.retention_rule_set",
        obj=rule,
        data={"kind": kind, "before": before, "after": {"months": months, "active": active}},
    )
    return rule


# --- what each rule covers -----------------------------------------------------------------


def _ended_memberships(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    return (
        Membership.objects.filter(organisation=org, status__in=ENDED_MEMBERSHIP_STATUSES)
        .annotate(
            ended=Coalesce("left_at", "decided_at", "requested_at", output_field=DateTimeField())
        )
        .filter(ended__lt=cutoff)
    )


def _past_registrations(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    return Registration.objects.filter(organisation=org, event__ends_at__lt=cutoff)


def _past_attendance(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    anonymous = Q(person__isnull=True, registration__isnull=True, email="", name=ANONYMOUS)
    return Attendance.objects.filter(organisation=org, event__ends_at__lt=cutoff).exclude(anonymous)


def _unconfirmed_accounts(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    from allauth.account.models import EmailAddress

    from netvaerk.accounts.models import User

    # A login is kept if any of its persons, in any organisation, is more than a contact.
    engaged = Person.objects.filter(user=OuterRef("pk")).filter(
        Q(is_member=True)
        | Exists(Membership.objects.filter(person=OuterRef("pk")))
        | Exists(RoleAssignment.objects.filter(person=OuterRef("pk")))
        | Exists(Profile.objects.filter(person=OuterRef("pk")))
    )
    return (
        User.objects.filter(
            last_login__isnull=True,
            date_joined__lt=cutoff,
            is_staff=False,
            is_superuser=False,
        )
        .filter(Exists(Person.objects.filter(user=OuterRef("pk"), organisation=org)))
        .exclude(Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)))
        .exclude(Exists(engaged))
    )


def _inactive_contacts(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    person = OuterRef("pk")
    return (
        Person.objects.filter(organisation=org, is_member=False, created_at__lt=cutoff)
        .exclude(
            Exists(
                Membership.objects.filter(person=person).exclude(
                    status__in=ENDED_MEMBERSHIP_STATUSES
                )
            )
        )
        .exclude(Exists(Membership.objects.filter(person=person, left_at__gte=cutoff)))
        .exclude(Exists(Registration.objects.filter(person=person, registered_at__gte=cutoff)))
        .exclude(Exists(Attendance.objects.filter(person=person, recorded_at__gte=cutoff)))
        .exclude(Exists(Profile.objects.filter(person=person, updated_at__gte=cutoff)))
        # A stand-in holds the counts of someone already erased: it is never erased again.
        .exclude(Exists(Erasure.objects.filter(stand_in=person)))
        .exclude(
            Exists(
                SparringRequest.objects.filter(
                    Q(requester=person) | Q(recipient=person), created_at__gte=cutoff
                )
            )
        )
        .exclude(Exists(RoleAssignment.objects.filter(person=person, ended_at__isnull=True)))
        .exclude(Exists(DataRequest.objects.filter(person=person, status=RequestStatus.OPEN)))
        .exclude(user__last_login__gte=cutoff)
    )


def _closed_sparring(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    return (
        SparringRequest.objects.filter(organisation=org, status__in=ENDED_SPARRING_STATUSES)
        .annotate(
            ended=Coalesce("closed_at", "answered_at", "created_at", output_field=DateTimeField())
        )
        .filter(ended__lt=cutoff)
    )


def _old_access_entries(org: Organisation, cutoff: datetime.datetime) -> QuerySet[Any]:
    return AccessEntry.objects.filter(organisation=org, at__lt=cutoff)


# --- examples that name no one -------------------------------------------------------------


def _day(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def _examples(kind: str, org: Organisation, cutoff: datetime.datetime) -> list[str]:
    if kind == RetentionKind.ENDED_MEMBERSHIPS:
        rows = _ended_memberships(org, cutoff).order_by("ended").values("network__name", "ended")
        return [
            _("A membership of %(network)s that ended on %(date)s.")
            % {"network": row["network__name"], "date": _day(row["ended"])}
            for row in rows[:EXAMPLES]
        ]
    if kind == RetentionKind.PAST_REGISTRATIONS:
        rows = (
            _past_registrations(org, cutoff)
            .order_by("event__ends_at")
            .values("event__title", "event__ends_at")
            .distinct()
        )
        return [
            _("A registration for “%(event)s” of %(date)s.")
            % {"event": row["event__title"], "date": _day(row["event__ends_at"])}
            for row in rows[:EXAMPLES]
        ]
    if kind == RetentionKind.UNCONFIRMED_ACCOUNTS:
        dates = _unconfirmed_accounts(org, cutoff).order_by("date_joined")
        return [
            _("A login made on %(date)s and never confirmed.") % {"date": _day(day)}
            for day in dates.values_list("date_joined", flat=True)[:EXAMPLES]
        ]
    if kind == RetentionKind.INACTIVE_CONTACTS:
        dates = _inactive_contacts(org, cutoff).order_by("created_at")
        return [
            _("A contact added on %(date)s with no activity since.") % {"date": _day(day)}
            for day in dates.values_list("created_at", flat=True)[:EXAMPLES]
        ]
    if kind == RetentionKind.CLOSED_SPARRING:
        dates = _closed_sparring(org, cutoff).order_by("ended")
        return [
            _("A sparring request closed on %(date)s.") % {"date": _day(day)}
            for day in dates.values_list("ended", flat=True)[:EXAMPLES]
        ]
    dates = _old_access_entries(org, cutoff).order_by("at")
    return [
        _("An access log entry of %(date)s.") % {"date": _day(day)}
        for day in dates.values_list("at", flat=True)[:EXAMPLES]
    ]


def _count(kind: str, org: Organisation, cutoff: datetime.datetime) -> int:
    if kind == RetentionKind.ENDED_MEMBERSHIPS:
        return _ended_memberships(org, cutoff).count()
    if kind == RetentionKind.PAST_REGISTRATIONS:
        return _past_registrations(org, cutoff).count() + _past_attendance(org, cutoff).count()
    if kind == RetentionKind.UNCONFIRMED_ACCOUNTS:
        return _unconfirmed_accounts(org, cutoff).count()
    if kind == RetentionKind.INACTIVE_CONTACTS:
        return _inactive_contacts(org, cutoff).count()
    if kind == RetentionKind.CLOSED_SPARRING:
        return _closed_sparring(org, cutoff).count()
    return _old_access_entries(org, cutoff).count()


# --- the preview -------------------------------------------------------------------------


@dataclass
class RetentionPreview:
    rule: RetentionRule
    cutoff: datetime.datetime
    count: int
    examples: list[str] = field(default_factory=list)


def active_rules(organisation: Organisation) -> list[RetentionRule]:
    return list(RetentionRule.objects.filter(organisation=organisation, active=True))


def retention_preview(
    *, organisation: Organisation, on: datetime.datetime | None = None
) -> list[RetentionPreview]:
    """What the next run would remove, rule by rule: how many, and a few examples described
    without naming anyone."""
    now = on or timezone.now()
    previews = []
    for rule in active_rules(organisation):
        cutoff = months_before(now, rule.months)
        previews.append(
            RetentionPreview(
                rule=rule,
                cutoff=cutoff,
                count=_count(rule.kind, organisation, cutoff),
                examples=_examples(rule.kind, organisation, cutoff),
            )
        )
    return previews


# --- the run -----------------------------------------------------------------------------


def _in_batches(
    queryset: QuerySet[Any], remove: Callable[[list[Any]], int], size: int = BATCH
) -> int:
    """Remove what the queryset finds, `size` rows at a time, each batch its own transaction,
    so that a long run neither holds locks for long nor loses all its work when stopped."""
    removed = 0
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return removed
        with transaction.atomic():
            removed += remove(ids)
        if len(ids) < size:
            return removed


def _delete(model: Any) -> Callable[[list[Any]], int]:
    def remove(ids: list[Any]) -> int:
        model.objects.filter(pk__in=ids).delete()
        return len(ids)

    return remove


def _anonymise_attendance(ids: list[int]) -> int:
    return Attendance.objects.filter(pk__in=ids).update(
        person=None, registration=None, email="", name=ANONYMOUS
    )


def _delete_access_entries(ids: list[int]) -> int:
    """The access log's one sanctioned deletion: retention. Everywhere else the log is
    append-only (its queryset refuses delete()), so the rows go by a raw delete here, the
    persons they showed first."""
    AccessedPerson.objects.filter(entry_id__in=ids)._raw_delete(AccessedPerson.objects.db)
    query = AccessEntry.objects.filter(pk__in=ids)
    return query._raw_delete(query.db)


def _erase_contacts(organisation: Organisation) -> Callable[[list[int]], int]:
    """Inactive contacts are erased the way a person asking for it is (`erase_persons`):
    their old registrations, attendance and sparring go on counting under a stand-in, and
    nothing names them any more. A smaller batch than the other rules: each person costs
    a stand-in and their rows in several tables."""

    def remove(ids: list[int]) -> int:
        persons = list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        with translation.override(organisation.language):
            reason = _("Retention rule: inactive contacts.")
        erase_persons(organisation=organisation, persons=persons, reason=reason)
        return len(persons)

    return remove


def _apply_rule(kind: str, org: Organisation, cutoff: datetime.datetime) -> int:
    if kind == RetentionKind.ENDED_MEMBERSHIPS:
        return _in_batches(_ended_memberships(org, cutoff), _delete(Membership))
    if kind == RetentionKind.PAST_REGISTRATIONS:
        # Attendance first: it points at the registrations that go next.
        anonymised = _in_batches(_past_attendance(org, cutoff), _anonymise_attendance)
        return anonymised + _in_batches(_past_registrations(org, cutoff), _delete(Registration))
    if kind == RetentionKind.UNCONFIRMED_ACCOUNTS:
        from netvaerk.accounts.models import User

        return _in_batches(_unconfirmed_accounts(org, cutoff), _delete(User))
    if kind == RetentionKind.INACTIVE_CONTACTS:
        return _in_batches(_inactive_contacts(org, cutoff), _erase_contacts(org), size=ERASE_BATCH)
    if kind == RetentionKind.CLOSED_SPARRING:
        return _in_batches(_closed_sparring(org, cutoff), _delete(SparringRequest))
    return _in_batches(_old_access_entries(org, cutoff), _delete_access_entries)


def retention_apply(
    *, organisation: Organisation, trigger: str, actor: Actor | None = None
) -> RetentionRun:
    """Remove what the preview shows, rule by rule, and record how much of each kind went.
    `actor` is the staff member who pressed "apply now" (None for the schedule and cron)."""
    if actor is not None:
        require(
            actor,
            "privacy.edit_retention",
            None,
            _("Only the data-protection staff and the administrators apply the retention rules."),
        )
    now = timezone.now()
    run = RetentionRun.objects.create(organisation=organisation, started_at=now, trigger=trigger)
    removed: dict[str, int] = {}
    for rule in active_rules(organisation):
        removed[rule.kind] = _apply_rule(rule.kind, organisation, months_before(now, rule.months))
    run.removed = removed
    run.finished_at = timezone.now()
    run.save(update_fields=["removed", "finished_at"])
    log_action(
        actor=actor,
        organisation=organisation,
        action="privacy.retention_applied",
        obj=run,
        data={"trigger": trigger, "removed": removed},
    )
    return run
