"""Recompute an organisation's reach figures, branch sizes and network health.

Every figure comes from a set-based query over the whole organisation (grouped by network,
region and branch), never from a loop over branches or networks: the monthly trend costs two
queries a month, today's figures a few more, whatever the number of persons, branches and
networks. The tables are replaced inside one transaction, so a page reads either the old
figures or the new ones, never half of each.

Days are counted as of the end of each month in the organisation's time zone (the server's,
Europe/Copenhagen by default); the running month is counted as of now."""

import datetime
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.tasks import task
from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.governance.models import (
    DECIDED_PROPOSAL_STATUSES,
    PENDING_PROPOSAL_STATUSES,
    BoardRequest,
    Proposal,
    RequestStatus,
)
from netvaerk.meetings.models import Attendance, Event, EventStatus
from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkStatus,
)
from netvaerk.networks.selectors import current_mandate_filter
from netvaerk.organisations.models import Branch, Organisation
from netvaerk.people.models import Person
from netvaerk.reach.models import (
    ENGAGEMENT_DAYS,
    TREND_MONTHS,
    BranchReach,
    BranchSize,
    NetworkHealth,
    ReachFigure,
    ReachSettings,
    ReachState,
)

logger = logging.getLogger(__name__)

BATCH = 5000
# A refresh asked for while one is queued or running is not queued again, unless the one
# under way has been silent this long (its worker died).
STALLED_AFTER = datetime.timedelta(minutes=30)
# Pages ask for a refresh when the data changed, but not more often than this.
MIN_INTERVAL = datetime.timedelta(minutes=5)


def settings_for(organisation: Organisation) -> ReachSettings:
    settings, _created = ReachSettings.objects.get_or_create(organisation=organisation)
    return settings


# --- the trend: one pair of queries per month --------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end_instant(month: datetime.date) -> datetime.datetime:
    """The last instant of the month, as an aware datetime in the current time zone."""
    following = add_months(month, 1)
    midnight = datetime.datetime.combine(following, datetime.time.min)
    return timezone.make_aware(midnight) - datetime.timedelta(microseconds=1)


def members_on(organisation: Organisation, moment: datetime.datetime) -> QuerySet[Membership]:
    """Memberships of active networks that were running at `moment`, of persons with a
    branch. Ended memberships keep joined_at and left_at, so history is the table itself."""
    return Membership.objects.filter(
        organisation=organisation,
        network__status=NetworkStatus.ACTIVE,
        joined_at__isnull=False,
        joined_at__lte=moment,
        person__branch__isnull=False,
    ).filter(Q(left_at__isnull=True) | Q(left_at__gt=moment))


def _engaged(moment: datetime.datetime) -> Exists:
    """The member took part in an event of the organisation in the year before `moment`."""
    return Exists(
        Attendance.objects.filter(
            person_id=OuterRef("person_id"),
            event__starts_at__gt=moment - datetime.timedelta(days=ENGAGEMENT_DAYS),
            event__starts_at__lte=moment,
        ).exclude(event__status=EventStatus.CANCELLED)
    )


@dataclass
class _Totals:
    branches_member: int = 0
    branches_engaged: int = 0
    members: int = 0
    engaged_members: int = 0

    def add(self, other: "_Totals") -> None:
        self.branches_member += other.branches_member
        self.branches_engaged += other.branches_engaged
        self.members += other.members
        self.engaged_members += other.engaged_members


