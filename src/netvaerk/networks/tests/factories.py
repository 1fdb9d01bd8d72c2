import datetime

import factory
from django.utils import timezone

from netvaerk.competences.search.index import refresh_network_ids
from netvaerk.networks.models import CoordinatorMandate, Membership, Network
from netvaerk.organisations.tests.factories import OrganisationFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    purpose = "To debate and mobilise."
    audience = "For everyone engaged in the topic."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    person = factory.SubFactory(
        "netvaerk.people.tests.factories.PersonFactory",
        organisation=factory.SelfAttribute("..network.organisation"),
    )
    role = "member"
    status = "active"
    joined_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def network_ids(self, create: bool, extracted: object, **kwargs: object) -> None:
        # What the membership services do after every membership write.
        if create:
            refresh_network_ids(person_ids=[self.person_id])


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorMandate

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    person = factory.SubFactory(
        "netvaerk.people.tests.factories.PersonFactory",
        organisation=factory.SelfAttribute("..network.organisation"),
    )
    decision_reference = "Board meeting 1 March 2026, item 4"
    term_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    term_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=700))
