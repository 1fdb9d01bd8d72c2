"""Who came: marked by an organiser, checked in by the registration's holder with their
personal code or QR code, checked in at the organiser's desk, or imported from the meeting
tool's participant list (dry run first, nothing written until the organiser confirms)."""

import datetime
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.meetings.models import (
    OPEN_REGISTRATION_STATUSES,
    Attendance,
    AttendanceSource,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.meetings.services.attendance_csv import ParsedRow, parse_participants
from netvaerk.people.models import Person

# People may check in from this long before the start until the event ends.
CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=1)
IMPORT_SALT = "netvaerk.meetings.attendance_import"
# How long a dry run may be confirmed.
IMPORT_MAX_AGE = datetime.timedelta(hours=2)


def _lock(event: Event) -> Event:
    """The event's row, locked: attendance of one event is recorded one writer at a time."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _refuse_cancelled(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("This event has been cancelled."))


def normalise_code(code: str) -> str:
    """A typed check-in code as stored: capitals, no spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if not ch.isspace() and ch != "-")


def check_in_window(event: Event) -> tuple[datetime.datetime, datetime.datetime]:
    return event.starts_at - CHECK_IN_OPENS_BEFORE, event.ends_at


def _check_window(event: Event, now: datetime.datetime) -> None:
    opens, closes = check_in_window(event)
    if now < opens:
        raise ServiceError(
            _("Check-in opens at %(time)s, one hour before the event starts.")
            % {
                "time": date_format(
                    timezone.localtime(opens, event.tz), "DATETIME_FORMAT", use_l10n=True
                )
            }
        )
    if now > closes:
        raise ServiceError(
            _("The event has ended, so check-in is closed. Ask the organiser to mark you.")
        )


def _existing(event: Event, *, person: Person | None, registration: Registration | None):
    query = Q()
    if person is not None:
        query |= Q(person=person)
    if registration is not None:
        query |= Q(registration=registration)
    if not query:
        return None
    return Attendance.objects.filter(query, event=event).first()


def _open_registration(event: Event, person: Person) -> Registration | None:
    return Registration.objects.filter(
        event=event, person=person, status__in=OPEN_REGISTRATION_STATUSES
    ).first()


def _record(
    *,
    actor: Actor,
    event: Event,
    source: str,
    registration: Registration | None = None,
    person: Person | None = None,
    name: str = "",
    email: str = "",
    at: datetime.datetime,
) -> tuple[Attendance, bool]:
    """The attendance, and whether it is new. The event must be locked by the caller."""
    if registration is not None and person is None:
        person = registration.person
    if person is not None and registration is None:
        registration = _open_registration(event, person)
    existing = _existing(event, person=person, registration=registration)
    if existing is not None:
        return existing, False
    if person is None and registration is not None:
        name, email = registration.name, registration.email
    attendance = Attendance(
        organisation=event.organisation,
        event=event,
        person=person,
        registration=registration,
        name=name[:200] if person is None else "",
        email=email if person is None else "",
        source=source,
        recorded_at=at,
        recorded_by=actor.person,
    )
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        # Recorded in the meantime by another way in (a check-in while the desk marked).
        again = _existing(event, person=person, registration=registration)
        if again is None:
            raise
        return again, False
    return attendance, True


# ------------------------------------------------------------------------ the organiser


@transaction.atomic
def attendance_mark(
    *,
    actor: Actor,
    event: Event,
    registration: Registration | None = None,
    person: Person | None = None,
    at: datetime.datetime | None = None,
) -> tuple[Attendance, bool]:
    """An organiser records that a registered person, or a person of the organisation who
    came without registering, was there. Marking twice changes nothing."""
    require(
        actor,
        "meetings.manage_attendance",
        event,
        _("Only those who run the event may record who came."),
    )
    same_organisation(actor, event, registration, person)
    if (registration is None) == (person is None):
        raise ServiceError(_("Choose the registration or the person who came."))
    event = _lock(event)
    _refuse_cancelled(event)
    now = at or timezone.now()
    if now < check_in_window(event)[0]:
        raise ServiceError(_("Who came can be recorded from one hour before the event starts."))
    if registration is not None:
        if registration.event_id != event.pk:
            raise ServiceError(_("That registration is for another event."))
        if registration.status == RegistrationStatus.CANCELLED:
            raise ServiceError(_("That registration has been cancelled."))
    attendance, created = _record(
        actor=actor,
        event=event,
        source=AttendanceSource.MARKED,
        registration=registration,
        person=person,
        at=now,
    )
    if created:
        log_action(
            actor=actor,
            organisation=event.organisation,
            action="meetings.attendance_marked",
            obj=event,
            data={"attendance": attendance.pk, "registration": attendance.registration_id},
        )
    return attendance, created


