"""Who reaches each page of the notice, its settings, one's own data and the data-protection
staff's requests, for every persona (the data-protection persona included). Every cell runs
in its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.people.models import Person
from netvaerk.privacy.models import DataRequest, PrivacySettings
from netvaerk.testing import (
    LOGIN,
    PERSONAS_WITH_DATA_PROTECTION,
    REDIRECT,
    World,
    add_role_persona,
    as_in_conftest,
    assert_matrix_complete,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
)

L, R = LOGIN, REDIRECT
NO = (405,) * 12
# fmt: off
#          vis  out  mem  chair coord cdntr blead board staff admin other dp
PUBLIC =   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)
OWN =      (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200)
OWN_ACT =  (L, 403, R, R, R, R, R, R, R, R, 403, R)
SETTINGS = (L, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200)
SETTINGS_ACT = (L, 403, 403, 403, 403, 403, 403, 403, 403, R, 403, R)
DP =       (L, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200)
DP_ACT =   (L, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, R)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("privacy:notice", "GET"): PUBLIC,
    ("privacy:notice", "POST"): NO,
    ("privacy:settings", "GET"): SETTINGS,
    ("privacy:settings", "POST"): SETTINGS_ACT,
    ("privacy:requests", "GET"): DP,
    ("privacy:requests", "POST"): NO,
    ("privacy:request_new", "GET"): DP,
    ("privacy:request_new", "POST"): DP_ACT,
    ("privacy:request", "GET"): DP,
    ("privacy:request", "POST"): NO,
    ("privacy:request_json", "GET"): DP,
    ("privacy:request_json", "POST"): NO,
    ("privacy:request_pdf", "GET"): DP,
    ("privacy:request_pdf", "POST"): NO,
    ("privacy:request_correct", "GET"): DP,
    ("privacy:request_correct", "POST"): DP_ACT,
    ("privacy:request_erase", "GET"): NO,
    ("privacy:request_erase", "POST"): DP_ACT,
    ("privacy:request_refuse", "GET"): NO,
    ("privacy:request_refuse", "POST"): DP_ACT,
    ("privacy:request_done", "GET"): NO,
    ("privacy:request_done", "POST"): DP_ACT,
    ("privacy:person", "GET"): DP,
    ("privacy:person", "POST"): NO,
    ("mydata:index", "GET"): OWN,
    ("mydata:index", "POST"): NO,
    ("mydata:json", "GET"): OWN,
    ("mydata:json", "POST"): NO,
    ("mydata:pdf", "GET"): OWN,
    ("mydata:pdf", "POST"): NO,
    ("mydata:correct", "GET"): OWN,
    ("mydata:correct", "POST"): OWN_ACT,
    ("mydata:consents", "GET"): OWN,
    ("mydata:consents", "POST"): OWN_ACT,
    ("mydata:erase", "GET"): OWN,
    ("mydata:erase", "POST"): OWN_ACT,
    ("mydata:erase_cancel", "GET"): NO,
    ("mydata:erase_cancel", "POST"): OWN_ACT,
}
# fmt: on
EXPECTED = matrix(_TABLE, personas=PERSONAS_WITH_DATA_PROTECTION)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            add_role_persona(world, "data_protection", "data_protection")
            PrivacySettings.objects.create(organisation=world.organisation, controller_name="X")
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _subject(world: World) -> Person:
    return world.persons["member"]


def _request(world: World) -> DataRequest:
    import datetime

    from django.utils import timezone

    return DataRequest.objects.create(
        organisation=world.organisation,
        person=_subject(world),
        kind="erasure",
        channel="email",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def _url(world: World, name: str) -> str:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    if name.startswith("privacy:request") and name not in (
        "privacy:requests",
        "privacy:request_new",
    ):
        kwargs["request_id"] = _request(world).pk
    if name == "privacy:person":
        kwargs["person_id"] = _subject(world).pk
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    person = _subject(world)
    correction = {"name": person.name, "email": person.email, "language": "da"}
    return {
        "privacy:settings": {"controller_name": "Partiet", "notice_text": "Hej"},
        "privacy:request_new": {"person": person.pk, "kind": "access", "channel": "phone"},
        "privacy:request_correct": correction,
        "privacy:request_erase": {"typed_name": person.name, "reason": "Asked by letter."},
        "privacy:request_refuse": {"reason": "Not possible."},
        "privacy:request_done": {"outcome": "Sent."},
        "mydata:correct": {"name": "New Name", "language": "da"},
        "mydata:consents": {"kind": "newsletter", "given": "0"},
        "mydata:erase": {"confirm": "on"},
    }.get(name, {})


def test_the_table_covers_every_url_of_this_part():
    assert_matrix_complete(EXPECTED, ("privacy", "mydata"), personas=PERSONAS_WITH_DATA_PROTECTION)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = _url(world, name)
    response = client.get(url) if method == "GET" else client.post(url, _post_data(world, name))
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_refused_posts_change_nothing(client_as, world):
    request = _request(world)
    for persona in ("visitor", "outsider", "member", "staff", "org_admin", "other_org_staff"):
        client = client_as(persona)
        for name in (
            "privacy:request_new",
            "privacy:request_erase",
            "privacy:request_refuse",
            "privacy:request_done",
            "privacy:request_correct",
        ):
            kwargs: dict[str, Any] = {"org": world.organisation.slug}
            if name != "privacy:request_new":
                kwargs["request_id"] = request.pk
            client.post(reverse(name, kwargs=kwargs), _post_data(world, name))
    request.refresh_from_db()
    assert request.status == "open"
    assert DataRequest.objects.count() == 1
    assert Person.objects.filter(pk=_subject(world).pk, name="Member Person").exists()
