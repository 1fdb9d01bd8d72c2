"""Reading programmes: which ones a person may see, the goal hierarchy as a tree with its
indicators, who may own a programme, and the workshop series with their events."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from netvaerk.core.access import Actor
from netvaerk.meetings.models import Event, EventSeries
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Organisation, OrgRole
from netvaerk.people.models import Person
from netvaerk.programmes.models import Goal, GoalLevel, Programme
from netvaerk.programmes.selectors.indicators import IndicatorStatus, indicator_statuses

OWNER_ROLES = (OrgRole.STAFF, OrgRole.ORG_ADMIN, OrgRole.BOARD)


def visible_programmes(actor: Actor) -> QuerySet[Programme]:
    """The programmes the actor may see: all of them for the office and the board, the ones
    they own for an owner, none for anyone else."""
    programmes = Programme.objects.filter(organisation=actor.organisation).select_related("network")
    if actor.has_role(OrgRole.STAFF, OrgRole.ORG_ADMIN, OrgRole.BOARD):
        return programmes
    if actor.person is None:
        return programmes.none()
    return programmes.filter(owners=actor.person)


def owner_candidates(organisation: Organisation) -> QuerySet[Person]:
    """Persons who may own a programme: those holding the staff, admin or board role."""
    return (
        Person.objects.filter(
            organisation=organisation,
            role_assignments__role__in=OWNER_ROLES,
            role_assignments__ended_at__isnull=True,
        )
        .distinct()
        .order_by("name", "pk")
    )


def networks_of(organisation: Organisation) -> QuerySet[Network]:
    return Network.objects.filter(organisation=organisation).order_by("name")


def series_of(organisation: Organisation) -> QuerySet[EventSeries]:
    return EventSeries.objects.filter(organisation=organisation).order_by("title")


def programme_series(programme: Programme) -> QuerySet[EventSeries]:
    """The programme's workshop series, each with its events in order (two queries)."""
    return programme.series.order_by("title").prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("starts_at"))
    )


@dataclass
class GoalNode:
    goal: Goal
    indicators: list[IndicatorStatus] = field(default_factory=list)
    children: list["GoalNode"] = field(default_factory=list)

    @property
    def can_have_children(self) -> bool:
        return self.goal.level != GoalLevel.SUBGOAL

    @property
    def can_have_indicators(self) -> bool:
        return self.goal.level != GoalLevel.PURPOSE


@dataclass
class GoalTree:
    roots: list[GoalNode]
    statuses: list[IndicatorStatus]

    @property
    def purpose(self) -> Goal | None:
        for node in self.roots:
            if node.goal.level == GoalLevel.PURPOSE:
                return node.goal
        return None


def goal_tree(programme: Programme) -> GoalTree:
    """The goal hierarchy with each goal's indicators and their statuses, in a constant
    number of queries."""
    goals = list(Goal.objects.filter(programme=programme).order_by("position", "id"))
    nodes = {goal.pk: GoalNode(goal) for goal in goals}
    statuses = indicator_statuses(programme=programme)
    for status in statuses:
        node = nodes.get(status.indicator.goal_id)
        if node is not None:
            node.indicators.append(status)
    roots: list[GoalNode] = []
    for goal in goals:
        node = nodes[goal.pk]
        parent = nodes.get(goal.parent_id) if goal.parent_id else None
        (parent.children if parent else roots).append(node)
    return GoalTree(roots=roots, statuses=statuses)


def goal_choices(programme: Programme, *, exclude: Goal | None = None) -> QuerySet[Goal]:
    """Goals another goal may hang under: the purpose and the goals (never a sub-goal)."""
    goals = Goal.objects.filter(programme=programme).exclude(level=GoalLevel.SUBGOAL)
    if exclude is not None:
        goals = goals.exclude(pk=exclude.pk)
    return goals.order_by("position", "id")
