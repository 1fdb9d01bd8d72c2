"""Reads of the vocabulary: the office's list with how many profiles use each tag, the options
a person chooses from, and the tags a tag may be merged into."""

from collections.abc import Collection

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from netvaerk.competences.models import Tag, TagStatus, Visibility
from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Organisation

PAGE_SIZE = 50
OPTIONS_MAX = 20
QUERY_MAX = 80


def tag_list(organisation: Organisation, *, status: str = "") -> QuerySet[Tag]:
    """The vocabulary, suggestions first, each with the number of profiles that show it
    (hidden profiles are not counted) and who suggested it; one query per page."""
    tags = Tag.objects.filter(organisation=organisation)
    if status:
        tags = tags.filter(status=status)
    return (
        tags.select_related("suggested_by", "merged_into")
        .annotate(
            profile_count=Count(
                "profile_tags",
                filter=~Q(profile_tags__profile__visibility=Visibility.NOBODY),
            ),
            suggested_first=Case(
                When(status=TagStatus.SUGGESTED, then=Value(0)),
                When(status=TagStatus.ACTIVE, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("suggested_first", "search_name", "pk")
    )


def profile_count(tag: Tag) -> int:
    """How many profiles show the tag; hidden profiles are not counted."""
    return tag.profile_tags.exclude(profile__visibility=Visibility.NOBODY).count()


def status_counts(organisation: Organisation) -> dict[str, int]:
    rows = (
        Tag.objects.filter(organisation=organisation)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {status: n for status, n in rows}


def active_tags(organisation: Organisation) -> QuerySet[Tag]:
    return Tag.objects.filter(organisation=organisation, status=TagStatus.ACTIVE).order_by(
        "search_name"
    )


def tag_options(
    organisation: Organisation,
    *,
    query: str,
    exclude_ids: Collection[int] = (),
) -> list[Tag]:
    """At most OPTIONS_MAX tags in use whose name or a synonym contains the words."""
    key = casefold_words(query[:QUERY_MAX])
    tags = active_tags(organisation).exclude(pk__in=exclude_ids)
    if key:
        matching = Tag.objects.filter(
            Q(search_name__contains=key) | Q(synonyms__search_term__contains=key),
            organisation=organisation,
        ).values("pk")
        tags = tags.filter(pk__in=matching)
    return list(tags[:OPTIONS_MAX])


def tags_by_ids(organisation: Organisation, ids: list[int]) -> list[Tag]:
    return list(active_tags(organisation).filter(pk__in=ids))


def merge_targets(tag: Tag) -> QuerySet[Tag]:
    """The tags another may be merged into: not itself, not retired."""
    return (
        Tag.objects.filter(organisation_id=tag.organisation_id)
        .exclude(pk=tag.pk)
        .exclude(status=TagStatus.RETIRED)
        .order_by("search_name")
    )


def synonym_lines(tag: Tag) -> str:
    return "\n".join(tag.synonyms.order_by("term").values_list("term", flat=True))
