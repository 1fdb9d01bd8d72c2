"""Meetings, webinars, workshops and the annual conference (seed 000: networks work
virtually and meet physically once a year; seed 002: a webinar series with fixed dates where
it matters who attended).

An event belongs to a network, or to the office when it has none. People register (with a
waiting list when seats run out), are reminded, and are recorded as attending — from the
organiser's list, their own check-in code or the meeting tool's participant export. Nothing
a person did is deleted: a registration is cancelled, an event is cancelled or closed."""

import datetime
import secrets
import zoneinfo
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import TenantModel

DEFAULT_TIME_ZONE = "Europe/Copenhagen"


def new_token() -> str:
    return secrets.token_urlsafe(24)


# Digits and capitals that cannot be mistaken for each other when read aloud or typed from
# a phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
CHECK_IN_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CHECK_IN_CODE_LENGTH = 6


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Network meeting")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Annual conference")


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Online")
    PHYSICAL = "physical", _("In person")
    HYBRID = "hybrid", _("In person and online")


class Audience(models.TextChoices):
    NETWORK = "network", _("The network's members")
    MEMBERS = "members", _("All active members of the organisation")
    PUBLIC = "public", _("Everyone, also people who are not members")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    # Closed after it took place: minutes, headcount and the proposals it produced.
    HELD = "held", _("Held")


class RoomProvider(models.TextChoices):
    NONE = "none", _("No online room")
    GENERATED = "generated", _("A room generated for this event")
    LINK = "link", _("A link pasted by the organiser (Zoom, Teams…)")


class EventSeries(TenantModel):
    """Sessions created together (seed 002: four webinars with fixed dates), announced and
    registered for one by one."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_series",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Event(TenantModel):
    # Blank: organised by the office for the whole organisation.
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("network"),
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.VIRTUAL
    )
    audience = models.CharField(
        _("who may take part"), max_length=10, choices=Audience.choices, default=Audience.NETWORK
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown is allowed."))
    # Stored in UTC like every datetime; shown and entered in the event's own time zone.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIME_ZONE)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    room_provider = models.CharField(
        _("online room"), max_length=10, choices=RoomProvider.choices, default=RoomProvider.NONE
    )
    # The room's address: generated from a random name, or pasted by the organiser. Shown
    # only to those registered (and the organisers), never on a public page.
    online_url = models.URLField(_("link to the online room"), max_length=500, blank=True)
    registration_required = models.BooleanField(_("registration required"), default=True)
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave blank for no limit."),
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # RFC 5545 SEQUENCE: raised on every change calendar programs must pick up.
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("why it is cancelled"), blank=True)
    # Reminders and follow-up: stamped when queued, so that no one gets them twice.
    reminder_day_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_hour_sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_message = models.TextField(_("message after the event"), blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    # Closing after the event.
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown is allowed."))
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposals = models.ManyToManyField(
        "governance.Proposal",
        blank=True,
        related_name="events",
        verbose_name=_("proposals it produced"),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="meeting") | models.Q(network__isnull=False),
                name="event_meeting_has_network",
            ),
            models.CheckConstraint(
                condition=~models.Q(audience="network") | models.Q(network__isnull=False),
                name="event_network_audience_has_network",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "starts_at"]),
            models.Index(fields=["network", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.tz)

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.VIRTUAL, EventFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (EventFormat.PHYSICAL, EventFormat.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One of several answers")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationQuestion(TenantModel):
    """Asked when registering (dietary needs, which branch you come from, a question for the
    speaker…). Answers are kept on the registration, keyed by the question's id."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    # For a choice: one answer per line.
    choices = models.TextField(_("answers to choose from"), blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REGISTRATION_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(TenantModel):
    """One person's (or, at a public event, one visitor's) place at an event. The waiting
    list is the waiting registrations in the order they were made."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # Blank for a visitor without a login at a public event: then name and e-mail are theirs.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="da")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # The secret behind the personal cancellation link and the QR code for checking in.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    check_in_code = models.CharField(
        _("check-in code"), max_length=12, default=new_check_in_code, editable=False
    )
    registered_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(status__in=["confirmed", "waiting"], person__isnull=False),
                name="registration_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["confirmed", "waiting"], person__isnull=True),
                name="registration_one_open_per_guest",
            ),
            models.UniqueConstraint(
                fields=["event", "check_in_code"], name="registration_check_in_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(email=""),
                name="registration_guest_has_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id and self.person else self.name

    @property
    def contact_email(self) -> str:
        return self.person.email if self.person_id and self.person else self.email


class AttendanceSource(models.TextChoices):
    MARKED = "marked", _("Marked by the organiser")
    CHECK_IN = "check_in", _("Checked in with their code")
    IMPORT = "import", _("Imported from the meeting tool")


class Attendance(TenantModel):
    """Someone who came. Usually a registered person, but people also come without
    registering (a network meeting, a guest brought along), so the registration is optional."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
    )
    # For someone who is no person here (a visitor at a public event, an unmatched row of an
    # import confirmed as a guest).
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    source = models.CharField(_("recorded by"), max_length=10, choices=AttendanceSource.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(person__isnull=False),
                name="attendance_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""),
                name="attendance_guest_has_name",
            ),
        ]

    def __str__(self) -> str:
        return self.person.name if self.person_id and self.person else self.name


