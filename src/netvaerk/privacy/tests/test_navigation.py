"""The data-protection pages are reached from the main menu by those who may open them, and
each of them lists the others the same person may open."""

import pytest
from django.urls import reverse

ORG = "org"


def _url(name: str) -> str:
    return reverse(name, kwargs={"org": ORG})


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("data_protection", "privacy:requests"),
        ("staff", "retention:index"),
        ("org_admin", "retention:index"),
    ],
)
def test_the_menu_leads_those_with_a_data_protection_page_to_their_first(
    client_as, world, persona, landing
):
    html = client_as(persona).get(_url("networks:directory")).content.decode()
    assert f'<a href="{_url(landing)}">Data protection</a>' in html


@pytest.mark.parametrize("persona", ["member", "chair", "coordinator", "board", "branch_lead"])
def test_the_menu_has_no_data_protection_link_for_others(client_as, world, persona):
    html = client_as(persona).get(_url("networks:directory")).content.decode()
    assert "Data protection" not in html


def test_the_officer_sees_every_page_of_the_section_and_where_they_are(client_as, world):
    html = client_as("data_protection").get(_url("accesslog:index")).content.decode()
    for name in ("privacy:requests", "retention:index", "privacy:settings", "privacy:notice"):
        assert f'<a href="{_url(name)}">' in html
    assert f'<a href="{_url("accesslog:index")}" aria-current="page">' in html


def test_the_office_sees_only_the_retention_page_of_the_section(client_as, world):
    html = client_as("staff").get(_url("retention:index")).content.decode()
    assert f'href="{_url("privacy:requests")}"' not in html
    assert f'href="{_url("accesslog:index")}"' not in html
    assert f'href="{_url("privacy:settings")}"' not in html
    assert f'<a href="{_url("retention:index")}" aria-current="page">' in html
