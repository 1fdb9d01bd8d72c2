"""The competence search page: the form, the results, the landing state and bad input."""

import pytest
from django.urls import reverse

from netvaerk.competences.tests.factories_search import profile, tag

pytestmark = pytest.mark.django_db


def url(world, **query):
    from urllib.parse import urlencode

    base = reverse("competences:search", kwargs={"org": world.organisation.slug})
    return f"{base}?{urlencode(query)}" if query else base


def test_it_lists_the_people_found_with_their_matched_tags(world, client_as):
    planning = tag(world.organisation, "Kommuneplanlægning")
    press = tag(world.organisation, "Pressearbejde")
    found = profile(
        world.organisation, "Anna Andersen", tags=[planning, press], summary="Lokalplaner"
    )
    response = client_as("member").get(url(world, q="kommuneplan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Andersen" in html
    assert reverse("competences:profile", kwargs={"org": "org", "profile": found.pk}) in html
    assert "<mark>Kommuneplanlægning</mark>" in html
    assert "<mark>Pressearbejde</mark>" not in html
    assert "1 person found" in html
