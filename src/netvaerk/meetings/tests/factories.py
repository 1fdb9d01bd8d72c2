import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from netvaerk.meetings.models import (
    Attendance,
    AttendanceSource,
    Audience,
    BudgetCategory,
    BudgetLine,
    ConferenceBudget,
    ConferenceSession,
    Coverage,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from netvaerk.networks.tests.factories import NetworkFactory


def in_days(days: float, hour: int = 19) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    title = factory.Sequence(lambda n: f"Webinarrække om kommuneplaner {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    kind = EventKind.WEBINAR
    format = EventFormat.VIRTUAL
    audience = Audience.NETWORK
    title = factory.Sequence(lambda n: f"Webinar om lokalplaner {n}")
    description = "Hvordan påvirker vi kommuneplanen?"
    starts_at = factory.LazyFunction(lambda: in_days(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))

    class Params:
        meeting = factory.Trait(kind=EventKind.MEETING, registration_required=False)
        conference = factory.Trait(
            kind=EventKind.CONFERENCE,
            format=EventFormat.PHYSICAL,
            audience=Audience.NETWORK,
            venue_name="Fællessalen",
            venue_address="Nørregade 1, 5000 Odense C",
            starts_at=factory.LazyFunction(lambda: in_days(90, hour=10)),
            ends_at=factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7)),
        )
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: in_days(-7)))


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    organisation = factory.SelfAttribute("event.organisation")
    text = "Har du hensyn til kost?"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    organisation = factory.SelfAttribute("event.organisation")
    person = None
    name = factory.LazyAttribute(lambda o: "" if o.person else "Gæst Hansen")
    email = factory.LazyAttribute(lambda o: "" if o.person else "gaest@example.org")
    status = RegistrationStatus.CONFIRMED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    organisation = factory.SelfAttribute("event.organisation")
    person = None
    name = factory.LazyAttribute(lambda o: "" if o.person else "Gæst Hansen")
    source = AttendanceSource.MARKED


class ConferenceBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceBudget

    event = factory.SubFactory(EventFactory, conference=True)
    organisation = factory.SelfAttribute("event.organisation")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(ConferenceBudgetFactory)
    organisation = factory.SelfAttribute("budget.organisation")
    category = BudgetCategory.VENUE
    description = "Leje af sal"
    amount = Decimal("12000.00")
    coverage = Coverage.CENTRAL


class ConferenceSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceSession

    event = factory.SubFactory(EventFactory, conference=True)
    organisation = factory.SelfAttribute("event.organisation")
    title = "Velkomst"
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(minutes=30))
