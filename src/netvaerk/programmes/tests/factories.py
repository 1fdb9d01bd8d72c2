import datetime
from decimal import Decimal

import factory

from netvaerk.organisations.tests.factories import BranchFactory, OrganisationFactory
from netvaerk.programmes.models import (
    CaseEntry,
    CaseEntryKind,
    Goal,
    GoalLevel,
    Indicator,
    IndicatorUnit,
    IndicatorValue,
    Programme,
    SelectionCriterion,
    StatusReport,
    SupportedBranch,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"lokalpolitik-{n}")
    name = factory.Sequence(lambda n: f"Lokalpolitisk interessevaretagelse {n}")
    description = "Afdelingerne skal udvikles metodisk og organisatorisk."
    starts_on = datetime.date(2023, 3, 1)
    ends_on = datetime.date(2025, 12, 31)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    level = GoalLevel.GOAL
    parent = factory.LazyAttribute(
        lambda o: (
            Goal.objects.get_or_create(
                programme=o.programme,
                level=GoalLevel.PURPOSE,
                defaults={"organisation": o.organisation, "title": "Øget lokalpolitisk gennemslag"},
            )[0]
            if o.level == GoalLevel.GOAL
            else None
        )
    )
    title = factory.Sequence(lambda n: f"Mål {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    organisation = factory.SelfAttribute("goal.organisation")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = IndicatorUnit.COUNT
    target = Decimal("10")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.SelfAttribute("indicator.organisation")
    measured_on = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("3")


class SelectionCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionCriterion

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    text = "Afdelingsledelsen støtter op om aktiviteten."


class SupportedBranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportedBranch

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    branch = factory.SubFactory(BranchFactory, organisation=factory.SelfAttribute("..organisation"))
    focus_theme = "Mærkesagerne for 2024–25"


class CaseEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEntry

    supported = factory.SubFactory(SupportedBranchFactory)
    organisation = factory.SelfAttribute("supported.organisation")
    kind = CaseEntryKind.SUPPORT
    happened_on = datetime.date(2023, 9, 20)
    text = "Sekretariatet holdt et opstartsmøde med afdelingens bestyrelse."


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    item_number = "5.1"
    date = datetime.date(2023, 10, 9)
    board_meeting = "Hovedbestyrelsen – møde d. 1. november 2023"
    period_start = datetime.date(2023, 3, 1)
    period_end = datetime.date(2023, 10, 9)
    title = "Status på projekt for lokalpolitisk interessevaretagelse"
