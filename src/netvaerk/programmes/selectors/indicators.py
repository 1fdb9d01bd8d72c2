"""Indicators as the pages, the dashboard and the status report read them: the latest value of
every indicator of a programme (recorded, or live for a computed one), whether its target is
met, and its history over time. A handful of queries however many indicators there are."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from netvaerk.meetings.models import Attendance
from netvaerk.programmes.models import (
    Goal,
    Indicator,
    IndicatorDirection,
    IndicatorSource,
    IndicatorUnit,
    IndicatorValue,
    Programme,
    ProgrammeStatus,
    SupportedBranch,
    SupportStatus,
)
from netvaerk.reach.models import (
    ReachBasis,
    ReachFigure,
    ReachSettings,
    ReachState,
    counted_field,
)

TWO_PLACES = Decimal("0.01")
NETWORK_SOURCES = frozenset({IndicatorSource.NETWORK_REACH, IndicatorSource.NETWORK_MEMBERS})
# Supported branches that count as having accepted the focused support.
ACCEPTED_STATUSES = (SupportStatus.ACCEPTED, SupportStatus.COMPLETED)


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    goal: Goal
    value: Decimal | None
    measured_on: datetime.date | None
    met: bool | None
    value_display: str
    target_display: str

    @property
    def progress(self) -> int | None:
        """How far the value has come towards the target, 0–100, for a progress bar."""
        return progress_percent(self.indicator, self.value)


@dataclass(frozen=True)
class HistoryPoint:
    measured_on: datetime.date
    value: Decimal
    recorded: IndicatorValue | None  # None for a point read from the monthly reach figures


# --- formatting ---------------------------------------------------------------------------


def _number(value: Decimal, places: int) -> str:
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def format_value(unit: str, value: Decimal | None) -> str:
    if value is None:
        return _("No value yet")
    if unit == IndicatorUnit.YESNO:
        return _("Yes") if value >= 1 else _("No")
    if unit == IndicatorUnit.COUNT:
        return _number(value, 0)
    places = 0 if value == value.to_integral_value() else 2
    if unit == IndicatorUnit.PERCENT:
        if places:
            places = 1 if value * 10 == (value * 10).to_integral_value() else 2
        return _("%(value)s %%") % {"value": _number(value, places)}
    return _("%(value)s kr.") % {"value": _number(value, places)}


def format_target(indicator: Indicator) -> str:
    target = format_value(indicator.unit, indicator.target)
    if indicator.unit == IndicatorUnit.YESNO:
        return target
    if indicator.direction == IndicatorDirection.MORE_THAN:
        return _("more than %(target)s") % {"target": target}
    if indicator.direction == IndicatorDirection.AT_MOST:
        return _("at most %(target)s") % {"target": target}
    return _("at least %(target)s") % {"target": target}


def is_met(indicator: Indicator, value: Decimal | None) -> bool | None:
    if value is None:
        return None
    if indicator.direction == IndicatorDirection.MORE_THAN:
        return value > indicator.target
    if indicator.direction == IndicatorDirection.AT_MOST:
        return value <= indicator.target
    return value >= indicator.target


def progress_percent(indicator: Indicator, value: Decimal | None) -> int | None:
    if value is None:
        return None
    if indicator.direction == IndicatorDirection.AT_MOST:
        return 100 if value <= indicator.target else 0
    if indicator.target <= 0:
        return 100 if value > 0 or indicator.direction == IndicatorDirection.AT_LEAST else 0
    share = value / indicator.target * 100
    return int(max(Decimal(0), min(Decimal(100), share)).to_integral_value(ROUND_HALF_UP))


# --- live values of computed indicators ---------------------------------------------------


def measured_network_id(indicator: Indicator, programme: Programme) -> int | None:
    return indicator.network_id or programme.network_id


def _reach_value(figure: Any, basis: str) -> Decimal | None:
    total = figure["branches_total"]
    if not total:
        return None
    count = figure[counted_field(basis)]
    return (Decimal(count) * 100 / Decimal(total)).quantize(TWO_PLACES, ROUND_HALF_UP)


def reach_basis(programme: Programme) -> str:
    basis = (
        ReachSettings.objects.filter(organisation_id=programme.organisation_id)
        .values_list("basis", flat=True)
        .first()
    )
    return basis or ReachBasis.MEMBER


def series_attendance(programme: Programme) -> int:
    """Distinct persons who came to events of the programme's workshop series within the
    programme's period."""
    period = Q(event__starts_at__date__gte=programme.starts_on)
    if programme.ends_on is not None:
        period &= Q(event__starts_at__date__lte=programme.ends_on)
    return (
        Attendance.objects.filter(
            period,
            organisation_id=programme.organisation_id,
            person__isnull=False,
            event__series__programmes=programme,
        )
        .values("person_id")
        .distinct()
        .count()
    )


