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
6. name."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
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
from netvaerk.core.selectors import paginate
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.organisations.models import Branch, Region

PER_PAGE = 20
LANDING_TAGS = 24


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
    those shared with networks the actor is an active member of, and their own."""
    if actor.person is None:
        return Profile.objects.none()
    shown = Q(visibility=Visibility.ORGANISATION) | Q(person_id=actor.person.pk)
    network_ids = actor.network_ids()
    if network_ids:
        shared = Membership.objects.filter(
            person_id=OuterRef("person_id"),
            status=MembershipStatus.ACTIVE,
            network_id__in=sorted(network_ids),
        )
        shown |= Q(Exists(shared), visibility=Visibility.NETWORKS)
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
_PG_TIER = (
    "CASE WHEN ts_filter(competences_profile.search_vector, '{a}') @@ to_tsquery('simple', %s) "
    "THEN 3 WHEN ts_filter(competences_profile.search_vector, '{a,b}') "
    "@@ to_tsquery('simple', %s) THEN 2 ELSE 1 END"
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


def _text_match(qs: QuerySet[Profile], parsed: ParsedQuery) -> QuerySet[Profile]:
    """Only profiles matching every word, annotated with `tier` (3 all in tags, 2 all in tags
    and summary, 1 otherwise) and `text_rank` (higher is better)."""
    if _is_postgresql():
        tsquery = parsed.tsquery()
        return qs.filter(
            RawSQL(_PG_MATCH, [tsquery], output_field=BooleanField())  # noqa: S611 - constant SQL
        ).annotate(
            tier=RawSQL(_PG_TIER, [tsquery, tsquery], output_field=IntegerField()),  # noqa: S611
            text_rank=RawSQL(_PG_RANK, [tsquery], output_field=FloatField()),  # noqa: S611
        )
    everywhere = parsed.fts_match()
    return qs.filter(
        RawSQL(_FTS_MATCH, [everywhere], output_field=BooleanField())  # noqa: S611 - constant SQL
    ).annotate(
        tier=RawSQL(  # noqa: S611 - constant SQL
            _FTS_TIER,
            [parsed.fts_match(("tags",)), parsed.fts_match(("tags", "body"))],
            output_field=IntegerField(),
        ),
        text_rank=RawSQL(_FTS_RANK, [everywhere], output_field=FloatField()),  # noqa: S611
    )


def search_queryset(*, actor: Actor, params: SearchParams) -> QuerySet[Profile]:
    """The visible profiles matching the search, ranked; not yet paginated."""
    qs = visible_profiles(actor)
    parsed = parse_query(params.q, config_for(actor.organisation.language))
    if parsed.is_empty:
        if params.q.strip():
            # Words were typed but none can be searched for: guess nothing.
            return qs.none()
        qs = qs.annotate(
            tier=Value(0, output_field=IntegerField()),
            text_rank=Value(0.0, output_field=FloatField()),
        )
    else:
        qs = _text_match(qs, parsed)
    if params.tag is not None:
        qs = qs.filter(
            Exists(ProfileTag.objects.filter(profile_id=OuterRef("pk"), tag_id=params.tag.pk))
        )
    if params.region is not None:
        qs = qs.filter(region_id=params.region.pk)
    if params.network is not None:
        qs = qs.filter(
            Exists(
                Membership.objects.filter(
                    person_id=OuterRef("person_id"),
                    network_id=params.network.pk,
                    status=MembershipStatus.ACTIVE,
                )
            )
        )
    if params.branch is not None:
        qs = qs.filter(person__branch_id=params.branch.pk)
    if params.open_only:
        qs = qs.filter(availability=Availability.OPEN)
    region_id = own_region_id(actor)
    return qs.annotate(
        paused=Case(
            When(availability=Availability.PAUSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        nearby=(
            Case(When(region_id=region_id, then=Value(1)), default=Value(0))
            if region_id is not None
            else Value(0)
        ),
        availability_order=Case(
            When(availability=Availability.OPEN, then=Value(0)),
            When(availability=Availability.SOMETIMES, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by(
        "paused",
        F("tier").desc(),
        F("nearby").desc(),
        "availability_order",
        F("text_rank").desc(),
        "person__name",
        "pk",
    )


def search_profiles(
    *,
    actor: Actor,
    params: SearchParams,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """One page of the profiles the actor may find for these words and filters, with the
    person and region selected and the tags in use (with their synonyms) prefetched."""
    qs = search_queryset(actor=actor, params=params).select_related("person", "region")
    qs = qs.prefetch_related(
        Prefetch(
            "tags",
            queryset=Tag.objects.filter(status=TagStatus.ACTIVE)
            .prefetch_related("synonyms")
            .order_by("name"),
        )
    )
    return paginate(qs, page=page, per_page=per_page)


def popular_tags(actor: Actor, limit: int = LANDING_TAGS) -> list[Tag]:
    """The tags in use most often among the profiles the actor may find, each with
    `profile_count` (visible profiles only), most used first."""
    visible = visible_profiles(actor).values("pk")
    return list(
        Tag.objects.filter(organisation=actor.organisation, status=TagStatus.ACTIVE)
        .annotate(
            profile_count=Count(
                "profile_tags", filter=Q(profile_tags__profile_id__in=visible), distinct=False
            )
        )
        .filter(profile_count__gt=0)
        .order_by("-profile_count", "name")[:limit]
    )
