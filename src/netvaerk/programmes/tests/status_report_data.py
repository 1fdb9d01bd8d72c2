"""A programme in seed 002's shape, built by hand so that every figure of its status report
can be counted on the fingers: nine branches, three of them in the network (33.3 % against a
goal of 33.4 %), five in focused support (three accepted, two hesitant), and a workshop
series with two workshops in the period, one before it, one cancelled, two to come.

Dates are relative to today, so the reach trend (counted up to now) covers the period."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from netvaerk.meetings.models import EventStatus, RegistrationStatus
from netvaerk.meetings.tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventSeriesFactory,
    RegistrationFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.models import CaseEntryKind, GoalLevel, Programme, SupportStatus
from netvaerk.programmes.tests.factories import (
    CaseEntryFactory,
    GoalFactory,
    ProgrammeFactory,
    SelectionCriterionFactory,
    SupportedBranchFactory,
)
from netvaerk.reach.models import RecruitmentStage
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import NetworkGoalFactory, RecruitmentEntryFactory
from netvaerk.testing import World

DESCRIPTION = (
    "Projektet tager udgangspunkt i at udvikle afdelingerne metodisk og organisatorisk, så de "
    "får en øget lokalpolitisk gennemslagskraft."
)
PURPOSE = "Øget lokalpolitisk gennemslagskraft i afdelingerne"
GOALS = [
    "En kultur og praksis om proaktiv lokalpolitisk interessevaretagelse",
    "Aktiv deltagelse i netværket fra mere end en tredjedel af afdelingerne",
]
CRITERIA = [
    "Afdelingsledelsen støtter op om aktiviteten.",
    "Afdelingen står over for en aktuel sag.",
]


def today() -> datetime.date:
    return timezone.localdate()


def day(offset: int) -> datetime.date:
    return today() + datetime.timedelta(days=offset)


def at(offset: int, hour: int = 19) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=offset)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@dataclass
class Seed:
    programme: Programme
    start: datetime.date
    end: datetime.date
    owner: Person
    staff: Person
    events: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def build_seed(world: World, *, refresh: bool = True) -> Seed:
    org = world.organisation
    org.language = "en"
    org.save(update_fields=["language"])
    network = world.network
    region = world.region
    branches = {
        name: BranchFactory(organisation=org, region=region, name=name)
        for name in (
            "DN Ikast-Brande",
            "DN Odder",
            "DN Horsens",
            "DN Aabenraa",
            "DN Vejle",
            "DN Silkeborg",
            "DN Skive",
            "DN Viborg",
        )
    }
    owner = world.persons["coordinator"]
    owner.show_contact_details = True
    owner.phone = "30 43 02 47"
    owner.save(update_fields=["show_contact_details", "phone"])
    staff = world.persons["staff"]
    programme = ProgrammeFactory(
        organisation=org,
        slug="lokalpolitik",
        name="lokalpolitisk interessevaretagelse",
        description=DESCRIPTION,
        network=network,
        starts_on=day(-400),
    )
    programme.owners.add(owner)
    purpose = GoalFactory(programme=programme, level=GoalLevel.PURPOSE, parent=None, title=PURPOSE)
    for position, title in enumerate(GOALS):
        GoalFactory(programme=programme, parent=purpose, title=title, position=position)
    GoalFactory(
        programme=programme,
        level=GoalLevel.SUBGOAL,
        parent=purpose.children.first(),
        title="Et delmål, som rapporten ikke nævner",
    )

    # The network: the personas (Gladsaxe) joined today; Odder 100 days ago; Horsens 10 days
    # ago; Vejle never.
    people = {
        "odder": PersonFactory(organisation=org, branch=branches["DN Odder"], name="Ole Odder"),
        "horsens": PersonFactory(
            organisation=org, branch=branches["DN Horsens"], name="Hanne Horsens"
        ),
        "vejle": PersonFactory(organisation=org, branch=branches["DN Vejle"], name="Vera Vejle"),
    }
    MembershipFactory(network=network, person=people["odder"], joined_at=at(-100, 10))
    MembershipFactory(network=network, person=people["horsens"], joined_at=at(-10, 10))
    NetworkGoalFactory(network=network, goal_percent=Decimal("33.4"))
    for name, stage in (
        ("DN Silkeborg", RecruitmentStage.NOT_CONTACTED),
        ("DN Skive", RecruitmentStage.NOT_CONTACTED),
        ("DN Viborg", RecruitmentStage.CONTACTED),
        ("DN Aabenraa", RecruitmentStage.INTERESTED),
    ):
        RecruitmentEntryFactory(network=network, branch=branches[name], stage=stage)

    # The focused support.
    criteria = [
        SelectionCriterionFactory(programme=programme, text=text, position=n)
        for n, text in enumerate(CRITERIA)
    ]
    supported = {}
    for name, status in (
        ("DN Ikast-Brande", SupportStatus.ACCEPTED),
        ("DN Odder", SupportStatus.ACCEPTED),
        ("DN Horsens", SupportStatus.ACCEPTED),
        ("DN Aabenraa", SupportStatus.HESITANT),
        ("DN Vejle", SupportStatus.HESITANT),
    ):
        supported[name] = SupportedBranchFactory(
            programme=programme, branch=branches[name], status=status
        )
        supported[name].criteria.set(criteria)
    CaseEntryFactory(
        supported=supported["DN Odder"],
        kind=CaseEntryKind.AGREEMENT,
        happened_on=day(-15),
        text="Aftalt at afdelingen holder et midtvejsseminar for lokalpolitikerne.",
    )
    CaseEntryFactory(
        supported=supported["DN Horsens"],
        happened_on=day(-250),
        text="Et gammelt møde før perioden.",
    )

    # The workshop series.
    series = EventSeriesFactory(network=network, title="Workshops om lokalpolitik")
    programme.series.add(series)

    def workshop(title: str, offset: int, **kwargs: Any) -> Any:
        return EventFactory(
            network=network,
            series=series,
            kind="workshop",
            title=title,
            starts_at=at(offset),
            ends_at=at(offset) + datetime.timedelta(hours=2),
            **kwargs,
        )

    events = {
        "before": workshop("Workshop før perioden", -300),
        "first": workshop("Kommunalvalget 2025", -60),
        "cancelled": workshop("Aflyst workshop", -30, status=EventStatus.CANCELLED),
        "latest": workshop("Midtvejsseminar for lokalpolitikere", -20),
        "next": workshop("Høringssvar", 25),
        "later": workshop("Grønne vælgermøder", 110),
        # Not of the series: not counted.
        "other": EventFactory(network=network, title="Netværksmøde", starts_at=at(-40)),
    }
    for person in (people["odder"], people["vejle"]):
        RegistrationFactory(event=events["first"], person=person)
    AttendanceFactory(event=events["first"], person=people["odder"])
    for person in (people["odder"], people["horsens"], people["vejle"]):
        RegistrationFactory(event=events["latest"], person=person)
    RegistrationFactory(event=events["latest"], email="gaest@example.org")
    RegistrationFactory(
        event=events["latest"],
        person=world.persons["member"],
        status=RegistrationStatus.CANCELLED,
    )
    AttendanceFactory(event=events["latest"], person=people["odder"])
    AttendanceFactory(event=events["latest"], person=people["horsens"])
    AttendanceFactory(event=events["latest"], name="Gæst Hansen")
    RegistrationFactory(event=events["other"], person=people["odder"])
    AttendanceFactory(event=events["other"], person=people["odder"])
    AttendanceFactory(event=events["before"], person=people["vejle"])

    if refresh:
        reach_refresh(organisation=org)
    return Seed(
        programme=programme,
        start=day(-180),
        end=today(),
        owner=owner,
        staff=staff,
        events=events,
        people=people,
    )