_SQL_COUNTS = """
WITH days (d, moment, since) AS (VALUES {days}),
mem AS (
    SELECT m.network_id AS network_id, p.branch_id AS branch_id, b.region_id AS region_id,
           m.person_id AS person_id, m.joined_at AS joined_at, m.left_at AS left_at
    FROM {membership} m
    JOIN {network} n ON n.id = m.network_id
    JOIN {person} p ON p.id = m.person_id
    JOIN {branch} b ON b.id = p.branch_id
    WHERE m.organisation_id = %s AND n.status = %s AND m.joined_at IS NOT NULL
),
eng AS (
    SELECT DISTINCT days.d AS d, a.person_id AS person_id
    FROM days
    JOIN {event} e ON e.starts_at > days.since AND e.starts_at <= days.moment
    JOIN {attendance} a ON a.event_id = e.id
    WHERE e.organisation_id = %s AND e.status <> %s AND a.person_id IS NOT NULL
)
SELECT days.d, {network_column}, mem.region_id,
       COUNT(DISTINCT mem.branch_id),
       COUNT(DISTINCT CASE WHEN eng.person_id IS NOT NULL THEN mem.branch_id END),
       COUNT(DISTINCT mem.person_id),
       COUNT(DISTINCT CASE WHEN eng.person_id IS NOT NULL THEN mem.person_id END)
FROM days
JOIN mem ON mem.joined_at <= days.moment AND (mem.left_at IS NULL OR mem.left_at > days.moment)
LEFT JOIN eng ON eng.d = days.d AND eng.person_id = mem.person_id
GROUP BY days.d, {group}
"""


def _counts(
    organisation: Organisation, moments: list[datetime.datetime], *, by_network: bool
) -> list[tuple[int, int | None, int, _Totals]]:
    """(day index, network or None, region, counts) for every day at once: one set-based
    query joins the days to the memberships running on each (membership history is the
    table itself) and to the members who took part in an event in the year before it.
    Raw SQL because the ORM cannot join a list of days; the tables are the models'."""
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datetimefield_value
    year = datetime.timedelta(days=ENGAGEMENT_DAYS)
    sql = _SQL_COUNTS.format(
        days=", ".join(["(%s, %s, %s)"] * len(moments)),
        membership=quote(Membership._meta.db_table),
        network=quote(Network._meta.db_table),
        person=quote(Person._meta.db_table),
        branch=quote(Branch._meta.db_table),
        event=quote(Event._meta.db_table),
        attendance=quote(Attendance._meta.db_table),
        network_column="mem.network_id" if by_network else "NULL",
        group="mem.network_id, mem.region_id" if by_network else "mem.region_id",
    )
    params: list[Any] = []
    for index, moment in enumerate(moments):
        params += [index, adapt(moment), adapt(moment - year)]
    params += [organisation.pk, NetworkStatus.ACTIVE, organisation.pk, EventStatus.CANCELLED]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (day, network_id, region_id, _Totals(*counts))
            for day, network_id, region_id, *counts in cursor.fetchall()
        ]


def _figures(
    organisation: Organisation,
    days: list[tuple[datetime.date | None, datetime.datetime]],
    branches_by_region: dict[int, int],
) -> list[ReachFigure]:
    """The rows of each day (a month, counted at its end; None, counted now): every
    (network, region), every network, every region, and the organisation. A branch lies in
    one region and a person in one branch, so a network's figures are the sums of its
    regions'; the organisation's are counted separately, since a branch in two networks
    counts once."""
    total_branches = sum(branches_by_region.values())
    moments = [moment for _month, moment in days]
    rows: list[ReachFigure] = []

    def figure(
        day: int, network_id: int | None, region_id: int | None, totals: _Totals
    ) -> ReachFigure:
        return ReachFigure(
            organisation=organisation,
            network_id=network_id,
            region_id=region_id,
            month=days[day][0],
            branches_total=(
                branches_by_region.get(region_id, 0) if region_id is not None else total_branches
            ),
            branches_member=totals.branches_member,
            branches_engaged=totals.branches_engaged,
            members=totals.members,
            engaged_members=totals.engaged_members,
        )

    by_network: dict[tuple[int, int], _Totals] = defaultdict(_Totals)
    for day, network_id, region_id, totals in _counts(organisation, moments, by_network=True):
        assert network_id is not None
        by_network[day, network_id].add(totals)
        rows.append(figure(day, network_id, region_id, totals))
    rows.extend(figure(day, network_id, None, t) for (day, network_id), t in by_network.items())

    overall: dict[int, _Totals] = defaultdict(_Totals)
    counted: set[tuple[int, int]] = set()
    for day, _none, region_id, totals in _counts(organisation, moments, by_network=False):
        overall[day].add(totals)
        counted.add((day, region_id))
        rows.append(figure(day, None, region_id, totals))
    for day in range(len(days)):
        # Regions without anyone taking part still have branches to count against.
        rows.extend(
            figure(day, None, region_id, _Totals())
            for region_id in branches_by_region
            if (day, region_id) not in counted
        )
        rows.append(figure(day, None, None, overall[day]))
    return rows


