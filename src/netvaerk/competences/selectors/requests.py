"""Reads for sparring requests: who may still be asked (the limits that protect the most-asked),
the lists of received, sent and queued requests, one request's history, and the people a
request may be passed on to.

The limits are counted here once, for the services that refuse and the pages that explain."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.competences.models import (
    OPEN_STATUSES,
    Availability,
    CompetenceSettings,
    Profile,
    RequestEventKind,
    RequestStatus,
    SparringEvent,
    SparringRequest,
    Visibility,
)
from netvaerk.core.access import Actor, today
from netvaerk.networks.models import (
    LEAD_ROLES,
    CoordinatorMandate,
    Membership,
    MembershipStatus,
    Network,
    NetworkStatus,
)
from netvaerk.networks.selectors import current_mandate_filter, search_words
from netvaerk.people.models import Person

PAGE_SIZE = 25
# The pass-on picker shows at most this many people at a time (a search by name finds the
# others), and counts them only up to PASS_ON_COUNTED: the page costs the same whether the
# organisation has 30 people who can be asked or 200,000.
PASS_ON_SHOWN = 20
PASS_ON_COUNTED = 1000
# The longest search shown back (the search itself uses at most its first eight words).
QUERY_SHOWN = 100
DAY = datetime.timedelta(days=1)
YEAR = datetime.timedelta(days=365)

# The events that bring a request to a person: asked directly, or passed on to them.
REACHED = (RequestEventKind.ASKED, RequestEventKind.PASSED_ON)

RECEIVED = "received"
SENT = "sent"


# --- limits ------------------------------------------------------------------------------


def person_limit(*, profile: Profile, settings: CompetenceSettings) -> int:
    """How many open requests the person takes at a time: their own limit, never above the
    organisation's."""
    limit = settings.open_requests_per_person
    if profile.open_requests_limit is not None:
        limit = min(limit, profile.open_requests_limit)
    return limit


def open_request_count(*, person: Person) -> int:
    """Requests waiting for the person's answer or under way with them."""
    return SparringRequest.objects.filter(recipient=person, status__in=OPEN_STATUSES).count()


def received_since(*, person: Person, since: datetime.datetime) -> int:
    """Requests that reached the person (asked directly or passed on to them) since then."""
    return (
        SparringEvent.objects.filter(to=person, kind__in=REACHED, at__gte=since)
        .values("request_id")
        .distinct()
        .count()
    )


def sent_since(*, person: Person, since: datetime.datetime) -> int:
    return SparringRequest.objects.filter(requester=person, created_at__gte=since).count()


def has_open_request(*, requester: Person, recipient: Person) -> bool:
    return SparringRequest.objects.filter(
        requester=requester, recipient=recipient, status__in=OPEN_STATUSES
    ).exists()


def recipient_refusal(
    *, profile: Profile, settings: CompetenceSettings, now: datetime.datetime | None = None
) -> str:
    """Why the person cannot be asked now ("" when they can): paused, at their limit of open
    requests, or asked their share of the year. It never says by whom or how often."""
    name = profile.person.name
    if profile.availability == Availability.PAUSED:
        return _("%(name)s is not taking requests right now. Ask one of your networks instead.") % {
            "name": name
        }
    if open_request_count(person=profile.person) >= person_limit(
        profile=profile, settings=settings
    ):
        return _(
            "%(name)s has as many requests as they can take right now. "
            "Ask one of your networks instead."
        ) % {"name": name}
    if profile.availability == Availability.SOMETIMES:
        since = (now or timezone.now()) - YEAR
        if received_since(person=profile.person, since=since) >= settings.sometimes_per_year:
            return _(
                "%(name)s wants to be asked only a few times a year and has been asked "
                "enough for now. Ask one of your networks instead."
            ) % {"name": name}
    return ""


# --- who runs which network ----------------------------------------------------------------


def network_leads(*, network: Network) -> list[Person]:
    """The chair, coordination group and current coordinator: who find someone for a request
    sent to the network."""
    day = today()
    mandated = CoordinatorMandate.objects.filter(
        current_mandate_filter(day), network=network
    ).values("person_id")
    return list(
        Person.objects.filter(
            Q(
                pk__in=Membership.objects.filter(
                    network=network, status=MembershipStatus.ACTIVE, role__in=LEAD_ROLES
                ).values("person_id")
            )
            | Q(pk__in=mandated)
        ).order_by("name", "pk")
    )


def networks_run_by(*, actor: Actor) -> list[Network]:
    """The active networks whose queue the actor looks after, by name."""
    if actor.person is None:
        return []
    day = today()
    return list(
        Network.objects.filter(organisation=actor.organisation, status=NetworkStatus.ACTIVE)
        .filter(
            Q(
                pk__in=Membership.objects.filter(
                    person=actor.person, status=MembershipStatus.ACTIVE, role__in=LEAD_ROLES
                ).values("network_id")
            )
            | Q(
                pk__in=CoordinatorMandate.objects.filter(
                    current_mandate_filter(day), person=actor.person
                ).values("network_id")
            )
        )
        .annotate(
            waiting=Count(
                "sparring_requests",
                filter=Q(
                    sparring_requests__status=RequestStatus.OPEN,
                    sparring_requests__recipient__isnull=True,
                ),
            )
        )
        .order_by("name")
    )


