"""Profiles for the search tests: a person of the world's organisation with a profile,
indexed as the services would leave it."""

from typing import Any

from netvaerk.competences.models import Profile, Tag
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory, TagSynonymFactory
from netvaerk.networks.models import Network
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.models import Organisation
from netvaerk.people.tests.factories import PersonFactory


def tag(organisation: Organisation, name: str, *synonyms: str, **kwargs: Any) -> Tag:
    made = TagFactory(
        organisation=organisation, name=name, slug=kwargs.pop("slug", None) or _slug(name), **kwargs
    )
    for term in synonyms:
        TagSynonymFactory(tag=made, term=term)
    return made


def _slug(name: str) -> str:
    return (
        "-".join(name.casefold().split()).replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    )


def profile(
    organisation: Organisation,
    name: str,
    *,
    tags: list[Tag] | None = None,
    summary: str = "",
    network: Network | None = None,
    **kwargs: Any,
) -> Profile:
    """A person called `name` with a profile (visible to the organisation unless told);
    with `network`, an active member of it."""
    person_fields = {key[8:]: kwargs.pop(key) for key in list(kwargs) if key.startswith("person__")}
    person = PersonFactory(organisation=organisation, name=name, **person_fields)
    if network is not None:
        MembershipFactory(network=network, person=person)
    kwargs.setdefault("region", person.region)
    return ProfileFactory(person=person, tags=tags or [], summary=summary, **kwargs)
