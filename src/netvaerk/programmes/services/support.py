"""The focused-support track: the office (and the programme's owners) select branches, record
why (criteria met and a reason), a focus theme and a contact in the branch, move each branch
through its statuses as SUPPORT_TRANSITIONS allow, and keep a case log of support given and
agreements made. Every status change is written to the case log and the audit log."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.organisations.models import Branch
from netvaerk.people.models import Person
from netvaerk.programmes.models import (
    SUPPORT_TRANSITIONS,
    CaseEntry,
    CaseEntryKind,
    Programme,
    SelectionCriterion,
    SupportedBranch,
    SupportStatus,
)

# Kinds a person writes in the case log; status entries are written by a status change.
LOG_KINDS = (
    CaseEntryKind.SUPPORT,
    CaseEntryKind.AGREEMENT,
    CaseEntryKind.MEETING,
    CaseEntryKind.NOTE,
)


def _refuse_unless_manages(actor: Actor, programme: Programme) -> None:
    if not actor.can("programmes.manage_support", programme):
        raise ServiceError(_("You may not change this programme's focused support."))


@transaction.atomic
def criterion_add(*, actor: Actor, programme: Programme, text: str) -> SelectionCriterion:
    _refuse_unless_manages(actor, programme)
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the criterion."), field="text")
    if programme.criteria.filter(text__iexact=text).exists():
        raise ServiceError(
            _("The programme already has the criterion “%(text)s”.") % {"text": text},
            field="text",
        )
    last = programme.criteria.aggregate(m=Max("position"))["m"]
    criterion = SelectionCriterion.objects.create(
        organisation=programme.organisation,
        programme=programme,
        text=text,
        position=(last or 0) + 1,
    )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.criterion_add",
        obj=criterion,
        data={"programme": programme.pk, "text": text},
    )
    return criterion


def _contact(branch: Branch, contact: Person | None, contact_email: str) -> Person | None:
    """The contact: chosen from the branch's persons, or found by e-mail in the branch."""
    email = contact_email.strip()
    if contact is not None and email:
        raise ServiceError(
            _("Choose the contact or write an e-mail address, not both."), field="contact_email"
        )
    if email:
        contact = (
            Person.objects.filter(
                organisation_id=branch.organisation_id, branch=branch, email__iexact=email
            )
            .order_by("pk")
            .first()
        )
        if contact is None:
            raise ServiceError(
                _("No person of %(branch)s has the e-mail address %(email)s.")
                % {"branch": branch.name, "email": email},
                field="contact_email",
            )
        return contact
    if contact is not None and (
        contact.organisation_id != branch.organisation_id or contact.branch_id != branch.pk
    ):
        raise ServiceError(
            _("%(person)s is not a person of %(branch)s.")
            % {"person": contact.name, "branch": branch.name},
            field="contact",
        )
    return contact


def _check_details(
    programme: Programme,
    criteria: Iterable[SelectionCriterion],
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
) -> list[SelectionCriterion]:
    criteria = list(criteria)
    if any(c.programme_id != programme.pk for c in criteria):
        raise ServiceError(_("Tick only this programme's criteria."), field="criteria")
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(_("The support cannot end before it starts."), field="ends_on")
    return criteria


@transaction.atomic
def branch_select(
    *,
    actor: Actor,
    programme: Programme,
    branch: Branch,
    criteria: Iterable[SelectionCriterion] = (),
    selection_reason: str = "",
    focus_theme: str = "",
    contact: Person | None = None,
    contact_email: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> SupportedBranch:
    """Selects a branch for focused support: it is invited."""
    _refuse_unless_manages(actor, programme)
    if branch.organisation_id != programme.organisation_id:
        raise ServiceError(
            _("Choose one of the organisation's own %(branches)s.")
            % {"branches": programme.organisation.branches_word},
            field="branch",
        )
    duplicate = _("%(branch)s is already in the focused support.") % {"branch": branch.name}
    if SupportedBranch.objects.filter(programme=programme, branch=branch).exists():
        raise ServiceError(duplicate, field="branch")
    criteria = _check_details(programme, criteria, starts_on, ends_on)
    person = _contact(branch, contact, contact_email)
    try:
        with transaction.atomic():
            supported = SupportedBranch.objects.create(
                organisation=programme.organisation,
                programme=programme,
                branch=branch,
                status=SupportStatus.INVITED,
                selection_reason=selection_reason.strip(),
                focus_theme=focus_theme.strip(),
                contact=person,
                selected_by=actor.person,
                starts_on=starts_on,
                ends_on=ends_on,
            )
    except IntegrityError:
        raise ServiceError(duplicate, field="branch") from None
    supported.criteria.set(criteria)
    CaseEntry.objects.create(
        organisation=programme.organisation,
        supported=supported,
        kind=CaseEntryKind.STATUS,
        happened_on=today or timezone.localdate(),
        text=_("Selected for focused support and invited."),
        author=actor.person,
    )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.support_select",
        obj=supported,
        data={"branch": branch.pk, "criteria": [c.pk for c in criteria]},
        reason=selection_reason.strip(),
    )
    return supported


