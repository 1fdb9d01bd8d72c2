"""The competence search: which profiles a person may find, matched, filtered and ranked in
the database, one page at a time.

Visibility is part of the SQL of every query here (`visible_profiles`), so a hidden profile
is never fetched, counted or faceted. Ranking, the same on both databases:

1. people who are paused come last (they are marked as not taking requests);
2. how the words matched: all in the tags (a tag's name or synonym), else all in tags and
   summary, else anywhere (the name too);
3. the searcher's own region (their profile's, else their own);
4. open before a few times a year;
5. the weighted text rank (PostgreSQL `ts_rank`, tags ≫ summary ≫ name; SQLite `bm25` with
   column weights in the same order, negated as it is lower-is-better);
6. name.

Bounded work: a broad search ("kommuneplan" in a list of 200,000) matches tens of thousands
of profiles, and ranking them all would cost more the larger the list. So the matches are
first cut to the `CANDIDATES` most recently updated (an index scan that stops there, or for a
rare word the GIN index), and only those are ranked and paged; the page then says that more
people match than were ranked, and asks for another word or a filter."""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from netvaerk.competences.models import (
    Availability,
    Profile,
    ProfileTag,
    Tag,
    TagStatus,
    Visibility,
)
from netvaerk.competences.search.query import ParsedQuery, parse_query
from netvaerk.competences.search.text import config_for
from netvaerk.core.access import Actor
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Branch, Region
from netvaerk.people.models import Person

PER_PAGE = 20
LANDING_TAGS = 24
# How many matches are ranked at most (see the module's docstring).
CANDIDATES = 500


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    tag: Tag | None = None
    region: Region | None = None
    network: Network | None = None
    branch: Branch | None = None
    open_only: bool = False

    @property
    def has_filter(self) -> bool:
        return any((self.tag, self.region, self.network, self.branch))


def visible_profiles(actor: Actor) -> QuerySet[Profile]:
    """The profiles the actor may find: the whole organisation's that are shared with it,
    those shared with networks the actor is an active member of, and their own.

    Whose networks a profile shares is kept on the row (`Profile.network_ids`), so the test
    costs nothing per candidate and no join to the memberships of a large network."""
    if actor.person is None:
        return Profile.objects.none()
    shown = Q(visibility=Visibility.ORGANISATION) | Q(person_id=actor.person.pk)
    network_ids = actor.network_ids()
    if network_ids:
        shown |= Q(visibility=Visibility.NETWORKS, network_ids__overlaps=sorted(network_ids))
    return Profile.objects.filter(shown, organisation=actor.organisation)


def own_region_id(actor: Actor) -> int | None:
    """Where the searcher is: their profile's region, else their own."""
    if actor.person is None:
        return None
    profile_region = (
        Profile.objects.filter(person=actor.person).values_list("region_id", flat=True).first()
    )
    return profile_region or actor.person.region_id


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# The SQL of the text match, written out whole: only the query text (made of stems, see
# search.query) is a parameter. PostgreSQL: the weighted vector and the GIN index on it.
_PG_MATCH = "competences_profile.search_vector @@ to_tsquery('simple', %s)"
# The same words restricted to the tags (weight A), then to tags and summary (A and B).
_PG_TIER = (
    "CASE WHEN competences_profile.search_vector @@ to_tsquery('simple', %s) THEN 3 "
    "WHEN competences_profile.search_vector @@ to_tsquery('simple', %s) THEN 2 ELSE 1 END"
)
# ts_rank's weights, in PostgreSQL's order {D, C, B, A}: name C, summary B, tags A.
_PG_RANK = (
    "ts_rank('{0.01, 0.05, 0.2, 1.0}'::float4[], competences_profile.search_vector, "
    "to_tsquery('simple', %s))"
)
# SQLite: the FTS5 table (rowid = profile id; columns tags, body, name); bm25's weights in
# the columns' order, negated as it is lower-is-better.
_FTS_MATCH = (
    "competences_profile.id IN "
    "(SELECT rowid FROM competences_profile_fts WHERE competences_profile_fts MATCH %s)"
)
_FTS_TIER = (
    "CASE WHEN competences_profile.id IN "
    "(SELECT rowid FROM competences_profile_fts WHERE competences_profile_fts MATCH %s) THEN 3 "
    "WHEN competences_profile.id IN "
    "(SELECT rowid FROM competences_profile_fts WHERE competences_profile_fts MATCH %s) THEN 2 "
    "ELSE 1 END"
)
_FTS_RANK = (
    "(SELECT -bm25(competences_profile_fts, 10.0, 3.0, 1.0) FROM competences_profile_fts "
    "WHERE competences_profile_fts MATCH %s AND rowid = competences_profile.id)"
)


