"""Everything a programme's status report needs from live data, as plain JSON values: what a
draft shows and what a sent report keeps in its snapshot (so it reads the same afterwards,
whatever happens to the data). A fixed number of queries, whatever the size of the series,
the focused-support track or the organisation.

The figures are those of the report's period: the workshops of the programme's series held in
it (and the dates planned after it), the branches in focused support with their statuses and
the case-log entries of the period, and the network's branch reach (the materialised figures
of `reach_refresh`) with its trend up to the end of the period."""

import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone

from netvaerk.competences.selectors.overview import network_coverage
from netvaerk.meetings.models import (
    Attendance,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.meetings.selectors.attendance import member_at_start
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person
from netvaerk.programmes.models import (
    CaseEntry,
    Goal,
    GoalLevel,
    Programme,
    SelectionCriterion,
    StatusReport,
    SupportedBranch,
)
from netvaerk.reach.models import (
    ReachFigure,
    RecruitmentEntry,
    RecruitmentStage,
    counted_field,
)
from netvaerk.reach.selectors import figures as reach_selectors

FIGURES_VERSION = 1
# The status report names at most this many competences the network does not cover.
COMPETENCES_NAMED = 3
# How many case-log entries of the period the report lists, newest first.
CASE_ENTRIES = 5
# How many planned dates after the period, and months of reach trend, it shows.
UPCOMING = 10
TREND_MONTHS = 12
REPORTS_PAGE_SIZE = 20


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _series_events(programme: Programme) -> QuerySet[Event]:
    return Event.objects.filter(
        organisation=programme.organisation,
        series__programmes=programme,
    ).exclude(status=EventStatus.CANCELLED)


def workshop_figures(
    programme: Programme, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """The series' workshops held in the period, each with who registered and who came (and
    of those, who was a member of the programme's network when it started), and the dates of
    the workshops planned after the period. Four queries."""
    begin, finish = _day_start(start), _day_start(end + datetime.timedelta(days=1))
    events = list(
        _series_events(programme)
        .filter(starts_at__gte=begin, starts_at__lt=finish)
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at")
    )
    ids = [event["pk"] for event in events]
    registered = dict(
        Registration.objects.filter(event_id__in=ids, status=RegistrationStatus.CONFIRMED)
        .values("event_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("event_id", "n")
    )
    member = member_at_start(programme.network, person="person", start=OuterRef("event__starts_at"))
    person = Q(person__isnull=False)
    came: dict[int, dict[str, Any]] = {
        row["event_id"]: dict(row)
        for row in Attendance.objects.filter(event_id__in=ids)
        .values("event_id")
        .annotate(
            came=Count("pk"),
            members=Count("pk", filter=person & member),
            others=Count("pk", filter=person & ~member),
            guests=Count("pk", filter=~person),
        )
        .order_by()
    }
    empty = {"came": 0, "members": 0, "others": 0, "guests": 0}
    held = [
        {
            "date": timezone.localdate(event["starts_at"]).isoformat(),
            "title": event["title"],
            "registered": registered.get(event["pk"], 0),
            **{key: came.get(event["pk"], empty)[key] for key in empty},
        }
        for event in events
    ]
    upcoming = [
        timezone.localdate(moment).isoformat()
        for moment in _series_events(programme)
        .filter(starts_at__gte=finish)
        .order_by("starts_at", "pk")
        .values_list("starts_at", flat=True)[:UPCOMING]
    ]
    return {"held": held, "upcoming": upcoming}


def goal_figures(programme: Programme) -> dict[str, Any]:
    """The purpose and the goals of the hierarchy (sub-goals and indicators stay on the
    programme's page). One query."""
    rows = list(
        Goal.objects.filter(
            programme=programme, level__in=(GoalLevel.PURPOSE, GoalLevel.GOAL)
        ).values("level", "title", "description")
    )
    purpose = next((row for row in rows if row["level"] == GoalLevel.PURPOSE), None)
    return {
        "purpose": purpose["title"] if purpose else "",
        "purpose_description": purpose["description"] if purpose else "",
        "goals": [row["title"] for row in rows if row["level"] == GoalLevel.GOAL],
    }


def support_figures(
    programme: Programme, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """The branches in focused support with their statuses and themes, the selection
    criteria, and the newest case-log entries of the period. Three queries."""
    branches = [
        {"name": row["branch__name"], "status": row["status"], "theme": row["focus_theme"]}
        for row in SupportedBranch.objects.filter(programme=programme)
        .order_by("branch__name", "pk")
        .values("branch__name", "status", "focus_theme")
    ]
    criteria = list(
        SelectionCriterion.objects.filter(programme=programme).values_list("text", flat=True)
    )
    cases = [
        {
            "date": row["happened_on"].isoformat(),
            "branch": row["supported__branch__name"],
            "kind": row["kind"],
            "text": row["text"],
        }
        for row in CaseEntry.objects.filter(
            supported__programme=programme, happened_on__gte=start, happened_on__lte=end
        )
        .order_by("-happened_on", "-pk")
        .values("happened_on", "supported__branch__name", "kind", "text")[:CASE_ENTRIES]
    ]
    return {"branches": branches, "criteria": criteria, "cases": cases}


def _percent(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def reach_figures(programme: Programme, end: datetime.date) -> dict[str, Any] | None:
    """The network's branch reach now, against its goal (its own, else the organisation's),
    with the unrepresented branches, the recruitment pipeline and the monthly trend up to the
    end of the period. None when there is no network or no figures have been computed yet.
    Five queries."""
    network = programme.network
    if network is None:
        return None
    org = programme.organisation
    current: dict[int | None, dict[str, Any]] = {
        row["network_id"]: dict(row)
        for row in ReachFigure.objects.filter(
            organisation=org, region__isnull=True, month__isnull=True
        )
        .filter(Q(network__isnull=True) | Q(network=network))
        .values("network_id", "branches_total", "branches_member", "branches_engaged")
    }
    if None not in current:
        return None
    settings = reach_selectors.reach_settings(org)
    basis = settings.basis
    counted = counted_field(basis)
    goal, _source = reach_selectors.goal_for(reach_selectors.network_goal(network), settings)
    total = current[None]["branches_total"]
    row = current.get(network.pk, {"branches_member": 0, "branches_engaged": 0})
    months: dict[datetime.date, dict[int | None, dict[str, Any]]] = {}
    for figure in (
        ReachFigure.objects.filter(
            organisation=org, region__isnull=True, month__isnull=False, month__lte=end
        )
        .filter(Q(network__isnull=True) | Q(network=network))
        .values("network_id", "month", "branches_total", counted)
    ):
        months.setdefault(figure["month"], {})[figure["network_id"]] = dict(figure)
    trend = []
    for month in sorted(months)[-TREND_MONTHS:]:
        rows = months[month]
        month_total = rows[None]["branches_total"] if None in rows else 0
        taking_part = rows[network.pk][counted] if network.pk in rows else 0
        trend.append(
            {
                "month": month.isoformat(),
                "branches": taking_part,
                "total": month_total,
                "percent": _percent(taking_part, month_total),
            }
        )
    stages = dict(
        RecruitmentEntry.objects.filter(network=network)
        .values("stage")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("stage", "n")
    )
    return {
        "network": network.name,
        "basis": basis,
        "total": total,
        "counted": row[counted],
        "represented": row["branches_member"],
        "unrepresented": max(0, total - row["branches_member"]),
        "percent": _percent(row[counted], total),
        "goal": float(goal) if goal is not None else None,
        "trend": trend,
        "recruitment": {stage: stages.get(stage, 0) for stage in RecruitmentStage.values},
    }


def competence_figures(programme: Programme) -> dict[str, Any] | None:
    """The network's competence list: how many of its active members are on it (profiles
    they share; hidden ones are never counted), across how many competences, and a few of the
    organisation's competences nobody in it covers. None when there is no network, or the
    organisation has no competence vocabulary yet. Four queries."""
    network = programme.network
    if network is None:
        return None
    coverage = network_coverage(network, name_at_most=COMPETENCES_NAMED)
    if not coverage.vocabulary:
        return None
    return {
        "people": coverage.people,
        "competences": coverage.competences,
        "uncovered": list(coverage.uncovered),
        "uncovered_total": coverage.uncovered_total,
    }


def report_figures(
    programme: Programme, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """Every figure of a status report on the period, as JSON values."""
    return {
        "version": FIGURES_VERSION,
        "programme": {"name": programme.name, "description": programme.description},
        "network": programme.network.name if programme.network else "",
        "goals": goal_figures(programme),
        "workshops": workshop_figures(programme, start, end),
        "support": support_figures(programme, start, end),
        "reach": reach_figures(programme, end),
        "competences": competence_figures(programme),
    }


SOURCES = ("workshops", "support", "reach")


def missing_data(figures: dict[str, Any]) -> list[str]:
    """Which of the report's three sources has nothing for the period: "workshops",
    "support", "reach"."""
    missing = []
    if not figures["workshops"]["held"]:
        missing.append("workshops")
    if not figures["support"]["branches"]:
        missing.append("support")
    if figures["reach"] is None:
        missing.append("reach")
    return missing


# --- contacts ------------------------------------------------------------------------------


def eligible_contacts(programme: Programme) -> QuerySet[Person]:
    """Who may be named as a contact: the programme's owners and the organisation's staff."""
    return (
        Person.objects.filter(organisation=programme.organisation)
        .filter(
            Q(owned_programmes=programme)
            | Q(
                role_assignments__role=OrgRole.STAFF,
                role_assignments__ended_at__isnull=True,
            )
        )
        .distinct()
        .order_by("name", "pk")
    )


def contact_rows(report: StatusReport) -> list[dict[str, str]]:
    """The report's contact persons as the document names them: e-mail and phone only of
    those who agreed to be shown as a contact. Two queries."""
    owners = set(report.programme.owners.values_list("pk", flat=True))
    return [
        {
            "name": person.name,
            "role": "owner" if person.pk in owners else "",
            "email": person.email if person.show_contact_details else "",
            "phone": person.phone if person.show_contact_details else "",
        }
        for person in report.contacts.order_by("name", "pk")
    ]


# --- lists ---------------------------------------------------------------------------------


def status_reports(*, programme: Programme, sent_only: bool) -> QuerySet[StatusReport]:
    qs = StatusReport.objects.filter(programme=programme).select_related("sent_by")
    if sent_only:
        qs = qs.exclude(status="draft")
    return qs.order_by("-date", "-id")


def latest_report(*, programme: Programme, sent_only: bool) -> StatusReport | None:
    return status_reports(programme=programme, sent_only=sent_only).first()
