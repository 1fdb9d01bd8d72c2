"""The annual conference: its programme (items and speakers) and its budget (seed 000: venue
and catering are paid centrally by agreement with the office; travel is not covered).

The network drafts the budget and submits it; the office approves, adjusts or rejects every
line to be covered centrally, or returns the budget to the network; after the event the
actual costs are recorded, also costs that were not in the budget. Every write checks the
actor's right itself, writes the audit log and tells those concerned once it has committed.

Amounts are DKK. They are read from what people type: Danish ("12.500,50"), plain
("12500.50") or with spaces ("12 500")."""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, F, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.mail import notify_persons
from netvaerk.meetings.models import (
    CENTRALLY_COVERED_CATEGORIES,
    BudgetCategory,
    BudgetLine,
    BudgetStatus,
    ConferenceBudget,
    ConferenceSession,
    Coverage,
    Event,
    EventKind,
    LineDecision,
    Speaker,
)
from netvaerk.networks.models import LEAD_ROLES, MembershipStatus
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person

# A conference budget line above this is a typing mistake, not a cost.
MAX_AMOUNT = Decimal("10000000")
TWO_PLACES = Decimal("0.01")

# What the office may decide on a line covered centrally.
APPROVE, ADJUST, REJECT = "approve", "adjust", "reject"
DECISIONS = (APPROVE, ADJUST, REJECT)
APPROVED_DECISIONS = (LineDecision.APPROVED, LineDecision.ADJUSTED)


# --- amounts ------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_CURRENCY = re.compile(r"^(dkk|kr\.?)|(dkk|kr\.?|,-|\.-)$", re.IGNORECASE)


def _amount_message() -> str:
    return _("Write the amount in kroner as a number, for example 12.500,50 or 12500.50.")


def parse_amount(value: str | Decimal | int | None, *, field: str = "amount") -> Decimal:
    """A non-negative amount in DKK with at most two decimals, below MAX_AMOUNT.

    A separator followed by exactly three digits groups thousands ("12.500", "12,500");
    followed by one or two digits it is the decimal point ("12,5", "12500.50"); with both
    kinds, the last one is the decimal point ("1.250.000,75", "1,250,000.75")."""
    if value is None:
        raise ServiceError(_amount_message(), field=field)
    amount = Decimal(value) if isinstance(value, Decimal | int) else _parse_text(value, field=field)
    if not amount.is_finite():
        raise ServiceError(_amount_message(), field=field)
    if amount < 0:
        raise ServiceError(_("An amount cannot be negative."), field=field)
    if amount != amount.quantize(TWO_PLACES):
        raise ServiceError(_("An amount has at most two decimals (øre)."), field=field)
    if amount > MAX_AMOUNT:
        raise ServiceError(
            _("An amount above %(limit)s is more than a conference budget line can be; check it.")
            % {"limit": format_dkk(MAX_AMOUNT, translation.get_language() or "da")},
            field=field,
        )
    return amount.quantize(TWO_PLACES)


def _parse_text(value: str, *, field: str) -> Decimal:
    text = _SPACES.sub("", str(value))
    for _round in range(2):
        text = _CURRENCY.sub("", text)
    text = text.replace("\u2212", "-")
    if text.startswith("-"):
        if re.fullmatch(r"-[\d.,]+", text):
            raise ServiceError(_("An amount cannot be negative."), field=field)
        raise ServiceError(_amount_message(), field=field)
    if not text or not re.fullmatch(r"[\d.,]+", text) or not text[0].isdigit():
        raise ServiceError(_amount_message(), field=field)
    last = max(text.rfind("."), text.rfind(","))
    if last == -1:
        whole, decimals = text, ""
    elif len(text) - last - 1 == 3 and text.count(text[last]) >= 1 and _grouped(text):
        # Every separator groups thousands: "12.500", "1.250.000", "12,500".
        whole, decimals = text, ""
    else:
        whole, decimals = text[:last], text[last + 1 :]
        if not decimals or len(decimals) > 2 or not decimals.isdigit():
            raise ServiceError(_amount_message(), field=field)
    if whole != re.sub(r"[.,]", "", whole):
        if not _grouped(whole):
            raise ServiceError(_amount_message(), field=field)
        whole = re.sub(r"[.,]", "", whole)
    try:
        return Decimal(f"{whole}.{decimals or '0'}")
    except InvalidOperation:
        raise ServiceError(_amount_message(), field=field) from None