def focus_accepted(programme: Programme) -> int:
    return SupportedBranch.objects.filter(programme=programme, status__in=ACCEPTED_STATUSES).count()


def live_values(
    programme: Programme, indicators: Iterable[Indicator]
) -> dict[int, tuple[Decimal | None, datetime.date | None]]:
    """The live value of every computed indicator given, by indicator id: one query per
    kind of source present (and none for manual indicators)."""
    computed = [i for i in indicators if i.source != IndicatorSource.MANUAL]
    result: dict[int, tuple[Decimal | None, datetime.date | None]] = {}
    if not computed:
        return result
    today = timezone.localdate()
    sources = {i.source for i in computed}
    if sources & NETWORK_SOURCES:
        networks = [n for i in computed if (n := measured_network_id(i, programme)) is not None]
        figures = {
            row["network_id"]: row
            for row in ReachFigure.objects.filter(
                organisation_id=programme.organisation_id,
                month__isnull=True,
                region__isnull=True,
                network_id__in=networks,
            ).values(
                "network_id", "branches_total", "branches_member", "branches_engaged", "members"
            )
        }
        basis = reach_basis(programme) if IndicatorSource.NETWORK_REACH in sources else ""
        refreshed = (
            ReachState.objects.filter(organisation_id=programme.organisation_id)
            .values_list("refreshed_at", flat=True)
            .first()
        )
        as_of = timezone.localdate(refreshed) if refreshed else None
    counts: dict[str, int] = {}
    if IndicatorSource.FOCUS_ACCEPTED in sources:
        counts[IndicatorSource.FOCUS_ACCEPTED] = focus_accepted(programme)
    if IndicatorSource.SERIES_ATTENDANCE in sources:
        counts[IndicatorSource.SERIES_ATTENDANCE] = series_attendance(programme)
    for indicator in computed:
        if indicator.source in NETWORK_SOURCES:
            network_id = measured_network_id(indicator, programme)
            figure = figures.get(network_id) if network_id is not None else None
            if figure is None:
                result[indicator.pk] = (None, None)
            elif indicator.source == IndicatorSource.NETWORK_REACH:
                value = _reach_value(figure, basis)
                result[indicator.pk] = (value, as_of if value is not None else None)
            else:
                result[indicator.pk] = (Decimal(figure["members"]), as_of)
        else:
            result[indicator.pk] = (Decimal(counts[indicator.source]), today)
    return result


# --- statuses -----------------------------------------------------------------------------