@transaction.atomic
def supported_update(
    *,
    actor: Actor,
    supported: SupportedBranch,
    criteria: Iterable[SelectionCriterion],
    selection_reason: str,
    focus_theme: str,
    contact: Person | None,
    contact_email: str = "",
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
) -> SupportedBranch:
    programme = supported.programme
    _refuse_unless_manages(actor, programme)
    criteria = _check_details(programme, criteria, starts_on, ends_on)
    supported.contact = _contact(supported.branch, contact, contact_email)
    supported.selection_reason = selection_reason.strip()
    supported.focus_theme = focus_theme.strip()
    supported.starts_on = starts_on
    supported.ends_on = ends_on
    supported.save(
        update_fields=["contact", "selection_reason", "focus_theme", "starts_on", "ends_on"]
    )
    supported.criteria.set(criteria)
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.support_update",
        obj=supported,
        data={"criteria": [c.pk for c in criteria], "contact": supported.contact_id},
    )
    return supported


def transition_message(current: str, wanted: str) -> str:
    allowed = sorted(SUPPORT_TRANSITIONS[SupportStatus(current)])
    current_label = SupportStatus(current).label
    if not allowed:
        return _("%(current)s is final: the status cannot change any more.") % {
            "current": current_label
        }
    return _(
        "A branch cannot go from %(current)s to %(wanted)s. From %(current)s it can go to: "
        "%(allowed)s."
    ) % {
        "current": current_label,
        "wanted": SupportStatus(wanted).label,
        "allowed": ", ".join(str(SupportStatus(s).label) for s in allowed),
    }


@transaction.atomic
def supported_set_status(
    *,
    actor: Actor,
    supported: SupportedBranch,
    status: str,
    note: str = "",
    today: datetime.date | None = None,
) -> SupportedBranch:
    programme = supported.programme
    _refuse_unless_manages(actor, programme)
    if status not in SupportStatus.values:
        raise ServiceError(_("Choose one of the statuses offered."), field="status")
    # Read the status again under a lock: two people may change it at once.
    current = (
        SupportedBranch.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=supported.pk)
    )
    if status == current:
        raise ServiceError(
            _("%(branch)s already has the status %(status)s.")
            % {"branch": supported.branch.name, "status": SupportStatus(status).label},
            field="status",
        )
    if status not in SUPPORT_TRANSITIONS[SupportStatus(current)]:
        raise ServiceError(transition_message(current, status), field="status")
    supported.status = status
    supported.status_changed_at = timezone.now()
    supported.save(update_fields=["status", "status_changed_at"])
    text = _("Status changed from %(old)s to %(new)s.") % {
        "old": SupportStatus(current).label,
        "new": SupportStatus(status).label,
    }
    if note.strip():
        text = f"{text}\n\n{note.strip()}"
    CaseEntry.objects.create(
        organisation=programme.organisation,
        supported=supported,
        kind=CaseEntryKind.STATUS,
        happened_on=today or timezone.localdate(),
        text=text,
        author=actor.person,
    )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.support_status",
        obj=supported,
        data={"from": current, "to": status},
        reason=note.strip(),
    )
    return supported


@transaction.atomic
def case_entry_add(
    *,
    actor: Actor,
    supported: SupportedBranch,
    kind: str,
    happened_on: datetime.date,
    text: str,
    today: datetime.date | None = None,
) -> CaseEntry:
    programme = supported.programme
    _refuse_unless_manages(actor, programme)
    if kind not in LOG_KINDS:
        raise ServiceError(_("Choose one of the kinds offered."), field="kind")
    if happened_on > (today or timezone.localdate()):
        raise ServiceError(
            _("The case log records what has happened: choose today or an earlier day."),
            field="happened_on",
        )
    text = text.strip()
    if not text:
        raise ServiceError(_("Write what happened."), field="text")
    entry = CaseEntry.objects.create(
        organisation=programme.organisation,
        supported=supported,
        kind=kind,
        happened_on=happened_on,
        text=text,
        author=actor.person,
    )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.case_entry_add",
        obj=supported,
        data={"kind": kind, "day": happened_on.isoformat()},
    )
    return entry
