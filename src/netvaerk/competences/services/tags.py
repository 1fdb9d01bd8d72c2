"""The office curates the organisation's vocabulary of competences: makes tags, renames them,
gives them synonyms, approves or rejects what people suggest, retires, reactivates and merges
them. Every change rewrites the search document of the profiles with the tags concerned."""

from collections.abc import Callable, Iterable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netvaerk.competences.models import ProfileTag, SparringRequest, Tag, TagStatus, TagSynonym
from netvaerk.competences.search.index import reindex_profiles
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Organisation

NAME_MAX = 80
DESCRIPTION_MAX = 1000
SLUG_MAX = 50
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def unique_slug(organisation: Organisation, name: str) -> str:
    """The name as an address ("Kommuneplanlægning" -> "kommuneplanlaegning"), made unique
    in the organisation with a number."""
    base = slugify(name.translate(_DANISH))[:SLUG_MAX].strip("-") or "competence"
    taken = set(
        Tag.objects.filter(organisation=organisation, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        slug = base[: SLUG_MAX - len(suffix)].strip("-") + suffix
        if slug not in taken:
            return slug
        number += 1


def _office(actor: Actor, tag: Tag | None = None) -> None:
    same_organisation(actor, tag)
    require(
        actor,
        "competences.manage_vocabulary",
        None,
        _("Only the %(office)s curates the list of competences.")
        % {"office": actor.organisation.office_word},
    )


def _profile_ids(*tags: Tag) -> list[int]:
    return list(
        ProfileTag.objects.filter(tag__in=tags).values_list("profile_id", flat=True).distinct()
    )


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Give the competence a name."), field="name")
    if len(name) > NAME_MAX:
        raise ServiceError(
            _("A competence's name can be at most %(max)d characters.") % {"max": NAME_MAX},
            field="name",
        )
    return name


def _name_clash(organisation: Organisation, key: str, tag: Tag | None) -> str | None:
    """Another tag (in use or suggested, or retired without a successor) or another tag's
    synonym with this case-folded name; its name."""
    others = Tag.objects.filter(organisation=organisation, search_name=key)
    if tag is not None:
        # A tag merged into this one lives on as its synonym: no clash with it.
        others = others.exclude(pk=tag.pk).exclude(merged_into=tag)
    found = others.first()
    if found is not None:
        return found.name
    synonyms = TagSynonym.objects.filter(organisation=organisation, search_term=key)
    if tag is not None:
        synonyms = synonyms.exclude(tag=tag)
    synonym = synonyms.select_related("tag").first()
    return synonym.tag.name if synonym is not None else None


def _check_name(organisation: Organisation, name: str, tag: Tag | None) -> str:
    key = casefold_words(name)
    clash = _name_clash(organisation, key, tag)
    if clash is not None:
        raise ServiceError(
            _("“%(name)s” is already a competence or another word for “%(other)s”.")
            % {"name": name, "other": clash},
            field="name",
        )
    return key


def _clean_synonyms(
    organisation: Organisation, terms: Iterable[str], *, name_key: str, tag: Tag | None
) -> dict[str, str]:
    """The synonyms by their case-folded form: duplicates and the tag's own name left out,
    another tag's name or synonym refused."""
    cleaned: dict[str, str] = {}
    for raw in terms:
        term = " ".join(raw.split())
        if not term:
            continue
        if len(term) > NAME_MAX:
            raise ServiceError(
                _("A synonym can be at most %(max)d characters: “%(term)s…”.")
                % {"max": NAME_MAX, "term": term[:30]},
                field="synonyms",
            )
        key = casefold_words(term)
        if key == name_key or key in cleaned:
            continue
        clash = _name_clash(organisation, key, tag)
        if clash is not None:
            raise ServiceError(
                _("“%(term)s” is already a competence or another word for “%(other)s”.")
                % {"term": term, "other": clash},
                field="synonyms",
            )
        cleaned[key] = term
    return cleaned


def _clean_description(description: str) -> str:
    description = description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise ServiceError(
            _("Write at most %(max)d characters in the description.") % {"max": DESCRIPTION_MAX},
            field="description",
        )
    return description


def _save_synonyms(tag: Tag, synonyms: dict[str, str]) -> None:
    TagSynonym.objects.filter(tag=tag).exclude(search_term__in=synonyms).delete()
    existing = dict(TagSynonym.objects.filter(tag=tag).values_list("search_term", "pk"))
    for key, term in synonyms.items():
        if key in existing:
            TagSynonym.objects.filter(pk=existing[key]).update(term=term)
        else:
            TagSynonym.objects.create(
                organisation=tag.organisation, tag=tag, term=term, search_term=key
            )


def _saved(save: Callable[[], None]) -> None:
    """A write that two people could make at once: the unique constraints decide."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        raise ServiceError(
            _("Someone else just used that name or synonym; please look again.")
        ) from None


@transaction.atomic
def tag_create(
    *, actor: Actor, name: str, description: str = "", synonyms: Iterable[str] = ()
) -> Tag:
    _office(actor)
    organisation = actor.organisation
    name = _clean_name(name)
    key = _check_name(organisation, name, None)
    description = _clean_description(description)
    terms = _clean_synonyms(organisation, synonyms, name_key=key, tag=None)
    tag = Tag(
        organisation=organisation,
        name=name,
        slug=unique_slug(organisation, name),
        description=description,
        status=TagStatus.ACTIVE,
        search_name=key,
    )

    def save() -> None:
        tag.save()
        _save_synonyms(tag, terms)

    _saved(save)
    log_action(
        actor=actor,
        organisation=organisation,
        action="competences.tag_created",
        obj=tag,
        data={"name": name, "synonyms": sorted(terms.values())},
    )
    return tag


@transaction.atomic
def tag_update(
    *, actor: Actor, tag: Tag, name: str, description: str = "", synonyms: Iterable[str] = ()
) -> Tag:
    """Rename a tag, describe it and replace its synonyms (its address stays the same)."""
    _office(actor, tag)
    organisation = actor.organisation
    name = _clean_name(name)
    key = _check_name(organisation, name, tag)
    description = _clean_description(description)
    terms = _clean_synonyms(organisation, synonyms, name_key=key, tag=tag)
    before = {
        "name": tag.name,
        "synonyms": sorted(TagSynonym.objects.filter(tag=tag).values_list("term", flat=True)),
    }
    tag.name, tag.search_name, tag.description = name, key, description

    def save() -> None:
        tag.save(update_fields=["name", "search_name", "description"])
        _save_synonyms(tag, terms)

    _saved(save)
    log_action(
        actor=actor,
        organisation=organisation,
        action="competences.tag_updated",
        obj=tag,
        data={"before": before, "name": name, "synonyms": sorted(terms.values())},
    )
    reindex_profiles(profile_ids=_profile_ids(tag))
    return tag


@transaction.atomic
def tag_merge(*, actor: Actor, tag: Tag, into: Tag) -> Tag:
    """Merge a tag into another: its profiles, synonyms and requests move over, its name
    becomes a synonym of the other, and it is retired pointing to it. A profile with both
    keeps one."""
    _office(actor, tag)
    same_organisation(actor, into)
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    into = Tag.objects.select_for_update().get(pk=into.pk)
    if tag.pk == into.pk:
        raise ServiceError(_("A competence cannot be merged into itself."), field="into")
    if tag.status == TagStatus.RETIRED:
        raise ServiceError(
            _("“%(name)s” is retired; reactivate it before merging it.") % {"name": tag.name}
        )
    if into.status == TagStatus.RETIRED:
        raise ServiceError(
            _("“%(name)s” is retired; choose a competence in use.") % {"name": into.name},
            field="into",
        )
    affected = _profile_ids(tag, into)
    moved_synonyms = sorted(TagSynonym.objects.filter(tag=tag).values_list("term", flat=True))

    both = ProfileTag.objects.filter(tag=into).values("profile_id")
    ProfileTag.objects.filter(tag=tag, profile_id__in=both).delete()
    ProfileTag.objects.filter(tag=tag).update(tag=into)

    through = SparringRequest.tags.through
    asked = through.objects.filter(tag=into).values("sparringrequest_id")
    through.objects.filter(tag=tag, sparringrequest_id__in=asked).delete()
    through.objects.filter(tag=tag).update(tag=into)

    TagSynonym.objects.filter(tag=tag).update(tag=into)
    if tag.search_name != into.search_name:
        TagSynonym.objects.get_or_create(
            organisation=into.organisation,
            search_term=tag.search_name,
            defaults={"tag": into, "term": tag.name},
        )
    Tag.objects.filter(Q(merged_into=tag)).update(merged_into=into)
    tag.status = TagStatus.RETIRED
    tag.merged_into = into
    tag.save(update_fields=["status", "merged_into"])
    if into.status == TagStatus.SUGGESTED:
        # Merging a tag in use into a suggestion makes the suggestion one to use.
        into.status = TagStatus.ACTIVE
        into.save(update_fields=["status"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="competences.tag_merged",
        obj=tag,
        data={"into": into.pk, "into_name": into.name, "synonyms": moved_synonyms},
    )
    reindex_profiles(profile_ids=affected)
    return into


_MOVES: dict[tuple[str, str], str] = {
    # (from, to): who may see the change as what.
    (TagStatus.SUGGESTED, TagStatus.ACTIVE): "approved",
    (TagStatus.SUGGESTED, TagStatus.RETIRED): "rejected",
    (TagStatus.ACTIVE, TagStatus.RETIRED): "retired",
    (TagStatus.RETIRED, TagStatus.ACTIVE): "reactivated",
}


@transaction.atomic
def tag_set_status(*, actor: Actor, tag: Tag, status: str) -> Tag:
    """Approve a suggestion (or reject it), retire a tag in use, or reactivate a retired one.
    A retired tag stays on the profiles that had it, unsearched and unshown, and comes back
    with them when reactivated."""
    _office(actor, tag)
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    move = _MOVES.get((str(tag.status), status))
    if move is None:
        raise ServiceError(
            _("“%(name)s” cannot go from “%(from)s” to that status.")
            % {"name": tag.name, "from": tag.get_status_display()}
        )
    if move == "reactivated" and tag.merged_into_id is not None:
        raise ServiceError(
            _("“%(name)s” was merged into “%(into)s” and lives on as its synonym.")
            % {"name": tag.name, "into": tag.merged_into.name if tag.merged_into else ""}
        )
    tag.status = status
    tag.save(update_fields=["status"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action=f"competences.tag_{move}",
        obj=tag,
        data={"status": status},
    )
    reindex_profiles(profile_ids=_profile_ids(tag))
    return tag
