"""Reads of the materialised reach figures (see services.refresh): the organisation's reach,
each network's against its goal, the monthly trend, reach by region and the
branch-by-network table. Every function costs a fixed number of queries, whatever the
number of branches, networks and persons: the figures are a few rows per network and month.

A share is a percentage of all the organisation's branches (or a region's), rounded to one
decimal; there is no share where there are no branches to count (None, never a misleading
0 %). Which count is measured against the goal is `ReachSettings.basis`."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q

from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.reach.models import (
    BranchReach,
    BranchSize,
    ReachBasis,
    ReachFigure,
    ReachSettings,
    ReachState,
    counted_field,
)

ONE_DECIMAL = Decimal("0.1")
NETWORKS_PER_PAGE = 20
HEAT_MAP_BRANCHES = 25
HEAT_MAP_NETWORKS = 10


def reach_settings(organisation: Organisation) -> ReachSettings:
    """The organisation's settings, or the defaults (unsaved) when the office set none."""
    settings = ReachSettings.objects.filter(organisation=organisation).first()
    return settings or ReachSettings(organisation=organisation)


def reach_state(organisation: Organisation) -> ReachState | None:
    return ReachState.objects.filter(organisation=organisation).first()


def share_of(count: int, total: int) -> Decimal | None:
    if total <= 0:
        return None
    return (Decimal(count * 100) / total).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def counted(figure: ReachFigure, basis: str) -> int:
    """The branches taking part in the figure, on the organisation's basis."""
    return int(getattr(figure, counted_field(basis)))


@dataclass(frozen=True)
class Reach:
    """Branches taking part out of all, their share, and how that stands against a goal."""

    taking_part: int
    total: int
    members: int = 0
    engaged_members: int = 0
    goal: Decimal | None = None

    @property
    def share(self) -> Decimal | None:
        return share_of(self.taking_part, self.total)

    @property
    def exact_share(self) -> Decimal | None:
        if self.total <= 0:
            return None
        return Decimal(self.taking_part * 100) / self.total

    @property
    def met(self) -> bool | None:
        """True when the share reaches the goal (exactly, not as rounded for show); None
        without a goal or a share."""
        exact = self.exact_share
        if self.goal is None or exact is None:
            return None
        return exact >= self.goal

    @property
    def gap(self) -> Decimal | None:
        """Percentage points below the goal (negative: above it), to one decimal."""
        exact = self.exact_share
        if self.goal is None or exact is None:
            return None
        return (self.goal - exact).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

    @property
    def branches_to_goal(self) -> int | None:
        """How many more branches must take part to reach the goal (0 when it is met)."""
        if self.goal is None or self.total <= 0:
            return None
        needed = math.ceil(self.goal * self.total / 100)
        return max(0, needed - self.taking_part)


def _reach(figure: ReachFigure | None, basis: str, goal: Decimal | None, total: int) -> Reach:
    if figure is None:
        return Reach(taking_part=0, total=total, goal=goal)
    return Reach(
        taking_part=counted(figure, basis),
        total=figure.branches_total,
        members=figure.members,
        engaged_members=figure.engaged_members,
        goal=goal,
    )


def _current(organisation: Organisation) -> Any:
    return ReachFigure.objects.filter(organisation=organisation, month__isnull=True)


def organisation_reach(organisation: Organisation, settings: ReachSettings) -> Reach | None:
    """The organisation's reach today (a branch in two networks counts once); None before
    the first refresh."""
    figure = _current(organisation).filter(network__isnull=True, region__isnull=True).first()
    if figure is None:
        return None
    return _reach(figure, settings.basis, settings.goal_percent, figure.branches_total)


# --- every network against its goal ---------------------------------------------------------


@dataclass(frozen=True)
class NetworkReach:
    network: Network
    reach: Reach
    # "network" when the network has its own goal, "organisation" when the organisation's
    # applies, "" when there is none.
    goal_source: str

    @property
    def below_goal(self) -> bool:
        return self.reach.met is False


SORTS = ("gap", "name", "share")