# --- lists ---------------------------------------------------------------------------------


def _listed(qs: QuerySet[SparringRequest]) -> QuerySet[SparringRequest]:
    return qs.select_related("requester", "recipient", "network").prefetch_related("tags")


def received_requests(*, person: Person) -> QuerySet[SparringRequest]:
    return _listed(SparringRequest.objects.filter(recipient=person)).order_by("-created_at", "-pk")


def sent_requests(*, person: Person) -> QuerySet[SparringRequest]:
    return _listed(SparringRequest.objects.filter(requester=person)).order_by("-created_at", "-pk")


def network_queue(*, network: Network) -> QuerySet[SparringRequest]:
    """A network's requests waiting for someone to be found, oldest first."""
    return _listed(
        SparringRequest.objects.filter(
            network=network, recipient__isnull=True, status=RequestStatus.OPEN
        )
    ).order_by("created_at", "pk")


@dataclass(frozen=True)
class RequestCounts:
    received_waiting: int
    sent_open: int


def request_counts(*, person: Person) -> RequestCounts:
    """In one query: requests waiting for the person's answer, and their own still open."""
    counts = SparringRequest.objects.filter(Q(recipient=person) | Q(requester=person)).aggregate(
        received_waiting=Count("pk", filter=Q(recipient=person, status=RequestStatus.OPEN)),
        sent_open=Count("pk", filter=Q(requester=person, status__in=OPEN_STATUSES)),
    )
    return RequestCounts(
        received_waiting=counts["received_waiting"] or 0, sent_open=counts["sent_open"] or 0
    )


def request_history(*, sparring: SparringRequest) -> QuerySet[SparringEvent]:
    return sparring.events.select_related("by", "to").order_by("at", "pk")


def recipient_profile(*, sparring: SparringRequest) -> Profile | None:
    if sparring.recipient_id is None:
        return None
    return Profile.objects.filter(person_id=sparring.recipient_id).first()


# --- whom a request may go to --------------------------------------------------------------


def visible_profiles(*, actor: Actor) -> QuerySet[Profile]:
    """Profiles the actor may see (the same test as competences.view_profile, as a query)."""
    if actor.person is None:
        return Profile.objects.none()
    shared = Membership.objects.filter(
        person_id=OuterRef("person_id"),
        status=MembershipStatus.ACTIVE,
        network_id__in=actor.network_ids(),
    )
    return Profile.objects.filter(organisation=actor.organisation).filter(
        Q(person=actor.person)
        | Q(visibility=Visibility.ORGANISATION)
        | Q(Exists(shared), visibility=Visibility.NETWORKS)
    )


