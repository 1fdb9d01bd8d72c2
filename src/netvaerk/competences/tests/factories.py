"""Factories for the competence list. A profile made here is indexed for search at once, as
the services would do: the SQLite FTS5 table is not emptied between transactional tests, so
a profile that was never indexed could match a previous test's row with the same id."""

import factory

from netvaerk.competences.models import (
    Profile,
    ProfileTag,
    SparringRequest,
    Tag,
    TagSynonym,
)
from netvaerk.competences.search.index import reindex_profiles
from netvaerk.core.text import casefold_words
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kompetence {n}")
    slug = factory.Sequence(lambda n: f"kompetence-{n}")
    search_name = factory.LazyAttribute(lambda tag: casefold_words(tag.name))


class TagSynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TagSynonym

    tag = factory.SubFactory(TagFactory)
    organisation = factory.SelfAttribute("tag.organisation")
    term = factory.Sequence(lambda n: f"synonym {n}")
    search_term = factory.LazyAttribute(lambda synonym: casefold_words(synonym.term))


class ProfileFactory(factory.django.DjangoModelFactory):
    """ProfileFactory(person=…, tags=[tag, …], summary="…", visibility="organisation")."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    region = factory.SelfAttribute("person.region")
    summary = "Jeg har arbejdet med kommuneplaner i ti år og hjælper gerne med høringssvar."
    visibility = "organisation"

    @factory.post_generation
    def tags(self, create: bool, extracted: list[Tag] | None, **kwargs: object) -> None:
        if not create:
            return
        for tag in extracted or []:
            ProfileTag.objects.create(organisation_id=self.organisation_id, profile=self, tag=tag)
        reindex_profiles(profile_ids=[self.pk])


class SparringRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SparringRequest

    requester = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("requester.organisation")
    recipient = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..organisation")
    )
    subject = "Høringssvar om lokalplan"
    question = "Kan du kigge på vores udkast til høringssvar om den nye lokalplan?"
