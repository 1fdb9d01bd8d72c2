"""The goal hierarchy: one purpose per programme, goals under it, sub-goals under goals.
A goal's level follows its parent; a sub-goal has no goals under it. Deleting a goal with
goals or indicators under it takes them along, once the person has confirmed it."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.programmes.models import Goal, GoalLevel, Programme
from netvaerk.programmes.selectors.indicators import goal_counts


def _refuse_unless_runs(actor: Actor, programme: Programme) -> None:
    if not actor.can("programmes.edit", programme):
        raise ServiceError(_("You may not change this programme's goals."))


def level_under(parent: Goal | None) -> GoalLevel:
    """The level of a goal placed under `parent`, or a refusal where nothing may go there."""
    if parent is None:
        return GoalLevel.PURPOSE
    if parent.level == GoalLevel.SUBGOAL:
        raise ServiceError(
            _("%(goal)s is a sub-goal; a sub-goal cannot have goals under it.")
            % {"goal": parent.title},
            field="parent",
        )
    return GoalLevel.GOAL if parent.level == GoalLevel.PURPOSE else GoalLevel.SUBGOAL


def _check_text(title: str) -> str:
    title = title.strip()
    if not title:
        raise ServiceError(_("Give the goal a title."), field="title")
    return title


@transaction.atomic
def goal_create(
    *, actor: Actor, programme: Programme, parent: Goal | None, title: str, description: str = ""
) -> Goal:
    _refuse_unless_runs(actor, programme)
    title = _check_text(title)
    if parent is not None and parent.programme_id != programme.pk:
        raise ServiceError(_("Choose a goal of this programme."), field="parent")
    level = level_under(parent)
    # Lock the programme row so that two purposes cannot be added at once.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    if level == GoalLevel.PURPOSE and programme.goals.filter(level=GoalLevel.PURPOSE).exists():
        raise ServiceError(
            _("The programme already has a purpose; add goals under it."), field="parent"
        )
    last = programme.goals.filter(parent=parent).aggregate(m=Max("position"))["m"]
    goal = Goal.objects.create(
        organisation=programme.organisation,
        programme=programme,
        parent=parent,
        level=level,
        title=title,
        description=description.strip(),
        position=(last or 0) + 1,
    )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.goal_create",
        obj=goal,
        data={"programme": programme.pk, "level": level, "parent": parent and parent.pk},
    )
    return goal


@transaction.atomic
def goal_update(
    *, actor: Actor, goal: Goal, parent: Goal | None, title: str, description: str = ""
) -> Goal:
    """Changes the text, and moves a goal or sub-goal under another parent. The purpose stays
    at the top; a goal with sub-goals stays a goal (its sub-goals would have nowhere to go)."""
    programme = goal.programme
    _refuse_unless_runs(actor, programme)
    title = _check_text(title)
    fields = ["title", "description"]
    if goal.level == GoalLevel.PURPOSE:
        if parent is not None:
            raise ServiceError(_("The purpose is the top of the hierarchy."), field="parent")
    else:
        if parent is None:
            raise ServiceError(_("Choose where the goal belongs."), field="parent")
        if parent.programme_id != programme.pk or parent.pk == goal.pk:
            raise ServiceError(_("Choose a goal of this programme."), field="parent")
        level = level_under(parent)
        if level == GoalLevel.SUBGOAL and goal.children.exists():
            raise ServiceError(
                _(
                    "%(goal)s has sub-goals, and a sub-goal cannot have sub-goals of its "
                    "own. Move or delete them first."
                )
                % {"goal": goal.title},
                field="parent",
            )
        if parent.pk != goal.parent_id:
            last = programme.goals.filter(parent=parent).aggregate(m=Max("position"))["m"]
            goal.position = (last or 0) + 1
            fields.append("position")
        goal.parent = parent
        goal.level = level
        fields += ["parent", "level"]
    goal.title = title
    goal.description = description.strip()
    goal.save(update_fields=fields)
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.goal_update",
        obj=goal,
        data={"level": goal.level, "parent": goal.parent_id},
    )
    return goal


@transaction.atomic
def goal_delete(*, actor: Actor, goal: Goal, confirmed: bool = False) -> None:
    """Deletes the goal; with goals or indicators under it only when `confirmed`, and then
    those too."""
    programme = goal.programme
    _refuse_unless_runs(actor, programme)
    below, indicators = goal_counts(goal)
    if (below or indicators) and not confirmed:
        raise ServiceError(
            _(
                "%(goal)s has %(goals)s goals and %(indicators)s indicators under it. Confirm "
                "that they are to be deleted with it."
            )
            % {"goal": goal.title, "goals": below, "indicators": indicators}
        )
    log_action(
        actor=actor,
        organisation=programme.organisation,
        action="programmes.goal_delete",
        obj=goal,
        data={
            "title": goal.title,
            "level": goal.level,
            "goals_below": below,
            "indicators": indicators,
        },
    )
    goal.delete()