def _grouped(text: str) -> bool:
    """Digits grouped in threes by one kind of separator: 12.500 or 1,250,000."""
    return bool(re.fullmatch(r"\d{1,3}(\.\d{3})+", text) or re.fullmatch(r"\d{1,3}(,\d{3})+", text))


def format_dkk(amount: Decimal | int | float | None, language: str = "da") -> str:
    """12.500,00 kr. in Danish, DKK 12,500.00 in English; a dash for no amount."""
    if amount is None or amount == "":
        return "—"
    value = Decimal(amount).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, decimals = f"{abs(value):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    if language.startswith("da"):
        return f"{sign}{'.'.join(groups)},{decimals} kr."
    return f"{sign}DKK {','.join(groups)}.{decimals}"


# --- common -------------------------------------------------------------------------------


def _conference(actor: Actor, event: Event) -> None:
    same_organisation(actor, event)
    if event.kind != EventKind.CONFERENCE:
        raise ServiceError(_("Only a conference has a programme and a budget."))


def _text(value: str, *, field: str, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(message, field=field)
    if len(value) > limit:
        raise ServiceError(
            _("Keep it to %(limit)s characters.") % {"limit": limit},
            field=field,
        )
    return value


def _notify(persons: Iterable[Person], template: str, *, url: str, **context: Any) -> None:
    recipients = list(persons)
    if not recipients:
        return
    transaction.on_commit(
        lambda: notify_persons(
            persons=recipients,
            template=f"meetings/email/{template}",
            context=context,
            url=url,
        )
    )


def budget_url(event: Event) -> str:
    return reverse("meetings:budget", kwargs={"org": event.organisation.slug, "event_id": event.pk})


def programme_url(event: Event) -> str:
    return reverse(
        "meetings:programme", kwargs={"org": event.organisation.slug, "event_id": event.pk}
    )


def office_staff(*, organisation: Any) -> list[Person]:
    """The office: staff persons of the organisation."""
    return list(
        Person.objects.filter(
            organisation=organisation,
            role_assignments__role=OrgRole.STAFF,
            role_assignments__ended_at__isnull=True,
        ).distinct()
    )


def network_leads(*, event: Event) -> list[Person]:
    """The network's chair and coordination group (none for the office's own conference)."""
    if event.network_id is None:
        return []
    return list(
        Person.objects.filter(
            memberships__network_id=event.network_id,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role__in=LEAD_ROLES,
        ).distinct()
    )


# --- the programme ------------------------------------------------------------------------


def _check_session_times(
    event: Event, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ServiceError(_("Give the time of day in the conference's time zone."))
    if ends_at <= starts_at:
        raise ServiceError(_("A programme item must end after it starts."), field="end")
    first, last = event.local_start.date(), event.local_end.date()
    start_day = starts_at.astimezone(event.tz).date()
    end_day = ends_at.astimezone(event.tz).date()
    if start_day < first or end_day > last:
        if first == last:
            message = _("The programme item must lie on the day of the conference, %(day)s.") % {
                "day": formats.date_format(first, "DATE_FORMAT")
            }
        else:
            message = _(
                "The programme item must lie within the days of the conference, "
                "%(first)s to %(last)s."
            ) % {
                "first": formats.date_format(first, "DATE_FORMAT"),
                "last": formats.date_format(last, "DATE_FORMAT"),
            }
        raise ServiceError(message, field="day")


def _check_programme_right(actor: Actor, event: Event) -> None:
    _conference(actor, event)
    require(
        actor,
        "meetings.edit_event",
        event,
        _("Only those who run a scheduled conference change its programme."),
    )


@transaction.atomic
def session_add(
    *,
    actor: Actor,
    event: Event,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
    description: str = "",
) -> ConferenceSession:
    _check_programme_right(actor, event)
    title = _text(title, field="title", message=_("Give the programme item a title."), limit=200)
    _check_session_times(event, starts_at, ends_at)
    session = ConferenceSession.objects.create(
        organisation=event.organisation,
        event=event,
        title=title,
        description=(description or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        room=(room or "").strip()[:100],
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="conference.session_added",
        obj=session,
        data={"event": event.pk, "starts_at": starts_at.isoformat()},
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: Actor,
    session: ConferenceSession,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
    description: str = "",
) -> ConferenceSession:
    event = session.event
    _check_programme_right(actor, event)
    session.title = _text(
        title, field="title", message=_("Give the programme item a title."), limit=200
    )
    _check_session_times(event, starts_at, ends_at)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room = (room or "").strip()[:100]
    session.description = (description or "").strip()
    session.save(update_fields=["title", "starts_at", "ends_at", "room", "description"])
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="conference.session_updated",
        obj=session,
        data={"event": event.pk, "starts_at": starts_at.isoformat()},
    )
    return session


@transaction.atomic
def session_remove(*, actor: Actor, session: ConferenceSession) -> None:
    event = session.event
    _check_programme_right(actor, event)
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="conference.session_removed",
        obj=session,
        data={"event": event.pk},
    )
    session.delete()


@transaction.atomic
def speaker_add(
    *,
    actor: Actor,
    session: ConferenceSession,
    person: Person | None = None,
    name: str = "",
    affiliation: str = "",
) -> Speaker:
    """A person of the organisation, or a guest named here (with their title or affiliation)."""
    event = session.event
    _check_programme_right(actor, event)
    name = (name or "").strip()
    if person is not None and name:
        raise ServiceError(_("Choose a person or name a guest speaker, not both."), field="name")
    if person is None and not name:
        raise ServiceError(
            _("Choose a person of the organisation or name a guest speaker."), field="name"
        )
    if person is not None:
        same_organisation(actor, person)
    if len(name) > 200:
        raise ServiceError(_("Keep it to %(limit)s characters.") % {"limit": 200}, field="name")
    if person is not None and session.speakers.filter(person=person).exists():
        raise ServiceError(_("%(name)s already speaks here.") % {"name": person.name})
    position = (session.speakers.aggregate(top=Max("position"))["top"] or 0) + 1
    speaker = Speaker.objects.create(
        organisation=event.organisation,
        session=session,
        person=person,
        name=name,
        affiliation=(affiliation or "").strip()[:200],
        position=position,
    )
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="conference.speaker_added",
        obj=speaker,
        data={"session": session.pk, "person": person.pk if person else None},
    )
    return speaker


