"""Who reaches which conference page: every URL × every persona, as meetings/rules.py says.
One world per module; each cell rolls back."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.meetings import urls as meetings_urls
from netvaerk.meetings.models import BudgetCategory, BudgetStatus, Coverage, Speaker
from netvaerk.meetings.tests.factories import (
    BudgetLineFactory,
    ConferenceBudgetFactory,
    ConferenceSessionFactory,
    EventFactory,
    in_days,
)
from netvaerk.meetings.views import conference as conference_views
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
#  vis   out   mem   chair coord cdntr blead board staff admin other
# The programme: whoever may see the conference (here: the network's members, those who run
# it, the board); those who run a scheduled conference change it.
SEES = (L, 404, 200, 200, 200, 200, 404, 200, 200, 200, 404)
RUNS_SEE = (L, 404, 403, 200, 200, 200, 404, 403, 200, 200, 404)
RUNS_ACT = (L, 404, 403, R, R, R, 404, 403, R, R, 404)
# The budget: those who run the conference and the board read it; the office decides.
BUDGET_SEE = (L, 404, 403, 200, 200, 200, 404, 200, 200, 200, 404)
OFFICE_ACTS = (L, 404, 403, 403, 403, 403, 404, 403, R, R, 404)
COSTS = (L, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("meetings:programme", "GET"): SEES,
    ("meetings:programme", "POST"): NO,
    ("meetings:session_add", "GET"): NO,
    ("meetings:session_add", "POST"): RUNS_ACT,
    ("meetings:session_edit", "GET"): RUNS_SEE,
    ("meetings:session_edit", "POST"): RUNS_ACT,
    ("meetings:session_remove", "GET"): NO,
    ("meetings:session_remove", "POST"): RUNS_ACT,
    ("meetings:speaker_add", "GET"): NO,
    ("meetings:speaker_add", "POST"): RUNS_ACT,
    ("meetings:speaker_remove", "GET"): NO,
    ("meetings:speaker_remove", "POST"): RUNS_ACT,
    ("meetings:speaker_move", "GET"): NO,
    ("meetings:speaker_move", "POST"): RUNS_ACT,
    ("meetings:budget", "GET"): BUDGET_SEE,
    ("meetings:budget", "POST"): NO,
    ("meetings:budget_line_add", "GET"): NO,
    ("meetings:budget_line_add", "POST"): RUNS_ACT,
    ("meetings:budget_line_edit", "GET"): RUNS_SEE,
    ("meetings:budget_line_edit", "POST"): RUNS_ACT,
    ("meetings:budget_line_remove", "GET"): NO,
    ("meetings:budget_line_remove", "POST"): RUNS_ACT,
    ("meetings:budget_submit", "GET"): NO,
    ("meetings:budget_submit", "POST"): RUNS_ACT,
    ("meetings:budget_decide", "GET"): NO,
    ("meetings:budget_decide", "POST"): OFFICE_ACTS,
    ("meetings:budget_return", "GET"): NO,
    ("meetings:budget_return", "POST"): OFFICE_ACTS,
    ("meetings:budget_actuals", "GET"): NO,
    ("meetings:budget_actuals", "POST"): RUNS_ACT,
    ("meetings:budget_unbudgeted_add", "GET"): NO,
    ("meetings:budget_unbudgeted_add", "POST"): RUNS_ACT,
    ("meetings:conferences", "GET"): COSTS,
    ("meetings:conferences", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE)
OURS = {name for name, _method in _TABLE}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            network = world.network
            conf = EventFactory(conference=True, network=network)
            session = ConferenceSessionFactory(event=conf)
            speaker = Speaker.objects.create(
                organisation=world.organisation, session=session, name="Gæst", position=1
            )
            Speaker.objects.create(
                organisation=world.organisation, session=session, name="Anden gæst", position=2
            )
            draft_line = BudgetLineFactory(budget=ConferenceBudgetFactory(event=conf))
            submitted = EventFactory(conference=True, network=network, title="Sidste års")
            submitted_line = BudgetLineFactory(
                budget=ConferenceBudgetFactory(event=submitted, status=BudgetStatus.SUBMITTED)
            )
            start = in_days(-3, hour=10)
            past = EventFactory(
                conference=True,
                network=network,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=7),
            )
            past_line = BudgetLineFactory(
                budget=ConferenceBudgetFactory(event=past, status=BudgetStatus.DECIDED),
                decision="approved",
                approved_amount=Decimal("12000.00"),
                category=BudgetCategory.CATERING,
                coverage=Coverage.CENTRAL,
            )
            world.objects = {  # type: ignore[attr-defined]
                "conf": conf,
                "session": session,
                "speaker": speaker,
                "draft_line": draft_line,
                "submitted": submitted,
                "submitted_line": submitted_line,
                "past": past,
                "past_line": past_line,
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
    if name == "meetings:conferences":
        return reverse(name, kwargs=kwargs)
    event = o["conf"]
    if name in ("meetings:budget_decide", "meetings:budget_return"):
        event = o["submitted"]
    if name in ("meetings:budget_actuals", "meetings:budget_unbudgeted_add"):
        event = o["past"]
    kwargs["event_id"] = event.pk
    if name.startswith(("meetings:session_", "meetings:speaker_")) and name != (
        "meetings:session_add"
    ):
        kwargs["session_id"] = o["session"].pk
    if name.startswith("meetings:speaker_") and name != "meetings:speaker_add":
        kwargs["speaker_id"] = o["speaker"].pk
    if name in ("meetings:budget_line_edit", "meetings:budget_line_remove"):
        kwargs["line_id"] = o["draft_line"].pk
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    day = o["conf"].local_start.date().isoformat()
    session = {"title": "Debat", "day": day, "start": "13:00", "end": "14:00", "room": "Sal A"}
    line = {"category": "catering", "description": "Frokost", "amount": "8.500,00"}
    data: dict[str, dict[str, Any]] = {
        "meetings:session_add": session,
        "meetings:session_edit": session,
        "meetings:speaker_add": {"name": "Ida Gæst", "affiliation": "Aalborg Universitet"},
        "meetings:speaker_move": {"direction": "down"},
        "meetings:budget_line_add": line,
        "meetings:budget_line_edit": line,
        "meetings:budget_decide": {f"decision_{o['submitted_line'].pk}": "approve"},
        "meetings:budget_return": {"note": "Læg frokosten ind."},
        "meetings:budget_actuals": {f"actual_{o['past_line'].pk}": "11.800"},
        "meetings:budget_unbudgeted_add": {
            "category": "materials",
            "description": "Tryk af program",
            "actual": "1.200",
        },
    }
    return data.get(name, {})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if expected == REDIRECT:
        # Done, not refused: the redirect carries no error message.
        follow = client.get(response["Location"])
        errors = [m for m in follow.context["messages"] if m.level >= 40] if follow.context else []
        assert not errors, (context, [str(m) for m in errors])


def test_it_has_a_table_row_for_every_conference_url():
    others = {
        f"meetings:{p.name}"
        for p in meetings_urls.urlpatterns
        if p.callback.__module__ != conference_views.__name__
    }
    assert_matrix_complete(EXPECTED, ("meetings",), exclude=others)
