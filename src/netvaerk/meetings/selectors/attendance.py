"""Who came, counted in the database (seed 002: "who came, although all were invited"):
registered against attended, network members against other activists and guests, by region
and by branch, and a series' sessions side by side. Counts only: no names leave here but
through the organiser's lists."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from netvaerk.meetings.models import (
    OPEN_REGISTRATION_STATUSES,
    Attendance,
    Event,
    EventSeries,
    Registration,
    RegistrationStatus,
)
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.people.models import Person


def attendance_list(event: Event) -> QuerySet[Registration]:
    """The organiser's list: every registration that still holds (or waits for) a seat, with
    whether they came, in one query per page."""
    return (
        Registration.objects.filter(event=event, status__in=OPEN_REGISTRATION_STATUSES)
        .select_related("person", "attendance")
        .order_by("status", "person__name", "name", "pk")
    )


def walk_ins(event: Event) -> QuerySet[Attendance]:
    """Those who came without an open registration: marked, imported or guests."""
    return (
        Attendance.objects.filter(event=event)
        .filter(
            Q(registration__isnull=True) | ~Q(registration__status__in=OPEN_REGISTRATION_STATUSES)
        )
        .select_related("person")
        .order_by("recorded_at", "pk")
    )


def search_persons(event: Event, query: str, *, limit: int = 10) -> list[Person]:
    """Persons of the organisation to add as having come without registering, by name or
    e-mail, with `came` set on those already recorded."""
    words = query.casefold().split()
    if not words:
        return []
    qs = Person.objects.filter(organisation=event.organisation)
    if len(words) == 1 and "@" in words[0]:
        qs = qs.filter(email__iexact=words[0])
    else:
        for word in words:
            qs = qs.filter(search_name__contains=word)
    return list(
        qs.annotate(came=Exists(Attendance.objects.filter(event=event, person=OuterRef("pk"))))
        .select_related("branch")
        .order_by("name", "pk")[:limit]
    )


# A condition no row meets (no network to be a member of), valid on every database.
NOBODY = Q(person__isnull=True) & Q(person__isnull=False)


def member_at_start(network: Network | OuterRef | None, *, person: str, start: object) -> Q:
    """True where the person was in the network when the event started — its membership
    history: joined before the start and not left by then. `network` and `start` may be
    fixed values or expressions of the outer query (OuterRef("event__starts_at"))."""
    if network is None:
        return NOBODY
    spells = Membership.objects.filter(
        network=network,
        person=OuterRef(person),
        status__in=(MembershipStatus.ACTIVE, MembershipStatus.LEFT),
        joined_at__isnull=False,
        joined_at__lte=start,
    ).filter(Q(left_at__isnull=True) | Q(left_at__gt=start))
    return Q(Exists(spells))


@dataclass(frozen=True)
class Headline:
    registered: int
    attended: int
    registered_and_came: int
    came_without_registering: int
    registered_not_came: int


def headline(event: Event) -> Headline:
    regs = Registration.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        came=Count(
            "pk",
            filter=Q(status=RegistrationStatus.CONFIRMED, attendance__isnull=False),
        ),
    )
    attended = Attendance.objects.filter(event=event).count()
    return Headline(
        registered=regs["registered"],
        attended=attended,
        registered_and_came=regs["came"],
        came_without_registering=attended - regs["came"],
        registered_not_came=regs["registered"] - regs["came"],
    )


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    registered: int
    attended: int


def by_membership(event: Event, network: Network | None) -> list[Group]:
    """Registered (confirmed) and attended, split into the network's members at the event's
    start, other people of the organisation and guests who are no person here."""
    member = member_at_start(network, person="person", start=event.starts_at)
    person = Q(person__isnull=False)
    counts = {
        "registered": Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED
        ).aggregate(
            members=Count("pk", filter=person & member),
            others=Count("pk", filter=person & ~member),
            guests=Count("pk", filter=~person),
        ),
        "attended": Attendance.objects.filter(event=event).aggregate(
            members=Count("pk", filter=person & member),
            others=Count("pk", filter=person & ~member),
            guests=Count("pk", filter=~person),
        ),
    }
    labels = {
        "members": _("Members of %(network)s") % {"network": network.name}
        if network
        else _("Members of the network"),
        "others": _("Other members"),
        "guests": _("Guests (not in the organisation)"),
    }
    return [
        Group(
            key=key,
            label=label,
            registered=counts["registered"][key],
            attended=counts["attended"][key],
        )
        for key, label in labels.items()
    ]


def _by_place(event: Event, field: str, nobody: str) -> list[Group]:
    """Registered and attended by the person's region or branch; guests have neither and are
    counted in by_membership."""
    registered = {
        (row[f"person__{field}_id"], row[f"person__{field}__name"]): row["n"]
        for row in Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, person__isnull=False
        )
        .values(f"person__{field}_id", f"person__{field}__name")
        .annotate(n=Count("pk"))
        .order_by()
    }
    attended = {
        (row[f"person__{field}_id"], row[f"person__{field}__name"]): row["n"]
        for row in Attendance.objects.filter(event=event, person__isnull=False)
        .values(f"person__{field}_id", f"person__{field}__name")
        .annotate(n=Count("pk"))
        .order_by()
    }
    places = sorted(
        registered.keys() | attended.keys(),
        key=lambda place: (place[0] is None, (place[1] or "").casefold()),
    )
    return [
        Group(
            key=str(pk or ""),
            label=name or nobody,
            registered=registered.get((pk, name), 0),
            attended=attended.get((pk, name), 0),
        )
        for pk, name in places
    ]


def by_region(event: Event) -> list[Group]:
    return _by_place(event, "region", _("No region"))


def by_branch(event: Event) -> list[Group]:
    return _by_place(event, "branch", _("No branch"))


@dataclass(frozen=True)
class Session:
    event: Event
    registered: int
    attended: int
    members: int
    others: int
    guests: int

    @property
    def registered_not_came(self) -> int:
        return max(0, self.registered - self.came_registered)

    came_registered: int = 0


def series_sessions(series: EventSeries, network: Network | None) -> list[Session]:
    """Each session of a series side by side, from three queries whatever its length."""
    events = list(
        Event.objects.filter(series=series, organisation=series.organisation).order_by(
            "starts_at", "pk"
        )
    )
    regs = {
        row["event_id"]: row
        for row in Registration.objects.filter(event__in=events)
        .values("event_id")
        .annotate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            came=Count(
                "pk", filter=Q(status=RegistrationStatus.CONFIRMED, attendance__isnull=False)
            ),
        )
        .order_by()
    }
    member = member_at_start(network, person="person", start=OuterRef("event__starts_at"))
    person = Q(person__isnull=False)
    came = {
        row["event_id"]: row
        for row in Attendance.objects.filter(event__in=events)
        .values("event_id")
        .annotate(
            attended=Count("pk"),
            members=Count("pk", filter=person & member),
            others=Count("pk", filter=person & ~member),
            guests=Count("pk", filter=~person),
        )
        .order_by()
    }
    empty = {"registered": 0, "came": 0, "attended": 0, "members": 0, "others": 0, "guests": 0}
    return [
        Session(
            event=event,
            registered=regs.get(event.pk, empty)["registered"],
            came_registered=regs.get(event.pk, empty)["came"],
            attended=came.get(event.pk, empty)["attended"],
            members=came.get(event.pk, empty)["members"],
            others=came.get(event.pk, empty)["others"],
            guests=came.get(event.pk, empty)["guests"],
        )
        for event in events
    ]


def networks_to_compare(event_or_series: Event | EventSeries) -> QuerySet[Network]:
    """For an office event without a network: the networks of its organisation, to choose
    which one's members to count."""
    return Network.objects.filter(organisation=event_or_series.organisation).order_by("name")