@transaction.atomic
def speaker_remove(*, actor: Actor, speaker: Speaker) -> None:
    session = speaker.session
    _check_programme_right(actor, session.event)
    log_action(
        actor=actor,
        organisation=session.organisation,
        action="conference.speaker_removed",
        obj=speaker,
        data={"session": session.pk},
    )
    speaker.delete()


@transaction.atomic
def speaker_move(*, actor: Actor, speaker: Speaker, direction: str) -> Speaker:
    """One place up or down among the session's speakers."""
    session = speaker.session
    _check_programme_right(actor, session.event)
    if direction not in ("up", "down"):
        raise ServiceError(_("Move a speaker up or down."))
    speakers = list(session.speakers.select_for_update().order_by("position", "pk"))
    index = next(i for i, s in enumerate(speakers) if s.pk == speaker.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(speakers):
        speakers[index], speakers[other] = speakers[other], speakers[index]
    for position, item in enumerate(speakers, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    log_action(
        actor=actor,
        organisation=session.organisation,
        action="conference.speaker_moved",
        obj=speaker,
        data={"session": session.pk, "direction": direction},
    )
    return next(s for s in speakers if s.pk == speaker.pk)


# --- the budget ---------------------------------------------------------------------------


def budget_of(event: Event) -> ConferenceBudget | None:
    return ConferenceBudget.objects.filter(event=event).first()


def _budget_for(event: Event) -> ConferenceBudget:
    """The conference's budget, created on first need."""
    budget, _created = ConferenceBudget.objects.get_or_create(
        event=event, defaults={"organisation": event.organisation}
    )
    return budget


def _lock(budget: ConferenceBudget) -> ConferenceBudget:
    return (
        ConferenceBudget.objects.select_for_update(of=("self",))
        .select_related("event", "event__network", "event__organisation")
        .get(pk=budget.pk)
    )


def default_coverage(category: str) -> str:
    return Coverage.CENTRAL if category in CENTRALLY_COVERED_CATEGORIES else Coverage.NOT_COVERED


def _line_fields(
    *, category: str, description: str, amount: str | Decimal, coverage: str | None
) -> dict[str, Any]:
    if category not in BudgetCategory.values:
        raise ServiceError(_("Choose a category for the line."), field="category")
    description = _text(
        description, field="description", message=_("Describe the line."), limit=300
    )
    value = parse_amount(amount)
    coverage = coverage or default_coverage(category)
    if coverage not in Coverage.values:
        raise ServiceError(_("Choose who pays for the line."), field="coverage")
    if category == BudgetCategory.TRAVEL and coverage == Coverage.CENTRAL:
        raise ServiceError(
            _(
                "Travel is not covered centrally: by agreement with the office, the "
                "organisation pays for venue and catering, not for travel to the conference."
            ),
            field="coverage",
        )
    return {"category": category, "description": description, "amount": value, "coverage": coverage}


def _check_draft(actor: Actor, budget: ConferenceBudget) -> None:
    if budget.status != BudgetStatus.DRAFT:
        raise ServiceError(
            _(
                "The budget has been submitted to the office and can no longer be changed. "
                "Ask the office to return it to you for changes."
            )
        )
    require(
        actor,
        "meetings.edit_budget",
        budget,
        _("Only those who run the conference draft its budget."),
    )


@transaction.atomic
def budget_line_add(
    *,
    actor: Actor,
    event: Event,
    category: str,
    description: str,
    amount: str | Decimal,
    coverage: str | None = None,
) -> BudgetLine:
    """A planned line. Without a coverage, the category decides it: venue and catering are
    covered centrally, everything else is not."""
    _conference(actor, event)
    budget = _lock(_budget_for(event))
    _check_draft(actor, budget)
    fields = _line_fields(
        category=category, description=description, amount=amount, coverage=coverage
    )
    position = (budget.lines.aggregate(top=Max("position"))["top"] or 0) + 1
    line = BudgetLine.objects.create(
        organisation=budget.organisation, budget=budget, position=position, **fields
    )
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_line_added",
        obj=line,
        data={
            "event": event.pk,
            "category": line.category,
            "amount": str(line.amount),
            "coverage": line.coverage,
        },
    )
    return line


@transaction.atomic
def budget_line_update(
    *,
    actor: Actor,
    line: BudgetLine,
    category: str,
    description: str,
    amount: str | Decimal,
    coverage: str | None = None,
) -> BudgetLine:
    same_organisation(actor, line)
    budget = _lock(line.budget)
    _check_draft(actor, budget)
    if line.unbudgeted:
        raise ServiceError(
            _(
                "A cost that was not in the budget can only be changed together with the "
                "actual costs."
            )
        )
    fields = _line_fields(
        category=category, description=description, amount=amount, coverage=coverage
    )
    for name, value in fields.items():
        setattr(line, name, value)
    line.save(update_fields=list(fields))
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_line_updated",
        obj=line,
        data={"category": line.category, "amount": str(line.amount), "coverage": line.coverage},
    )
    return line


