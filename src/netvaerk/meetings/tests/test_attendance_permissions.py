"""Who reaches which attendance page: every URL of the attendance part × every persona, as
meetings/rules.py says (names only for those who run the event; counts for the board too;
the holder's token works without a login). One world per module; each cell rolls back."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netvaerk.meetings.models import Attendance
from netvaerk.meetings.tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventSeriesFactory,
    RegistrationFactory,
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
    named_urls,
)

L, R = LOGIN, REDIRECT
NO = (405,) * 11
# fmt: off
#  vis   out   mem   chair coord cdntr blead board staff admin other
# Names of who came: those who run the event. Others who may not see it at all get a 404.
RUNS = (L, 404, 403, 200, 200, 200, 404, 403, 200, 200, 404)
RUNS_ACT = (L, 404, 403, R, R, R, 404, 403, R, R, 404)
# Counts without names: the board too.
COUNTS = (L, 404, 403, 200, 200, 200, 404, 200, 200, 200, 404)
SERIES_COUNTS = (L, 403, 403, 200, 200, 200, 403, 200, 200, 200, 403)
# Checking in oneself: whoever may see the event (a refusal is said as a message).
SEES = (L, 404, 200, 200, 200, 200, 404, 200, 200, 200, 404)
SEES_ACT = (L, 404, R, R, R, R, 404, R, R, R, 404)
# The holder's secret link: no login needed, the token is the key.
TOKEN = (200,) * 11
TOKEN_ACT = (R,) * 11

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("meetings:attendance", "GET"): RUNS,
    ("meetings:attendance", "POST"): NO,
    ("meetings:attendance_toggle", "GET"): NO,
    ("meetings:attendance_toggle", "POST"): RUNS_ACT,
    ("meetings:attendance_add", "GET"): NO,
    ("meetings:attendance_add", "POST"): RUNS_ACT,
    ("meetings:attendance_remove", "GET"): NO,
    ("meetings:attendance_remove", "POST"): RUNS_ACT,
    ("meetings:attendance_desk", "GET"): NO,
    ("meetings:attendance_desk", "POST"): RUNS_ACT,
    ("meetings:attendance_import", "GET"): RUNS,
    # The dry run's report is a page, not a redirect: nothing is written.
    ("meetings:attendance_import", "POST"): RUNS,
    ("meetings:attendance_import_confirm", "GET"): NO,
    ("meetings:attendance_import_confirm", "POST"): RUNS_ACT,
    ("meetings:attendance_summary", "GET"): COUNTS,
    ("meetings:attendance_summary", "POST"): NO,
    ("meetings:attendance_series", "GET"): SERIES_COUNTS,
    ("meetings:attendance_series", "POST"): NO,
    ("meetings:check_in", "GET"): SEES,
    ("meetings:check_in", "POST"): SEES_ACT,
    ("meetings:check_in_token", "GET"): TOKEN,
    ("meetings:check_in_token", "POST"): TOKEN_ACT,
    ("meetings:check_in_qr", "GET"): TOKEN,
    ("meetings:check_in_qr", "POST"): NO,
}
# fmt: on
EXPECTED = matrix(_TABLE)
MINE = ("meetings:attendance", "meetings:check_in")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            # Under way in half an hour: check-in is open.
            start = timezone.now() + datetime.timedelta(minutes=30)
            event = EventFactory(
                network=world.network, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
            )
            registration = RegistrationFactory(
                event=event, person=world.persons["member"], check_in_code="ACD347"
            )
            world.objects = {  # type: ignore[attr-defined]
                "event": event,
                "registration": registration,
                "walk_in": AttendanceFactory(event=event, name="Gæst Hansen"),
                "series": EventSeriesFactory(network=world.network),
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
    if name in ("meetings:check_in_token", "meetings:check_in_qr"):
        kwargs["token"] = o["registration"].token
    elif name == "meetings:attendance_series":
        kwargs["series_id"] = o["series"].pk
    else:
        kwargs["event_id"] = o["event"].pk
    if name == "meetings:attendance_toggle":
        kwargs["registration_id"] = o["registration"].pk
    if name == "meetings:attendance_remove":
        kwargs["attendance_id"] = o["walk_in"].pk
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    return {
        "meetings:attendance_toggle": {"came": "on"},
        "meetings:attendance_add": {"person": world.persons["coordination"].pk},
        "meetings:attendance_desk": {"code": "acd 347"},
        "meetings:attendance_import": {
            "file": SimpleUploadedFile(
                "deltagere.csv", b"name,email\nMember Person,member@org.example.org\n", "text/csv"
            )
        },
        "meetings:attendance_import_confirm": {"payload": "forged"},
        "meetings:check_in": {"code": "ACD347"},
    }.get(name, {})


def test_the_table_covers_every_attendance_url():
    others = {name for name in named_urls(("meetings",)) if not name.startswith(MINE)}
    assert_matrix_complete(EXPECTED, ("meetings",), exclude=others)


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


def test_a_refused_toggle_records_nothing(client_as, world):
    o = world.objects  # type: ignore[attr-defined]
    client_as("member").post(_url(world, "meetings:attendance_toggle"), {"came": "on"})
    assert not Attendance.objects.filter(registration=o["registration"]).exists()
