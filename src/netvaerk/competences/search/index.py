"""The one writer of the competence search document. Services call `reindex_profiles` after
they change a profile, its tags, a tag's name or synonyms, or a person's name; `generate` and
the `reindex_competences` command call `reindex_organisation`.

What is indexed, by weight: the names and synonyms of the profile's tags in use (A, so that a
tag match ranks first), the free text (B) and the person's name (C), in the organisation's
language. On PostgreSQL that is `Profile.search_vector` (a GIN index, migration 0002); on
SQLite the FTS5 table `competences_profile_fts` (rowid = profile id, columns tags, body, name)
holding the stems from `search.text`, ranked with bm25 weights in the same order.

Beside the text, each profile keeps the ids of its tags in use (`Profile.tag_ids`, for the
competence filter) and the networks its person is an active member of (`Profile.network_ids`,
for "shared with my networks" and the network filter), which the search tests on the row;
the membership services call `refresh_network_ids` whenever a membership starts or ends."""

from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db import connection, transaction

from netvaerk.competences.models import Profile, ProfileTag, TagStatus, TagSynonym
from netvaerk.competences.search.text import config_for, stems
from netvaerk.organisations.models import Organisation

FTS_TABLE = "competences_profile_fts"
BATCH = 2000


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _tag_texts(profile_ids: Collection[int]) -> dict[int, tuple[str, list[int]]]:
    """Each profile's tags in use: their names and synonyms case-folded, and their ids; in
    two queries."""
    by_profile: dict[int, list[tuple[int, str]]] = defaultdict(list)
    tag_ids: set[int] = set()
    for profile_id, tag_id, name in ProfileTag.objects.filter(
        profile_id__in=profile_ids, tag__status=TagStatus.ACTIVE
    ).values_list("profile_id", "tag_id", "tag__name"):
        by_profile[profile_id].append((tag_id, name))
        tag_ids.add(tag_id)
    synonyms: dict[int, list[str]] = defaultdict(list)
    for tag_id, term in TagSynonym.objects.filter(tag_id__in=tag_ids).values_list("tag_id", "term"):
        synonyms[tag_id].append(term)
    return {
        profile_id: (
            " ".join(
                " ".join([name, *sorted(synonyms[tag_id])]).casefold()
                for tag_id, name in sorted(tags, key=lambda item: item[1])
            ),
            sorted({tag_id for tag_id, _name in tags}),
        )
        for profile_id, tags in by_profile.items()
    }


@transaction.atomic
def reindex_profiles(*, profile_ids: Iterable[int]) -> None:
    """Rewrite the search document of these profiles (ids of deleted profiles are dropped
    from the index)."""
    ids = sorted(set(profile_ids))
    for start in range(0, len(ids), BATCH):
        _reindex_batch(ids[start : start + BATCH])


def _reindex_batch(ids: list[int]) -> None:
    tags = _tag_texts(ids)
    texts = {pk: text for pk, (text, _tag_ids) in tags.items()}
    rows = list(
        Profile.objects.filter(pk__in=ids).values_list(
            "pk", "summary", "person__name", "organisation__language", "search_tags", "tag_ids"
        )
    )
    changed = [
        Profile(pk=pk, search_tags=texts.get(pk, ""), tag_ids=tags.get(pk, ("", []))[1])
        for pk, _summary, _name, _language, old_text, old_ids in rows
        if (old_text, old_ids) != (texts.get(pk, ""), tags.get(pk, ("", []))[1])
    ]
    Profile.objects.bulk_update(changed, ["search_tags", "tag_ids"])
    refresh_network_ids(profile_ids=ids)
    if is_postgresql():
        _update_vectors(ids=ids)
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "DELETE FROM competences_profile_fts WHERE rowid = %s", [(pk,) for pk in ids]
        )
        cursor.executemany(
            "INSERT INTO competences_profile_fts (rowid, tags, body, name) VALUES (%s, %s, %s, %s)",
            [
                _fts_row(pk, texts.get(pk, ""), summary, name, language)
                for pk, summary, name, language, _old_text, _old_ids in rows
            ],
        )


def _fts_row(
    pk: int, tags: str, summary: str, name: str, language: str
) -> tuple[int, str, str, str]:
    config = config_for(language)
    return (
        pk,
        " ".join(stems(tags, config)),
        " ".join(stems(summary, config)),
        " ".join(stems(name, config)),
    )


_VECTORS = """
    UPDATE competences_profile AS p
    SET search_vector =
        setweight(to_tsvector(o.config::regconfig, p.search_tags), 'A')
        || setweight(to_tsvector(o.config::regconfig, p.summary), 'B')
        || setweight(to_tsvector(o.config::regconfig, person.name), 'C')
    FROM people_person AS person,
         (SELECT id, CASE language WHEN 'en' THEN 'english' ELSE 'danish' END AS config
          FROM organisations_organisation) AS o
    WHERE person.id = p.person_id AND o.id = p.organisation_id
"""