@transaction.atomic
def budget_line_remove(*, actor: Actor, line: BudgetLine) -> None:
    """A planned line while the budget is a draft; a cost that was not in the budget by those
    who record the actual costs."""
    same_organisation(actor, line)
    budget = _lock(line.budget)
    if line.unbudgeted:
        require(
            actor,
            "meetings.record_actual_costs",
            budget.event,
            _("Only those who run the conference record its costs."),
        )
    else:
        _check_draft(actor, budget)
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_line_removed",
        obj=line,
        data={"amount": str(line.amount), "actual": str(line.actual_amount)},
    )
    line.delete()


@transaction.atomic
def budget_submit(
    *, actor: Actor, event: Event, at: datetime.datetime | None = None
) -> ConferenceBudget:
    """To the office, which decides on the lines covered centrally."""
    _conference(actor, event)
    budget = budget_of(event)
    if budget is None or not budget.lines.filter(unbudgeted=False).exists():
        raise ServiceError(_("Add at least one line to the budget before you submit it."))
    budget = _lock(budget)
    _check_draft(actor, budget)
    budget.status = BudgetStatus.SUBMITTED
    budget.submitted_at = at or timezone.now()
    budget.submitted_by = actor.person
    budget.save(update_fields=["status", "submitted_at", "submitted_by"])
    # Every line comes to the office afresh, also after a return.
    budget.lines.update(decision=LineDecision.PENDING, approved_amount=None, decision_note="")
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_submitted",
        obj=budget,
        data={"event": event.pk, "lines": budget.lines.count()},
    )
    summary = comparison(budget=budget)
    _notify(
        office_staff(organisation=budget.organisation),
        "conference_budget_submitted",
        url=budget_url(event),
        event=event,
        budget=budget,
        summary=summary,
        submitted_by=actor.person,
    )
    return budget


