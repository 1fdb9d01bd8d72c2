"""One's own competence profile: made, changed and deleted by its owner only. Every change is
audited and rewrites the profile's search document (search.index)."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.competences.models import (
    SPARRING_LANGUAGES,
    Availability,
    ContactPreference,
    Experience,
    Profile,
    ProfileTag,
    Tag,
    TagStatus,
    TagSynonym,
    Visibility,
)
from netvaerk.competences.search.index import drop_from_index, reindex_profiles
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.services.tags import unique_slug
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Region
from netvaerk.people.models import Person

SUMMARY_MAX = 2000
SUGGESTION_MAX = 80
LANGUAGE_CODES = frozenset(code for code, _label in SPARRING_LANGUAGES)


def _person(actor: Actor) -> None:
    require(
        actor,
        "competences.edit_profile",
        None,
        _("Only a person of the organisation can have a competence profile."),
    )


def _check_choice(value: str, choices: Iterable[str], field: str) -> None:
    if value not in set(choices):
        raise ServiceError(_("Choose one of the options offered."), field=field)


def _check_tags(actor: Actor, tags: Iterable[Tag], current: set[int]) -> list[Tag]:
    """Tags in use, or a suggestion already on the profile; never another organisation's."""
    chosen: dict[int, Tag] = {}
    for tag in tags:
        if tag.organisation_id != actor.organisation.pk:
            raise ServiceError(
                _("A competence you chose belongs to another organisation."), field="tags"
            )
        if tag.status == TagStatus.RETIRED or (
            tag.status == TagStatus.SUGGESTED and tag.pk not in current
        ):
            raise ServiceError(
                _("The competence “%(name)s” cannot be chosen.") % {"name": tag.name},
                field="tags",
            )
        chosen[tag.pk] = tag
    return list(chosen.values())


def _suggested_tag(actor: Actor, suggestion: str) -> Tag | None:
    """The tag a person's suggestion names: an existing one (by name or synonym), or a new
    tag waiting for the office."""
    name = " ".join(suggestion.split())
    if not name:
        return None
    if len(name) > SUGGESTION_MAX:
        raise ServiceError(
            _("A competence's name can be at most %(max)d characters.") % {"max": SUGGESTION_MAX},
            field="suggestion",
        )
    key = casefold_words(name)
    organisation = actor.organisation
    found = Tag.objects.filter(organisation=organisation, search_name=key).first()
    if found is None:
        synonym = (
            TagSynonym.objects.filter(organisation=organisation, search_term=key)
            .select_related("tag")
            .first()
        )
        found = synonym.tag if synonym else None
    if found is not None:
        if found.status == TagStatus.RETIRED:
            target = found.merged_into
            if target is None or target.status == TagStatus.RETIRED:
                raise ServiceError(
                    _("The competence “%(name)s” is no longer in use.") % {"name": found.name},
                    field="suggestion",
                )
            return target
        return found
    tag = Tag(
        organisation=organisation,
        name=name,
        slug=unique_slug(organisation, name),
        status=TagStatus.SUGGESTED,
        suggested_by=actor.person,
        search_name=key,
    )
    try:
        with transaction.atomic():
            tag.save()
    except IntegrityError:
        raise ServiceError(
            _("Someone suggested the same competence just now; please try again."),
            field="suggestion",
        ) from None
    log_action(
        actor=actor,
        organisation=organisation,
        action="competences.tag_suggested",
        obj=tag,
        data={"name": name},
    )
    return tag


