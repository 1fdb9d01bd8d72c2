import factory

from netvaerk.organisations.tests.factories import BranchFactory, OrganisationFactory
from netvaerk.people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    branch = factory.SubFactory(BranchFactory, organisation=factory.SelfAttribute("..organisation"))
    region = factory.SelfAttribute("branch.region")
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "da"