@dataclass(frozen=True)
class LineChoice:
    """The office's decision on one line: approve, adjust (with the new amount and a note)
    or reject (with a note)."""

    decision: str
    amount: str | Decimal | None = None
    note: str = ""


@transaction.atomic
def budget_decide(
    *,
    actor: Actor,
    event: Event,
    decisions: Mapping[int, LineChoice],
    note: str = "",
    at: datetime.datetime | None = None,
) -> ConferenceBudget:
    """The office decides on every line covered centrally at once: a decision missing on any
    of them refuses the whole, and nothing is saved. Lines not covered need no decision."""
    _conference(actor, event)
    budget = budget_of(event)
    if budget is None:
        raise ServiceError(_("The conference has no budget to decide on."))
    budget = _lock(budget)
    require(
        actor,
        "meetings.decide_budget",
        budget,
        _("Only the office decides on a budget submitted to it."),
    )
    lines = list(budget.lines.filter(coverage=Coverage.CENTRAL, unbudgeted=False))
    by_pk = {line.pk: line for line in lines}
    unknown = [pk for pk in decisions if pk not in by_pk]
    if unknown:
        raise ServiceError(_("Decide only on the lines of this budget that are covered centrally."))
    missing = [line for line in lines if not (decisions.get(line.pk) or LineChoice("")).decision]
    if missing:
        raise ServiceError(
            _(
                "Decide on every line covered centrally; nothing has been saved. "
                "Without a decision: %(lines)s."
            )
            % {"lines": ", ".join(line.description for line in missing)}
        )
    changes: list[tuple[BudgetLine, str, Decimal, str]] = []
    for line in lines:
        choice = decisions[line.pk]
        note_text = (choice.note or "").strip()[:500]
        if choice.decision == APPROVE:
            changes.append((line, LineDecision.APPROVED, line.amount, note_text))
        elif choice.decision == ADJUST:
            if choice.amount is None or str(choice.amount).strip() == "":
                raise ServiceError(
                    _("Give the amount the office approves for %(line)s.")
                    % {"line": line.description},
                    field=f"amount_{line.pk}",
                )
            amount = parse_amount(choice.amount, field=f"amount_{line.pk}")
            if not note_text:
                raise ServiceError(
                    _("Say why the office adjusts %(line)s.") % {"line": line.description},
                    field=f"note_{line.pk}",
                )
            changes.append((line, LineDecision.ADJUSTED, amount, note_text))
        elif choice.decision == REJECT:
            if not note_text:
                raise ServiceError(
                    _("Say why the office rejects %(line)s.") % {"line": line.description},
                    field=f"note_{line.pk}",
                )
            changes.append((line, LineDecision.REJECTED, Decimal("0.00"), note_text))
        else:
            raise ServiceError(
                _("Approve, adjust or reject %(line)s.") % {"line": line.description},
                field=f"decision_{line.pk}",
            )
    for line, decision, amount, note_text in changes:
        line.decision, line.approved_amount, line.decision_note = decision, amount, note_text
        line.save(update_fields=["decision", "approved_amount", "decision_note"])
    budget.status = BudgetStatus.DECIDED
    budget.decided_at = at or timezone.now()
    budget.decided_by = actor.person
    budget.office_note = (note or "").strip()
    budget.save(update_fields=["status", "decided_at", "decided_by", "office_note"])
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_decided",
        obj=budget,
        data={
            "event": event.pk,
            "lines": {str(line.pk): [d, str(a)] for line, d, a, _n in changes},
        },
        reason=budget.office_note,
    )
    _notify(
        network_leads(event=event),
        "conference_budget_decided",
        url=budget_url(event),
        event=event,
        budget=budget,
        lines=list(budget.lines.filter(unbudgeted=False).order_by("position", "pk")),
        summary=comparison(budget=budget),
    )
    return budget