@transaction.atomic
def attendance_unmark(*, actor: Actor, event: Event, attendance: Attendance) -> None:
    """An organiser takes back a record of someone having come (marked by mistake)."""
    require(
        actor,
        "meetings.manage_attendance",
        event,
        _("Only those who run the event may record who came."),
    )
    same_organisation(actor, event, attendance)
    if attendance.event_id != event.pk:
        raise ServiceError(_("That record is for another event."))
    _lock(event)
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="meetings.attendance_unmarked",
        obj=event,
        data={
            "attendance": attendance.pk,
            "registration": attendance.registration_id,
            "source": attendance.source,
        },
    )
    Attendance.objects.filter(pk=attendance.pk).delete()


# ------------------------------------------------------------------------- checking in


def _check_in_checks(event: Event, registration: Registration, now: datetime.datetime) -> None:
    _refuse_cancelled(event)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(_("This registration has been cancelled."))
    if registration.status == RegistrationStatus.WAITING:
        raise ServiceError(
            _("This registration is on the waiting list and has no seat. Ask the organiser.")
        )
    _check_window(event, now)


@transaction.atomic
def attendance_check_in(
    *,
    actor: Actor,
    registration: Registration,
    code: str | None = None,
    token: str | None = None,
    at: datetime.datetime | None = None,
) -> tuple[Attendance, bool]:
    """The holder of a registration checks in: with the code from their registration (typed,
    in any case, with or without spaces) or through the QR code, which carries the
    registration's secret token. Checking in twice changes nothing."""
    same_organisation(actor, registration)
    if code is not None:
        if not secrets.compare_digest(normalise_code(code), registration.check_in_code):
            raise ServiceError(
                _("That is not the check-in code of your registration. Check it and try again."),
                field="code",
            )
    elif token is None or not secrets.compare_digest(token, registration.token):
        raise ServiceError(_("This check-in link is not valid."))
    event = _lock(registration.event)
    now = at or timezone.now()
    _check_in_checks(event, registration, now)
    attendance, created = _record(
        actor=actor,
        event=event,
        source=AttendanceSource.CHECK_IN,
        registration=registration,
        at=now,
    )
    if created:
        log_action(
            actor=actor,
            organisation=event.organisation,
            action="meetings.attendance_checked_in",
            obj=event,
            data={"attendance": attendance.pk, "registration": registration.pk},
        )
    return attendance, created


@transaction.atomic
def attendance_check_in_desk(
    *, actor: Actor, event: Event, code: str, at: datetime.datetime | None = None
) -> tuple[Attendance, bool]:
    """At the door: the organiser types the code a participant shows them."""
    require(
        actor,
        "meetings.manage_attendance",
        event,
        _("Only those who run the event may check people in."),
    )
    same_organisation(actor, event)
    wanted = normalise_code(code)
    if not wanted:
        raise ServiceError(_("Type the participant's check-in code."), field="code")
    registration = (
        Registration.objects.select_related("person")
        .filter(event=event, check_in_code=wanted)
        .first()
    )
    if registration is None:
        raise ServiceError(
            _("No registration for this event has the code %(code)s.") % {"code": wanted},
            field="code",
        )
    event = _lock(event)
    now = at or timezone.now()
    _check_in_checks(event, registration, now)
    attendance, created = _record(
        actor=actor,
        event=event,
        source=AttendanceSource.CHECK_IN,
        registration=registration,
        at=now,
    )
    if created:
        log_action(
            actor=actor,
            organisation=event.organisation,
            action="meetings.attendance_checked_in_at_desk",
            obj=event,
            data={"attendance": attendance.pk, "registration": registration.pk},
        )
    return attendance, created