def _match_condition(parsed: ParsedQuery) -> RawSQL:
    """True for profiles matching every word."""
    if _is_postgresql():
        return RawSQL(_PG_MATCH, [parsed.tsquery()], output_field=BooleanField())  # noqa: S611
    return RawSQL(_FTS_MATCH, [parsed.fts_match()], output_field=BooleanField())  # noqa: S611


def _text_match(qs: QuerySet[Profile], parsed: ParsedQuery) -> QuerySet[Profile]:
    """Only profiles matching every word, annotated with `tier` (3 all in tags, 2 all in tags
    and summary, 1 otherwise) and `text_rank` (higher is better)."""
    if _is_postgresql():
        tsquery = parsed.tsquery()
        return qs.filter(_match_condition(parsed)).annotate(
            tier=RawSQL(  # noqa: S611 - constant SQL
                _PG_TIER,
                [parsed.tsquery("A"), parsed.tsquery("AB")],
                output_field=IntegerField(),
            ),
            text_rank=RawSQL(_PG_RANK, [tsquery], output_field=FloatField()),  # noqa: S611
        )
    everywhere = parsed.fts_match()
    return qs.filter(_match_condition(parsed)).annotate(
        tier=RawSQL(  # noqa: S611 - constant SQL
            _FTS_TIER,
            [parsed.fts_match(("tags",)), parsed.fts_match(("tags", "body"))],
            output_field=IntegerField(),
        ),
        text_rank=RawSQL(_FTS_RANK, [everywhere], output_field=FloatField()),  # noqa: S611
    )


def matching_profiles(*, actor: Actor, params: SearchParams) -> QuerySet[Profile]:
    """The visible profiles matching the words and filters, unranked."""
    qs = visible_profiles(actor)
    parsed = parse_query(params.q, config_for(actor.organisation.language))
    if parsed.is_empty:
        if params.q.strip():
            # Words were typed but none can be searched for: guess nothing.
            return qs.none()
    else:
        qs = qs.filter(_match_condition(parsed))
    if params.tag is not None:
        qs = qs.filter(tag_ids__has=params.tag.pk)
    if params.region is not None:
        qs = qs.filter(region_id=params.region.pk)
    if params.network is not None:
        qs = qs.filter(network_ids__has=params.network.pk)
    if params.branch is not None:
        qs = qs.filter(person__branch_id=params.branch.pk)
    if params.open_only:
        qs = qs.filter(availability=Availability.OPEN)
    return qs


