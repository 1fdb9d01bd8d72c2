"""Meetings, webinars and conferences in the demo: the webinar series of seed 002 at its own
dates with who came, the newsletter that announced it, upcoming events for every demo login,
and the annual conference with its programme and budget — the coming one waiting for the
office's decision, last year's decided and with its actual costs.

Everything is written through the meetings services as the chair, the coordinator or the
office would (the services take `allow_past`, `registered_at`, `at` and `now` for seeding
history). Past events sit at the seed's fixed dates; upcoming ones are relative to today.
Memberships of the networks are dated back first: who came is split into the network's
members and others by membership at the event's start."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.core.demo.builder import DANISH_MONTHS, Builder
from netvaerk.meetings.models import (
    DEFAULT_TIME_ZONE,
    Audience,
    BudgetCategory,
    Event,
    EventFormat,
    EventKind,
    Registration,
    RegistrationStatus,
)
from netvaerk.meetings.services import (
    attendance,
    conference,
    event_close,
    event_create,
    event_update,
    outreach,
    question_add,
    registration_create,
    registration_create_guest,
    series_create,
)
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person

TZ = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)

# A programme item: start hour and minute, end hour and minute, title, room, and its speakers
# (keys of the cast, or a guest's name and affiliation).
Item = tuple[int, int, int, int, str, str, list[str | tuple[str, str]]]
# A budget line: category, description, amount.
Line = tuple[str, str, str]


@dataclass
class Cast:
    chair: Person  # chair@, who runs the network's events
    coordinator: Person  # coordinator@, the board's link, who also plans
    staff: Person  # staff@, the office
    member: Person  # member@


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A wall-clock time in Copenhagen, as the organiser types it (naive)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return _local(day, hour, minute).replace(tzinfo=TZ)


def _saturday_near(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(5 - day.weekday()) % 7)


def _month(day: datetime.date) -> str:
    return f"{DANISH_MONTHS[day.month - 1]} {day.year}"


def _staff(b: Builder, person: Person) -> Actor:
    return Actor(organisation=b.org, person=person, roles=frozenset({OrgRole.STAFF}))


def date_memberships_back(
    b: Builder, network: Network, *, earliest: datetime.date, latest: datetime.date
) -> None:
    """Give the network's active members a join date between `earliest` and `latest` (the
    services stamp them with the moment the demo was loaded)."""
    span = (latest - earliest).days
    for pk in network.memberships.filter(status=MembershipStatus.ACTIVE).values_list(
        "pk", flat=True
    ):
        joined = _at(earliest + datetime.timedelta(days=b.rng.randint(0, span)), 12)
        Membership.objects.filter(pk=pk).update(joined_at=joined)


def _members(network: Network) -> list[Person]:
    return list(
        Person.objects.filter(
            memberships__network=network, memberships__status=MembershipStatus.ACTIVE
        ).order_by("pk")
    )


def _outsiders(b: Builder, network: Network) -> list[Person]:
    """Members of the organisation outside the network, without a demo login."""
    return list(
        Person.objects.filter(organisation=b.org, user__isnull=True)
        .exclude(memberships__network=network, memberships__status=MembershipStatus.ACTIVE)
        .order_by("pk")
    )


def _register(
    b: Builder, event: Event, people: list[Person], *, first: datetime.datetime
) -> list[Registration]:
    """Each person registers themselves, spread from `first` until the day before."""
    last = event.starts_at - DAY
    span = max(int((last - first).total_seconds() // 60), 1)
    moments = sorted(first + b.rng.randint(0, span) * MINUTE for _ in people)
    return [
        registration_create(actor=b.as_person(person), event=event, registered_at=moment)
        for person, moment in zip(people, moments, strict=True)
    ]


def _attend(
    b: Builder,
    organiser: Actor,
    event: Event,
    registrations: list[Registration],
    *,
    no_shows: float,
    walk_ins: tuple[Person, ...] = (),
) -> int:
    """The organiser marks who came; some registered did not. Returns how many came."""
    came = 0
    for registration in registrations:
        if registration.status != RegistrationStatus.CONFIRMED or b.rng.random() < no_shows:
            continue
        at = event.starts_at + b.rng.randint(-10, 15) * MINUTE
        attendance.attendance_mark(actor=organiser, event=event, registration=registration, at=at)
        came += 1
    for person in walk_ins:
        attendance.attendance_mark(
            actor=organiser, event=event, person=person, at=event.starts_at + 5 * MINUTE
        )
        came += 1
    return came


def _mix(
    b: Builder, insiders: list[Person], outsiders: list[Person], count: int, share: float
) -> list[Person]:
    """`count` people, about `share` of them from `insiders`."""
    inside = min(round(count * share), len(insiders))
    chosen = b.rng.sample(insiders, inside) + b.rng.sample(outsiders, count - inside)
    b.rng.shuffle(chosen)
    return chosen


# ---------------------------------------------------------------- DN (seed 002)

SERIES_TITLE = "Lokalpolitisk interessevaretagelse – workshops og webinarer 2023–24"
SERIES_DESCRIPTION = (
    "En række online workshops og webinarer i projektet om lokalpolitisk "
    "interessevaretagelse, tilrettelagt af Kommunalpolitisk netværk (KPN) og åbne for alle "
    "aktive i DN's afdelinger."
)
# The seed's four dates, each with its own title and description.
SESSIONS = (
    (
        datetime.date(2023, 9, 12),
        EventKind.WORKSHOP,
        "Workshop: Midtvejsseminar for lokalpolitikere",
        "Hvordan kan en DN-afdeling afholde et midtvejsseminar for kommunens politikere – "
        "halvvejs i valgperioden, hvor der stadig er tid til at gøre noget? DN Aabenraa "
        "fortæller om deres erfaringer med en grøn valgdebat og om, hvordan debatten blev "
        "til en fast dialog med byrådet.",
    ),
    (
        datetime.date(2023, 10, 25),
        EventKind.WEBINAR,
        "Webinar: Naturen i kommuneplanen",
        "Kommuneplanen udpeger, hvor der må bygges, og hvor naturen skal have plads. Vi "
        "gennemgår planens faser, og hvornår afdelingen skal være på banen med idéer og "
        "høringssvar.",
    ),
    (
        datetime.date(2024, 1, 31),
        EventKind.WEBINAR,
        "Webinar: Det gode høringssvar",
        "Hvad gør et høringssvar til et, politikerne læser? Eksempler fra afdelinger, der har "
        "fået ændret lokalplaner, og KPN's skabelon til høringssvar.",
    ),
    (
        datetime.date(2024, 3, 20),
        EventKind.WEBINAR,
        "Webinar: Dialog med udvalgsformanden",
        "Sådan forbereder afdelingen et møde med formanden for teknik- og miljøudvalget – og "
        "følger op bagefter, så mødet bliver starten på et samarbejde.",
    ),
)
SESSION_MINUTES = (
    "DN Aabenraa fortalte om deres grønne valgdebat og midtvejsseminar: invitér tidligt, "
    "lad politikerne tale med hinanden frem for til salen, og send et kort referat til alle "
    "bagefter. Deltagerne var primært medlemmer af KPN, selv om workshoppen to gange var "
    "annonceret i DN Aktiv som et tilbud til alle aktive.\n\n"
    "- Tre afdelinger vil afholde et midtvejsseminar i foråret.\n"
    "- KPN samler en tjekliste til planlægningen.",
    "Gennemgang af kommuneplanens faser med eksempler fra tre afdelinger.\n\n"
    "- Slides og optagelse deles med deltagerne.\n"
    "- Ønske om et opfølgende webinar om lokalplaner.",
    "Fire eksempler på høringssvar, der gjorde en forskel, og KPN's skabelon.\n\n"
    "- Skabelonen lægges i netværkets materialer.\n"
    "- Flere afdelinger tilbød sparring via kompetencelisten.",
    "Erfaringer fra møder med udvalgsformænd i fem kommuner.\n\n"
    "- KPN laver en kort guide til første møde.\n"
    "- Næste sæson: webinar om klimahandleplaner.",
)


def build_dn(b: Builder, kpn: Network, cast: Cast) -> None:
    chair = b.as_person(cast.chair)
    coordinator = b.as_person(cast.coordinator)
    staff = _staff(b, cast.staff)
    date_memberships_back(
        b, kpn, earliest=datetime.date(2021, 3, 1), latest=datetime.date(2023, 6, 30)
    )
    insiders = _members(kpn)
    outsiders = _outsiders(b, kpn)

    _dn_series(b, kpn, chair, staff, insiders, outsiders)
    _dn_upcoming(b, kpn, chair, coordinator, staff, cast, insiders, outsiders)
    _conference_last_year(b, kpn, chair, staff, insiders)
    _conference_coming(b, kpn, chair, cast, insiders, submit=True)


def _dn_series(
    b: Builder,
    kpn: Network,
    chair: Actor,
    staff: Actor,
    insiders: list[Person],
    outsiders: list[Person],
) -> None:
    planned = datetime.datetime(2023, 8, 14, 10, 0, tzinfo=TZ)
    series = series_create(
        actor=chair,
        network=kpn,
        kind=EventKind.WEBINAR,
        title=SERIES_TITLE,
        description=SERIES_DESCRIPTION,
        audience=Audience.MEMBERS,
        sessions=[(_local(day, 19), _local(day, 20, 30)) for day, *_rest in SESSIONS],
        allow_past=True,
        created_at=planned,
    )
    events = list(series.events.order_by("starts_at"))
    for event, (_day, kind, title, description) in zip(events, SESSIONS, strict=True):
        event_update(
            actor=chair,
            event=event,
            kind=kind,
            title=title,
            description=description,
            starts_at=event.local_start.replace(tzinfo=None),
            ends_at=event.local_end.replace(tzinfo=None),
        )
    # Retitled when planned, not today.
    Event.objects.filter(series=series).update(updated_at=planned)
    _dn_newsletters(b, staff, events)
    # The chair's e-mail to every active member, three weeks before the first session.
    outreach.event_announce(
        actor=chair,
        event=events[0],
        message=(
            "Kom og hør, hvordan DN Aabenraa holdt en grøn valgdebat – og hvordan din afdeling "
            "kan holde et midtvejsseminar for kommunens politikere. Alle aktive er velkomne."
        ),
        now=datetime.datetime(2023, 8, 22, 9, 0, tzinfo=TZ),
    )
    for event in events:
        event.refresh_from_db()
        count = b.rng.randint(25, 45)
        people = _mix(b, insiders, outsiders, count, share=0.78)
        first = max(planned + DAY, event.starts_at - 30 * DAY)
        registrations = _register(b, event, people, first=first)
        walk_ins = tuple(p for p in b.rng.sample(insiders, 2) if p not in people)[:1]
        came = _attend(b, chair, event, registrations, no_shows=0.2, walk_ins=walk_ins)
        event_close(
            actor=chair,
            event=event,
            minutes=SESSION_MINUTES[events.index(event)],
            headcount=came,
            closed_at=event.ends_at + DAY,
        )


def _dn_newsletters(b: Builder, staff: Actor, series: list[Event]) -> None:
    """Seed 002: the first workshop was announced twice in "DN Aktiv"."""
    issues = (
        (datetime.date(2023, 8, 24), [series[0]], "Sæsonen starter med en workshop om "
         "midtvejsseminarer for lokalpolitikere – et tilbud til alle aktive."),
        (datetime.date(2023, 9, 1), series[:2], "Husk workshoppen om midtvejsseminarer d. 12. "
         "september – og sæt kryds ved webinaret om kommuneplanen."),
        (datetime.date(2023, 10, 2), series[1:2], "Efterårets webinar handler om naturen i "
         "kommuneplanen. Alle aktive er velkomne."),
    )  # fmt: skip
    for sent, events, introduction in issues:
        moment = _at(sent, 8)
        newsletter = outreach.newsletter_create(
            actor=staff,
            title=f"DN Aktiv – {_month(sent)}",
            introduction=introduction,
            event_ids=[event.pk for event in events],
            now=moment - 3 * DAY,
        )
        outreach.newsletter_send(actor=staff, newsletter=newsletter, now=moment)


def _dn_upcoming(
    b: Builder,
    kpn: Network,
    chair: Actor,
    coordinator: Actor,
    staff: Actor,
    cast: Cast,
    insiders: list[Person],
    outsiders: list[Person],
) -> None:
    now = timezone.now()
    planned = now - 12 * DAY
    others = [p for p in insiders if p.pk not in (cast.chair.pk, cast.member.pk)]

    meeting_day = b.today + 14 * DAY
    meeting = event_create(
        actor=chair,
        network=kpn,
        kind=EventKind.MEETING,
        title="Netværksmøde i KPN",
        description="Netværkets faste online møde for medlemmerne.",
        agenda=(
            "1. Nyt fra koordinationsgruppen\n"
            "2. Status på kompetencelisten\n"
            "3. Forberedelse af årsmødet\n"
            "4. Eventuelt"
        ),
        starts_at=_local(meeting_day, 19),
        ends_at=_local(meeting_day, 20, 30),
        created_at=planned,
    )
    _register(b, meeting, [cast.chair, *b.rng.sample(others, 8)], first=planned)

    webinar_day = b.today + 35 * DAY
    webinar = event_create(
        actor=coordinator,
        network=kpn,
        kind=EventKind.WEBINAR,
        audience=Audience.MEMBERS,
        title="Webinar: Klimahandleplaner og naturen",
        description=(
            "Hvordan kan afdelingen bruge kommunens klimahandleplan til at skaffe plads til "
            "naturen? Oplæg ved KPN's koordinationsgruppe og tid til spørgsmål. For alle "
            "aktive i DN."
        ),
        starts_at=_local(webinar_day, 19),
        ends_at=_local(webinar_day, 20, 30),
        created_at=planned,
    )
    people = [cast.member, *_mix(b, others, outsiders, 17, share=0.7)]
    _register(b, webinar, people, first=planned + DAY)

    full_day = b.today + 21 * DAY
    full = event_create(
        actor=chair,
        network=kpn,
        kind=EventKind.WORKSHOP,
        format=EventFormat.PHYSICAL,
        audience=Audience.MEMBERS,
        title="Workshop: Skriv et høringssvar, der bliver læst",
        description=(
            "En praktisk workshop for aktive, der vil skrive høringssvar til kommunen. Vi "
            "arbejder med egne sager i små grupper. Pladserne er begrænsede."
        ),
        venue_name="DN's lokaler i Aarhus",
        venue_address="8000 Aarhus C",
        starts_at=_local(full_day, 17),
        ends_at=_local(full_day, 20),
        capacity=14,
        created_at=planned,
    )
    _register(b, full, _mix(b, others, outsiders, 17, share=0.6), first=planned + DAY)

    # The office's draft of next month's newsletter.
    next_month = (b.today.replace(day=1) + 32 * DAY).replace(day=1)
    outreach.newsletter_create(
        actor=staff,
        title=f"DN Aktiv – {_month(next_month)}",
        introduction=(
            "Denne måned kan du lære at skrive høringssvar og høre om klimahandleplanerne."
        ),
        event_ids=[full.pk, webinar.pk],
        now=now - DAY,
    )


def _conference_event(
    b: Builder, network: Network, chair: Actor, *, day: datetime.date, created: datetime.datetime,
    title: str, venue: tuple[str, str], description: str, allow_past: bool = False,
) -> Event:  # fmt: skip
    return event_create(
        actor=chair,
        network=network,
        kind=EventKind.CONFERENCE,
        format=EventFormat.PHYSICAL,
        title=title,
        description=description,
        venue_name=venue[0],
        venue_address=venue[1],
        starts_at=_local(day, 10),
        ends_at=_local(day, 16),
        capacity=80,
        allow_past=allow_past,
        created_at=created,
    )


def _programme(
    b: Builder,
    event: Event,
    chair: Actor,
    speakers: dict[str, Person],
    items: tuple[Item, ...],
) -> None:
    day = event.local_start.date()
    for start_h, start_m, end_h, end_m, title, room, who in items:
        session = conference.session_add(
            actor=chair,
            event=event,
            title=title,
            starts_at=_at(day, start_h, start_m),
            ends_at=_at(day, end_h, end_m),
            room=room,
        )
        for speaker in who:
            if isinstance(speaker, tuple):
                name, affiliation = speaker
                conference.speaker_add(
                    actor=chair, session=session, name=name, affiliation=affiliation
                )
            else:
                conference.speaker_add(actor=chair, session=session, person=speakers[speaker])


def _budget(b: Builder, event: Event, chair: Actor, lines: tuple[Line, ...]) -> dict[str, int]:
    """The lines (category, description, amount); returns their ids by category."""
    return {
        category: conference.budget_line_add(
            actor=chair, event=event, category=category, description=text, amount=amount
        ).pk
        for category, text, amount in lines
    }


def _conference_coming(
    b: Builder, network: Network, chair: Actor, cast: Cast, insiders: list[Person], *,
    submit: bool,
) -> Event:  # fmt: skip
    """The annual conference in about four months, with its programme; its budget submitted
    to the office (waiting for its decision) or still a draft."""
    day = _saturday_near(b.today + 120 * DAY)
    planned = timezone.now() - 20 * DAY
    dn = submit  # DN's budget goes to the office; the party's is still a draft
    event = _conference_event(
        b,
        network,
        chair,
        day=day,
        created=planned,
        title=f"Årsmøde {day.year} i {network.name}" if dn else f"Boligkonference {day.year}",
        venue=("Konferencecenter Vejle Fjord", "7100 Vejle")
        if dn
        else ("Odense Kongrescenter", "5000 Odense C"),
        description=(
            "Netværkets årlige fysiske møde: erfaringer fra afdelingerne, nye værktøjer og "
            "valg til koordinationsgruppen. Sekretariatet betaler lokaler og forplejning; "
            "rejseudgifter dækkes ikke."
            if dn
            else "Netværkets årlige konference om fremtidens almene boliger. Partikontoret "
            "betaler lokaler og forplejning; rejseudgifter dækkes ikke."
        ),
    )
    question_add(actor=chair, event=event, text="Særlige hensyn til kost eller adgang", kind="text")
    speakers = {"chair": cast.chair, "coordinator": cast.coordinator}
    items: tuple[Item, ...]
    lines: tuple[Line, ...]
    if dn:
        items = (
            (10, 0, 10, 30, "Velkomst og årets gang i KPN", "Salen", ["chair"]),
            (10, 30, 11, 30, "Oplæg: Naturen i den nye planlov", "Salen",
             [("Lene Kragh", "Lektor i planlægning (gæst)")]),
            (11, 30, 12, 30, "Erfaringer fra fokusafdelingerne", "Salen", ["coordinator"]),
            (12, 30, 13, 15, "Frokost", "Restauranten", []),
            (13, 15, 14, 45, "Workshops: høringssvar, midtvejsseminarer, kompetencelisten",
             "Lokale 1–3", []),
            (15, 0, 16, 0, "Valg til koordinationsgruppen og afslutning", "Salen", ["chair"]),
        )  # fmt: skip
        lines = (
            (BudgetCategory.VENUE, "Leje af sal og tre grupperum", "18000"),
            (BudgetCategory.CATERING, "Formiddagskaffe, frokost og eftermiddagskaffe, 70 pers.",
             "24500"),
            (BudgetCategory.SPEAKERS, "Honorar til gæstetaler", "4000"),
            (BudgetCategory.TRAVEL, "Deltagernes rejser (dækkes ikke)", "12000"),
        )  # fmt: skip
    else:
        items = (
            (10, 0, 10, 30, "Velkomst", "Sal A", ["chair"]),
            (10, 30, 12, 0, "Fremtidens almene boliger", "Sal A",
             [("Mads Holm", "Boligforsker (gæst)")]),
            (12, 0, 12, 45, "Frokost", "Foyeren", []),
            (12, 45, 14, 30, "Debat med beboervalgte", "Sal A", ["coordinator"]),
        )  # fmt: skip
        lines = (
            (BudgetCategory.VENUE, "Leje af Sal A", "14000"),
            (BudgetCategory.CATERING, "Frokost og kaffe, 60 pers.", "18000"),
            (BudgetCategory.TRAVEL, "Rejser (dækkes ikke)", "8000"),
        )
    _programme(b, event, chair, speakers, items)
    _budget(b, event, chair, lines)
    if submit:
        conference.budget_submit(actor=chair, event=event, at=planned + 5 * DAY)
    people = [p for p in insiders if p.pk != cast.chair.pk]
    _register(b, event, b.rng.sample(people, min(len(people), 12)), first=planned + DAY)
    return event


def _conference_last_year(
    b: Builder, kpn: Network, chair: Actor, staff: Actor, insiders: list[Person]
) -> None:
    """Last year's annual meeting: budget decided by the office, held, costs recorded (the
    catering ran over)."""
    day = _saturday_near(b.today - 250 * DAY)
    planned = _at(day, 12) - 120 * DAY
    event = _conference_event(
        b,
        kpn,
        chair,
        day=day,
        created=planned,
        title=f"Årsmøde {day.year} i {kpn.name}",
        venue=("Odense Kulturhus", "5000 Odense C"),
        description=(
            "Netværkets årlige fysiske møde med oplæg, workshops og valg til koordinationsgruppen."
        ),
        allow_past=True,
    )
    _programme(
        b,
        event,
        chair,
        {},
        (
            (10, 0, 11, 0, "Velkomst og årets gang", "Salen", []),
            (11, 0, 12, 0, "Oplæg: Kommunernes naturpolitik", "Salen",
             [("Jonas Friis", "Miljøjournalist (gæst)")]),
            (13, 0, 15, 30, "Workshops og valg", "Lokale 1–2", []),
        ),
    )  # fmt: skip
    ids = _budget(
        b,
        event,
        chair,
        (
            (BudgetCategory.VENUE, "Leje af sal og to grupperum", "15000"),
            (BudgetCategory.CATERING, "Frokost og kaffe, 60 pers.", "19000"),
            (BudgetCategory.TRAVEL, "Deltagernes rejser (dækkes ikke)", "9000"),
        ),
    )
    conference.budget_submit(actor=chair, event=event, at=planned + 10 * DAY)
    conference.budget_decide(
        actor=staff,
        event=event,
        decisions={
            ids[BudgetCategory.VENUE]: conference.LineChoice(conference.APPROVE),
            ids[BudgetCategory.CATERING]: conference.LineChoice(
                conference.ADJUST, "17500", "Forplejning til 55 personer, som sidste år."
            ),
        },
        note="Lokaler og forplejning dækkes centralt efter aftale. Rejser dækkes ikke.",
        at=planned + 17 * DAY,
    )
    people = b.rng.sample(insiders, min(len(insiders), 32))
    registrations = _register(b, event, people, first=planned + 20 * DAY)
    came = _attend(b, chair, event, registrations, no_shows=0.15)
    event_close(
        actor=chair,
        event=event,
        minutes=(
            "Årsmødet samlede deltagere fra afdelinger i hele landet. Koordinationsgruppen "
            "blev genvalgt, og netværket vedtog at fortsætte webinarrækken."
        ),
        headcount=came,
        closed_at=event.ends_at + 2 * DAY,
    )
    costs_at = event.ends_at + 14 * DAY
    conference.budget_actuals_record(
        actor=chair,
        event=event,
        amounts={
            ids[BudgetCategory.VENUE]: "15000",
            ids[BudgetCategory.CATERING]: "19850",  # over the 17.500 approved
            ids[BudgetCategory.TRAVEL]: "7400",
        },
        at=costs_at,
    )


# ---------------------------------------------------------------- Socialdemokratiet (seed 000)


def build_party(b: Builder, bolig: Network, cast: Cast) -> None:
    chair = b.as_person(cast.chair)
    coordinator = b.as_person(cast.coordinator)
    date_memberships_back(b, bolig, earliest=b.today - 900 * DAY, latest=b.today - 120 * DAY)
    insiders = _members(bolig)
    outsiders = _outsiders(b, bolig)
    others = [p for p in insiders if p.pk not in (cast.chair.pk, cast.member.pk)]
    now = timezone.now()

    # Held about five weeks ago, with who came.
    held_day = b.today - 36 * DAY
    held = event_create(
        actor=chair,
        network=bolig,
        kind=EventKind.MEETING,
        title="Netværksmøde: Handlingsplan for flere almene boliger",
        agenda="1. Udkast til handlingsplan\n2. Konferencen\n3. Eventuelt",
        starts_at=_local(held_day, 19),
        ends_at=_local(held_day, 20, 30),
        allow_past=True,
        created_at=now - 60 * DAY,
    )
    registrations = _register(b, held, [cast.chair, cast.member, *others], first=now - 55 * DAY)
    came = _attend(b, chair, held, registrations, no_shows=0.25)
    event_close(
        actor=chair,
        event=held,
        minutes=(
            "Netværket drøftede udkastet til handlingsplan for flere almene boliger og "
            "besluttede at sende det til Hovedbestyrelsen."
        ),
        headcount=came,
        closed_at=held.ends_at + DAY,
    )

    planned = now - 10 * DAY
    meeting_day = b.today + 10 * DAY
    meeting = event_create(
        actor=chair,
        network=bolig,
        kind=EventKind.MEETING,
        title="Netværksmøde i Boligpolitisk netværk",
        agenda="1. Nyt fra Hovedbestyrelsen\n2. Boligkonferencen\n3. Eventuelt",
        starts_at=_local(meeting_day, 19, 30),
        ends_at=_local(meeting_day, 21),
        created_at=planned,
    )
    _register(b, meeting, [cast.chair, *b.rng.sample(others, max(len(others) - 2, 1))],
              first=planned)  # fmt: skip

    webinar_day = b.today + 24 * DAY
    webinar = event_create(
        actor=coordinator,
        network=bolig,
        kind=EventKind.WEBINAR,
        audience=Audience.PUBLIC,
        title="Webinar: Hvem skal have råd til at bo i byen?",
        description=(
            "Et åbent webinar om huslejer, almene boliger og blandede byer – med oplæg fra "
            "netværkets formand og tid til spørgsmål. Alle er velkomne."
        ),
        starts_at=_local(webinar_day, 19),
        ends_at=_local(webinar_day, 20),
        created_at=planned,
    )
    _register(b, webinar, [cast.member, *_mix(b, others, outsiders, 14, 0.4)], first=planned)
    visitor = Actor(organisation=b.org)
    for _index in range(4):
        name = b.names.name()
        registration_create_guest(
            actor=visitor,
            event=webinar,
            name=name,
            email=b.names.email(name),
            language="da",
            registered_at=planned + b.rng.randint(1, 8) * DAY,
        )

    _conference_coming(b, bolig, chair, cast, insiders, submit=False)