def _months(organisation: Organisation, now: datetime.datetime) -> list[datetime.date]:
    first_join = Membership.objects.filter(
        organisation=organisation, joined_at__isnull=False
    ).aggregate(first=Min("joined_at"))["first"]
    this_month = month_start(timezone.localdate(now))
    start = add_months(this_month, -(TREND_MONTHS - 1))
    if first_join is not None:
        start = max(start, month_start(timezone.localdate(first_join)))
    else:
        start = this_month
    months = []
    month = start
    while month <= this_month:
        months.append(month)
        month = add_months(month, 1)
    return months


# --- today's branch-by-network cells and branch sizes -------------------------------------


def _branch_cells(
    organisation: Organisation, now: datetime.datetime
) -> tuple[list[BranchReach], dict[int, int]]:
    memberships = members_on(organisation, now).annotate(engaged=_engaged(now))
    cells = []
    networks_per_branch: dict[int, int] = defaultdict(int)
    for row in (
        memberships.values("network_id", "person__branch_id")
        .order_by()
        .annotate(
            members=Count("person_id", distinct=True),
            engaged_members=Count("person_id", distinct=True, filter=Q(engaged=True)),
        )
    ):
        branch_id = row["person__branch_id"]
        networks_per_branch[branch_id] += 1
        cells.append(
            BranchReach(
                organisation=organisation,
                network_id=row["network_id"],
                branch_id=branch_id,
                members=row["members"],
                engaged_members=row["engaged_members"],
            )
        )
    return cells, networks_per_branch


_NONE = {"persons": 0, "members": 0}


def _branch_sizes(
    organisation: Organisation, networks_per_branch: dict[int, int]
) -> list[BranchSize]:
    counted: dict[int, Any] = {
        row["branch_id"]: row
        for row in Person.objects.filter(organisation=organisation, branch__isnull=False)
        .values("branch_id")
        .order_by()
        .annotate(persons=Count("id"), members=Count("id", filter=Q(is_member=True)))
    }
    return [
        BranchSize(
            organisation=organisation,
            branch_id=branch_id,
            persons=counted.get(branch_id, _NONE)["persons"],
            members=counted.get(branch_id, _NONE)["members"],
            networks=networks_per_branch.get(branch_id, 0),
        )
        for branch_id in Branch.objects.filter(organisation=organisation).values_list(
            "id", flat=True
        )
    ]


# --- network health ------------------------------------------------------------------------


def _by_network(queryset: QuerySet[Any], **aggregates: Any) -> dict[int, dict[str, Any]]:
    return {
        row["network_id"]: row
        for row in queryset.values("network_id").order_by().annotate(**aggregates)
    }


