import factory

from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.reach.models import NetworkGoal, RecruitmentEntry, RecruitmentNote


class NetworkGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGoal

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    goal_percent = 33.4


class RecruitmentEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentEntry

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    branch = factory.SubFactory(BranchFactory, organisation=factory.SelfAttribute("..organisation"))


class RecruitmentNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentNote

    entry = factory.SubFactory(RecruitmentEntryFactory)
    organisation = factory.SelfAttribute("entry.organisation")
    text = "Ringede til afdelingsformanden; hun vil tage det op på næste bestyrelsesmøde."
