"""Requests under the GDPR for the data-protection staff, and the person search they use to
record one that came by other means."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person
from netvaerk.privacy.models import DataRequest, RequestStatus

PAGE_SIZE = 25
SEARCH_LIMIT = 20


def request_list(organisation: Organisation) -> QuerySet[DataRequest]:
    """Open requests first, the soonest due first; then the closed, the latest first."""
    return (
        DataRequest.objects.filter(organisation=organisation)
        .select_related("person")
        .annotate(
            closed=Case(
                When(status=RequestStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", "due_on", "-received_at", "-id")
    )


def person_search(organisation: Organisation, query: str) -> list[Person]:
    """Persons by part of the name, or by exact member number or e-mail; never an erased
    person's stand-in."""
    query = query.strip()
    if not query:
        return []
    match = Q(search_name__contains=casefold_words(query)[:200])
    match |= Q(member_number=query[:40]) | Q(email=query.lower()[:254])
    return list(
        Person.objects.filter(match, organisation=organisation, erasure__isnull=True)
        .select_related("branch")
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )
