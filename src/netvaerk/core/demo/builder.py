"""The steps both demo organisations are built from. Every row is written by a service function
with a system actor (an Actor with no user or person), as an import would; only what a person
does themselves (asking to join, leaving, sharing contact details) is done as that person.
One shortcut: the demo password is hashed once and copied to every login, since hashing it
costs about a second each time."""

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from netvaerk.accounts.models import User
from netvaerk.accounts.services import account_create
from netvaerk.core.access import Actor, today
from netvaerk.core.demo.geography import Municipality, municipalities, regions
from netvaerk.core.demo.names import NameMaker
from netvaerk.networks.models import JoinPolicy, Membership, MembershipRole, Network, NetworkKind
from netvaerk.networks.services import (
    ChannelData,
    mandate_appoint,
    membership_add,
    membership_join,
    membership_leave,
    membership_set_contact_sharing,
    network_create,
)
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.organisations.services import branch_create, region_create, role_grant
from netvaerk.people.models import Person
from netvaerk.people.services import person_create

DEMO_PASSWORD = "netvaerk-demo"

DANISH_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Login:
    """One demo login, as printed by `netvaerk demo`."""

    email: str
    role: str
    organisation: str
    note: str = ""


@dataclass(frozen=True)
class NetworkSpec:
    slug: str
    name: str
    audience: str
    purpose: str
    region: str  # the chair's region (seed 000 lists every network with one)
    kind: str = NetworkKind.CENTRAL
    join_policy: str = JoinPolicy.OPEN
    facebook: str = ""  # a Facebook group, where the network has one


def danish_date(day: datetime.date) -> str:
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Builder:
    def __init__(self, organisation: Organisation, *, password_hash: str) -> None:
        self.org = organisation
        self.password_hash = password_hash
        self.actor = Actor(organisation=organisation)
        # Reproducible invented data, not secrets.
        self.rng = random.Random(f"netvaerk-demo:{organisation.slug}")  # noqa: S311
        self.names = NameMaker(self.rng, f"{organisation.slug}.example.org")
        self.today = today()
        self.regions: dict[str, Region] = {}
        self.branches: dict[str, Branch] = {}  # by municipality name

    # Geography -----------------------------------------------------------------------------

    def geography(
        self,
        *,
        branch_name: Callable[[Municipality], str],
        leave_out: Iterable[str] = (),
    ) -> None:
        skipped = set(leave_out)
        for info in regions():
            self.regions[info.name] = region_create(
                actor=self.actor, name=info.name, slug=info.slug, code=info.code
            )
        for municipality in municipalities():
            if municipality.name in skipped:
                continue
            self.branches[municipality.name] = branch_create(
                actor=self.actor,
                region=self.regions[municipality.region],
                name=branch_name(municipality),
                slug=municipality.slug,
                code=municipality.code,
            )

    def branches_in(self, region: str) -> list[Branch]:
        region_id = self.regions[region].pk
        return [b for b in self.branches.values() if b.region_id == region_id]

    def random_branch(self, region: str | None = None) -> Branch:
        choices = self.branches_in(region) if region else list(self.branches.values())
        return self.rng.choice(choices)

    # People --------------------------------------------------------------------------------

    def person(
        self,
        *,
        branch: Branch,
        name: str | None = None,
        email: str | None = None,
        user: User | None = None,
        show_contact_details: bool = False,
    ) -> Person:
        name = name or self.names.name()
        return person_create(
            actor=self.actor,
            name=name,
            email=email or self.names.email(name),
            branch=branch,
            language="da",
            show_contact_details=show_contact_details,
            user=user,
        )

    def people(self, count: int, *, region: str | None = None) -> list[Person]:
        return [self.person(branch=self.random_branch(region)) for _ in range(count)]

    def login(self, local: str, *, branch: Branch) -> Person:
        """A demo login: a verified account and its person in this organisation."""
        email = f"{local}@{self.org.slug}.example.org"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Hashing the password costs about a second; the demo hashes it once for all.
            user = account_create(email=email, password=None, verified=True, language="da")
            user.password = self.password_hash
            user.save(update_fields=["password"])
        return self.person(branch=branch, email=email, user=user, show_contact_details=True)

    def grant(self, person: Person, role: str, branch: Branch | None = None) -> None:
        role_grant(actor=self.actor, person=person, role=role, branch=branch)

    # Networks ------------------------------------------------------------------------------

    def network(self, spec: NetworkSpec, *, central: Network | None = None) -> Network:
        channels = (
            [ChannelData(kind="facebook", url=spec.facebook, label="Facebook-gruppe")]
            if spec.facebook
            else None
        )
        return network_create(
            actor=self.actor,
            name=spec.name,
            slug=spec.slug,
            kind=spec.kind,
            central=central,
            region=self.regions[spec.region],
            purpose=spec.purpose,
            audience=spec.audience,
            contact_email=f"{spec.slug}@{self.org.slug}.example.org",
            join_policy=spec.join_policy,
            channels=channels,
        )

    def add(
        self,
        network: Network,
        person: Person,
        role: str = MembershipRole.MEMBER,
        *,
        share_contact: bool = False,
    ) -> Membership:
        membership = membership_add(actor=self.actor, network=network, person=person, role=role)
        if share_contact:
            membership_set_contact_sharing(
                actor=self.as_person(person), network=network, share=True
            )
        return membership

    def fill(
        self,
        network: Network,
        *,
        chair: Person,
        coordination: list[Person],
        members: list[Person],
    ) -> None:
        """Chair first, then the coordination group, then members (some sharing contact)."""
        self.add(network, chair, MembershipRole.CHAIR, share_contact=True)
        for person in coordination:
            self.add(network, person, MembershipRole.COORDINATION, share_contact=True)
        for person in members:
            self.add(network, person, share_contact=self.rng.random() < 0.35)

    def as_person(self, person: Person) -> Actor:
        return Actor(organisation=self.org, person=person)

    def request_to_join(self, network: Network, person: Person, message: str) -> None:
        membership_join(actor=self.as_person(person), network=network, message=message)

    def leave(self, network: Network, person: Person) -> None:
        membership_leave(actor=self.as_person(person), network=network)

    def appoint(
        self, network: Network, person: Person, *, term_start: datetime.date
    ) -> datetime.date:
        """A two-year coordinator term decided at a board meeting shortly before it starts.
        Returns the last day of the term."""
        meeting = term_start - datetime.timedelta(days=self.rng.randint(3, 16))
        term_end = add_years(term_start, 2) - datetime.timedelta(days=1)
        mandate_appoint(
            actor=self.actor,
            network=network,
            person=person,
            decision_reference=(
                f"{self.org.board_word}s møde {danish_date(meeting)}, pkt. {self.rng.randint(3, 9)}"
            ),
            term_start=term_start,
            term_end=term_end,
        )
        return term_end

    def term_start_ending_on(self, last_day: datetime.date) -> datetime.date:
        """The start of a two-year term whose last day is `last_day`."""
        return add_years(last_day + datetime.timedelta(days=1), -2)

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))