def _health(
    organisation: Organisation, now: datetime.datetime, settings: ReachSettings
) -> list[NetworkHealth]:
    today = timezone.localdate(now)
    year_ago = now - datetime.timedelta(days=365)
    half_year_ago = now - datetime.timedelta(days=182)
    networks = list(
        Network.objects.filter(organisation=organisation, status=NetworkStatus.ACTIVE).values(
            "id", "created_at"
        )
    )
    held = _by_network(
        Event.objects.filter(
            organisation=organisation,
            network__isnull=False,
            starts_at__lte=now,
        ).exclude(status=EventStatus.CANCELLED),
        meetings_6m=Count("id", filter=Q(starts_at__gt=half_year_ago)),
        meetings_12m=Count("id", filter=Q(starts_at__gt=year_ago)),
        last=Max("starts_at"),
    )
    upcoming = _by_network(
        Event.objects.filter(
            organisation=organisation, network__isnull=False, starts_at__gt=now
        ).exclude(status=EventStatus.CANCELLED),
        next=Min("starts_at"),
    )
    members = _by_network(
        Membership.objects.filter(organisation=organisation, joined_at__isnull=False),
        now=Count("id", filter=Q(status=MembershipStatus.ACTIVE)),
        year_ago=Count(
            "id",
            filter=Q(joined_at__lte=year_ago) & (Q(left_at__isnull=True) | Q(left_at__gt=year_ago)),
        ),
        joined=Count("id", filter=Q(joined_at__gt=year_ago)),
        left=Count("id", filter=Q(left_at__gt=year_ago)),
        chair=Count("id", filter=Q(status=MembershipStatus.ACTIVE, role=MembershipRole.CHAIR)),
    )
    proposals = _by_network(
        Proposal.objects.filter(organisation=organisation),
        submitted=Count("id", filter=Q(submitted_at__gt=year_ago)),
        decided=Count(
            "id", filter=Q(status__in=DECIDED_PROPOSAL_STATUSES, decided_at__gt=year_ago)
        ),
        decided_on_time=Count(
            "id",
            filter=Q(status__in=DECIDED_PROPOSAL_STATUSES, decided_at__gt=year_ago)
            & (Q(answer_due__isnull=True) | Q(decided_at__date__lte=F("answer_due"))),
        ),
        overdue=Count("id", filter=Q(status__in=PENDING_PROPOSAL_STATUSES, answer_due__lt=today)),
    )
    requests = _by_network(
        BoardRequest.objects.filter(organisation=organisation),
        answered=Count("id", filter=Q(status=RequestStatus.ANSWERED, answered_at__gt=year_ago)),
        on_time=Count(
            "id",
            filter=Q(
                status=RequestStatus.ANSWERED,
                answered_at__gt=year_ago,
                answered_at__date__lte=F("deadline"),
            ),
        ),
        overdue=Count("id", filter=Q(status=RequestStatus.OPEN, deadline__lt=today)),
    )
    mandates = _by_network(
        CoordinatorMandate.objects.filter(organisation=organisation).filter(
            current_mandate_filter(today)
        ),
        term_end=Max("term_end"),
        ended_on=Max("ended_on"),
    )
    result = []
    for network in networks:
        network_id = network["id"]
        h = held.get(network_id, {})
        m = members.get(network_id, {})
        p = proposals.get(network_id, {})
        r = requests.get(network_id, {})
        mandate = mandates.get(network_id)
        term_ends_on = None
        if mandate is not None:
            term_ends_on = mandate["term_end"]
            if mandate["ended_on"] is not None:
                term_ends_on = min(term_ends_on, mandate["ended_on"])
        health = NetworkHealth(
            organisation=organisation,
            network_id=network_id,
            meetings_6m=h.get("meetings_6m", 0),
            meetings_12m=h.get("meetings_12m", 0),
            last_meeting_on=timezone.localdate(h["last"]) if h.get("last") else None,
            next_meeting_on=(
                timezone.localdate(upcoming[network_id]["next"]) if network_id in upcoming else None
            ),
            members=m.get("now", 0),
            members_year_ago=m.get("year_ago", 0),
            joined_12m=m.get("joined", 0),
            left_12m=m.get("left", 0),
            has_chair=bool(m.get("chair")),
            proposals_12m=p.get("submitted", 0),
            proposals_decided_12m=p.get("decided", 0),
            proposals_on_time_12m=p.get("decided_on_time", 0),
            proposals_overdue=p.get("overdue", 0),
            requests_answered_12m=r.get("answered", 0),
            requests_on_time_12m=r.get("on_time", 0),
            requests_overdue=r.get("overdue", 0),
            has_coordinator=mandate is not None,
            coordinator_term_ends_on=term_ends_on,
        )
        health.warnings = health_warnings(
            health, settings=settings, today=today, created_at=network["created_at"]
        )
        health.inactive = "no_recent_meeting" in health.warnings
        result.append(health)
    return result


