"""Reads of the access log: the data-protection role's search, the persons one entry showed,
and a person's own "who has seen my data"."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Organisation, OrgRole, RoleAssignment
from netvaerk.people.models import Person
from netvaerk.privacy.models import AccessedPerson, AccessEntry

LOG_PAGE_SIZE = 50
PERSONS_PAGE_SIZE = 50
SEEN_BY_PAGE_SIZE = 25
# A search for a person stops at this many matches: the search is itself recorded as an access
# to each of them, and a name as short as "an" should not log half the organisation.
PERSON_MATCH_LIMIT = 100


@dataclass(frozen=True)
class LogFilter:
    viewer: str = ""
    person: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    kind: str = ""


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _name_filter(qs: QuerySet, field: str, text: str) -> QuerySet:
    for word in casefold_words(text).split():
        qs = qs.filter(**{f"{field}__contains": word})
    return qs


def matching_persons(*, organisation: Organisation, text: str) -> list[int]:
    """The ids of the persons a search for "name or member number" finds, at most
    PERSON_MATCH_LIMIT + 1 (so that the caller can tell there were more)."""
    text = text.strip()
    if not text:
        return []
    by_number = Person.objects.filter(organisation=organisation, member_number=text)
    by_name = _name_filter(Person.objects.filter(organisation=organisation), "search_name", text)
    return list(
        (by_number | by_name).order_by("pk").values_list("pk", flat=True)[: PERSON_MATCH_LIMIT + 1]
    )


def access_log(
    *, organisation: Organisation, filters: LogFilter, person_ids: Iterable[int] | None = None
) -> QuerySet[AccessEntry]:
    """The organisation's entries, newest first, narrowed by the filters; `person_ids` (from
    `matching_persons`) keeps the entries that showed one of them."""
    qs: QuerySet[AccessEntry] = AccessEntry.objects.filter(
        organisation=organisation
    ).select_related("viewer_person")
    if filters.viewer.strip():
        qs = _name_filter(qs, "viewer_person__search_name", filters.viewer)
    if person_ids is not None:
        qs = qs.filter(
            pk__in=AccessedPerson.objects.filter(person_id__in=list(person_ids)).values("entry_id")
        )
    if filters.date_from is not None:
        qs = qs.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        qs = qs.filter(at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("-at", "-id")


def entry_persons(*, entry: AccessEntry) -> QuerySet[AccessedPerson]:
    return (
        AccessedPerson.objects.filter(entry=entry)
        .select_related("person", "person__branch")
        .order_by("person__name", "person_id")
    )


def seen_by(*, person: Person) -> QuerySet[AccessEntry]:
    """The entries in which the person was among those seen, newest first."""
    return (
        AccessEntry.objects.filter(
            organisation_id=person.organisation_id,
            pk__in=AccessedPerson.objects.filter(person=person).values("entry_id"),
        )
        .select_related("viewer_person")
        .order_by("-at", "-id")
    )


def viewer_roles(entries: Iterable[AccessEntry]) -> dict[int, list[str]]:
    """The current organisation roles of the viewers of these entries, by person id, in one
    query: "who" on the seen-by page says "Staff" rather than just a name."""
    ids = {entry.viewer_person_id for entry in entries if entry.viewer_person_id is not None}
    roles: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return roles
    labels = dict(OrgRole.choices)
    for person_id, role in (
        RoleAssignment.objects.filter(person_id__in=ids, ended_at__isnull=True)
        .order_by("role")
        .values_list("person_id", "role")
        .distinct()
    ):
        roles[person_id].append(str(labels.get(role, role)))
    return roles