class EventMaterial(TenantModel):
    """Slides, recordings and links shared after the event (the follow-up)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Announcement(TenantModel):
    """An organiser's e-mail about an event to its audience. People who chose the weekly
    digest get it there instead of at once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="announcements")
    message = models.TextField(_("message"), blank=True)
    sent_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipient_count = models.PositiveIntegerField(default=0)
    # The background fan-out: the last person handed their e-mail or digest item (persons
    # are taken in key order, a batch per transaction, so a rerun goes on where it stopped),
    # and when everyone had theirs.
    delivered_through = models.BigIntegerField(default=0, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} ({self.sent_at:%Y-%m-%d})"


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class Newsletter(TenantModel):
    """The organisation-wide activity newsletter (seed 002: "DN Aktiv"), composed by staff
    from upcoming events and sent to every active member who has an e-mail address."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    events = models.ManyToManyField(Event, blank=True, related_name="newsletters")
    status = models.CharField(
        _("status"), max_length=10, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_count = models.PositiveIntegerField(default=0)
    # The background fan-out, as on Announcement.
    delivered_through = models.BigIntegerField(default=0, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- the annual conference


class ConferenceSession(TenantModel):
    """One item of a conference's programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Speaker(TenantModel):
    session = models.ForeignKey(
        ConferenceSession, on_delete=models.CASCADE, related_name="speakers"
    )
    # A person of the organisation, or a guest speaker named here.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    affiliation = models.CharField(_("title or affiliation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.person.name if self.person_id and self.person else self.name


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the office")
    DECIDED = "decided", _("Decided by the office")


class ConferenceBudget(TenantModel):
    """The budget of one conference: drafted by the network, submitted to the office, which
    decides on every line the organisation is to pay (seed 000: venue and catering are paid
    centrally by agreement with the office; travel is not)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="budget")
    status = models.CharField(
        _("status"), max_length=10, choices=BudgetStatus.choices, default=BudgetStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    office_note = models.TextField(_("the office's note"), blank=True)

    class Meta:
        verbose_name = _("conference budget")
        verbose_name_plural = _("conference budgets")

    def __str__(self) -> str:
        return str(self.event)


class BudgetCategory(models.TextChoices):
    VENUE = "venue", _("Venue hire")
    CATERING = "catering", _("Catering")
    TRAVEL = "travel", _("Travel")
    SPEAKERS = "speakers", _("Speakers")
    MATERIALS = "materials", _("Materials and printing")
    OTHER = "other", _("Other")


# What the organisation pays by default (seed 000); the organiser may mark other lines.
CENTRALLY_COVERED_CATEGORIES = frozenset({BudgetCategory.VENUE, BudgetCategory.CATERING})


class Coverage(models.TextChoices):
    CENTRAL = "central", _("Covered centrally")
    NOT_COVERED = "not_covered", _("Not covered")


class LineDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting the office")
    APPROVED = "approved", _("Approved")
    ADJUSTED = "adjusted", _("Approved with another amount")
    REJECTED = "rejected", _("Rejected")


class BudgetLine(TenantModel):
    """One line of a conference budget, in DKK. The office decides on the lines covered
    centrally; the actual cost is recorded after the event."""

    budget = models.ForeignKey(ConferenceBudget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount (DKK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    coverage = models.CharField(_("who pays"), max_length=12, choices=Coverage.choices)
    decision = models.CharField(
        _("the office's decision"),
        max_length=10,
        choices=LineDecision.choices,
        default=LineDecision.PENDING,
    )
    approved_amount = models.DecimalField(
        _("approved amount (DKK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decision_note = models.CharField(_("the office's note"), max_length=500, blank=True)
    actual_amount = models.DecimalField(
        _("actual cost (DKK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    position = models.PositiveSmallIntegerField(default=0)
    # A cost recorded after the event that was not in the budget. Its planned amount is 0 and
    # it is never covered centrally: the office pays only lines it approved beforehand.
    unbudgeted = models.BooleanField(_("not in the budget"), default=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_line_amount"),
            models.CheckConstraint(
                condition=models.Q(approved_amount__isnull=True) | models.Q(approved_amount__gte=0),
                name="budget_line_approved_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_amount__isnull=True) | models.Q(actual_amount__gte=0),
                name="budget_line_actual_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class CalendarFeed(TenantModel):
    """A person's secret address for "my events" in their calendar program. Replacing it
    (when it leaked) makes the old address answer 404."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self) -> str:
        return str(self.person)
