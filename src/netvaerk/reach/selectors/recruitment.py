"""Reads of a network's recruitment list: the branches nobody of which is in the network (as
of the last refresh of the figures), each with its size, its region, how many other networks
it takes part in, and where the network's work to recruit there stands.

Everything comes from the materialised tables (`BranchReach`, `BranchSize`) and the pipeline
(`RecruitmentEntry`, `RecruitmentNote`), joined by correlated subqueries on their unique
(network, branch) keys: a page of the list is one query whatever the number of branches,
and an export of every row is one more."""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.models import (
    LEAD_ROLES,
    Membership,
    MembershipStatus,
    Network,
    NetworkStatus,
)
from netvaerk.networks.selectors import current_mandate_filter
from netvaerk.organisations.models import Branch, Organisation, OrgRole, Region, RoleAssignment
from netvaerk.people.models import Person
from netvaerk.reach.models import (
    BranchReach,
    BranchSize,
    ReachState,
    RecruitmentEntry,
    RecruitmentNote,
    RecruitmentStage,
)

PAGE_SIZE = 50
NOTES_PAGE_SIZE = 30
# Stages where the work is still going on: only there can a next step be overdue.
OPEN_STAGES = (
    RecruitmentStage.NOT_CONTACTED,
    RecruitmentStage.CONTACTED,
    RecruitmentStage.INTERESTED,
)


class RecruitmentSort:
    SIZE = "size"
    NAME = "name"
    REGION = "region"
    NEXT = "next"
    DEFAULT = SIZE

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        return [
            (cls.SIZE, _("Size, largest first")),
            (cls.NAME, _("Name")),
            (cls.REGION, _("Region")),
            (cls.NEXT, _("Next step by, soonest first")),
        ]


_ORDER: dict[str, tuple[Any, ...]] = {
    RecruitmentSort.SIZE: (
        F("size_persons").desc(nulls_last=True),
        F("size_members").desc(nulls_last=True),
        "name",
        "pk",
    ),
    RecruitmentSort.NAME: ("name", "pk"),
    RecruitmentSort.REGION: ("region__name", "name", "pk"),
    RecruitmentSort.NEXT: (F("next_on").asc(nulls_last=True), "name", "pk"),
}


@dataclass(frozen=True)
class RecruitmentFilters:
    region: Region | None = None
    stage: str = ""
    overdue: bool = False
    sort: str = RecruitmentSort.DEFAULT

    def as_data(self) -> dict[str, Any]:
        """The filters as the audit log and the export's address record them."""
        return {
            "region": self.region.slug if self.region else "",
            "stage": self.stage,
            "overdue": self.overdue,
            "sort": self.sort,
        }

    def query(self) -> str:
        """The filters as a query string, for pagination links and export links."""
        pairs = [
            ("region", self.region.slug if self.region else ""),
            ("stage", self.stage),
            ("overdue", "1" if self.overdue else ""),
            ("sort", "" if self.sort == RecruitmentSort.DEFAULT else self.sort),
        ]
        return urlencode([(key, value) for key, value in pairs if value])


def reach_state(network: Network) -> ReachState | None:
    return ReachState.objects.filter(organisation_id=network.organisation_id).first()


def _represented(network: Network, branch_ref: str = "pk") -> Exists:
    return Exists(BranchReach.objects.filter(network=network, branch_id=OuterRef(branch_ref)))


def _entry(network: Network) -> QuerySet[RecruitmentEntry]:
    return RecruitmentEntry.objects.filter(network=network, branch_id=OuterRef("pk"))


def _stage_now(network: Network) -> Coalesce:
    """The branch's stage; "not contacted" while it has no entry."""
    return Coalesce(
        Subquery(_entry(network).values("stage")[:1]),
        Value(RecruitmentStage.NOT_CONTACTED.value),
    )


def _unrepresented(network: Network) -> QuerySet[Branch]:
    return Branch.objects.filter(organisation_id=network.organisation_id).filter(
        ~_represented(network)
    )


def unrepresented_branches(
    *, network: Network, filters: RecruitmentFilters, today: datetime.date
) -> QuerySet[Branch]:
    """The recruitment list: every branch with nobody in the network, filtered and sorted,
    each with its size (`size_persons`, `size_members`), the networks it takes part in
    (`size_networks`; none of them is this one) and its pipeline (`stage_now`, `owner_name`,
    `owner_id`,
    `next_step`, `next_on`, `last_note_at`)."""
    entry = _entry(network)
    qs = (
        _unrepresented(network)
        .select_related("region")
        .annotate(
            stage_now=_stage_now(network),
            next_on=Subquery(entry.values("next_step_on")[:1]),
            size_persons=F("size__persons"),
            size_members=F("size__members"),
            size_networks=F("size__networks"),
            entry_id=Subquery(entry.values("pk")[:1]),
            owner_name=Subquery(entry.values("owner__name")[:1]),
            # Whose name the row shows: the access log records it (privacy.access).
            owner_id=Subquery(entry.values("owner_id")[:1]),
            next_step=Subquery(entry.values("next_step")[:1]),
            last_note_at=Subquery(
                RecruitmentNote.objects.filter(
                    entry__network=network, entry__branch_id=OuterRef("pk")
                )
                .order_by("-created_at", "-pk")
                .values("created_at")[:1]
            ),
        )
    )
    if filters.region is not None:
        qs = qs.filter(region=filters.region)
    if filters.stage:
        qs = qs.filter(Q(stage_now=filters.stage))
    if filters.overdue:
        qs = qs.filter(Q(next_on__lt=today) & Q(stage_now__in=OPEN_STAGES))
    return qs.order_by(*_ORDER.get(filters.sort, _ORDER[RecruitmentSort.DEFAULT]))


