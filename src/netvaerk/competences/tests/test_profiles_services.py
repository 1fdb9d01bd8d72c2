"""Making, changing and deleting one's own competence profile through the service."""

import pytest

from netvaerk.competences.models import Profile, ProfileTag, SparringRequest, Tag, TagStatus
from netvaerk.competences.services.profiles import profile_delete, profile_save
from netvaerk.competences.services.settings import competence_settings_update
from netvaerk.competences.tests.factories import SparringRequestFactory
from netvaerk.competences.tests.factories_profiles import profile_of, suggested, tag
from netvaerk.competences.tests.test_search_index import matching
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _save(world, persona="member", **kwargs):
    return profile_save(actor=world.actor(persona), **{"tags": [], **kwargs})


def test_it_creates_a_profile_with_tags_and_finds_it_by_them(world):
    press = tag(world.organisation, "Pressearbejde", "Mediekontakt")
    profile = _save(
        world,
        tags=[press],
        summary="  Jeg har skrevet mange kommuneplaner.  ",
        languages=["en", "da", "en"],
        region=world.region,
        visibility="organisation",
        open_requests_limit=2,
    )
    assert profile.person == world.persons["member"]
    assert profile.summary == "Jeg har skrevet mange kommuneplaner."
    assert profile.languages == ["da", "en"]
    assert list(profile.tags.all()) == [press]
    assert {profile.pk} <= matching("medier") & matching("kommuneplan")
    assert AuditEntry.objects.filter(action="competences.profile_created").count() == 1


def test_saving_again_updates_the_same_profile_and_its_index(world):
    press = tag(world.organisation, "Pressearbejde")
    law = tag(world.organisation, "Naturbeskyttelsesloven")
    first = _save(world, tags=[press])
    second = _save(world, tags=[law], summary="Lokalplaner")
    assert first.pk == second.pk
    assert Profile.objects.count() == 1
    assert list(second.tags.all()) == [law]
    assert second.pk not in matching("pressearbejde")
    assert second.pk in matching("naturbeskyttelse")
    assert second.pk in matching("lokalplan")
    assert AuditEntry.objects.filter(action="competences.profile_updated").count() == 1


def test_a_suggestion_becomes_a_tag_waiting_for_the_office_and_is_not_indexed(world):
    profile = _save(world, suggestion="  Klimatilpasning  ", summary="")
    new = Tag.objects.get(name="Klimatilpasning")
    assert new.status == TagStatus.SUGGESTED
    assert new.suggested_by == world.persons["member"]
    assert new.slug == "klimatilpasning"
    assert list(profile.tags.all()) == [new]
    assert profile.pk not in matching("klimatilpasning")
    # Saving again keeps the suggestion while it waits.
    again = _save(world, tags=[new], summary="")
    assert list(again.tags.all()) == [new]


def test_a_suggestion_of_an_existing_name_or_synonym_takes_that_tag(world):
    press = tag(world.organisation, "Pressearbejde", "Mediekontakt")
    profile = _save(world, suggestion="MEDIEKONTAKT")
    assert list(profile.tags.all()) == [press]
    assert Tag.objects.count() == 1


def test_a_suggestion_of_a_merged_tag_takes_the_tag_it_was_merged_into(world):
    target = tag(world.organisation, "Pressearbejde")
    tag(world.organisation, "Presse", status=TagStatus.RETIRED, merged_into=target)
    profile = _save(world, suggestion="presse")
    assert list(profile.tags.all()) == [target]


def test_a_suggestion_of_a_retired_tag_is_refused(world):
    tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    with pytest.raises(ServiceError) as error:
        _save(world, suggestion="gammeldags")
    assert error.value.field == "suggestion"
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("languages", {"languages": ["da", "xx"]}),
        ("summary", {"summary": "x" * 2001}),
        ("visibility", {"visibility": "everyone"}),
        ("availability", {"availability": "always"}),
        ("experience", {"experience": "guru"}),
        ("contact_preference", {"contact_preference": "pigeon"}),
        ("open_requests_limit", {"open_requests_limit": 4}),
        ("open_requests_limit", {"open_requests_limit": 0}),
        ("suggestion", {"suggestion": "x" * 81}),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(world, field, kwargs):
    with pytest.raises(ServiceError) as error:
        _save(world, **kwargs)
    assert error.value.field == field
    assert not Profile.objects.exists()
    assert not Tag.objects.exists()


def test_it_refuses_tags_of_another_organisation_retired_ones_and_others_suggestions(world):
    foreign = tag(OrganisationFactory(), "Fremmed")
    retired = tag(world.organisation, "Pensioneret", status=TagStatus.RETIRED)
    waiting = suggested(world.organisation, "Venter", by=world.persons["chair"])
    for bad in (foreign, retired, waiting):
        with pytest.raises(ServiceError) as error:
            _save(world, tags=[bad])
        assert error.value.field == "tags"
    assert not Profile.objects.exists()


def test_it_refuses_a_region_of_another_organisation(world):
    with pytest.raises(ServiceError):
        _save(world, region=RegionFactory(organisation=OrganisationFactory()))
    assert not Profile.objects.exists()


def test_a_login_without_a_person_here_cannot_have_a_profile(world):
    with pytest.raises(ServiceError):
        _save(world, persona="outsider")
    with pytest.raises(ServiceError):
        profile_delete(actor=world.actor("outsider"))


def test_the_own_limit_follows_the_organisations_limit(world):
    competence_settings_update(
        actor=world.actor("staff"),
        open_requests_per_person=10,
        sometimes_per_year=4,
        requests_per_day=5,
    )
    assert _save(world, open_requests_limit=10).open_requests_limit == 10


def test_deleting_a_profile_drops_it_from_the_index_and_keeps_requests(world):
    member = world.persons["member"]
    profile = profile_of(member, summary="Kommuneplaner")
    sparring = SparringRequestFactory(requester=world.persons["chair"], recipient=member)
    profile_delete(actor=world.actor("member"))
    assert not Profile.objects.exists()
    assert not ProfileTag.objects.exists()
    assert profile.pk not in matching("kommuneplan")
    assert SparringRequest.objects.get(pk=sparring.pk).recipient == member
    assert AuditEntry.objects.filter(action="competences.profile_deleted").exists()


def test_deleting_without_a_profile_is_refused(world):
    with pytest.raises(ServiceError):
        profile_delete(actor=world.actor("member"))
