import datetime

import factory
from django.utils import timezone

from netvaerk.governance.models import (
    BoardRequest,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RequestKind,
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.networks.tests.factories import NetworkFactory


class RulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RulesOfProcedure

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    text = "# Formål\n\nNetværket arbejder for bedre boliger.\n\n# Møder\n\nVi mødes virtuelt."
    status = RulesStatus.DRAFT

    class Params:
        approved = factory.Trait(
            status=RulesStatus.APPROVED,
            number=factory.Sequence(lambda n: n + 1),
            decided_at=factory.LazyFunction(timezone.now),
        )
        submitted = factory.Trait(
            status=RulesStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    kind = ProposalKind.STATEMENT
    title = factory.Sequence(lambda n: f"Udtalelse om almene boliger {n}")
    text = "Partiet bør arbejde for flere almene boliger."
    rationale = "Boligpriserne stiger."
    status = ProposalStatus.DRAFT

    class Params:
        submitted = factory.Trait(
            status=ProposalStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )


class BoardRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardRequest

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    kind = RequestKind.ADVICE
    title = factory.Sequence(lambda n: f"Sparring om boligudspil {n}")
    text = "Hovedbestyrelsen beder om netværkets input."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
