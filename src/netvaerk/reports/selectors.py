"""Reads for annual reports. Every figure is aggregated in the database, in a fixed number of
queries whatever the number of members, networks or reports; each returns plain JSON-able
values, so that the figures can be frozen into a submitted report as they are."""

import datetime
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkStatus,
)
from netvaerk.organisations.models import Organisation
from netvaerk.reports.models import FIRST_YEAR, AnnualReport, AnnualReportStatus, ReportState

OVERVIEW_PAGE_SIZE = 50
MAX_LISTED_PROPOSALS = 50


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[1 January 00:00, next 1 January 00:00) in the organisation's time zone."""
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def month_starts(year: int) -> list[datetime.datetime]:
    """1 January, 1 February … and 1 January of the next year: 13 instants."""
    zone = timezone.get_default_timezone()
    return [datetime.datetime(year, m, 1, tzinfo=zone) for m in range(1, 13)] + [
        datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    ]


def valid_report_year(year: int, *, today: datetime.date) -> bool:
    """Years a report page can be about: from FIRST_YEAR to the current year."""
    return FIRST_YEAR <= year <= today.year


# --- membership -----------------------------------------------------------------------------


def _member_at(instant: datetime.datetime) -> Q:
    """A spell of membership that had begun and not yet ended at the instant."""
    return Q(joined_at__lt=instant) & (Q(left_at__isnull=True) | Q(left_at__gte=instant))


def membership_figures(*, network: Network, year: int) -> dict[str, Any]:
    """Members on 1 January and 31 December (at the end of the day), at the end of each month,
    and the joins and leaves of the year by region and by branch: three queries.

    A join or a leave is an event: someone who leaves in March and comes back in June counts
    once in each, so members at the start plus joins minus leaves is members at the end.
    Region and branch are the person's current ones; a person without one counts under
    None ("unknown")."""
    start, end = year_bounds(year)
    instants = month_starts(year)
    spells = Membership.objects.filter(network=network, joined_at__isnull=False)
    counts = spells.aggregate(
        **{
            f"at_{index}": Count("person", distinct=True, filter=_member_at(instant))
            for index, instant in enumerate(instants)
        }
    )
    series = [counts[f"at_{index}"] for index in range(len(instants))]
    in_year = Q(joined_at__gte=start, joined_at__lt=end) | Q(left_at__gte=start, left_at__lt=end)
    joined = Q(joined_at__gte=start, joined_at__lt=end)
    left = Q(left_at__gte=start, left_at__lt=end)

    def by(field: str, name: str) -> list[dict[str, Any]]:
        rows = (
            spells.filter(in_year)
            .values(field, name)
            .annotate(joined=Count("pk", filter=joined), left=Count("pk", filter=left))
            .order_by(name, field)
        )
        # Named ones first, alphabetically; "unknown" last.
        ordered = sorted(rows, key=lambda row: (row[field] is None, row[name] or ""))
        return [
            {"name": row[name], "joined": row["joined"], "left": row["left"]} for row in ordered
        ]

    regions = by("person__region_id", "person__region__name")
    branches = by("person__branch_id", "person__branch__name")
    return {
        "members_start": series[0],
        "members_end": series[-1],
        # Members at the end of January, February … December.
        "members_by_month": series[1:],
        "joined": sum(row["joined"] for row in regions),
        "left": sum(row["left"] for row in regions),
        "by_region": regions,
        "by_branch": branches,
    }


