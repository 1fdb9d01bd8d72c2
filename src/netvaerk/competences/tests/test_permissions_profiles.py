"""Who reaches which page of one's profile, others' profiles, the vocabulary and the limits,
for every persona. Every cell runs in its own rolled-back savepoint."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.competences.models import Profile, Tag, TagStatus
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.tests.factories_profiles import profile_data, profile_of, tag
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
PERSON = (L, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403)
PERSON_ACT = (L, 403, R, R, R, R, R, R, R, R, 403)
OFFICE = (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403)
OFFICE_ACT = (L, 403, 403, 403, 403, 403, 403, 403, R, R, 403)

_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("competences:my_profile", "GET"): PERSON,
    ("competences:my_profile", "POST"): PERSON_ACT,
    # Only the member has a profile: the others are sent to make one.
    ("competences:delete_profile", "GET"): (L, 403, 200, R, R, R, R, R, R, R, 403),
    ("competences:delete_profile", "POST"): PERSON_ACT,
    # The member's profile is visible to the whole organisation.
    ("competences:profile", "GET"): PERSON,
    ("competences:profile", "POST"): NO,
    ("competences:tags", "GET"): OFFICE,
    ("competences:tags", "POST"): OFFICE_ACT,
    ("competences:tag_options", "GET"): PERSON,
    ("competences:tag_options", "POST"): NO,
    ("competences:tag", "GET"): OFFICE,
    ("competences:tag", "POST"): OFFICE_ACT,
    ("competences:tag_merge", "GET"): NO,
    ("competences:tag_merge", "POST"): OFFICE_ACT,
    ("competences:tag_status", "GET"): NO,
    ("competences:tag_status", "POST"): OFFICE_ACT,
    ("competences:settings", "GET"): OFFICE,
    ("competences:settings", "POST"): OFFICE_ACT,
}
# fmt: on
EXPECTED = matrix(_TABLE)
OTHER_PARTS = frozenset(
    f"competences:{name}"
    for name in (
        "search",
        "ask_person",
        "ask_network",
        "requests",
        "request",
        "request_accept",
        "request_decline",
        "request_pass",
        "request_pass_people",
        "request_withdraw",
        "request_close",
        "network_overview",
    )
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            press = tag(world.organisation, "Pressearbejde", "Medier")
            tag(world.organisation, "Kommunikation")
            profile_of(world.persons["member"], press, visibility="organisation")
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
    if name == "competences:profile":
        kwargs["profile"] = Profile.objects.get(person=world.persons["member"]).pk
    if name in ("competences:tag", "competences:tag_merge", "competences:tag_status"):
        kwargs["tag"] = Tag.objects.get(name="Pressearbejde").slug
    return reverse(name, kwargs=kwargs)


def _post_data(world: World, name: str) -> dict[str, Any]:
    if name == "competences:my_profile":
        return profile_data()
    if name == "competences:tags":
        return {"name": "Valgkamp", "synonyms": "Kampagne"}
    if name == "competences:tag":
        return {"name": "Pressearbejde", "synonyms": "Medier\nPR"}
    if name == "competences:tag_merge":
        return {"into": Tag.objects.get(name="Kommunikation").pk}
    if name == "competences:tag_status":
        return {"status": TagStatus.RETIRED}
    if name == "competences:settings":
        return {"open_requests_per_person": 4, "sometimes_per_year": 4, "requests_per_day": 4}
    return {}


def test_the_table_covers_every_url_of_this_part():
    assert_matrix_complete(EXPECTED, ("competences",), exclude=OTHER_PARTS)


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
    for persona in ("visitor", "outsider", "member", "board", "other_org_staff"):
        client = client_as(persona)
        for name in (
            "competences:tags",
            "competences:tag",
            "competences:tag_merge",
            "competences:tag_status",
            "competences:settings",
        ):
            client.post(_url(world, name), _post_data(world, name))
    assert sorted(Tag.objects.values_list("name", "status")) == [
        ("Kommunikation", "active"),
        ("Pressearbejde", "active"),
    ]
    assert competence_settings(world.organisation).open_requests_per_person == 3
    assert Profile.objects.count() == 1
