"""Who reaches which programme page: every URL of the programmes and the focused-support
track × every persona, as programmes/rules.py says. One world per module; each cell rolls
back. (The status reports' URLs have their own table.)"""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.programmes.models import GoalLevel, IndicatorUnit
from netvaerk.programmes.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
    SupportedBranchFactory,
)
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
REPORT_URLS = {
    f"programmes:{name}"
    for name in (
        "reports",
        "report_create",
        "report",
        "report_send",
        "report_pdf",
        "report_docx",
        "latest_pdf",
        "latest_docx",
    )
}
# fmt: off
#  vis   out   mem   chair coord cdntr blead board staff admin other
# Any person may open the list (it shows what they may see).
LIST = (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403)
# The office creates programmes.
CREATE_SEE = (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403)
CREATE_ACT = (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403)
# The office, the board and the owners see a programme; others are told nothing (404).
SEES = (L, 404, 404, 404, 404, 404, 404, 200, 200, 200, 404)
# The office and the owners run it; the board reads only.
RUNS_SEE = (L, 404, 404, 404, 404, 404, 404, 403, 200, 200, 404)
RUNS_ACT = (L, 404, 404, 404, 404, 404, 404, 403, R, R, 404)
# A branch's place in the focused support: also its branch lead, read-only.
SUPPORTED = (L, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404)
SUPPORTED_RUN_SEE = (L, 404, 404, 404, 404, 404, 403, 403, 200, 200, 404)
SUPPORTED_RUN_ACT = (L, 404, 404, 404, 404, 404, 403, 403, R, R, 404)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("programmes:list", "GET"): LIST,
    ("programmes:list", "POST"): NO,
    ("programmes:create", "GET"): CREATE_SEE,
    ("programmes:create", "POST"): CREATE_ACT,
    ("programmes:detail", "GET"): SEES,
    ("programmes:detail", "POST"): NO,
    ("programmes:edit", "GET"): RUNS_SEE,
    ("programmes:edit", "POST"): RUNS_ACT,
    ("programmes:goal_create", "GET"): RUNS_SEE,
    ("programmes:goal_create", "POST"): RUNS_ACT,
    ("programmes:goal_edit", "GET"): RUNS_SEE,
    ("programmes:goal_edit", "POST"): RUNS_ACT,
    ("programmes:goal_delete", "GET"): RUNS_SEE,
    ("programmes:goal_delete", "POST"): RUNS_ACT,
    ("programmes:indicator_create", "GET"): RUNS_SEE,
    ("programmes:indicator_create", "POST"): RUNS_ACT,
    ("programmes:indicator", "GET"): SEES,
    ("programmes:indicator", "POST"): NO,
    ("programmes:indicator_edit", "GET"): RUNS_SEE,
    ("programmes:indicator_edit", "POST"): RUNS_ACT,
    ("programmes:indicator_delete", "GET"): NO,
    ("programmes:indicator_delete", "POST"): RUNS_ACT,
    ("programmes:value_add", "GET"): NO,
    ("programmes:value_add", "POST"): RUNS_ACT,
    ("programmes:value_delete", "GET"): NO,
    ("programmes:value_delete", "POST"): RUNS_ACT,
    ("programmes:support", "GET"): SEES,
    ("programmes:support", "POST"): NO,
    ("programmes:support_select", "GET"): NO,
    ("programmes:support_select", "POST"): RUNS_ACT,
    ("programmes:criterion_add", "GET"): NO,
    ("programmes:criterion_add", "POST"): RUNS_ACT,
    ("programmes:supported", "GET"): SUPPORTED,
    ("programmes:supported", "POST"): NO,
    ("programmes:supported_edit", "GET"): SUPPORTED_RUN_SEE,
    ("programmes:supported_edit", "POST"): SUPPORTED_RUN_ACT,
    ("programmes:supported_status", "GET"): NO,
    ("programmes:supported_status", "POST"): SUPPORTED_RUN_ACT,
    ("programmes:case_entry_add", "GET"): NO,
    ("programmes:case_entry_add", "POST"): SUPPORTED_RUN_ACT,
}
# fmt: on
EXPECTED = matrix(_TABLE)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            programme = ProgrammeFactory(
                organisation=world.organisation, slug="lokalpolitik", network=world.network
            )
            goal = GoalFactory(programme=programme)
            leaf = GoalFactory(programme=programme, parent=goal, level=GoalLevel.SUBGOAL)
            indicator = IndicatorFactory(goal=goal, unit=IndicatorUnit.COUNT)
            value = IndicatorValueFactory(indicator=indicator)
            supported = SupportedBranchFactory(programme=programme, branch=world.branch)
            odder = BranchFactory(
                organisation=world.organisation, region=world.region, name="DN Odder"
            )
            world.objects = {  # type: ignore[attr-defined]
                "programme": programme,
                "goal": goal,
                "leaf": leaf,
                "indicator": indicator,
                "value": value,
                "supported": supported,
                "odder": odder,
            }
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _url(world: World, name: str) -> str:
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name in ("programmes:list", "programmes:create"):
        return reverse(name, kwargs=kwargs)
    kwargs["programme"] = o["programme"].slug
    if name in ("programmes:goal_edit", "programmes:indicator_create"):
        kwargs["goal"] = o["goal"].pk
    if name == "programmes:goal_delete":
        kwargs["goal"] = o["leaf"].pk
    if name.startswith(("programmes:indicator", "programmes:value")) and name != (
        "programmes:indicator_create"
    ):
        kwargs["indicator"] = o["indicator"].pk
    if name == "programmes:value_delete":
        kwargs["value"] = o["value"].pk
    if name in (
        "programmes:supported",
        "programmes:supported_edit",
        "programmes:supported_status",
        "programmes:case_entry_add",
    ):
        kwargs["branch"] = o["supported"].branch.slug
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    day = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    programme = {
        "name": "Lokalpolitisk interessevaretagelse",
        "slug": "ny-lokalpolitik",
        "starts_on": "2023-03-01",
        "ends_on": "2025-12-31",
        "status": "active",
    }
    indicator = {
        "name": "Afdelinger i KPN",
        "source": "manual",
        "unit": "count",
        "target": "34",
        "direction": "at_least",
    }
    data: dict[str, dict[str, Any]] = {
        "programmes:create": programme,
        "programmes:edit": {**programme, "slug": "lokalpolitik"},
        "programmes:goal_create": {"parent": o["goal"].pk, "title": "Nyt delmål"},
        "programmes:goal_edit": {"parent": o["goal"].parent_id, "title": "Ændret mål"},
        "programmes:goal_delete": {"confirm": "yes"},
        "programmes:indicator_create": indicator,
        "programmes:indicator_edit": indicator,
        "programmes:indicator_delete": {"confirm": "yes"},
        "programmes:value_add": {"measured_on": day, "value": "7"},
        "programmes:support_select": {"branch": o["odder"].pk, "focus_theme": "Mærkesager"},
        "programmes:criterion_add": {"text": "Ledelsen bakker op"},
        "programmes:supported_edit": {"focus_theme": "Mærkesager 2024–25"},
        "programmes:supported_status": {"status": "accepted"},
        "programmes:case_entry_add": {"kind": "note", "happened_on": day, "text": "Møde holdt."},
    }
    return data.get(name, {})