def network_reaches(
    organisation: Organisation, settings: ReachSettings, *, sort: str = "gap"
) -> list[NetworkReach]:
    """Every active network's reach today against its goal (its own, else the
    organisation's). Sorted by how far below the goal (furthest first, those without a goal
    last), by name, or by share (lowest first). Two queries."""
    networks = list(
        Network.objects.filter(organisation=organisation, status=NetworkStatus.ACTIVE)
        .select_related("reach_goal")
        .order_by("name", "pk")
    )
    figures = {
        figure.network_id: figure
        for figure in _current(organisation).filter(network__isnull=False, region__isnull=True)
    }
    total = _organisation_total(organisation, figures)
    rows = []
    for network in networks:
        own = getattr(network, "reach_goal", None)
        goal, source = goal_for(own.goal_percent if own is not None else None, settings)
        rows.append(
            NetworkReach(
                network=network,
                reach=_reach(figures.get(network.pk), settings.basis, goal, total),
                goal_source=source,
            )
        )
    return sort_network_reaches(rows, sort)


def _organisation_total(organisation: Organisation, figures: dict[int, ReachFigure]) -> int:
    """All branches, from any current figure (every row of a day carries the same total)."""
    for figure in figures.values():
        return figure.branches_total
    overall = _current(organisation).filter(network__isnull=True, region__isnull=True).first()
    return overall.branches_total if overall is not None else 0


def sort_network_reaches(rows: list[NetworkReach], sort: str) -> list[NetworkReach]:
    if sort == "name":
        return sorted(rows, key=lambda row: (row.network.name.casefold(), row.network.pk))
    if sort == "share":
        return sorted(
            rows, key=lambda row: (row.reach.share is None, row.reach.share or 0, row.network.name)
        )
    return sorted(
        rows,
        key=lambda row: (
            row.reach.gap is None,
            -(row.reach.gap or 0),
            row.network.name.casefold(),
        ),
    )


def network_reach(
    organisation: Organisation, settings: ReachSettings, network: Network
) -> NetworkReach | None:
    """One network's reach today against its goal; None before the first refresh."""
    overall = _current(organisation).filter(network__isnull=True, region__isnull=True).first()
    if overall is None:
        return None
    figure = _current(organisation).filter(network=network, region__isnull=True).first()
    goal, source = goal_for(network_goal(network), settings)
    return NetworkReach(
        network=network,
        reach=_reach(figure, settings.basis, goal, overall.branches_total),
        goal_source=source,
    )


def goal_for(own: Decimal | None, settings: ReachSettings) -> tuple[Decimal | None, str]:
    """A network's goal — its own, else the organisation's — and which it is ("network",
    "organisation", or "" when there is none)."""
    if own is not None:
        return own, "network"
    if settings.goal_percent is not None:
        return settings.goal_percent, "organisation"
    return None, ""


def network_goal(network: Network) -> Decimal | None:
    from netvaerk.reach.models import NetworkGoal

    return (
        NetworkGoal.objects.filter(network=network).values_list("goal_percent", flat=True).first()
    )


# --- the trend and regions --------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    month: datetime.date
    taking_part: int
    total: int

    @property
    def share(self) -> Decimal | None:
        return share_of(self.taking_part, self.total)


def trend(
    organisation: Organisation, settings: ReachSettings, network: Network | None = None
) -> list[Point]:
    """The share month by month, oldest first: of the organisation (a branch in any active
    network), or of one network. A month where the network had nobody has no row; it
    counts as none taking part. One or two queries."""
    overall = list(
        ReachFigure.objects.filter(
            organisation=organisation,
            month__isnull=False,
            network__isnull=True,
            region__isnull=True,
        )
        .order_by("month")
        .only("month", "branches_total", "branches_member", "branches_engaged")
    )
    if network is None:
        return [
            Point(month=f.month, taking_part=counted(f, settings.basis), total=f.branches_total)
            for f in overall
            if f.month is not None
        ]
    own = {
        f.month: f
        for f in ReachFigure.objects.filter(
            organisation=organisation, month__isnull=False, network=network, region__isnull=True
        ).only("month", "branches_member", "branches_engaged")
    }
    points = []
    for month_figure in overall:
        if month_figure.month is None:
            continue
        figure = own.get(month_figure.month)
        points.append(
            Point(
                month=month_figure.month,
                taking_part=counted(figure, settings.basis) if figure is not None else 0,
                total=month_figure.branches_total,
            )
        )
    return points


@dataclass(frozen=True)
class RegionReach:
    region: Region
    reach: Reach