def _update_vectors(*, ids: list[int]) -> None:
    """PostgreSQL: one UPDATE builds the weighted vectors of the profiles with these ids, each
    in its organisation's language."""
    with connection.cursor() as cursor:
        cursor.execute(_VECTORS + " AND p.id = ANY(%s)", [ids])


@transaction.atomic
def reindex_organisation(*, organisation: Organisation) -> int:
    """Rewrite the search document of every profile of the organisation, set-based on
    PostgreSQL (one UPDATE writes each profile's tags and vector once), in batches on SQLite.
    Returns how many profiles."""
    if is_postgresql():
        config = config_for(organisation.language)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE competences_profile AS p
                SET search_tags = x.text, tag_ids = x.ids,
                    search_vector =
                        setweight(to_tsvector(%s::regconfig, x.text), 'A')
                        || setweight(to_tsvector(%s::regconfig, p.summary), 'B')
                        || setweight(to_tsvector(%s::regconfig, person.name), 'C')
                FROM (
                    SELECT q.id, coalesce(t.text, '') AS text,
                           coalesce(t.ids, ARRAY[]::bigint[]) AS ids
                    FROM competences_profile AS q
                    LEFT JOIN (
                        SELECT pt.profile_id,
                               string_agg(lower(tag.name || coalesce(' ' || s.terms, '')), ' '
                                          ORDER BY tag.name) AS text,
                               array_agg(DISTINCT tag.id ORDER BY tag.id) AS ids
                        FROM competences_profiletag AS pt
                        JOIN competences_tag AS tag
                          ON tag.id = pt.tag_id AND tag.status = 'active'
                        LEFT JOIN (
                            SELECT tag_id, string_agg(term, ' ' ORDER BY term) AS terms
                            FROM competences_tagsynonym GROUP BY tag_id
                        ) AS s ON s.tag_id = tag.id
                        WHERE pt.organisation_id = %s
                        GROUP BY pt.profile_id
                    ) AS t ON t.profile_id = q.id
                    WHERE q.organisation_id = %s
                ) AS x, people_person AS person
                WHERE p.id = x.id AND person.id = p.person_id
                """,
                [config, config, config, organisation.pk, organisation.pk],
            )
            count = cursor.rowcount
        refresh_network_ids(organisation_id=organisation.pk)
        return count
    ids = list(Profile.objects.filter(organisation=organisation).values_list("pk", flat=True))
    reindex_profiles(profile_ids=ids)
    return len(ids)


def drop_from_index(*, profile_ids: Iterable[int]) -> None:
    """Before profiles are deleted: SQLite's FTS5 rows are not removed by a cascade."""
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "DELETE FROM competences_profile_fts WHERE rowid = %s", [(pk,) for pk in profile_ids]
        )


# Each profile's networks: the distinct networks of its person's active memberships. Only
# rows whose set changed are written (PostgreSQL), so a refresh of a whole organisation
# leaves no dead versions of the profiles that kept theirs.
_PG_NETWORK_IDS = """
    UPDATE competences_profile AS p SET network_ids = x.ids
    FROM (
        SELECT q.id, coalesce(
            (SELECT array_agg(DISTINCT m.network_id ORDER BY m.network_id)
             FROM networks_membership AS m
             WHERE m.person_id = q.person_id AND m.status = %s), ARRAY[]::bigint[]) AS ids
        FROM competences_profile AS q WHERE {scope}
    ) AS x
    WHERE p.id = x.id AND p.network_ids IS DISTINCT FROM x.ids
"""
# SQLite has no arrays: the ids between commas (see competences.fields); their order does
# not matter to `instr`.
_SQLITE_NETWORK_IDS = """
    UPDATE competences_profile AS q SET network_ids = coalesce(
        (SELECT ',' || group_concat(DISTINCT m.network_id) || ','
         FROM networks_membership AS m
         WHERE m.person_id = q.person_id AND m.status = %s), '')
    WHERE {scope}
"""


def refresh_network_ids(
    *,
    person_ids: Iterable[int] | None = None,
    profile_ids: Iterable[int] | None = None,
    organisation_id: int | None = None,
) -> None:
    """Set `Profile.network_ids` from the memberships, for the profiles of these persons, or
    with these ids, or of the whole organisation (exactly one of the three)."""
    from netvaerk.networks.models import MembershipStatus

    given = [
        (column, sorted(set(values)))
        for column, values in (
            ("person_id", person_ids),
            ("id", profile_ids),
            ("organisation_id", None if organisation_id is None else [organisation_id]),
        )
        if values is not None
    ]
    if len(given) != 1:
        raise TypeError("Give exactly one of person_ids, profile_ids and organisation_id.")
    column, values = given[0]
    active = str(MembershipStatus.ACTIVE)
    with connection.cursor() as cursor:
        if is_postgresql():
            scope = f"q.{column} = ANY(%s)"
            cursor.execute(_PG_NETWORK_IDS.format(scope=scope), [active, values])
            return
        for start in range(0, len(values), BATCH):
            part = values[start : start + BATCH]
            scope = f"q.{column} IN ({', '.join(['%s'] * len(part))})"
            cursor.execute(_SQLITE_NETWORK_IDS.format(scope=scope), [active, *part])
