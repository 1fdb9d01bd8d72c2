"""Helpers for the profile and vocabulary tests, on top of the shared factories."""

from typing import Any

from netvaerk.competences.models import Profile, Tag, TagStatus
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory, TagSynonymFactory
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person


def tag(organisation: Organisation, name: str, *synonyms: str, **kwargs: Any) -> Tag:
    """A tag in use with these synonyms."""
    made = TagFactory(organisation=organisation, name=name, **kwargs)
    for term in synonyms:
        TagSynonymFactory(tag=made, term=term)
    return made


def suggested(organisation: Organisation, name: str, by: Person | None = None) -> Tag:
    return TagFactory(
        organisation=organisation, name=name, status=TagStatus.SUGGESTED, suggested_by=by
    )


def profile_of(person: Person, *tags: Tag, **kwargs: Any) -> Profile:
    return ProfileFactory(person=person, tags=list(tags), **kwargs)


def profile_data(**changes: Any) -> dict[str, Any]:
    """A valid POST of the profile form."""
    data: dict[str, Any] = {
        "summary": "Jeg hjælper gerne med høringssvar om lokalplaner.",
        "experience": "experienced",
        "languages": ["da", "en"],
        "contact_preference": "email",
        "availability": "open",
        "visibility": "organisation",
        "open_requests_limit": "",
        "suggestion": "",
        "region": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