@transaction.atomic
def budget_return(
    *, actor: Actor, event: Event, note: str, at: datetime.datetime | None = None
) -> ConferenceBudget:
    """The office sends the budget back to the network as a draft, saying what to change; the
    decisions made on it, if any, lapse."""
    _conference(actor, event)
    budget = budget_of(event)
    if budget is None:
        raise ServiceError(_("The conference has no budget to return."))
    budget = _lock(budget)
    require(
        actor,
        "meetings.return_budget",
        budget,
        _("Only the office returns a budget submitted to it."),
    )
    budget.office_note = _text(
        note,
        field="note",
        message=_("Tell the network what to change in the budget."),
        limit=5000,
    )
    budget.status = BudgetStatus.DRAFT
    budget.decided_at = None
    budget.decided_by = None
    budget.save(update_fields=["status", "office_note", "decided_at", "decided_by"])
    budget.lines.update(decision=LineDecision.PENDING, approved_amount=None, decision_note="")
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.budget_returned",
        obj=budget,
        data={"event": event.pk, "at": (at or timezone.now()).isoformat()},
        reason=budget.office_note,
    )
    _notify(
        network_leads(event=event),
        "conference_budget_returned",
        url=budget_url(event),
        event=event,
        budget=budget,
    )
    return budget


def _check_actuals(actor: Actor, event: Event, at: datetime.datetime | None) -> None:
    require(
        actor,
        "meetings.record_actual_costs",
        event,
        _("Only those who run the conference record its costs."),
    )
    if (at or timezone.now()) < event.starts_at:
        raise ServiceError(
            _("Actual costs are recorded once the conference has begun, from %(start)s.")
            % {"start": formats.date_format(event.local_start, "DATETIME_FORMAT")}
        )


@transaction.atomic
def budget_actuals_record(
    *,
    actor: Actor,
    event: Event,
    amounts: Mapping[int, str | Decimal | None],
    at: datetime.datetime | None = None,
) -> list[BudgetLine]:
    """The actual cost of each line given (blank: not known yet). One bad amount refuses the
    whole, naming its line."""
    _conference(actor, event)
    budget = budget_of(event)
    if budget is None:
        raise ServiceError(_("The conference has no budget yet."))
    budget = _lock(budget)
    _check_actuals(actor, event, at)
    lines = {line.pk: line for line in budget.lines.all()}
    if any(pk not in lines for pk in amounts):
        raise ServiceError(_("That line is not in this budget."))
    changed: list[BudgetLine] = []
    for pk, raw in amounts.items():
        line = lines[pk]
        if raw is None or str(raw).strip() == "":
            value = None
        else:
            try:
                value = parse_amount(raw, field=f"actual_{pk}")
            except ServiceError as error:
                raise ServiceError(
                    _("%(line)s: %(problem)s")
                    % {"line": line.description, "problem": error.message},
                    field=error.field,
                ) from None
        if line.unbudgeted and value is None:
            raise ServiceError(
                _("%(line)s was not in the budget: give its actual cost or remove it.")
                % {"line": line.description},
                field=f"actual_{pk}",
            )
        if value != line.actual_amount:
            line.actual_amount = value
            changed.append(line)
    for line in changed:
        line.save(update_fields=["actual_amount"])
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.actual_costs_recorded",
        obj=budget,
        data={str(line.pk): str(line.actual_amount) for line in changed},
    )
    return changed


@transaction.atomic
def budget_unbudgeted_add(
    *,
    actor: Actor,
    event: Event,
    category: str,
    description: str,
    actual: str | Decimal,
    at: datetime.datetime | None = None,
) -> BudgetLine:
    """A cost that was not in the budget, recorded after the event. It is never covered
    centrally: the office pays only the lines it approved beforehand."""
    _conference(actor, event)
    _check_actuals(actor, event, at)
    budget = _lock(_budget_for(event))
    if category not in BudgetCategory.values:
        raise ServiceError(_("Choose a category for the line."), field="category")
    description = _text(
        description, field="description", message=_("Describe the line."), limit=300
    )
    value = parse_amount(actual, field="actual")
    position = (budget.lines.aggregate(top=Max("position"))["top"] or 0) + 1
    line = BudgetLine.objects.create(
        organisation=budget.organisation,
        budget=budget,
        category=category,
        description=description,
        amount=Decimal("0.00"),
        coverage=Coverage.NOT_COVERED,
        actual_amount=value,
        unbudgeted=True,
        position=position,
    )
    log_action(
        actor=actor,
        organisation=budget.organisation,
        action="conference.unbudgeted_cost_added",
        obj=line,
        data={"event": event.pk, "category": category, "actual": str(value)},
    )
    return line


# --- the comparison -----------------------------------------------------------------------


@dataclass
class Figures:
    """Planned, approved centrally and actual, summed over lines."""

    planned: Decimal = Decimal("0.00")
    approved: Decimal = Decimal("0.00")
    # The reference (approved amount, else planned) of the lines whose actual cost is known:
    # what the actual cost is compared with, so that a cost not yet known is no saving.
    compared: Decimal = Decimal("0.00")
    actual: Decimal = Decimal("0.00")
    lines: int = 0
    recorded: int = 0

    @property
    def has_actual(self) -> bool:
        return self.recorded > 0

    @property
    def difference(self) -> Decimal | None:
        return self.actual - self.compared if self.has_actual else None

    @property
    def over_budget(self) -> bool:
        return self.has_actual and self.actual > self.compared


@dataclass
class LineFigures:
    line: BudgetLine
    # Approved centrally: the approved (or adjusted) amount, 0 when rejected; None when the
    # line is not covered or still awaits the office.
    approved: Decimal | None
    # What the actual cost is held against: the approved amount where the office approved
    # the line, otherwise the planned amount (0 for a cost that was not in the budget).
    reference: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.reference

    @property
    def over_budget(self) -> bool:
        return self.actual is not None and self.actual > self.reference


