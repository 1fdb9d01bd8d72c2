"""The goal hierarchy's rules: one purpose, levels follow the parent, sub-goals have no
children, moving and deleting keep the tree valid."""

import pytest

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.programmes.models import Goal, GoalLevel, Indicator
from netvaerk.programmes.services.goals import goal_create, goal_delete, goal_update
from netvaerk.programmes.tests.factories import IndicatorFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return ProgrammeFactory(organisation=world.organisation)


@pytest.fixture
def staff(world):
    return world.actor("staff")


def _tree(staff, programme):
    purpose = goal_create(actor=staff, programme=programme, parent=None, title="Gennemslag")
    goal = goal_create(actor=staff, programme=programme, parent=purpose, title="Kultur")
    sub = goal_create(actor=staff, programme=programme, parent=goal, title="Netværket")
    return purpose, goal, sub


def test_the_level_follows_the_parent(staff, programme):
    purpose, goal, sub = _tree(staff, programme)
    assert (purpose.level, goal.level, sub.level) == (
        GoalLevel.PURPOSE,
        GoalLevel.GOAL,
        GoalLevel.SUBGOAL,
    )


def test_it_refuses_a_second_purpose(staff, programme):
    goal_create(actor=staff, programme=programme, parent=None, title="Gennemslag")
    with pytest.raises(ServiceError, match="already has a purpose"):
        goal_create(actor=staff, programme=programme, parent=None, title="Et andet formål")
    assert programme.goals.count() == 1


def test_it_refuses_a_goal_under_a_sub_goal(staff, programme):
    _purpose, _goal, sub = _tree(staff, programme)
    with pytest.raises(ServiceError, match="sub-goal cannot have goals under it"):
        goal_create(actor=staff, programme=programme, parent=sub, title="For dybt")
    assert programme.goals.count() == 3


def test_it_refuses_a_parent_of_another_programme(staff, programme, world):
    other = ProgrammeFactory(organisation=world.organisation)
    purpose = goal_create(actor=staff, programme=other, parent=None, title="Andet")
    with pytest.raises(ServiceError, match="goal of this programme"):
        goal_create(actor=staff, programme=programme, parent=purpose, title="Forkert")


def test_it_refuses_an_empty_title(staff, programme):
    with pytest.raises(ServiceError) as refusal:
        goal_create(actor=staff, programme=programme, parent=None, title="   ")
    assert refusal.value.field == "title"


def test_a_member_may_not_add_goals(world, programme):
    with pytest.raises(ServiceError):
        goal_create(actor=world.actor("member"), programme=programme, parent=None, title="X")


def test_a_sub_goal_moves_to_another_goal_and_a_childless_goal_may_become_a_sub_goal(
    staff, programme
):
    purpose, goal, sub = _tree(staff, programme)
    other = goal_create(actor=staff, programme=programme, parent=purpose, title="Andet mål")
    goal_update(actor=staff, goal=sub, parent=other, title=sub.title)
    sub.refresh_from_db()
    assert sub.parent == other
    assert sub.level == GoalLevel.SUBGOAL
    goal_update(actor=staff, goal=goal, parent=other, title="Nu et delmål")
    goal.refresh_from_db()
    assert goal.level == GoalLevel.SUBGOAL
    assert goal.parent == other


def test_a_goal_with_sub_goals_cannot_become_a_sub_goal(staff, programme):
    purpose, goal, _sub = _tree(staff, programme)
    other = goal_create(actor=staff, programme=programme, parent=purpose, title="Andet mål")
    with pytest.raises(ServiceError, match="has sub-goals"):
        goal_update(actor=staff, goal=goal, parent=other, title=goal.title)
    goal.refresh_from_db()
    assert goal.level == GoalLevel.GOAL
    assert goal.parent == purpose


def test_a_sub_goal_may_become_a_goal_under_the_purpose(staff, programme):
    purpose, _goal, sub = _tree(staff, programme)
    goal_update(actor=staff, goal=sub, parent=purpose, title=sub.title)
    sub.refresh_from_db()
    assert sub.level == GoalLevel.GOAL


def test_the_purpose_cannot_move_and_a_goal_cannot_lose_its_parent(staff, programme):
    purpose, goal, _sub = _tree(staff, programme)
    with pytest.raises(ServiceError, match="top of the hierarchy"):
        goal_update(actor=staff, goal=purpose, parent=goal, title="X")
    with pytest.raises(ServiceError, match="where the goal belongs"):
        goal_update(actor=staff, goal=goal, parent=None, title="X")
    with pytest.raises(ServiceError):
        goal_update(actor=staff, goal=goal, parent=goal, title="X")


def test_deleting_a_goal_with_children_needs_confirmation_and_takes_them_along(staff, programme):
    _purpose, goal, sub = _tree(staff, programme)
    IndicatorFactory(goal=sub)
    IndicatorFactory(goal=goal)
    with pytest.raises(ServiceError, match="1 goals and 2 indicators"):
        goal_delete(actor=staff, goal=goal)
    assert Goal.objects.filter(pk=goal.pk).exists()
    goal_delete(actor=staff, goal=goal, confirmed=True)
    assert list(programme.goals.values_list("title", flat=True)) == ["Gennemslag"]
    assert not Indicator.objects.filter(goal__programme=programme).exists()
    entry = AuditEntry.objects.filter(action="programmes.goal_delete").get()
    assert entry.data["indicators"] == 2
    assert entry.data["goals_below"] == 1


def test_a_leaf_goal_is_deleted_without_confirmation(staff, programme):
    _purpose, _goal, sub = _tree(staff, programme)
    goal_delete(actor=staff, goal=sub)
    assert programme.goals.count() == 2
