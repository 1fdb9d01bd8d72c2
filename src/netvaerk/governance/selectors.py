"""Reads for the network–board relation. List selectors return querysets with what their
pages show already joined, so that a page's cost does not grow with the rows on it."""

import datetime
import difflib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Model, Q, QuerySet, Value, When

from netvaerk.core.models import AuditEntry
from netvaerk.governance.models import (
    OPEN_RULES_STATUSES,
    PENDING_PROPOSAL_STATUSES,
    BoardRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.networks.models import (
    LEAD_ROLES,
    CoordinatorMandate,
    Membership,
    MembershipStatus,
    Network,
)
from netvaerk.networks.selectors import current_mandate_filter
from netvaerk.organisations.models import Organisation, OrgRole
from netvaerk.people.models import Person


def persons_with_role(*, organisation: Organisation, roles: tuple[str, ...]) -> QuerySet[Person]:
    return Person.objects.filter(
        organisation=organisation,
        role_assignments__role__in=roles,
        role_assignments__ended_at__isnull=True,
    ).distinct()


def board_and_office(*, organisation: Organisation) -> QuerySet[Person]:
    return persons_with_role(organisation=organisation, roles=(OrgRole.BOARD, OrgRole.STAFF))


def network_leads_and_coordinator(*, network: Network, today: datetime.date) -> QuerySet[Person]:
    """Who answers for the network to the board: its chair and coordination group, and the
    coordinator whose term is running."""
    coordinators = CoordinatorMandate.objects.filter(
        current_mandate_filter(today), network=network
    ).values("person_id")
    leads = Membership.objects.filter(
        network=network, status=MembershipStatus.ACTIVE, role__in=LEAD_ROLES
    ).values("person_id")
    return Person.objects.filter(Q(pk__in=leads) | Q(pk__in=coordinators))


# --- rules of procedure -------------------------------------------------------------------


def current_rules(*, network: Network) -> RulesOfProcedure | None:
    return (
        RulesOfProcedure.objects.filter(network=network, status=RulesStatus.APPROVED)
        .order_by("-number")
        .first()
    )


def open_rules(*, network: Network) -> RulesOfProcedure | None:
    """The draft or submitted version, if there is one (at most one, by constraint)."""
    return RulesOfProcedure.objects.filter(network=network, status__in=OPEN_RULES_STATUSES).first()


def rules_versions(*, network: Network, include_work: bool) -> QuerySet[RulesOfProcedure]:
    """Approved versions, newest first; with include_work also drafts, returned and withdrawn
    ones, for those who run the network or decide on it."""
    qs = RulesOfProcedure.objects.filter(network=network).select_related("drafted_by", "decided_by")
    if not include_work:
        qs = qs.filter(status=RulesStatus.APPROVED)
    return qs.order_by("-created_at", "-id")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed", "gap"
    text: str


def rules_diff(*, old: RulesOfProcedure, new: RulesOfProcedure, context: int = 3) -> list[DiffLine]:
    """A line diff for people, not patches: what was removed and what was added, with a few
    unchanged lines around each change."""
    a = old.text.splitlines()
    b = new.text.splitlines()
    lines: list[DiffLine] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", line) for line in a[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                lines += [DiffLine("removed", line) for line in a[i1:i2]]
            if tag in ("replace", "insert"):
                lines += [DiffLine("added", line) for line in b[j1:j2]]
    return lines


def rules_awaiting_decision(*, organisation: Organisation) -> QuerySet[RulesOfProcedure]:
    return (
        RulesOfProcedure.objects.filter(organisation=organisation, status=RulesStatus.SUBMITTED)
        .select_related("network", "submitted_by")
        .order_by("submitted_at", "id")
    )


# --- proposals ----------------------------------------------------------------------------


def proposal_queue(
    *,
    organisation: Organisation,
    status: str = "",
    network_id: int | None = None,
    overdue_on: datetime.date | None = None,
) -> QuerySet[Proposal]:
    """The board's one queue of every network's proposals: waiting ones first, oldest
    submission first; decided and withdrawn ones after, newest first."""
    qs = Proposal.objects.filter(organisation=organisation).exclude(status=ProposalStatus.DRAFT)
    if status == "pending":
        qs = qs.filter(status__in=PENDING_PROPOSAL_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if network_id:
        qs = qs.filter(network_id=network_id)
    if overdue_on is not None:
        qs = qs.filter(status__in=PENDING_PROPOSAL_STATUSES, answer_due__lt=overdue_on)
    return _order_queue(qs.select_related("network", "preparer", "submitted_by"))


def _order_queue(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    pending_first = Case(
        When(status__in=PENDING_PROPOSAL_STATUSES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(queue_group=pending_first).order_by("queue_group", "submitted_at", "id")


def network_proposals(*, network: Network, include_drafts: bool) -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(network=network).select_related("created_by")
    if not include_drafts:
        qs = qs.exclude(status=ProposalStatus.DRAFT)
    return qs.annotate(attachment_count=Count("attachments")).order_by("-created_at", "-id")


def proposal_for_page(*, organisation: Organisation, pk: int) -> QuerySet[Proposal]:
    return Proposal.objects.filter(organisation=organisation, pk=pk).select_related(
        "network",
        "network__organisation",
        "created_by",
        "submitted_by",
        "preparer",
        "decided_by",
    )


# --- board requests -----------------------------------------------------------------------


def request_list(
    *,
    organisation: Organisation,
    status: str = "",
    network_id: int | None = None,
    overdue_on: datetime.date | None = None,
) -> QuerySet[BoardRequest]:
    qs = BoardRequest.objects.filter(organisation=organisation)
    if status:
        qs = qs.filter(status=status)
    if network_id:
        qs = qs.filter(network_id=network_id)
    if overdue_on is not None:
        qs = qs.filter(status=RequestStatus.OPEN, deadline__lt=overdue_on)
    return qs.select_related("network", "asked_by", "answered_by").order_by(
        "status", "deadline", "id"
    )


def network_requests(*, network: Network) -> QuerySet[BoardRequest]:
    return (
        BoardRequest.objects.filter(network=network)
        .select_related("network", "asked_by", "answered_by")
        .order_by("status", "deadline", "id")
    )


# --- the board's overview -----------------------------------------------------------------


@dataclass(frozen=True)
class BoardCounts:
    proposals_pending: int
    proposals_overdue: int
    proposals_unassigned: int
    requests_open: int
    requests_overdue: int
    rules_waiting: int


def board_counts(*, organisation: Organisation, today: datetime.date) -> BoardCounts:
    proposals = Proposal.objects.filter(
        organisation=organisation, status__in=PENDING_PROPOSAL_STATUSES
    ).aggregate(
        pending=Count("id"),
        overdue=Count("id", filter=Q(answer_due__lt=today)),
        unassigned=Count("id", filter=Q(preparer__isnull=True)),
    )
    requests = BoardRequest.objects.filter(
        organisation=organisation, status=RequestStatus.OPEN
    ).aggregate(open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=today)))
    return BoardCounts(
        proposals_pending=proposals["pending"],
        proposals_overdue=proposals["overdue"],
        proposals_unassigned=proposals["unassigned"],
        requests_open=requests["open"],
        requests_overdue=requests["overdue"],
        rules_waiting=RulesOfProcedure.objects.filter(
            organisation=organisation, status=RulesStatus.SUBMITTED
        ).count(),
    )


# Not for the network's eyes: the board's working notes, and who read what (an access log).
PRIVATE_ACTIONS = ("proposal.note_added", "proposal.attachment_downloaded")


def history(
    *, obj: Model, organisation: Organisation, private: bool = False
) -> QuerySet[AuditEntry]:
    """Who did what to the object, and why: the audit log is the history."""
    qs = (
        AuditEntry.objects.exclude(action__in=PRIVATE_ACTIONS)
        if not private
        else AuditEntry.objects
    )
    return (
        qs.filter(
            organisation=organisation,
            content_type=ContentType.objects.get_for_model(obj.__class__),
            object_id=str(obj.pk),
        )
        .select_related("actor_person")
        .order_by("created_at", "id")
    )