def coordination_figures(*, network: Network, year: int) -> dict[str, Any]:
    """The coordinators whose term overlapped the year, and the network's current chair and
    coordination group: two queries."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    mandates = (
        CoordinatorMandate.objects.filter(
            network=network, term_start__lte=last, term_end__gte=first
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .order_by("term_start", "id")
        .values("person__name", "term_start", "term_end", "ended_on", "decision_reference")
    )
    leads = (
        Membership.objects.filter(
            network=network,
            status=MembershipStatus.ACTIVE,
            role__in=(MembershipRole.CHAIR, MembershipRole.COORDINATION),
        )
        .annotate(
            role_order=Case(
                When(role=MembershipRole.CHAIR, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("role_order", "person__name")
        .values("role", "person__name")
    )
    return {
        "coordinators": [
            {
                "name": m["person__name"],
                "from": m["term_start"].isoformat(),
                "to": (m["ended_on"] or m["term_end"]).isoformat(),
                "decision": m["decision_reference"],
            }
            for m in mandates
        ],
        "leads": [{"name": m["person__name"], "role": m["role"]} for m in leads],
    }


def governance_figures(*, network: Network, year: int) -> dict[str, Any]:
    """Proposals submitted in the year and their outcomes, board requests received in the year
    and how they were answered, rules of procedure approved in the year: four queries."""
    start, end = year_bounds(year)
    proposals = Proposal.objects.filter(
        network=network, submitted_at__gte=start, submitted_at__lt=end
    )
    outcomes = dict(
        proposals.values("status").annotate(n=Count("pk")).order_by().values_list("status", "n")
    )
    listed = list(
        proposals.order_by("submitted_at", "id").values(
            "title", "kind", "status", "submitted_at", "decided_at"
        )[:MAX_LISTED_PROPOSALS]
    )
    requests = (
        BoardRequest.objects.filter(network=network, created_at__gte=start, created_at__lt=end)
        .annotate(answered_day=TruncDate("answered_at"))
        .aggregate(
            received=Count("pk"),
            answered_on_time=Count(
                "pk",
                filter=Q(status=RequestStatus.ANSWERED, answered_day__lte=F("deadline")),
            ),
            answered_late=Count(
                "pk", filter=Q(status=RequestStatus.ANSWERED, answered_day__gt=F("deadline"))
            ),
            open=Count("pk", filter=Q(status=RequestStatus.OPEN)),
            withdrawn=Count("pk", filter=Q(status=RequestStatus.WITHDRAWN)),
        )
    )
    rules = RulesOfProcedure.objects.filter(
        network=network,
        status=RulesStatus.APPROVED,
        decided_at__gte=start,
        decided_at__lt=end,
    ).order_by("number")
    return {
        "proposals": {
            "submitted": sum(outcomes.values()),
            "outcomes": {status: outcomes.get(status, 0) for status in ProposalStatus.values},
            "listed": [
                {
                    "title": p["title"],
                    "kind": p["kind"],
                    "status": p["status"],
                    "submitted": timezone.localdate(p["submitted_at"]).isoformat(),
                    "decided": (
                        timezone.localdate(p["decided_at"]).isoformat() if p["decided_at"] else None
                    ),
                }
                for p in listed
            ],
        },
        "requests": requests,
        "rules_approved": [
            {"number": r["number"], "decided": timezone.localdate(r["decided_at"]).isoformat()}
            for r in rules.values("number", "decided_at")
        ],
    }


# --- reports and the overview ---------------------------------------------------------------


def report_for(*, network: Network, year: int) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(network=network, year=year)
        .select_related(
            "network", "organisation", "created_by", "submitted_by", "reopened_by", "received_by"
        )
        .first()
    )


def network_reports(*, network: Network, submitted_only: bool) -> QuerySet[AnnualReport]:
    qs = AnnualReport.objects.filter(network=network).select_related("submitted_by")
    if submitted_only:
        qs = qs.filter(status=AnnualReportStatus.SUBMITTED)
    return qs.order_by("-year")


def report_state(
    *, report: AnnualReport | None, deadline: datetime.date, today: datetime.date
) -> str:
    if report is not None and report.is_submitted:
        return ReportState.SUBMITTED
    if today > deadline:
        return ReportState.OVERDUE
    return ReportState.NOT_STARTED if report is None else ReportState.DRAFT


def overview(*, organisation: Organisation, year: int, today: datetime.date) -> QuerySet[Network]:
    """Every active network (and any other with a report for the year), each annotated with
    its report's id, status, submission time and receipt, and its state for the overview."""
    reports = AnnualReport.objects.filter(network=OuterRef("pk"), year=year)
    overdue = today > organisation.annual_report_deadline(year)
    unsubmitted = Value(ReportState.OVERDUE) if overdue else None
    return (
        Network.objects.filter(organisation=organisation)
        .filter(Q(status=NetworkStatus.ACTIVE) | Exists(reports))
        .annotate(
            report_id=Subquery(reports.values("pk")[:1]),
            report_status=Subquery(reports.values("status")[:1]),
            report_submitted_at=Subquery(reports.values("submitted_at")[:1]),
            report_received_at=Subquery(reports.values("received_at")[:1]),
        )
        .annotate(
            report_state=Case(
                When(report_status=AnnualReportStatus.SUBMITTED, then=Value(ReportState.SUBMITTED)),
                *(
                    [When(report_id__isnull=False, then=Value(ReportState.DRAFT))]
                    if not overdue
                    else []
                ),
                default=unsubmitted or Value(ReportState.NOT_STARTED),
                output_field=CharField(),
            )
        )
        .order_by("name", "id")
    )


def overview_counts(networks: QuerySet[Network]) -> dict[str, int]:
    """How many networks are in each state: one query."""
    # Typed loosely: django-stubs cannot see the report_state annotation.
    rows: Any = networks.order_by()
    counts = dict(
        rows.values("report_state").annotate(n=Count("pk")).values_list("report_state", "n")
    )
    return {state: counts.get(state, 0) for state in ReportState.values}