def indicators_of(programme: Programme) -> Any:
    """Every indicator of the programme with its latest recorded value, in tree order."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return (
        Indicator.objects.filter(goal__programme=programme)
        .select_related("goal", "network")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by("goal__position", "goal_id", "position", "id")
    )


def indicator_statuses(*, programme: Programme) -> list[IndicatorStatus]:
    """Every indicator of the programme with its current value: the latest recorded one for
    an indicator entered by hand, the live one for a computed indicator (its latest recorded
    value where no live figure exists yet). One query for the indicators and their latest
    values, and at most four more for the live figures."""
    indicators = list(indicators_of(programme))
    live = live_values(programme, indicators)
    statuses = []
    for indicator in indicators:
        value, measured_on = live.get(indicator.pk, (None, None))
        if value is None:
            value, measured_on = indicator.latest_value, indicator.latest_on
        statuses.append(
            IndicatorStatus(
                indicator=indicator,
                goal=indicator.goal,
                value=value,
                measured_on=measured_on,
                met=is_met(indicator, value),
                value_display=format_value(indicator.unit, value),
                target_display=format_target(indicator),
            )
        )
    return statuses


def indicator_status(indicator: Indicator, programme: Programme) -> IndicatorStatus:
    for status in indicator_statuses(programme=programme):
        if status.indicator.pk == indicator.pk:
            return status
    raise LookupError(indicator.pk)


# --- history ------------------------------------------------------------------------------


def indicator_history(indicator: Indicator, programme: Programme) -> list[HistoryPoint]:
    """The values over time, oldest first: the recorded values, and for reach and members
    also the monthly figures (a recorded value wins on the same day)."""
    points: dict[datetime.date, HistoryPoint] = {}
    network_id = measured_network_id(indicator, programme)
    if indicator.source in NETWORK_SOURCES and network_id is not None:
        basis = reach_basis(programme)
        rows = ReachFigure.objects.filter(
            organisation_id=programme.organisation_id,
            network_id=network_id,
            region__isnull=True,
            month__isnull=False,
        ).values("month", "branches_total", "branches_member", "branches_engaged", "members")
        for row in rows:
            if indicator.source == IndicatorSource.NETWORK_REACH:
                value = _reach_value(row, basis)
            else:
                value = Decimal(row["members"])
            month = row["month"]
            if value is not None and month is not None:
                points[month] = HistoryPoint(month, value, None)
    for recorded in indicator.values.select_related("recorded_by"):
        points[recorded.measured_on] = HistoryPoint(recorded.measured_on, recorded.value, recorded)
    return [points[day] for day in sorted(points)]


def goal_counts(goal: Goal) -> tuple[int, int]:
    """How many goals below and indicators on and below the goal would go with it."""
    descendants = Goal.objects.filter(Q(parent=goal) | Q(parent__parent=goal))
    below = descendants.count()
    indicators = Indicator.objects.filter(
        Q(goal=goal) | Q(goal__parent=goal) | Q(goal__parent__parent=goal)
    ).count()
    return below, indicators


def value_counts(indicators: Iterable[int]) -> dict[int, int]:
    return dict(
        IndicatorValue.objects.filter(indicator_id__in=list(indicators))
        .values("indicator_id")
        .annotate(n=Count("id"))
        .values_list("indicator_id", "n")
    )


# --- the reach dashboard ---------------------------------------------------------------------

# The dashboard shows the running programmes' indicators, at most this many programmes (the
# list of programmes has the rest), so its cost does not grow with their number.
DASHBOARD_PROGRAMMES = 5


@dataclass(frozen=True)
class ProgrammeIndicators:
    programme: Programme
    statuses: list[IndicatorStatus]

    @property
    def overdue(self) -> list[IndicatorStatus]:
        """Indicators past their date and not met."""
        today = timezone.localdate()
        return [
            status
            for status in self.statuses
            if status.indicator.target_date is not None
            and status.indicator.target_date < today
            and status.met is not True
        ]


def dashboard_programmes(*, organisation: Any) -> tuple[list[ProgrammeIndicators], int]:
    """The running programmes (newest first, at most DASHBOARD_PROGRAMMES) with their
    indicators, and how many running programmes there are in all."""
    running = Programme.objects.filter(
        organisation=organisation, status=ProgrammeStatus.ACTIVE
    ).select_related("network")
    shown = list(running.order_by("-starts_on", "name")[:DASHBOARD_PROGRAMMES])
    total = len(shown) if len(shown) < DASHBOARD_PROGRAMMES else running.count()
    return [
        ProgrammeIndicators(programme=p, statuses=indicator_statuses(programme=p)) for p in shown
    ], total