@dataclass
class Comparison:
    lines: list[LineFigures]
    categories: list[tuple[str, str, Figures]]
    total: Figures
    # What the organisation pays: the approved central amounts; and after the event the
    # actual cost of approved lines, capped at the approved amount or in full.
    organisation_approved: Decimal
    organisation_actual_capped: Decimal
    organisation_actual_full: Decimal
    # What participants and the network carry: every actual cost the organisation does not.
    others_capped: Decimal
    others_full: Decimal

    @property
    def complete(self) -> bool:
        return self.total.recorded == self.total.lines


def line_figures(line: BudgetLine) -> LineFigures:
    approved: Decimal | None = None
    if line.coverage == Coverage.CENTRAL and line.decision in (
        *APPROVED_DECISIONS,
        LineDecision.REJECTED,
    ):
        approved = line.approved_amount if line.approved_amount is not None else Decimal("0.00")
    reference = (
        line.approved_amount
        if line.decision in APPROVED_DECISIONS and line.approved_amount is not None
        else line.amount
    )
    return LineFigures(line=line, approved=approved, reference=reference, actual=line.actual_amount)


def comparison(
    *, budget: ConferenceBudget | None, lines: list[BudgetLine] | None = None
) -> Comparison:
    """Per line, per category and in total. Pass `lines` when already fetched."""
    if lines is None:
        lines = list(budget.lines.order_by("position", "pk")) if budget and budget.pk else []
    rows = [line_figures(line) for line in lines]
    labels = dict(BudgetCategory.choices)
    per: dict[str, Figures] = {}
    total = Figures()
    org_approved = org_capped = org_full = Decimal("0.00")
    for row in rows:
        for figures in (per.setdefault(row.line.category, Figures()), total):
            figures.lines += 1
            figures.planned += row.line.amount
            figures.approved += row.approved or 0
            if row.actual is not None:
                figures.compared += row.reference
                figures.recorded += 1
                figures.actual += row.actual
        if row.line.decision in APPROVED_DECISIONS and row.line.coverage == Coverage.CENTRAL:
            approved = row.approved or Decimal("0.00")
            org_approved += approved
            if row.actual is not None:
                org_full += row.actual
                org_capped += min(row.actual, approved)
    categories = [
        (value, str(labels[value]), per[value]) for value in BudgetCategory.values if value in per
    ]
    return Comparison(
        lines=rows,
        categories=categories,
        total=total,
        organisation_approved=org_approved,
        organisation_actual_capped=org_capped,
        organisation_actual_full=org_full,
        others_capped=total.actual - org_capped,
        others_full=total.actual - org_full,
    )


def conferences_overview(*, organisation: Any) -> QuerySet[Event]:
    """Every conference of the organisation with its budget's status and totals, budgets
    awaiting the office's decision first, then the newest. One query per page."""
    money = DecimalField(max_digits=14, decimal_places=2)
    approved_line = Q(
        budget__lines__coverage=Coverage.CENTRAL,
        budget__lines__decision__in=APPROVED_DECISIONS,
    )
    return (
        Event.objects.filter(organisation=organisation, kind=EventKind.CONFERENCE)
        .select_related("network", "budget")
        .annotate(
            planned_total=Sum("budget__lines__amount", filter=Q(budget__lines__unbudgeted=False)),
            approved_total=Sum("budget__lines__approved_amount", filter=approved_line),
            actual_total=Sum("budget__lines__actual_amount"),
            reference_total=Sum(
                Case(
                    When(approved_line, then=F("budget__lines__approved_amount")),
                    default=F("budget__lines__amount"),
                    output_field=money,
                ),
                filter=Q(budget__lines__actual_amount__isnull=False),
            ),
            budget_status=F("budget__status"),
            awaiting=Case(
                When(budget__status=BudgetStatus.SUBMITTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .annotate(
            over_budget=Case(
                When(actual_total__gt=F("reference_total"), then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("awaiting", "-starts_at", "-pk")
    )