def test_the_table_covers_every_url_and_persona():
    assert_matrix_complete(EXPECTED, namespaces=("programmes",), exclude=REPORT_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    assert_outcome(response, expected, f"{name} {method} {persona}")
    if expected == REDIRECT:
        # Done, not refused: a refusal would come back as an error message.
        from django.contrib.messages import get_messages

        levels = {m.level_tag for m in get_messages(response.wsgi_request)}
        assert "error" not in levels, f"{name} {persona}: {levels}"


@pytest.mark.django_db
def test_an_owner_runs_their_programme_and_sees_only_theirs(client_as, world):
    """The board member owns a second programme: they change it, and read the other."""
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    owned = ProgrammeFactory(organisation=world.organisation, slug="egen")
    owned.owners.add(world.persons["board"])
    client = client_as("board")
    url = reverse("programmes:edit", kwargs={"org": world.organisation.slug, "programme": "egen"})
    assert client.get(url).status_code == 200
    other = reverse(
        "programmes:edit",
        kwargs={"org": world.organisation.slug, "programme": o["programme"].slug},
    )
    assert client.get(other).status_code == 403
    # A chair who owns a programme (given by hand) sees that one alone in the list.
    owned.owners.add(world.persons["chair"])
    page = client_as("chair").get(
        reverse("programmes:list", kwargs={"org": world.organisation.slug})
    )
    assert owned.name in page.content.decode()
    assert o["programme"].name not in page.content.decode()
