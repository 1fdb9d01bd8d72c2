"""Reading the focused-support track: the branches in it with their last case entry, the
counts by status, the branches to choose from, and contact persons of one branch."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from netvaerk.organisations.models import Branch, Organisation
from netvaerk.people.models import Person
from netvaerk.programmes.models import (
    CaseEntry,
    Programme,
    SelectionCriterion,
    SupportedBranch,
    SupportStatus,
)

# The contact select offers at most this many persons of the branch; e-mail finds the rest.
MAX_CONTACT_CHOICES = 100


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def supported_branches(programme: Programme) -> QuerySet[SupportedBranch]:
    """The branches in the focused support with their region, contact and last case entry."""
    last = CaseEntry.objects.filter(supported=OuterRef("pk")).order_by("-happened_on", "-pk")
    return (
        SupportedBranch.objects.filter(programme=programme)
        .select_related("branch", "branch__region", "contact")
        .annotate(
            last_kind=Subquery(last.values("kind")[:1]),
            last_on=Subquery(last.values("happened_on")[:1]),
            last_text=Subquery(last.values("text")[:1]),
        )
        .order_by("branch__name", "pk")
    )


def status_counts(programme: Programme) -> list[StatusCount]:
    """How many branches have each status (every status, also those with none), one query."""
    counts = dict(
        SupportedBranch.objects.filter(programme=programme)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [
        StatusCount(status=value, label=str(label), count=counts.get(value, 0))
        for value, label in SupportStatus.choices
    ]


def criteria_of(programme: Programme) -> QuerySet[SelectionCriterion]:
    return SelectionCriterion.objects.filter(programme=programme).order_by("position", "id")


def branch_groups(organisation: Organisation) -> list[tuple[str, list[tuple[int, str]]]]:
    """The organisation's branches as select choices grouped by region (one query)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    branches = (
        Branch.objects.filter(organisation=organisation)
        .select_related("region")
        .order_by("region__name", "name")
    )
    for branch in branches:
        region = branch.region.name if branch.region_id else ""
        groups.setdefault(region, []).append((branch.pk, branch.name))
    return list(groups.items())


def contact_candidates(branch: Branch) -> QuerySet[Person]:
    """Persons of the branch who hold a login: the contact select (limited; e-mail finds
    anyone else of the branch)."""
    return Person.objects.filter(
        organisation_id=branch.organisation_id, branch=branch, user__isnull=False
    ).order_by("name", "pk")


def case_log(supported: SupportedBranch) -> QuerySet[CaseEntry]:
    return supported.case_entries.select_related("author").order_by("-happened_on", "-pk")


def criteria_met(supported: SupportedBranch) -> set[int]:
    return set(supported.criteria.values_list("pk", flat=True))