def health_warnings(
    health: NetworkHealth,
    *,
    settings: ReachSettings,
    today: datetime.date,
    created_at: datetime.datetime,
) -> list[str]:
    """The codes of what is wrong, in order of weight (see selectors.health.WARNINGS)."""
    warnings = []
    quiet_since = add_months(month_start(today), -settings.inactive_after_months).replace(
        day=min(today.day, 28)
    )
    started = timezone.localdate(created_at)
    if started <= quiet_since and (
        health.last_meeting_on is None or health.last_meeting_on < quiet_since
    ):
        warnings.append("no_recent_meeting")
    elif (
        health.meetings_12m < settings.min_meetings_per_year
        and started <= today - datetime.timedelta(days=365)
    ):
        warnings.append("few_meetings")
    if not health.has_chair:
        warnings.append("no_chair")
    if not health.has_coordinator:
        warnings.append("no_coordinator")
    elif health.coordinator_term_ends_on is not None and (
        health.coordinator_term_ends_on - today
    ) <= datetime.timedelta(days=settings.term_warning_days):
        warnings.append("term_ending")
    if health.members_year_ago and Decimal(health.left_12m * 100) / health.members_year_ago > (
        settings.max_churn_percent
    ):
        warnings.append("churn")
    if health.requests_overdue:
        warnings.append("requests_overdue")
    if health.proposals_overdue:
        warnings.append("proposals_overdue")
    return warnings


# --- the refresh ---------------------------------------------------------------------------


def _replace(model: Any, organisation: Organisation, rows: list[Any]) -> None:
    model.objects.filter(organisation=organisation).delete()
    model.objects.bulk_create(rows, batch_size=BATCH)


def reach_refresh(*, organisation: Organisation, now: datetime.datetime | None = None) -> None:
    """Recompute every figure of the organisation. Not audited: it changes no one's data,
    only what is derived from it; the state row says when and from which version."""
    started = time.monotonic()
    now = now or timezone.now()
    organisation.refresh_from_db(fields=["content_version"])
    version = organisation.content_version
    settings = settings_for(organisation)
    branches_by_region = dict(
        Branch.objects.filter(organisation=organisation)
        .values("region_id")
        .order_by()
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    days: list[tuple[datetime.date | None, datetime.datetime]] = [
        (month, min(now, month_end_instant(month))) for month in _months(organisation, now)
    ]
    days.append((None, now))
    figures = _figures(organisation, days, branches_by_region)
    cells, networks_per_branch = _branch_cells(organisation, now)
    sizes = _branch_sizes(organisation, networks_per_branch)
    health = _health(organisation, now, settings)
    with transaction.atomic():
        _replace(ReachFigure, organisation, figures)
        _replace(BranchReach, organisation, cells)
        _replace(BranchSize, organisation, sizes)
        _replace(NetworkHealth, organisation, health)
        ReachState.objects.update_or_create(
            organisation=organisation,
            defaults={
                "refreshed_at": now,
                "source_version": version,
                "requested_at": None,
                "started_at": None,
                "last_duration": time.monotonic() - started,
            },
        )


@task()
def reach_refresh_task(*, organisation_id: int) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    ReachState.objects.filter(organisation=organisation).update(started_at=timezone.now())
    reach_refresh(organisation=organisation)


def reach_is_stale(state: ReachState | None, organisation: Organisation) -> bool:
    if state is None or state.refreshed_at is None:
        return True
    if state.source_version != organisation.content_version:
        return True
    # Past midnight the engagement window and the running month have moved on.
    return timezone.localdate(state.refreshed_at) != timezone.localdate()


def reach_request_refresh(
    *, organisation: Organisation, actor: Actor | None = None, force: bool = False
) -> bool:
    """Queue a refresh when the figures are stale (or `force`, the office's "update now"),
    unless one is already queued or ran within MIN_INTERVAL. True if one was queued."""
    now = timezone.now()
    with transaction.atomic():
        state, _created = ReachState.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        if state.requested_at is not None and now - state.requested_at < STALLED_AFTER:
            return False
        if not force:
            if not reach_is_stale(state, organisation):
                return False
            if state.refreshed_at is not None and now - state.refreshed_at < MIN_INTERVAL:
                return False
        state.requested_at = now
        state.started_at = None
        state.save(update_fields=["requested_at", "started_at"])
        if actor is not None:
            log_action(
                actor=actor,
                organisation=organisation,
                action="reach.refresh_requested",
                obj=organisation,
                read=True,
            )
        transaction.on_commit(lambda: reach_refresh_task.enqueue(organisation_id=organisation.pk))
    return True
