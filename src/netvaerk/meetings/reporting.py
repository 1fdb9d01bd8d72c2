"""The "Meetings and conference" section of a network's annual report: the events of the
year with registrations and attendance (network members versus others), and the annual
conference's budget against its actual cost. Registered with the report drafter in
MeetingsConfig.ready(), replacing the drafter's placeholder."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, OuterRef, Q, Sum, When
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from netvaerk.meetings.models import (
    Attendance,
    BudgetLine,
    Coverage,
    Event,
    EventKind,
    EventStatus,
    LineDecision,
    RegistrationStatus,
)
from netvaerk.meetings.selectors.attendance import member_at_start
from netvaerk.reports import charts
from netvaerk.reports.documents import Block, Section, Table, Text
from netvaerk.reports.drafting import Figures, ReportScope, SectionProvider
from netvaerk.reports.selectors import year_bounds

MAX_LISTED_EVENTS = 60


def collect_meetings(scope: ReportScope) -> dict[str, Any]:
    """The network's events that began in the year: six queries whatever their number."""
    start, end = year_bounds(scope.year)
    events = Event.objects.filter(
        network=scope.network, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk")
    rows = list(
        events.annotate(
            registered=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            attended=Count("attendances", distinct=True),
        ).values(
            "pk", "title", "kind", "status", "starts_at", "registered", "attended", "headcount"
        )[:MAX_LISTED_EVENTS]
    )
    was_member = member_at_start(
        OuterRef("event__network_id"), person="person", start=OuterRef("event__starts_at")
    )
    split = Attendance.objects.filter(event__in=events).aggregate(
        members=Count("pk", filter=was_member),
        others=Count("pk", filter=~was_member & Q(person__isnull=False)),
        guests=Count("pk", filter=Q(person__isnull=True)),
    )
    approved = Case(
        When(decision=LineDecision.APPROVED, then="amount"),
        When(decision=LineDecision.ADJUSTED, then="approved_amount"),
        default=Decimal(0),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    conferences = list(
        BudgetLine.objects.filter(budget__event__in=events.filter(kind=EventKind.CONFERENCE))
        .values("budget__event__title", "budget__event__starts_at")
        .annotate(
            planned=Sum("amount"),
            approved=Sum(approved, filter=Q(coverage=Coverage.CENTRAL)),
            actual=Sum("actual_amount"),
        )
        .order_by("budget__event__starts_at")
    )
    return {
        "events": [
            {
                "title": row["title"],
                "kind": row["kind"],
                "status": row["status"],
                "date": timezone.localdate(row["starts_at"]).isoformat(),
                "registered": row["registered"],
                # Recorded attendance where there is any, else the organiser's headcount.
                "attended": row["attended"] or row["headcount"] or 0,
            }
            for row in rows
        ],
        "planned": events.count(),
        "held": events.filter(status=EventStatus.HELD).count(),
        "attendance": split,
        "conferences": [
            {
                "title": row["budget__event__title"],
                "planned": str(row["planned"] or 0),
                "approved": str(row["approved"] or 0),
                "actual": str(row["actual"]) if row["actual"] is not None else None,
            }
            for row in conferences
        ],
    }


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _kr(value: str | None) -> str:
    if value is None:
        return "–"
    return _("%(amount)s kr.") % {
        "amount": number_format(Decimal(value), decimal_pos=2, force_grouping=True)
    }


def render_meetings(scope: ReportScope, figures: Figures) -> list[Section]:
    heading = _("Meetings and conference")
    if figures is None:
        return [
            Section(
                "",
                heading,
                [
                    Text(
                        _(
                            "Meetings were not recorded in Netværk when this report was "
                            "submitted; the network describes them under activities."
                        )
                    )
                ],
            )
        ]
    events = figures["events"]
    if not events:
        return [
            Section(
                "",
                heading,
                [Text(_("The network held no meetings or events in Netværk this year."))],
            )
        ]
    kinds = dict(EventKind.choices)
    statuses = dict(EventStatus.choices)
    split = figures["attendance"]
    came = split["members"] + split["others"] + split["guests"]
    blocks: list[Block] = [
        Text(
            _(
                "In %(year)s the network planned %(events)s events, of which %(held)s were "
                "held and closed with minutes. %(came)s attendances were recorded: "
                "%(members)s by the network's members, %(others)s by other members of the "
                "organisation and %(guests)s by guests."
            )
            % {
                "year": scope.year,
                "events": _n(figures["planned"]),
                "held": _n(figures["held"]),
                "came": _n(came),
                "members": _n(split["members"]),
                "others": _n(split["others"]),
                "guests": _n(split["guests"]),
            }
        ),
        Table(
            header=[_("Date"), _("Event"), _("Kind"), _("Status"), _("Registered"), _("Came")],
            rows=[
                [
                    date_format(datetime.date.fromisoformat(row["date"]), "DATE_FORMAT"),
                    row["title"],
                    str(kinds.get(row["kind"], row["kind"])),
                    str(statuses.get(row["status"], row["status"])),
                    _n(row["registered"]),
                    _n(row["attended"]),
                ]
                for row in events
            ],
            caption=_("The network's events in %(year)s") % {"year": scope.year},
        ),
    ]
    if came:
        blocks.append(
            charts.bar_chart(
                title=_("Who came, %(year)s") % {"year": scope.year},
                labels=[_("Network members"), _("Other members"), _("Guests")],
                series={_("Attendances"): [split["members"], split["others"], split["guests"]]},
                alt=_(
                    "Bar chart of the attendances of the year: %(members)s by network "
                    "members, %(others)s by other members and %(guests)s by guests."
                )
                % {
                    "members": _n(split["members"]),
                    "others": _n(split["others"]),
                    "guests": _n(split["guests"]),
                },
            )
        )
    if figures["conferences"]:
        blocks.append(
            Table(
                header=[
                    _("Conference"),
                    _("Budget"),
                    _("Approved by the office"),
                    _("Actual cost"),
                ],
                rows=[
                    [
                        row["title"],
                        _kr(row["planned"]),
                        _kr(row["approved"]),
                        _kr(row["actual"]),
                    ]
                    for row in figures["conferences"]
                ],
                caption=_("The annual conference: budget and cost"),
            )
        )
    return [Section("", heading, blocks)]


def register() -> None:
    from netvaerk.reports.drafting import register_section_provider

    register_section_provider(
        SectionProvider(key="meetings", order=45, collect=collect_meetings, render=render_meetings),
        replace=True,
    )
