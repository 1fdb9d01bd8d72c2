"""Who reaches which page of the events part: every URL × every persona, as the policy in
meetings/rules.py says. One world per module; each cell rolls back."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netvaerk.meetings.models import CalendarFeed
from netvaerk.meetings.tests.factories import (
    EventFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
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
# fmt: off
#  vis   out   mem   chair coord cdntr blead board staff admin other
EVERYONE = (200,) * 11
ACTS_EVERYONE = (R,) * 11
PLANNERS = (L, 403, 403, 200, 200, 200, 403, 403, 200, 200, 403)
PLANNERS_ACT = (L, 403, 403, R, R, R, 403, 403, R, R, 403)
# A network's event is not announced beyond those who may see it: others get a 404.
SEES_EVENT = (L, 404, 200, 200, 200, 200, 404, 200, 200, 200, 404)
RUNS_EVENT = (L, 404, 403, 200, 200, 200, 404, 403, 200, 200, 404)
RUNS_EVENT_ACT = (L, 404, 403, R, R, R, 404, 403, R, R, 404)
# Registering: members register; who may see but not take part is told why (a redirect).
REGISTERS = (L, 404, R, R, R, R, 404, R, R, R, 404)
PERSONS = (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403)
PERSONS_ACT = (L, 403, R, R, R, R, R, R, R, R, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("meetings:events", "GET"): EVERYONE,
    ("meetings:events", "POST"): NO,
    ("meetings:event_new", "GET"): PLANNERS,
    ("meetings:event_new", "POST"): PLANNERS_ACT,
    ("meetings:series_new", "GET"): PLANNERS,
    ("meetings:series_new", "POST"): PLANNERS_ACT,
    ("meetings:event", "GET"): SEES_EVENT,
    ("meetings:event", "POST"): NO,
    ("meetings:event_ics", "GET"): SEES_EVENT,
    ("meetings:event_ics", "POST"): NO,
    ("meetings:event_edit", "GET"): RUNS_EVENT,
    ("meetings:event_edit", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_cancel", "GET"): NO,
    ("meetings:event_cancel", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_close", "GET"): RUNS_EVENT,
    ("meetings:event_close", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_questions", "GET"): RUNS_EVENT,
    ("meetings:event_questions", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_question_edit", "GET"): RUNS_EVENT,
    ("meetings:event_question_edit", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_question_remove", "GET"): NO,
    ("meetings:event_question_remove", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_registrations", "GET"): RUNS_EVENT,
    ("meetings:event_registrations", "POST"): NO,
    ("meetings:registration_cancel", "GET"): NO,
    ("meetings:registration_cancel", "POST"): RUNS_EVENT_ACT,
    ("meetings:event_register", "GET"): NO,
    ("meetings:event_register", "POST"): REGISTERS,
    # The holder's secret link works for whoever has it, without a login.
    ("meetings:registration", "GET"): EVERYONE,
    ("meetings:registration", "POST"): ACTS_EVERYONE,
    ("meetings:org_calendar", "GET"): EVERYONE,
    ("meetings:org_calendar", "POST"): NO,
    ("meetings:network_calendar", "GET"): EVERYONE,
    ("meetings:network_calendar", "POST"): NO,
    ("meetings:person_calendar", "GET"): EVERYONE,
    ("meetings:person_calendar", "POST"): NO,
    ("meetings:my_calendar", "GET"): PERSONS,
    ("meetings:my_calendar", "POST"): PERSONS_ACT,
}
# fmt: on
EXPECTED = matrix(_TABLE)
# The other parts of the meetings app have their own tables.
OURS = frozenset(name for name, _method in _TABLE)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            event = EventFactory(network=world.network, capacity=5)
            past = EventFactory(network=world.network, past=True)
            world.objects = {  # type: ignore[attr-defined]
                "event": event,
                "past": past,
                "question": RegistrationQuestionFactory(event=event),
                "registration": RegistrationFactory(event=event, person=world.persons["member"]),
                "feed": CalendarFeed.objects.create(
                    organisation=world.organisation, person=world.persons["member"]
                ),
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
    short = name.split(":", 1)[1]
    if (short.startswith("event_") and short != "event_new") or short in (
        "event",
        "registration_cancel",
    ):
        kwargs["event_id"] = (o["past"] if short == "event_close" else o["event"]).pk
    if short.startswith("event_question_"):
        kwargs["question_id"] = o["question"].pk
    if short == "registration_cancel":
        kwargs["registration_id"] = o["registration"].pk
    if short == "registration":
        kwargs["token"] = o["registration"].token
    if short == "network_calendar":
        kwargs["network"] = world.network.slug
    if short == "person_calendar":
        kwargs["token"] = o["feed"].token
    return reverse(name, kwargs=kwargs)


def _local(days: int, hour: int) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.strftime(f"%Y-%m-%dT{hour:02d}:00")


def _post_data(world: World, name: str) -> dict[str, Any]:
    o: dict[str, Any] = world.objects  # type: ignore[attr-defined]
    plan = {
        "network": world.network.slug,
        "kind": "webinar",
        "format": "virtual",
        "audience": "network",
        "title": "Webinar",
        "time_zone": "Europe/Copenhagen",
        "registration_required": "on",
    }
    data: dict[str, dict[str, Any]] = {
        "meetings:event_new": {**plan, "starts_at": _local(5, 19), "ends_at": _local(5, 21)},
        "meetings:series_new": {**plan, "sessions": _local(5, 19)[:10] + " 19:00-21:00"},
        "meetings:event_edit": {
            **plan,
            "title": "Nyt navn",
            "starts_at": _local(6, 19),
            "ends_at": _local(6, 21),
        },
        "meetings:event_cancel": {"reason": "Sygdom"},
        "meetings:event_close": {"minutes": "Referat", "headcount": "7"},
        "meetings:event_questions": {"text": "Kost?", "kind": "text"},
        "meetings:event_question_edit": {"text": "Kost?", "kind": "text", "required": "on"},
        "meetings:event_register": {f"q{o['question'].pk}": "Vegetar"},
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


def test_it_has_a_table_row_for_every_url_of_the_events_part():
    from netvaerk.testing import named_urls

    mine = {name for name in named_urls(("meetings",)) if name in OURS}
    assert_matrix_complete(EXPECTED, ("meetings",), exclude=named_urls(("meetings",)) - mine)
    assert mine == OURS