def by_region(
    organisation: Organisation, settings: ReachSettings, network: Network | None = None
) -> list[RegionReach]:
    """Today's reach in each region (of the organisation, or of one network), by region
    name. Every region with branches has a row; two queries."""
    totals = {
        figure.region_id: figure
        for figure in _current(organisation)
        .filter(network__isnull=True, region__isnull=False)
        .select_related("region")
    }
    if network is None:
        own = totals
    else:
        own = {
            figure.region_id: figure
            for figure in _current(organisation).filter(network=network, region__isnull=False)
        }
    rows = []
    for region_id, total_figure in totals.items():
        figure = own.get(region_id)
        rows.append(
            RegionReach(
                region=total_figure.region,
                reach=Reach(
                    taking_part=counted(figure, settings.basis) if figure is not None else 0,
                    total=total_figure.branches_total,
                    members=figure.members if figure is not None else 0,
                ),
            )
        )
    return sorted(rows, key=lambda row: row.region.name.casefold())


# --- the branch-by-network table ------------------------------------------------------------


def intensity(count: int) -> str:
    """A class for a cell of the table: how many of the branch's people take part."""
    if count <= 0:
        return "reach-0"
    if count == 1:
        return "reach-1"
    if count <= 4:
        return "reach-2"
    return "reach-3"


@dataclass(frozen=True)
class Cell:
    network: Network
    count: int

    @property
    def css(self) -> str:
        return intensity(self.count)


@dataclass(frozen=True)
class HeatRow:
    branch: Branch
    persons: int
    networks: int
    cells: list[Cell] = field(default_factory=list)


@dataclass(frozen=True)
class HeatMap:
    branches: Page
    networks: Page
    rows: list[HeatRow]


def page_number(value: str | None) -> tuple[int, bool]:
    """A page number from a query string: (the number, True) if it is one, else (1, False)
    for something that is not (a missing one is fine: (1, True))."""
    if value is None or value == "":
        return 1, True
    if value.isdigit() and 0 < int(value) < 1_000_000:
        return int(value), True
    return 1, False


def regions(organisation: Organisation) -> list[Region]:
    return list(Region.objects.filter(organisation=organisation).order_by("name"))


def heat_map(
    organisation: Organisation,
    settings: ReachSettings,
    *,
    region: Region | None = None,
    branch_page: Any = None,
    network_page: Any = None,
) -> HeatMap:
    """A page of branches (by name, within a region if given) × a page of active networks
    (by name): in each cell how many of the branch's people take part in the network (on
    the organisation's basis). A malformed or too-high page number gives a valid page."""
    branches = Branch.objects.filter(organisation=organisation).select_related("region")
    if region is not None:
        branches = branches.filter(region=region)
    branch_rows = Paginator(branches.order_by("name", "pk"), HEAT_MAP_BRANCHES).get_page(
        branch_page
    )
    networks = Network.objects.filter(
        organisation=organisation, status=NetworkStatus.ACTIVE
    ).order_by("name", "pk")
    network_columns = Paginator(networks, HEAT_MAP_NETWORKS).get_page(network_page)
    branch_ids = [branch.pk for branch in branch_rows]
    network_list = list(network_columns)
    counts: dict[tuple[int, int], int] = {}
    field_name = "engaged_members" if settings.basis == ReachBasis.ENGAGED else "members"
    if branch_ids and network_list:
        for branch_id, network_id, count in BranchReach.objects.filter(
            organisation=organisation,
            branch_id__in=branch_ids,
            network_id__in=[network.pk for network in network_list],
        ).values_list("branch_id", "network_id", field_name):
            counts[(branch_id, network_id)] = count
    sizes = {
        size.branch_id: size
        for size in BranchSize.objects.filter(
            Q(branch_id__in=branch_ids), organisation=organisation
        )
    }
    rows = [
        HeatRow(
            branch=branch,
            persons=sizes[branch.pk].persons if branch.pk in sizes else 0,
            networks=sizes[branch.pk].networks if branch.pk in sizes else 0,
            cells=[
                Cell(network=network, count=counts.get((branch.pk, network.pk), 0))
                for network in network_list
            ],
        )
        for branch in branch_rows
    ]
    return HeatMap(branches=branch_rows, networks=network_columns, rows=rows)