# ------------------------------------------------------------- importing a participant list


class RowStatus(StrEnum):
    REGISTERED = "registered"  # will be recorded: registered
    WALK_IN = "walk_in"  # will be recorded: a person here who came without registering
    GUEST = "guest"  # will be recorded: unknown, recorded by name as the organiser chose
    ALREADY = "already"  # already recorded
    UNKNOWN = "unknown"  # no person of the organisation: reported, not imported
    DUPLICATE = "duplicate"  # the same person earlier in the file
    BROKEN = "broken"  # no name and no e-mail, or an invalid e-mail


WILL_RECORD = frozenset({RowStatus.REGISTERED, RowStatus.WALK_IN, RowStatus.GUEST})


@dataclass
class ImportRow:
    line: int
    name: str
    email: str
    status: RowStatus
    problem: str = ""
    person_id: int | None = None
    registration_id: int | None = None
    matched_name: str = ""

    @property
    def will_record(self) -> bool:
        return self.status in WILL_RECORD


@dataclass
class ImportReport:
    rows: list[ImportRow]
    payload: str = ""
    encoding: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def to_record(self) -> int:
        return sum(1 for row in self.rows if row.will_record)


def _key(name: str, email: str) -> str:
    return f"e:{email.casefold()}" if email else f"n:{' '.join(name.casefold().split())}"


def _classify(event: Event, parsed: list[ParsedRow], *, guests: bool) -> list[ImportRow]:
    """Each row's fate, from a fixed number of queries whatever the file's length."""
    rows: list[ImportRow] = []
    emails: set[str] = set()
    for item in parsed:
        email = item.email.strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                rows.append(
                    ImportRow(
                        item.line,
                        item.name,
                        email,
                        RowStatus.BROKEN,
                        problem=_("The e-mail address is not valid."),
                    )
                )
                continue
            emails.add(email.casefold())
        elif not item.name:
            rows.append(
                ImportRow(
                    item.line,
                    item.name,
                    email,
                    RowStatus.BROKEN,
                    problem=_("The row has neither a name nor an e-mail address."),
                )
            )
            continue
        rows.append(ImportRow(item.line, item.name, email, RowStatus.UNKNOWN))

    persons: dict[str, tuple[int, str]] = {}
    for pk, email, name in (
        Person.objects.filter(organisation=event.organisation)
        .annotate(email_key=Lower("email"))
        .filter(email_key__in=emails)
        .order_by("-pk")
        .values_list("pk", "email_key", "name")
    ):
        persons[email] = (pk, name)  # the oldest person with the address wins
    registrations = Registration.objects.filter(event=event, status__in=OPEN_REGISTRATION_STATUSES)
    by_person = dict(registrations.filter(person__isnull=False).values_list("person_id", "pk"))
    confirmed = set(
        registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("pk", flat=True)
    )
    guest_registrations = {
        email: (pk, name)
        for pk, email, name in registrations.filter(person__isnull=True)
        .annotate(email_key=Lower("email"))
        .filter(email_key__in=emails)
        .values_list("pk", "email_key", "name")
    }
    attendances = Attendance.objects.filter(event=event)
    attended_persons = set(
        attendances.filter(person__isnull=False).values_list("person_id", flat=True)
    )
    attended_registrations = set(
        attendances.filter(registration__isnull=False).values_list("registration_id", flat=True)
    )
    attended_guests = {
        _key(name, email)
        for name, email in attendances.filter(person__isnull=True).values_list("name", "email")
    }

    seen: set[str] = set()
    for row in rows:
        if row.status == RowStatus.BROKEN:
            continue
        key = _key(row.name, row.email)
        email = row.email.casefold()
        if email in persons:
            row.person_id, row.matched_name = persons[email]
            key = f"p:{row.person_id}"
        elif email in guest_registrations:
            row.registration_id, row.matched_name = guest_registrations[email]
            key = f"r:{row.registration_id}"
        if key in seen:
            row.status = RowStatus.DUPLICATE
            continue
        seen.add(key)
        if row.person_id is not None:
            row.registration_id = by_person.get(row.person_id)
            if row.person_id in attended_persons or row.registration_id in attended_registrations:
                row.status = RowStatus.ALREADY
            elif row.registration_id in confirmed:
                row.status = RowStatus.REGISTERED
            else:
                row.status = RowStatus.WALK_IN
        elif row.registration_id is not None:
            row.status = (
                RowStatus.ALREADY
                if row.registration_id in attended_registrations
                else RowStatus.REGISTERED
            )
        elif guests and row.name:
            row.status = (
                RowStatus.ALREADY
                if _key(row.name, row.email) in attended_guests
                else RowStatus.GUEST
            )
    return rows