@dataclass(frozen=True)
class RecruitmentCounts:
    unrepresented: int
    by_stage: list[tuple[str, str, int]]
    represented_in_pipeline: int
    represented_not_joined: int


def recruitment_counts(*, network: Network) -> RecruitmentCounts:
    """How many branches have nobody in the network, by stage (two queries)."""
    by_stage = {
        row["stage_now"]: row["n"]
        for row in _unrepresented(network)
        .order_by()
        .values(stage_now=_stage_now(network))
        .annotate(n=Count("pk"))
    }
    pipeline = (
        RecruitmentEntry.objects.filter(network=network)
        .filter(_represented(network, "branch_id"))
        .aggregate(
            total=Count("pk"),
            not_joined=Count("pk", filter=~Q(stage=RecruitmentStage.JOINED)),
        )
    )
    return RecruitmentCounts(
        unrepresented=sum(by_stage.values()),
        by_stage=[
            (stage.value, str(stage.label), by_stage.get(stage.value, 0))
            for stage in RecruitmentStage
        ],
        represented_in_pipeline=pipeline["total"],
        represented_not_joined=pipeline["not_joined"],
    )


def represented_in_pipeline(*, network: Network) -> QuerySet[RecruitmentEntry]:
    """Entries of branches the figures now count as represented: those whose stage is not
    yet "joined" first, as they need a look."""
    return (
        RecruitmentEntry.objects.filter(network=network)
        .filter(_represented(network, "branch_id"))
        .select_related("branch__region", "owner")
        .annotate(
            members_now=Subquery(
                BranchReach.objects.filter(network=network, branch_id=OuterRef("branch_id")).values(
                    "members"
                )[:1]
            ),
            size_persons=F("branch__size__persons"),
            not_joined=~Q(stage=RecruitmentStage.JOINED),
        )
        .order_by(F("not_joined").desc(), "branch__name", "pk")
    )


def regions(*, network: Network) -> QuerySet[Region]:
    return Region.objects.filter(organisation_id=network.organisation_id).order_by("name")


# --- one branch ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BranchFacts:
    size: BranchSize | None
    members_in_network: int
    represented: bool


def branch_facts(*, network: Network, branch: Branch) -> BranchFacts:
    size = BranchSize.objects.filter(branch=branch).first()
    reach = BranchReach.objects.filter(network=network, branch=branch).first()
    return BranchFacts(
        size=size,
        members_in_network=reach.members if reach else 0,
        represented=reach is not None,
    )


def entry_notes(*, entry: RecruitmentEntry | None) -> QuerySet[RecruitmentNote]:
    """The entry's notes, newest first (none while there is no entry)."""
    if entry is None:
        return RecruitmentNote.objects.none()
    return entry.notes.select_related("author").order_by("-created_at", "-pk")


def eligible_owners(*, network: Network, today: datetime.date) -> QuerySet[Person]:
    """Who may be put on a branch: the network's active chair and coordination group, its
    current coordinators, and the organisation's staff. A few dozen people at most, whatever
    the size of the organisation."""
    leads = Membership.objects.filter(
        network=network,
        person_id=OuterRef("pk"),
        status=MembershipStatus.ACTIVE,
        role__in=LEAD_ROLES,
    )
    coordinators = network.mandates.filter(current_mandate_filter(today), person_id=OuterRef("pk"))
    staff = RoleAssignment.objects.filter(
        person_id=OuterRef("pk"), role=OrgRole.STAFF, ended_at__isnull=True
    )
    return (
        Person.objects.filter(organisation_id=network.organisation_id)
        .filter(Exists(leads) | Exists(coordinators) | Exists(staff))
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class OverdueSteps:
    network: Network
    count: int


def overdue_next_steps(organisation: Organisation, *, limit: int = 10) -> list[OverdueSteps]:
    """Networks whose recruitment has next steps past their date, most first; one query."""
    rows = (
        RecruitmentEntry.objects.filter(
            organisation=organisation,
            stage__in=OPEN_STAGES,
            next_step_on__lt=timezone.localdate(),
            network__status=NetworkStatus.ACTIVE,
        )
        .values("network")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")[:limit]
    )
    counts = {row["network"]: row["n"] for row in rows}
    networks = Network.objects.in_bulk(list(counts))
    return [OverdueSteps(network=networks[pk], count=n) for pk, n in counts.items()]
