"""The office curating the vocabulary: names, synonyms, suggestions, retiring and merging,
with the search index following every change."""

import pytest

from netvaerk.competences.models import Profile, ProfileTag, Tag, TagStatus, TagSynonym
from netvaerk.competences.services.tags import (
    tag_create,
    tag_merge,
    tag_set_status,
    tag_update,
    unique_slug,
)
from netvaerk.competences.tests.factories import SparringRequestFactory
from netvaerk.competences.tests.factories_profiles import profile_of, suggested, tag
from netvaerk.competences.tests.test_search_index import matching
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _staff(world):
    return world.actor("staff")


def test_it_creates_a_tag_with_a_slug_and_synonyms(world):
    made = tag_create(
        actor=_staff(world),
        name="  Kommuneplanlægning ",
        description="Planer for hele kommunen.",
        synonyms=["Kommuneplan", "kommuneplan", "", "Kommuneplanlægning"],
    )
    assert made.name == "Kommuneplanlægning"
    assert made.slug == "kommuneplanlaegning"
    assert made.status == TagStatus.ACTIVE
    assert list(made.synonyms.values_list("term", flat=True)) == ["Kommuneplan"]
    assert AuditEntry.objects.filter(action="competences.tag_created").exists()


def test_slugs_are_made_unique(world):
    tag(world.organisation, "Presse", slug="presse")
    assert unique_slug(world.organisation, "Presse!") == "presse-2"
    assert unique_slug(world.organisation, "???") == "competence"


def test_names_are_unique_whatever_their_case(world):
    tag(world.organisation, "Pressearbejde")
    with pytest.raises(ServiceError) as error:
        tag_create(actor=_staff(world), name="PRESSEARBEJDE")
    assert error.value.field == "name"
    assert Tag.objects.count() == 1


def test_a_name_may_not_be_another_tags_synonym(world):
    tag(world.organisation, "Pressearbejde", "Mediekontakt")
    with pytest.raises(ServiceError) as error:
        tag_create(actor=_staff(world), name="mediekontakt")
    assert error.value.field == "name"


@pytest.mark.parametrize("clash", ["Valgkamp", "kampagne"])
def test_a_synonym_may_not_be_another_tags_name_or_synonym(world, clash):
    tag(world.organisation, "Valgkamp", "Kampagne")
    press = tag(world.organisation, "Pressearbejde", "Medier")
    with pytest.raises(ServiceError) as error:
        tag_update(actor=_staff(world), tag=press, name="Pressearbejde", synonyms=["SoMe", clash])
    assert error.value.field == "synonyms"
    assert "Valgkamp" in error.value.message
    assert list(press.synonyms.values_list("term", flat=True)) == ["Medier"]


def test_the_same_name_in_another_organisation_is_fine(world):
    tag(OrganisationFactory(), "Pressearbejde", "Medier")
    made = tag_create(actor=_staff(world), name="Pressearbejde", synonyms=["Medier"])
    assert made.organisation == world.organisation


def test_renaming_and_new_synonyms_reindex_the_tags_profiles_only(world):
    press = tag(world.organisation, "Pressearbejde", "Medier")
    with_tag = profile_of(world.persons["member"], press, summary="")
    without = profile_of(world.persons["chair"], summary="Kommuneplaner")
    tag_update(actor=_staff(world), tag=press, name="Kommunikation", synonyms=["Pressemeddelelser"])
    assert with_tag.pk in matching("kommunikation")
    assert with_tag.pk in matching("pressemeddelelse")
    assert with_tag.pk not in matching("medier")
    assert without.pk not in matching("kommunikation")
    press.refresh_from_db()
    assert press.slug.startswith("kompetence")  # the address stays
    assert press.search_name == "kommunikation"


def test_only_the_office_curates(world):
    press = tag(world.organisation, "Pressearbejde")
    for persona in ("member", "chair", "board", "outsider"):
        with pytest.raises(ServiceError):
            tag_create(actor=world.actor(persona), name="Ny")
        with pytest.raises(ServiceError):
            tag_set_status(actor=world.actor(persona), tag=press, status="retired")
    assert Tag.objects.count() == 1


def test_a_tag_of_another_organisation_is_refused(world):
    foreign = tag(OrganisationFactory(), "Fremmed")
    with pytest.raises(ServiceError):
        tag_set_status(actor=_staff(world), tag=foreign, status="retired")
    with pytest.raises(ServiceError):
        tag_merge(actor=_staff(world), tag=tag(world.organisation, "Egen"), into=foreign)