def _report(rows: list[ImportRow], payload: str = "", encoding: str = "") -> ImportReport:
    counts = {status.value: 0 for status in RowStatus}
    for row in rows:
        counts[row.status.value] += 1
    return ImportReport(rows=rows, payload=payload, encoding=encoding, counts=counts)


def _require_import(actor: Actor, event: Event) -> None:
    require(
        actor,
        "meetings.manage_attendance",
        event,
        _("Only those who run the event may import who came."),
    )
    same_organisation(actor, event)
    _refuse_cancelled(event)
    if timezone.now() < check_in_window(event)[0]:
        raise ServiceError(_("Who came can be recorded from one hour before the event starts."))


def attendance_import_preview(
    *, actor: Actor, event: Event, data: bytes, guests: bool = False
) -> ImportReport:
    """The dry run: what importing the file would do, row by row. Writes nothing; the
    report's payload (signed) is what the confirmation imports."""
    _require_import(actor, event)
    parsed = parse_participants(data)
    rows = _classify(event, parsed.rows, guests=guests)
    candidates = [
        [row.line, row.name, row.email]
        for row in rows
        if row.status not in (RowStatus.BROKEN, RowStatus.DUPLICATE)
    ]
    payload = signing.dumps(
        {"event": event.pk, "guests": guests, "rows": candidates},
        salt=IMPORT_SALT,
        compress=True,
    )
    return _report(rows, payload, parsed.encoding)


@transaction.atomic
def attendance_import_confirm(
    *, actor: Actor, event: Event, payload: str, at: datetime.datetime | None = None
) -> ImportReport:
    """Import the good rows of a dry run. The rows are matched again, so importing the same
    file twice (or after someone was marked meanwhile) records nobody twice."""
    _require_import(actor, event)
    try:
        content = signing.loads(payload, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.SignatureExpired:
        raise ServiceError(
            _("The check of the file is too old to confirm. Upload the file again.")
        ) from None
    except signing.BadSignature:
        raise ServiceError(_("The import could not be confirmed. Upload the file again.")) from None
    if content.get("event") != event.pk:
        raise ServiceError(_("That check was made for another event. Upload the file again."))
    event = _lock(event)
    parsed = [ParsedRow(line=line, name=name, email=email) for line, name, email in content["rows"]]
    rows = _classify(event, parsed, guests=bool(content.get("guests")))
    now = at or timezone.now()
    person_ids = {row.person_id for row in rows if row.person_id is not None}
    persons = Person.objects.in_bulk(person_ids)
    registration_ids = {row.registration_id for row in rows if row.registration_id is not None}
    registrations = Registration.objects.in_bulk(registration_ids)
    new: list[Attendance] = []
    for row in rows:
        if not row.will_record:
            continue
        person = persons.get(row.person_id) if row.person_id else None
        registration = registrations.get(row.registration_id) if row.registration_id else None
        source = registration if registration is not None and person is None else row
        new.append(
            Attendance(
                organisation=event.organisation,
                event=event,
                person=person,
                registration=registration,
                name=source.name[:200] if person is None else "",
                email=source.email if person is None else "",
                source=AttendanceSource.IMPORT,
                recorded_at=now,
                recorded_by=actor.person,
            )
        )
    Attendance.objects.bulk_create(new)
    report = _report(rows)
    log_action(
        actor=actor,
        organisation=event.organisation,
        action="meetings.attendance_imported",
        obj=event,
        data={"recorded": len(new), **{k: v for k, v in report.counts.items() if v}},
    )
    return report
