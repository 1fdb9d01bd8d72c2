"""What the competence search finds and in which order, on both databases."""

import pytest

from netvaerk.competences.models import Availability
from netvaerk.competences.selectors.search import SearchParams, search_profiles
from netvaerk.competences.tests.factories_search import profile, tag

pytestmark = pytest.mark.django_db


def names(world, persona="member", **params):
    page = search_profiles(actor=world.actor(persona), params=SearchParams(**params))
    return [found.person.name for found in page.object_list]


def test_kommuneplan_finds_kommuneplaner_and_kommuneplanlaegning(world):
    org = world.organisation
    profile(org, "Anna", summary="Jeg har skrevet kommuneplaner for tre kommuner.")
    profile(org, "Bo", summary="Erfaring med kommuneplanlægning.")
    profile(org, "Carl", summary="Pressearbejde og sociale medier.")
    assert sorted(names(world, q="kommuneplan")) == ["Anna", "Bo"]


def test_a_synonym_finds_the_tag(world):
    press = tag(world.organisation, "Pressearbejde", "Mediekontakt")
    profile(world.organisation, "Anna", tags=[press])
    profile(world.organisation, "Bo", summary="Lokalpolitik")
    assert names(world, q="mediekontakt") == ["Anna"]
    assert names(world, q="MEDIER") == ["Anna"]


def test_a_tag_match_ranks_above_a_summary_match(world):
    org = world.organisation
    planning = tag(org, "Kommuneplanlægning")
    profile(org, "Anna", summary="Jeg har læst mange kommuneplaner.")
    profile(org, "Åse", tags=[planning])
    assert names(world, q="kommuneplan") == ["Åse", "Anna"]


def test_every_word_must_match(world):
    org = world.organisation
    profile(org, "Anna", summary="Kommuneplaner og naturbeskyttelse")
    profile(org, "Bo", summary="Kommuneplaner")
    assert names(world, q="kommuneplan natur") == ["Anna"]


def test_own_region_then_availability_then_name(world):
    org = world.organisation
    planning = tag(org, "Kommuneplanlægning")
    near = {"person__branch": world.branch}
    profile(org, "Paused near", tags=[planning], availability=Availability.PAUSED, **near)
    profile(org, "Far open", tags=[planning])
    profile(org, "Near sometimes", tags=[planning], availability=Availability.SOMETIMES, **near)
    profile(org, "Near open B", tags=[planning], **near)
    profile(org, "Near open A", tags=[planning], **near)
    expected = ["Near open A", "Near open B", "Near sometimes", "Far open", "Paused near"]
    assert names(world, q="kommuneplan") == expected
    assert names(world, tag=planning) == expected
    assert names(world, tag=planning, open_only=True) == ["Near open A", "Near open B", "Far open"]