def askable_profiles(*, actor: Actor, settings: CompetenceSettings) -> QuerySet[Profile]:
    """Visible profiles of people who may be asked now: not paused, under their limit of open
    requests, and for those asked a few times a year, not yet asked their share."""
    now = timezone.now()
    open_count = Subquery(
        SparringRequest.objects.filter(recipient_id=OuterRef("person_id"), status__in=OPEN_STATUSES)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    year_count = Subquery(
        SparringEvent.objects.filter(
            to_id=OuterRef("person_id"), kind__in=REACHED, at__gte=now - YEAR
        )
        .order_by()
        .values("to_id")
        .annotate(n=Count("request_id", distinct=True))
        .values("n"),
        output_field=IntegerField(),
    )
    orgs_limit = Value(settings.open_requests_per_person)
    return (
        visible_profiles(actor=actor)
        .exclude(availability=Availability.PAUSED)
        .annotate(
            open_count=Coalesce(open_count, 0),
            limit=Least(Coalesce(F("open_requests_limit"), orgs_limit), orgs_limit),
        )
        .filter(open_count__lt=F("limit"))
        .annotate(year_count=Coalesce(year_count, 0))
        .filter(
            ~Q(availability=Availability.SOMETIMES) | Q(year_count__lt=settings.sometimes_per_year)
        )
    )


def pass_on_candidates(
    *, actor: Actor, sparring: SparringRequest, settings: CompetenceSettings
) -> QuerySet[Profile]:
    """Whom the actor may pass the request on to: askable people they can see, never the
    asker, nor the one it is with now; for a network's request, its members first."""
    qs = askable_profiles(actor=actor, settings=settings).exclude(person_id=sparring.requester_id)
    if sparring.recipient_id is not None:
        qs = qs.exclude(person_id=sparring.recipient_id)
    # Said again of the person (a profile's organisation is its person's), so that the
    # database may walk the persons' (organisation, name) index in name order and stop at the
    # first few rather than sort every profile.
    qs = qs.filter(person__organisation_id=actor.organisation.pk).select_related("person")
    if sparring.network_id is not None:
        in_network = Membership.objects.filter(
            person_id=OuterRef("person_id"),
            network_id=sparring.network_id,
            status=MembershipStatus.ACTIVE,
        )
        return qs.annotate(in_network=Exists(in_network)).order_by(
            "-in_network", "person__name", "pk"
        )
    return qs.order_by("person__name", "pk")


@dataclass(frozen=True)
class PassOnChoices:
    """What the pass-on picker shows: the person already chosen (kept while they are still a
    candidate), then the first matching candidates — PASS_ON_SHOWN in all — and how many
    candidates match, counted up to PASS_ON_COUNTED + 1. `chosen` is the profile id the
    form was given, read once here for the search and the radio button that shows it."""

    kept: Profile | None
    matches: list[Profile]
    matching: int
    query: str
    chosen: int | None = None

    @property
    def shown(self) -> list[Profile]:
        return [self.kept, *self.matches] if self.kept is not None else self.matches

    @property
    def more_than_counted(self) -> bool:
        return self.matching > PASS_ON_COUNTED

    @property
    def counted(self) -> int:
        return min(self.matching, PASS_ON_COUNTED)

    @property
    def all_shown(self) -> bool:
        return self.matching <= len(self.matches)


def _chosen_pk(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def pass_on_choices(
    *,
    candidates: QuerySet[Profile],
    query: str = "",
    chosen: object = None,
    members_first: bool = False,
) -> PassOnChoices:
    """The candidates whose name has every word of the query in it, matched as the other
    person pickers match (case-folded words in `search_name`), in name order — with
    `members_first` (a network's request, its candidates annotated `in_network`) the network's
    members before the others — and the one already chosen first while they are still a
    candidate, shown or not. Two queries whatever the number of candidates (three for a
    network's request, one more for a choice not among the first), each stopping after a few
    rows where the database can walk an index."""
    query = " ".join(query.replace("\x00", " ").split())[:QUERY_SHOWN]
    matches = candidates
    for word in search_words(query):
        matches = matches.filter(person__search_name__contains=word)
    by_name = matches.order_by("person__name", "pk")
    if members_first:
        # Two short lists in name order rather than one sort of every candidate by membership;
        # both are read always, so that the cost does not depend on how many are members.
        first = list(by_name.filter(Q(in_network=True))[:PASS_ON_SHOWN])
        first += list(by_name.filter(Q(in_network=False))[:PASS_ON_SHOWN])
        first = first[:PASS_ON_SHOWN]
    else:
        first = list(by_name[:PASS_ON_SHOWN])
    matching = matches.order_by()[: PASS_ON_COUNTED + 1].count()
    kept = None
    pk = _chosen_pk(chosen)
    if pk is not None and pk not in {profile.pk for profile in first}:
        kept = candidates.filter(pk=pk).first()
        if kept is not None:
            first = first[: PASS_ON_SHOWN - 1]
    return PassOnChoices(kept=kept, matches=first, matching=matching, query=query, chosen=pk)


# --- one request's page --------------------------------------------------------------------


@dataclass(frozen=True)
class Actions:
    """The answers the viewer may give a request as it stands."""

    accept: bool = False
    decline: bool = False
    pass_on: bool = False
    withdraw: bool = False
    close: bool = False

    def any(self) -> bool:
        return self.accept or self.decline or self.pass_on or self.withdraw or self.close


def available_actions(*, actor: Actor, sparring: SparringRequest) -> Actions:
    is_open = sparring.status == RequestStatus.OPEN
    answers = is_open and actor.can("competences.answer_request", sparring)
    assigns = (
        is_open
        and sparring.recipient_id is None
        and actor.can("competences.assign_request", sparring)
    )
    return Actions(
        accept=answers,
        decline=answers or assigns,
        pass_on=answers or assigns,
        withdraw=sparring.status in OPEN_STATUSES
        and actor.can("competences.withdraw_request", sparring),
        close=sparring.status == RequestStatus.ACCEPTED
        and actor.can("competences.close_request", sparring),
    )


@dataclass(frozen=True)
class Contact:
    """How the viewer reaches the other side of an accepted request."""

    person: Person
    email: str
    phone: str
    preference: str


def contact_details(*, actor: Actor, sparring: SparringRequest) -> Contact | None:
    """The other side's e-mail and phone, and how the person asked prefers to be contacted:
    only for the two sides, and only once the request has been accepted."""
    if actor.person is None or sparring.recipient_id is None:
        return None
    if sparring.status not in (RequestStatus.ACCEPTED, RequestStatus.CLOSED):
        return None
    if actor.person.pk == sparring.requester_id:
        other = sparring.recipient
    elif actor.person.pk == sparring.recipient_id:
        other = sparring.requester
    else:
        return None
    assert other is not None
    profile = recipient_profile(sparring=sparring)
    return Contact(
        person=other,
        email=other.email,
        phone=other.phone,
        preference=profile.get_contact_preference_display() if profile else "",
    )