@transaction.atomic
def profile_save(
    *,
    actor: Actor,
    tags: Iterable[Tag],
    suggestion: str = "",
    summary: str = "",
    experience: str = Experience.SOME,
    languages: Iterable[str] = (),
    region: Region | None = None,
    contact_preference: str = ContactPreference.EMAIL,
    availability: str = Availability.OPEN,
    visibility: str = Visibility.NETWORKS,
    open_requests_limit: int | None = None,
) -> Profile:
    """Make or change the actor's own profile. A suggested competence not in the vocabulary
    becomes a tag waiting for the office: on the profile, but not searched or shown to
    others until it is approved."""
    _person(actor)
    assert actor.person is not None
    person = actor.person
    same_organisation(actor, person, region)
    summary = summary.strip()
    if len(summary) > SUMMARY_MAX:
        raise ServiceError(
            _("Write at most %(max)d characters about what you know.") % {"max": SUMMARY_MAX},
            field="summary",
        )
    _check_choice(experience, Experience.values, "experience")
    _check_choice(contact_preference, ContactPreference.values, "contact_preference")
    _check_choice(availability, Availability.values, "availability")
    _check_choice(visibility, Visibility.values, "visibility")
    codes = list(dict.fromkeys(languages))
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ServiceError(
            _("“%(code)s” is not a language offered here.") % {"code": str(unknown[0])[:20]},
            field="languages",
        )
    limit = competence_settings(actor.organisation).open_requests_per_person
    if open_requests_limit is not None and not 1 <= open_requests_limit <= limit:
        raise ServiceError(
            _("Your own limit must be between 1 and the organisation's limit of %(limit)d.")
            % {"limit": limit},
            field="open_requests_limit",
        )

    profile = Profile.objects.select_for_update().filter(person=person).first()
    created = profile is None
    current: set[int] = set()
    if profile is not None:
        current = set(profile.profile_tags.values_list("tag_id", flat=True))
    chosen = _check_tags(actor, tags, current)
    suggested = _suggested_tag(actor, suggestion)
    if suggested is not None and suggested.pk not in {tag.pk for tag in chosen}:
        chosen.append(suggested)

    now = timezone.now()
    fields = {
        "summary": summary,
        "experience": experience,
        "languages": [code for code, _label in SPARRING_LANGUAGES if code in codes],
        "region": region,
        "contact_preference": contact_preference,
        "availability": availability,
        "visibility": visibility,
        "open_requests_limit": open_requests_limit,
    }
    if profile is None:
        profile = Profile.objects.create(
            organisation=actor.organisation,
            person=person,
            created_at=now,
            updated_at=now,
            **fields,
        )
    else:
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.updated_at = now
        profile.save(update_fields=[*fields, "updated_at"])

    wanted = {tag.pk for tag in chosen}
    ProfileTag.objects.filter(profile=profile).exclude(tag_id__in=wanted).delete()
    ProfileTag.objects.bulk_create(
        [
            ProfileTag(organisation=actor.organisation, profile=profile, tag_id=pk)
            for pk in sorted(wanted - current)
        ]
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="competences.profile_created" if created else "competences.profile_updated",
        obj=profile,
        data={
            "tags": sorted(wanted),
            "visibility": visibility,
            "availability": availability,
            "suggested": suggested.pk if suggested is not None else None,
        },
    )
    reindex_profiles(profile_ids=[profile.pk])
    return profile


@transaction.atomic
def profile_delete(*, actor: Actor) -> None:
    """Delete the actor's own profile. Sparring requests already sent to them are kept as
    they are: they belong to the person, not the profile."""
    _person(actor)
    assert actor.person is not None
    profile = Profile.objects.filter(person=actor.person).first()
    if profile is None:
        raise ServiceError(_("You have no competence profile to delete."))
    pk = profile.pk
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="competences.profile_deleted",
        obj=profile,
        data={"profile": pk},
    )
    drop_from_index(profile_ids=[pk])
    profile.delete()


@transaction.atomic
def profile_hide(*, actor: Actor, person: Person) -> Profile | None:
    """Hide a person's profile from everyone (their consent to be in the competence list was
    withdrawn, by themselves or recorded by the data-protection staff). Returns the profile,
    or None when they have none."""
    same_organisation(actor, person)
    own = actor.person is not None and actor.person.pk == person.pk
    if not own and not actor.can("privacy.handle_requests"):
        raise ServiceError(_("Only the person can change who sees their profile."))
    profile = Profile.objects.select_for_update().filter(person=person).first()
    if profile is None or profile.visibility == Visibility.NOBODY:
        return profile
    profile.visibility = Visibility.NOBODY
    profile.updated_at = timezone.now()
    profile.save(update_fields=["visibility", "updated_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="competences.profile_hidden",
        obj=profile,
        data={"visibility": Visibility.NOBODY},
    )
    reindex_profiles(profile_ids=[profile.pk])
    return profile
