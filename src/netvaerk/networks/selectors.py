"""Reads for networks. Each returns a queryset or values whose query count does not depend
on how many networks, members or persons there are."""

import datetime

from django.db.models import (
    Case,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from netvaerk.core.text import casefold_words
from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

DIRECTORY_PAGE_SIZE = 24
MEMBER_PAGE_SIZE = 50


def current_mandate_filter(today: datetime.date) -> Q:
    return Q(term_start__lte=today, term_end__gte=today) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def search_words(q: str) -> list[str]:
    # Bounded so that a pasted essay costs no more than a short query.
    return casefold_words(q[:200].replace("\x00", " ")).split()[:8]


def _active_member_count() -> Subquery:
    """Members of each listed network, counted by a correlated subquery on the (network,
    status) index. A Count() over the joined memberships would group every membership of the
    organisation on each request, and so grow with the data."""
    return Subquery(
        Membership.objects.filter(network=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count"),
        output_field=IntegerField(),
    )


def _chairs_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(
            status=MembershipStatus.ACTIVE, role=MembershipRole.CHAIR
        ).select_related("person", "person__region"),
        to_attr="chair_memberships",
    )


def network_directory(
    *,
    organisation: Organisation,
    q: str = "",
    region_id: int | None = None,
    kind: str = "",
    include_unlisted: bool = False,
) -> QuerySet[Network]:
    """Networks for the directory, with member count and chair, in a fixed number of queries."""
    qs = Network.objects.filter(organisation=organisation)
    if include_unlisted:
        qs = qs.exclude(status=NetworkStatus.CLOSED)
    else:
        qs = qs.filter(status=NetworkStatus.ACTIVE)
    for word in search_words(q):
        qs = qs.filter(search_text__contains=word)
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    if kind in NetworkKind.values:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("region", "central")
        .annotate(member_count=_active_member_count())
        .prefetch_related(_chairs_prefetch())
        .order_by("name", "id")
    )


def network_for_page(*, organisation: Organisation, slug: str) -> QuerySet[Network]:
    return (
        Network.objects.filter(organisation=organisation, slug=slug)
        .select_related("region", "central", "central__region")
        .annotate(member_count=_active_member_count())
        .prefetch_related(
            _chairs_prefetch(),
            "channels",
            Prefetch(
                "regional_counterparts",
                queryset=Network.objects.filter(status=NetworkStatus.ACTIVE).select_related(
                    "region"
                ),
            ),
        )
    )


def network_members(
    *, network: Network, status: str = MembershipStatus.ACTIVE, q: str = ""
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(network=network, status=status)
    for word in search_words(q):
        qs = qs.filter(person__search_name__contains=word)
    return (
        qs.select_related("person", "person__branch", "person__region")
        .annotate(
            role_order=Case(
                When(role=MembershipRole.CHAIR, then=Value(0)),
                When(role=MembershipRole.COORDINATION, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("role_order", "person__name", "id")
    )


def pending_request_count(*, network: Network) -> int:
    return Membership.objects.filter(network=network, status=MembershipStatus.REQUESTED).count()


def open_membership(*, network: Network, person: Person | None) -> Membership | None:
    if person is None:
        return None
    return Membership.objects.filter(
        network=network,
        person=person,
        status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
    ).first()


def person_network_memberships(*, person: Person) -> QuerySet[Membership]:
    """A person's own memberships: current first, then requests, then past ones."""
    return (
        Membership.objects.filter(person=person)
        .select_related("network", "network__region")
        .annotate(
            status_order=Case(
                When(status=MembershipStatus.ACTIVE, then=Value(0)),
                When(status=MembershipStatus.REQUESTED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("status_order", "network__name", "-requested_at")
    )


def current_mandate(*, network: Network, today: datetime.date) -> CoordinatorMandate | None:
    return (
        network.mandates.filter(current_mandate_filter(today))
        .select_related("person", "person__region")
        .first()
    )


def mandate_history(*, network: Network) -> QuerySet[CoordinatorMandate]:
    return network.mandates.select_related("person", "appointed_by").order_by("-term_start", "-id")


def mandates_needing_reminder(
    *, today: datetime.date, days_ahead: int
) -> QuerySet[CoordinatorMandate]:
    horizon = today + datetime.timedelta(days=days_ahead)
    return (
        CoordinatorMandate.objects.filter(
            current_mandate_filter(today),
            term_end__lte=horizon,
            reminder_sent_at__isnull=True,
            ended_on__isnull=True,
        )
        .select_related("network", "person", "organisation")
        .order_by("term_end", "id")
    )
