"""A small organisation for the recruitment tests, built by hand so that the recruitment list
can be read off it: which branches of the world have nobody in the network "bolig"."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.models import Branch, Region
from netvaerk.organisations.tests.factories import BranchFactory, RegionFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.testing import World


@dataclass
class Branches:
    midt: Region
    by_slug: dict[str, Branch] = field(default_factory=dict)

    def __getitem__(self, slug: str) -> Branch:
        return self.by_slug[slug]


def people(branch: Branch, persons: int, members: int | None = None) -> list:
    members = persons if members is None else members
    return [
        PersonFactory(organisation=branch.organisation, branch=branch, is_member=n < members)
        for n in range(persons)
    ]


def build_branches(world: World, *, refresh: bool = True) -> Branches:
    """The world's branch Gladsaxe (its personas chair, coordination group and member are in
    "bolig") and six more:

    - Horsens (Midtjylland): 5 persons, 4 members, nobody in a network;
    - Odder (Midtjylland): 3 persons, 2 members, one in "kultur";
    - Aarhus (Hovedstaden): nobody at all;
    - Ikast-Brande (Midtjylland): 2 persons, one in "bolig": represented;
    - Skive (Midtjylland): 2 persons, one who left "bolig" last month;
    - Vejle (Midtjylland): 1 person whose request to join "bolig" is still open.

    Not represented in "bolig": Horsens, Odder, Aarhus, Skive, Vejle."""
    org = world.organisation
    midt = RegionFactory(organisation=org, name="Region Midtjylland", slug="midtjylland")
    branches = Branches(midt=midt)

    def branch(name: str, slug: str, region: Region) -> Branch:
        made = BranchFactory(organisation=org, region=region, name=name, slug=slug)
        branches.by_slug[slug] = made
        return made

    branches.by_slug["gladsaxe"] = world.branch
    people(branch("Horsens", "horsens", midt), 5, 4)
    odder = people(branch("Odder", "odder", midt), 3, 2)
    MembershipFactory(network=world.other_network, person=odder[0])
    branch("Aarhus", "aarhus", world.region)
    ikast = people(branch("Ikast-Brande", "ikast-brande", midt), 2)
    MembershipFactory(network=world.network, person=ikast[0])
    skive = people(branch("Skive", "skive", midt), 2)
    now = timezone.now()
    MembershipFactory(
        network=world.network,
        person=skive[0],
        status="left",
        joined_at=now - datetime.timedelta(days=60),
        left_at=now - datetime.timedelta(days=30),
    )
    vejle = people(branch("Vejle", "vejle", midt), 1)
    MembershipFactory(network=world.network, person=vejle[0], status="requested", joined_at=None)
    if refresh:
        reach_refresh(organisation=org)
    return branches


UNREPRESENTED = {"horsens", "odder", "aarhus", "skive", "vejle"}
