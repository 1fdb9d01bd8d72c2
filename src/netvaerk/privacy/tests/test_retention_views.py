"""The retention page: who reaches it, saving a rule, bad input, the preview and "apply now"."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags

from netvaerk.competences.models import SparringRequest
from netvaerk.privacy.models import RetentionKind, RetentionRule, RetentionRun
from netvaerk.privacy.tests import factories_retention as f
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

L = LOGIN
R = REDIRECT
NO = (405,) * 12
# fmt: off
#  vis  out  mem  chair coord cdntr blead board staff admin other dp
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    ("retention:index", "GET"): (L, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 200),
    ("retention:index", "POST"): (L, 403, 403, 403, 403, 403, 403, 403, 403, R, 403, R),
    ("retention:apply", "GET"): NO,
    ("retention:apply", "POST"): (L, 403, 403, 403, 403, 403, 403, 403, 403, R, 403, R),
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
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    return module_world


def _url(world: World, name: str = "index") -> str:
    return reverse(f"retention:{name}", kwargs={"org": world.organisation.slug})


def test_the_table_covers_the_retention_pages():
    assert_matrix_complete(EXPECTED, ("retention",), personas=PERSONAS_WITH_DATA_PROTECTION)


@pytest.mark.parametrize(("name", "method", "persona", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, persona, expected
):
    client = client_as(persona)
    url = reverse(name, kwargs={"org": world.organisation.slug})
    response = client.get(url) if method == "GET" else client.post(url)
    context = f"{method} {url} as {persona}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)


def test_it_saves_a_rule_from_the_form(client_as, world):
    client = client_as("data_protection")
    kind = RetentionKind.CLOSED_SPARRING
    response = client.post(
        _url(world), {"kind": kind, f"{kind}-months": "18", f"{kind}-active": "on"}, follow=True
    )
    assert response.status_code == 200
    rule = RetentionRule.objects.get(organisation=world.organisation, kind=kind)
    assert (rule.months, rule.active) == (18, True)
    assert "has been saved" in response.content.decode()


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("abc", "Enter a whole number."),
        ("0", "greater than or equal to 1"),
        ("999", "less than or equal to 240"),
        ("", "Give a number of months."),
        ("12", f"greater than or equal to {f.TREND_MONTHS}"),
    ],
)
def test_it_shows_bad_months_on_the_field_and_changes_nothing(client_as, world, months, message):
    kind = RetentionKind.ENDED_MEMBERSHIPS if months == "12" else RetentionKind.ACCESS_LOG
    response = client_as("data_protection").post(
        _url(world), {"kind": kind, f"{kind}-months": months}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RetentionRule.objects.exists()


def test_it_refuses_an_unknown_kind_with_a_message(client_as, world):
    response = client_as("org_admin").post(_url(world), {"kind": "nonsense"}, follow=True)
    assert "There is no such retention rule." in response.content.decode()
    assert not RetentionRule.objects.exists()


def test_the_preview_reads_as_whole_sentences_in_danish(client_as, world, settings):
    f.rule(world.organisation, RetentionKind.CLOSED_SPARRING, 1)
    f.rule(world.organisation, RetentionKind.ACCESS_LOG, 24)
    f.closed_sparring(world.organisation, closed=f.years_ago(3))
    client = client_as("data_protection")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    text = " ".join(strip_tags(client.get(_url(world)).content.decode()).split())
    assert "Sparringsforespørgsler, der blev lukket for mere end 1 måned siden: 1 post." in text
    assert "Poster i adgangsloggen, der er ældre end 24 måneder: 0 poster." in text


def test_the_page_shows_the_preview_without_names_and_applies_on_request(client_as, world):
    f.rule(world.organisation, RetentionKind.CLOSED_SPARRING, 12)
    old = f.closed_sparring(world.organisation, closed=f.years_ago(3))
    client = client_as("data_protection")
    page = client.get(_url(world)).content.decode()
    assert "The next run will remove" in page
    text = " ".join(strip_tags(page).split())
    assert "Sparring requests closed more than 12 months ago: 1 item." in text
    assert old.requester.name not in page
    assert old.subject not in page
    response = client.post(_url(world, "apply"), follow=True)
    assert "1 removed or anonymised" in response.content.decode()
    assert not SparringRequest.objects.filter(pk=old.pk).exists()
    assert RetentionRun.objects.get().trigger == "staff"
    assert "Applied by hand" in client.get(_url(world)).content.decode()


def test_the_office_reads_the_rules_but_gets_no_form(client_as, world):
    f.rule(world.organisation, RetentionKind.ACCESS_LOG, 24)
    page = client_as("staff").get(_url(world)).content.decode()
    assert "Applied: 24 months." in page
    assert "Save the rule" not in page
    assert "Apply the rules now" not in page