def rank(qs: QuerySet[Profile], *, actor: Actor, params: SearchParams) -> QuerySet[Profile]:
    """The profiles of `qs` in the order of the module's docstring."""
    parsed = parse_query(params.q, config_for(actor.organisation.language))
    if not parsed.is_empty:
        qs = _text_match(qs, parsed)
    # Nowhere in particular: no profile is in region 0, so nobody is nearer than another.
    region_id = own_region_id(actor) or 0
    return qs.annotate(
        # The name by a look-up per match rather than a join of every person.
        sort_name=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("name")[:1]),
        paused=Case(
            When(availability=Availability.PAUSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        nearby=Case(
            When(region_id=region_id, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        availability_order=Case(
            When(availability=Availability.OPEN, then=Value(0)),
            When(availability=Availability.SOMETIMES, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by(
        "paused",
        *([] if parsed.is_empty else [F("tier").desc()]),
        F("nearby").desc(),
        "availability_order",
        *([] if parsed.is_empty else [F("text_rank").desc()]),
        "sort_name",
        "pk",
    )


def search_queryset(*, actor: Actor, params: SearchParams) -> QuerySet[Profile]:
    """Every visible profile matching the search, ranked; not yet paginated, nor cut to the
    candidates (for small lists and tests; the page uses `search_profiles`)."""
    return rank(matching_profiles(actor=actor, params=params), actor=actor, params=params)


class SearchPage(Page):
    """A page of results that also knows whether more people matched than were ranked."""

    more_than_ranked: bool = False


def search_profiles(
    *,
    actor: Actor,
    params: SearchParams,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
) -> SearchPage:
    """One page of the profiles the actor may find for these words and filters, with the
    person and region selected and the tags in use (with their synonyms) prefetched.

    Four queries whatever the size: the candidates (the most recently updated matches, at
    most CANDIDATES and one more to tell that there are more), their ids in rank order, the
    page's profiles, then the tags and their synonyms."""
    matching = matching_profiles(actor=actor, params=params)
    with _without_jit():
        candidates = list(
            matching.order_by("-updated_at", "-pk").values_list("pk", flat=True)[: CANDIDATES + 1]
        )
        more = len(candidates) > CANDIDATES
        ranked = list(
            rank(
                _among(candidates[:CANDIDATES]),
                actor=actor,
                params=params,
            ).values_list("pk", flat=True)
        )
    found = Paginator(ranked, per_page).get_page(page)
    ids = list(found.object_list)
    profiles = (
        Profile.objects.filter(pk__in=ids)
        .select_related("person", "region")
        .prefetch_related(
            Prefetch(
                "tags",
                queryset=Tag.objects.filter(status=TagStatus.ACTIVE)
                .prefetch_related("synonyms")
                .order_by("name"),
            )
        )
    )
    by_id = {profile.pk: profile for profile in profiles}
    result = SearchPage([by_id[pk] for pk in ids if pk in by_id], found.number, found.paginator)
    result.more_than_ranked = more
    return result


def _among(ids: list[int]) -> QuerySet[Profile]:
    """The profiles with these ids; on PostgreSQL as one array parameter, which costs the
    driver nothing to pass, where hundreds of placeholders take it milliseconds to split."""
    if _is_postgresql():
        return Profile.objects.filter(
            RawSQL("competences_profile.id = ANY(%s)", [ids], output_field=BooleanField())
        )
    return Profile.objects.filter(pk__in=ids)


@contextlib.contextmanager
def _without_jit() -> Iterator[None]:
    """The planner prices the text functions high and would JIT-compile the queries, which
    takes far longer than running them (PostgreSQL; nothing elsewhere)."""
    if not _is_postgresql():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def popular_tags(actor: Actor, limit: int = LANDING_TAGS) -> list[Tag]:
    """The tags in use most often among the profiles the actor may find, each with
    `profile_count` (visible profiles only), most used first.

    The counts of profiles shared with the whole organisation are the same for everyone and
    kept in the cache until the organisation changes; only the few the actor sees beyond
    them (their own, and those shared with networks they are in) are counted per request."""
    if actor.person is None:
        return []
    organisation = actor.organisation
    key = f"competences:tag-counts:{organisation.pk}:{organisation.content_version}"
    counts: dict[int, int] | None = cache.get(key)
    if counts is None:
        counts = _tag_counts(
            Profile.objects.filter(organisation=organisation, visibility=Visibility.ORGANISATION)
        )
        cache.set(key, counts, timeout=24 * 3600)
    beyond = Q(person_id=actor.person.pk)
    network_ids = actor.network_ids()
    if network_ids:
        beyond |= Q(visibility=Visibility.NETWORKS, network_ids__overlaps=sorted(network_ids))
    extra = _tag_counts(
        Profile.objects.filter(beyond, organisation=organisation).exclude(
            visibility=Visibility.ORGANISATION
        )
    )
    totals = {tag_id: counts.get(tag_id, 0) + extra.get(tag_id, 0) for tag_id in {*counts, *extra}}
    tags = Tag.objects.filter(
        organisation=organisation,
        status=TagStatus.ACTIVE,
        pk__in=[k for k, v in totals.items() if v],
    )
    for tag in tags:
        tag.profile_count = totals[tag.pk]  # type: ignore[attr-defined]
    return sorted(tags, key=lambda tag: (-tag.profile_count, tag.name))[:limit]  # type: ignore[attr-defined]


def _tag_counts(profiles: QuerySet[Profile]) -> dict[int, int]:
    """How many of these profiles have each tag in use (tag id -> count), in one query."""
    return dict(
        ProfileTag.objects.filter(profile__in=profiles.values("pk"), tag__status=TagStatus.ACTIVE)
        .values("tag_id")
        .annotate(n=Count("pk"))
        .values_list("tag_id", "n")
    )