def test_approving_a_suggestion_makes_it_searchable(world):
    new = suggested(world.organisation, "Klimatilpasning", by=world.persons["member"])
    profile = profile_of(world.persons["member"], new, summary="")
    assert profile.pk not in matching("klimatilpasning")
    assert Profile.objects.get(pk=profile.pk).tag_ids == []
    tag_set_status(actor=_staff(world), tag=new, status="active")
    assert profile.pk in matching("klimatilpasning")
    assert Profile.objects.get(pk=profile.pk).tag_ids == [new.pk]
    assert AuditEntry.objects.filter(action="competences.tag_approved").exists()


def test_retiring_hides_a_tag_and_reactivating_brings_it_back(world):
    law = tag(world.organisation, "Naturbeskyttelsesloven")
    profile = profile_of(world.persons["member"], law, summary="")
    tag_set_status(actor=_staff(world), tag=law, status="retired")
    assert profile.pk not in matching("naturbeskyttelse")
    assert Profile.objects.get(pk=profile.pk).tag_ids == []
    assert ProfileTag.objects.filter(tag=law).exists()
    tag_set_status(actor=_staff(world), tag=law, status="active")
    assert profile.pk in matching("naturbeskyttelse")


@pytest.mark.parametrize(
    ("start", "to"), [("active", "active"), ("active", "x"), ("retired", "suggested")]
)
def test_it_refuses_a_status_change_that_is_not_one(world, start, to):
    made = tag(world.organisation, "Presse", status=start)
    with pytest.raises(ServiceError):
        tag_set_status(actor=_staff(world), tag=made, status=to)
    made.refresh_from_db()
    assert made.status == start


def test_merging_moves_profiles_synonyms_and_requests_and_keeps_one_per_profile(world):
    old = tag(world.organisation, "Presse", "PR")
    target = tag(world.organisation, "Pressearbejde", "Medier")
    only_old = profile_of(world.persons["member"], old, summary="")
    both = profile_of(world.persons["chair"], old, target, summary="")
    only_target = profile_of(world.persons["coordination"], target, summary="")
    sparring = SparringRequestFactory(
        requester=world.persons["board"], recipient=world.persons["member"]
    )
    sparring.tags.set([old, target])
    result = tag_merge(actor=_staff(world), tag=old, into=target)
    assert result == target
    old.refresh_from_db()
    assert old.status == TagStatus.RETIRED
    assert old.merged_into == target
    assert not ProfileTag.objects.filter(tag=old).exists()
    assert list(both.tags.all()) == [target]
    assert list(only_old.tags.all()) == [target]
    assert list(sparring.tags.all()) == [target]
    assert sorted(target.synonyms.values_list("term", flat=True)) == ["Medier", "PR", "Presse"]
    # Every profile with either tag is found by the old name and the old synonyms.
    assert {only_old.pk, both.pk, only_target.pk} <= matching("pr")
    assert {only_old.pk, both.pk, only_target.pk} <= matching("presse")
    # And by the competence filter, which tests the ids kept on the profile.
    for found in (only_old, both, only_target):
        found.refresh_from_db()
        assert found.tag_ids == [target.pk]
    assert AuditEntry.objects.filter(action="competences.tag_merged").exists()


def test_after_a_merge_the_target_can_still_be_edited(world):
    old = tag(world.organisation, "Presse")
    target = tag(world.organisation, "Pressearbejde")
    tag_merge(actor=_staff(world), tag=old, into=target)
    tag_update(actor=_staff(world), tag=target, name="Pressearbejde", synonyms=["Presse", "SoMe"])
    assert sorted(TagSynonym.objects.values_list("term", flat=True)) == ["Presse", "SoMe"]


def test_tags_merged_earlier_follow_on_to_the_new_target(world):
    first = tag(world.organisation, "Presse")
    middle = tag(world.organisation, "Pressearbejde")
    last = tag(world.organisation, "Kommunikation")
    tag_merge(actor=_staff(world), tag=first, into=middle)
    tag_merge(actor=_staff(world), tag=middle, into=last)
    first.refresh_from_db()
    assert first.merged_into == last
    assert sorted(last.synonyms.values_list("term", flat=True)) == ["Presse", "Pressearbejde"]


def test_merging_into_itself_or_a_retired_tag_or_from_a_retired_tag_is_refused(world):
    live = tag(world.organisation, "Presse")
    retired = tag(world.organisation, "Gammel", status=TagStatus.RETIRED)
    for source, into in ((live, live), (live, retired), (retired, live)):
        with pytest.raises(ServiceError):
            tag_merge(actor=_staff(world), tag=source, into=into)
    assert Tag.objects.filter(status=TagStatus.ACTIVE).count() == 1


def test_a_merged_tag_cannot_be_reactivated(world):
    old = tag(world.organisation, "Presse")
    target = tag(world.organisation, "Pressearbejde")
    tag_merge(actor=_staff(world), tag=old, into=target)
    with pytest.raises(ServiceError):
        tag_set_status(actor=_staff(world), tag=old, status="active")
