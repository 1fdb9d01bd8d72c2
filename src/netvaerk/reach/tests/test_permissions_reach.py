"""Who reaches which branch-reach page, for every persona: counts of branches for the office
and the board; one network's reach and health also for those who run the network; settings
and goals for the office alone. Every cell runs in its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.reach.models import NetworkGoal, ReachSettings
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.testing import (
    LOGIN,
    REDIRECT,
    World,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
)

L, R = LOGIN, REDIRECT
NO = (405,) * 11
# fmt: off
#  vis  out  mem  chair coord cdntr blead board staff admin other
OFFICE_BOARD = (L, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403)
OFFICE_BOARD_ACT = (L, 403, 403, 403, 403, 403, 403, R, R, R, 403)
OFFICE = (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403)
OFFICE_ACT = (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403)
# One network: also its chair, coordination group and coordinator.
NETWORK = (L, 403, 403, 200, 200, 200, 403, 200, 200, 200, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("reach:dashboard", "GET"): OFFICE_BOARD,
    ("reach:dashboard", "POST"): NO,
    ("reach:branches", "GET"): OFFICE_BOARD,
    ("reach:branches", "POST"): NO,
    ("reach:settings", "GET"): OFFICE,
    ("reach:settings", "POST"): OFFICE_ACT,
    ("reach:refresh", "GET"): NO,
    ("reach:refresh", "POST"): OFFICE_BOARD_ACT,
    ("reach:status", "GET"): OFFICE_BOARD,
    ("reach:status", "POST"): NO,
    ("reach:network", "GET"): NETWORK,
    ("reach:network", "POST"): NO,
    ("reach:set_goal", "GET"): NO,
    # The network's own leads see its reach, but only the office sets its goal.
    ("reach:set_goal", "POST"): (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403),
}
# fmt: on
EXPECTED = matrix(_TABLE)
RECRUITMENT = frozenset(
    f"reach:{name}"
    for name in (
        "recruitment",
        "recruitment_csv",
        "recruitment_xlsx",
        "recruitment_entry",
        "recruitment_note",
    )
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            reach_refresh(organisation=world.organisation)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _url(world: World, name: str) -> str:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name in ("reach:network", "reach:set_goal"):
        kwargs["network"] = world.network.slug
    return reverse(name, kwargs=kwargs)


def _post_data(name: str) -> dict[str, Any]:
    return {
        "reach:settings": {
            "basis": "member",
            "goal_percent": "33,4",
            "inactive_after_months": "6",
            "min_meetings_per_year": "2",
            "max_churn_percent": "25",
            "term_warning_days": "60",
        },
        "reach:set_goal": {"goal_percent": "40", "action": "set"},
    }.get(name, {})


def test_the_table_covers_every_reach_url_but_the_recruitment_pages():
    assert_matrix_complete(EXPECTED, ("reach",), exclude=RECRUITMENT)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_a_refused_goal_or_settings_change_saves_nothing(client_as, world):
    client_as("chair").post(_url(world, "reach:set_goal"), _post_data("reach:set_goal"))
    client_as("board").post(_url(world, "reach:settings"), _post_data("reach:settings"))
    assert not NetworkGoal.objects.exists()
    assert not ReachSettings.objects.filter(goal_percent__isnull=False).exists()


def test_a_closed_or_unknown_network_has_no_reach_page(client_as, world):
    world.other_network.status = "closed"
    world.other_network.save(update_fields=["status"])
    client = client_as("staff")
    for slug in (world.other_network.slug, "nowhere"):
        url = reverse("reach:network", kwargs={"org": world.organisation.slug, "network": slug})
        assert client.get(url).status_code == 404


def test_the_recruitment_link_shows_only_to_those_who_recruit(client_as, world):
    url = _url(world, "reach:network")
    recruitment = reverse(
        "reach:recruitment", kwargs={"org": world.organisation.slug, "network": world.network.slug}
    ).encode()
    assert recruitment in client_as("chair").get(url).content
    assert recruitment in client_as("staff").get(url).content
    assert recruitment not in client_as("board").get(url).content


def test_only_the_office_sees_the_goal_form_on_a_networks_page(client_as, world):
    url = _url(world, "reach:network")
    goal = reverse(
        "reach:set_goal", kwargs={"org": world.organisation.slug, "network": world.network.slug}
    ).encode()
    assert goal in client_as("org_admin").get(url).content
    assert goal not in client_as("board").get(url).content
    assert goal not in client_as("chair").get(url).content
