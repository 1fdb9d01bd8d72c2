"""Who reaches which notifications page: every URL of notifications/, for every persona.

Each persona has a notification of their own; the table's URLs name the member's. Nobody but
the member may open or mark it: to everyone else it does not exist (404). A login without a
person in the organisation gets an empty list (like people:me), not a refusal."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.notifications.models import Notification
from netvaerk.notifications.tests.factories import NotificationFactory
from netvaerk.testing import (
    LOGIN,
    PERSONAS,
    REDIRECT,
    World,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    named_urls,
)

L, R = LOGIN, REDIRECT

# fmt: off
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator, branch_lead, board, staff, org_admin, other_org_staff.
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    #     vis   out   mem   chair coord cdntr blead board staff admin other
    ("notifications:list", "GET"):
        (L,    200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("notifications:list", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("notifications:mark_all_read", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("notifications:mark_all_read", "POST"):
        (L,    R,    R,    R,    R,    R,    R,    R,    R,    R,    R),
    # The member's own notification; to anyone else it does not exist.
    ("notifications:open", "GET"):
        (L,    404,  R,    404,  404,  404,  404,  404,  404,  404,  404),
    ("notifications:open", "POST"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("notifications:mark_read", "GET"):
        (405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("notifications:mark_read", "POST"):
        (L,    404,  R,    404,  404,  404,  404,  404,  404,  404,  404),
    # One's own choice of e-mail at once or weekly: every person here (posting "weekly").
    ("notifications:preferences", "GET"):
        (L,    403,  200,  200,  200,  200,  200,  200,  200,  200,  403),
    ("notifications:preferences", "POST"):
        (L,    403,  R,    R,    R,    R,    R,    R,    R,    R,    403),
}
# fmt: on

EXPECTED = {key: dict(zip(PERSONAS, row, strict=True)) for key, row in _TABLE.items()}


def _cells() -> Iterator[Any]:
    for (name, method), row in EXPECTED.items():
        for persona, expected in row.items():
            yield pytest.param(name, method, persona, expected, id=f"{name}-{method}-{persona}")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            for persona, person in world.persons.items():
                NotificationFactory(
                    person=person, title=f"For {persona}", url="/org/networks/bolig/"
                )
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
    if name in ("notifications:open", "notifications:mark_read"):
        kwargs["notification_id"] = Notification.objects.get(person=world.persons["member"]).pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), list(_cells()))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    data = {"delivery": "weekly"} if name == "notifications:preferences" else {}
    response = client.get(url) if method == "GET" else client.post(url, data)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if persona != "member" and name in ("notifications:open", "notifications:mark_read"):
        assert Notification.objects.get(person=world.persons["member"]).read_at is None


def test_it_has_a_table_row_for_every_notifications_url():
    assert len(named_urls(("notifications",))) == 5
    assert_matrix_complete(EXPECTED, ("notifications",))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("visitor", "outsider")])
def test_each_persona_sees_only_their_own_notification(client_as, world, persona):
    response = client_as(persona).get(reverse("notifications:list", kwargs={"org": "org"}))
    assert response.status_code == 200
    titles = [n.title for n in response.context["page"].object_list]
    expected = [] if persona == "other_org_staff" else [f"For {persona}"]
    assert titles == expected


@pytest.mark.django_db
def test_marking_all_as_read_touches_only_ones_own(client_as, world):
    client_as("chair").post(reverse("notifications:mark_all_read", kwargs={"org": "org"}))
    unread = set(Notification.objects.filter(read_at__isnull=True).values_list("title", flat=True))
    assert "For chair" not in unread
    assert unread == {f"For {p}" for p in world.persons if p != "chair"}
