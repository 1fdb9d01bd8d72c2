"""The search document the index writes, read back with each database's own matching."""

import pytest
from django.db import connection

from netvaerk.competences.models import Profile, TagStatus
from netvaerk.competences.search.index import (
    FTS_TABLE,
    drop_from_index,
    reindex_organisation,
    reindex_profiles,
)
from netvaerk.competences.search.text import stems
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory, TagSynonymFactory

pytestmark = pytest.mark.django_db


def matching(word: str) -> set[int]:
    """Profile ids whose document holds a stem beginning with the word's stem."""
    (stem,) = stems(word, "danish")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM competences_profile "
                "WHERE search_vector @@ to_tsquery('danish', %s)",
                [f"{stem}:*"],
            )
            return {row[0] for row in cursor.fetchall()}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f'"{stem}"*'])
        return {row[0] for row in cursor.fetchall()}


def documents() -> dict[int, tuple[str, list[int], str]]:
    """Each profile's indexed tags, tag ids and (PostgreSQL) weighted vector."""
    if connection.vendor != "postgresql":
        return {
            pk: (text, list(ids), "")
            for pk, text, ids in Profile.objects.values_list("pk", "search_tags", "tag_ids")
        }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, search_tags, tag_ids, search_vector::text FROM competences_profile"
        )
        return {pk: (text, list(ids), vector) for pk, text, ids, vector in cursor.fetchall()}


def test_it_finds_danish_inflections_and_compounds_of_a_word():
    plural = ProfileFactory(summary="Jeg har skrevet kommuneplaner for tre kommuner.")
    compound = ProfileFactory(
        person__organisation=plural.organisation, summary="Erfaring med kommuneplanlægning."
    )
    ProfileFactory(person__organisation=plural.organisation, summary="Pressearbejde og SoMe.")
    assert matching("kommuneplan") == {plural.pk, compound.pk}


def test_it_indexes_tag_names_and_synonyms_and_the_persons_name():
    tag = TagFactory(name="Pressearbejde")
    TagSynonymFactory(tag=tag, term="Mediekontakt")
    profile = ProfileFactory(
        person__organisation=tag.organisation,
        person__name="Søren Østergaard",
        summary="",
        tags=[tag],
    )
    assert profile.pk in matching("presse")
    assert profile.pk in matching("medier")
    assert profile.pk in matching("østergaard")
    profile.refresh_from_db()
    assert profile.search_tags == "pressearbejde mediekontakt"


def test_it_leaves_out_tags_not_in_use_and_follows_changes():
    tag = TagFactory(name="Naturbeskyttelsesloven")
    profile = ProfileFactory(person__organisation=tag.organisation, summary="", tags=[tag])
    assert profile.pk in matching("naturbeskyttelse")
    tag.status = TagStatus.RETIRED
    tag.save(update_fields=["status"])
    reindex_profiles(profile_ids=[profile.pk])
    assert profile.pk not in matching("naturbeskyttelse")


def test_reindexing_an_organisation_matches_reindexing_each_profile():
    tag = TagFactory(name="Valgkamp")
    TagSynonymFactory(tag=tag, term="kampagne")
    first = ProfileFactory(person__organisation=tag.organisation, tags=[tag])
    second = ProfileFactory(person__organisation=tag.organisation, summary="Lokalpolitik")
    expected = documents()
    Profile.objects.update(search_tags="", tag_ids=[])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE competences_profile SET search_vector = NULL")
    assert reindex_organisation(organisation=tag.organisation) == 2
    assert documents() == expected
    assert matching("kampagne") == {first.pk}
    assert matching("lokalpolitik") == {second.pk}


def test_a_dropped_profile_is_no_longer_found():
    profile = ProfileFactory(summary="Kommuneplaner")
    drop_from_index(profile_ids=[profile.pk])
    profile.delete()
    assert matching("kommuneplan") == set()
