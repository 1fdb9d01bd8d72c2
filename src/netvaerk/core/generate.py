"""A synthetic organisation at scale, for proving that pages cost the same with a million
people as with a hundred (`netvaerk generate`).

Unlike the demo, this writes with bulk_create in batches, not through the per-row services, and
records one audit entry for the whole generation. Rows are streamed: each batch of persons is
created, given its memberships and forgotten, so memory stays flat however many are asked for.
Only the few hundred lead and coordinator slots are planned ahead."""

import bisect
import contextlib
import datetime
import itertools
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, reset_queries, transaction
from django.utils import timezone
from tqdm import tqdm

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.demo.geography import Municipality, ascii_slug, municipalities, regions
from netvaerk.core.demo.names import FIRST_NAMES, SURNAMES
from netvaerk.core.text import casefold_words
from netvaerk.networks.models import (
    CoordinatorMandate,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkKind,
    NetworkStatus,
    network_search_text,
)
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.organisations.services import organisation_create
from netvaerk.people.models import Person

HISTORY_DAYS = 3 * 365
# How many networks a person is in: most in none, some in one to three.
NETWORKS_PER_PERSON = ((0, 0.82), (1, 0.12), (2, 0.045), (3, 0.015))
LEFT_SHARE = 0.12  # of memberships that ended: the history of leaving
REQUESTED_SHARE = 0.15  # of memberships of networks that approve members, still pending
SHARE_CONTACT_SHARE = 0.3
REGIONAL_SHARE = 0.2
APPROVAL_SHARE = 0.15

# (network name, what it is about) for the central networks; cycled with a number beyond.
TOPICS = (
    ("Arbejdsmarkedspolitisk netværk", "arbejdsmarkedspolitik"),
    ("Boligpolitisk netværk", "boligpolitik"),
    ("Klimanetværket", "klima og grøn omstilling"),
    ("Uddannelsespolitisk netværk", "uddannelsespolitik"),
    ("Sundhedsnetværket", "sundhedspolitik"),
    ("Kulturpolitisk netværk", "kultur- og fritidsliv"),
    ("Naturnetværket", "natur og biodiversitet"),
    ("Landdistriktsnetværket", "landdistrikter og yderområder"),
    ("Trafikpolitisk netværk", "trafik og kollektiv transport"),
    ("Erhvervspolitisk netværk", "erhvervspolitik"),
    ("Ældrepolitisk netværk", "ældrepolitik"),
    ("Børne- og ungenetværket", "børn og unge"),
    ("Integrationsnetværket", "integration"),
    ("EU-netværket", "EU-politik"),
    ("Internationalt netværk", "internationalt politisk arbejde"),
    ("Digitaliseringsnetværket", "digitalisering"),
    ("Energipolitisk netværk", "energipolitik"),
    ("Landbrugsnetværket", "landbrug og fødevarer"),
    ("Fiskerinetværket", "fiskeri og havmiljø"),
    ("Forskningsnetværket", "forskning og innovation"),
    ("Retspolitisk netværk", "retspolitik"),
    ("Skattepolitisk netværk", "skattepolitik"),
    ("Handicappolitisk netværk", "handicappolitik"),
    ("Psykiatrinetværket", "psykiatri og mental sundhed"),
    ("Idrætsnetværket", "idræt og foreningsliv"),
    ("Kirkepolitisk netværk", "kirkepolitik"),
    ("Ligestillingsnetværket", "ligestilling"),
    ("Forsvarspolitisk netværk", "forsvars- og sikkerhedspolitik"),
    ("Turismenetværket", "turisme"),
    ("Vandmiljønetværket", "vandmiljø"),
)


class GenerateError(Exception):
    """The request cannot be carried out; the message says why."""


@dataclass
class Counts:
    regions: int = 0
    branches: int = 0
    persons: int = 0
    networks: int = 0
    memberships: int = 0
    mandates: int = 0
    profiles: int = 0


@dataclass
class _Plan:
    """Who leads what, decided before the persons exist (by their index in the run)."""

    leads: dict[int, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    home_region: dict[int, int] = field(default_factory=dict)  # index -> region id
    coordinators: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    coordinator_pks: dict[int, int] = field(default_factory=dict)  # index -> person pk


class _Maker[M: models.Model]:
    """Builds unsaved instances from positional arguments, about twice as fast as keyword
    arguments. The field order is read from the model, so new fields get their defaults."""

    def __init__(self, model: type[M], **constants: Any) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.position = {f.attname: i for i, f in enumerate(fields)}
        self.template = [
            constants[f.attname]
            if f.attname in constants
            else (None if f.primary_key else f.get_default())
            for f in fields
        ]

    def __call__(self, **values: Any) -> M:
        args = self.template.copy()
        for name, value in values.items():
            args[self.position[name]] = value
        return self.model(*args)


def _interleaved_by_region(places: Sequence[Municipality]) -> list[Municipality]:
    """One municipality from each region in turn, so that a few branches span the country."""
    by_region: dict[str, list[Municipality]] = defaultdict(list)
    for place in places:
        by_region[place.region].append(place)
    columns = [by_region[name] for name in sorted(by_region)]
    return [place for row in itertools.zip_longest(*columns) for place in row if place is not None]


@contextlib.contextmanager
def _large_page_cache() -> Iterator[None]:
    """SQLite's default page cache (2 MB) cannot hold the indexes of a million persons, and
    inserts slow down as pages are evicted and read back; give this connection 128 MB."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def batched[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Generator:
    def __init__(
        self,
        *,
        slug: str,
        persons: int,
        branches: int,
        networks: int,
        seed: int = 0,
        batch: int = 5000,
        append: bool = False,
        name: str = "",
        progress: bool = True,
        profiles: float = 0.0,
    ) -> None:
        if not 0 <= profiles <= 1:
            raise GenerateError("The share of persons with a profile must be between 0 and 1.")
        if min(persons, branches, networks) < 0 or batch < 1:
            raise GenerateError("Counts cannot be negative, and the batch size must be positive.")
        if networks and not persons:
            raise GenerateError("Networks need persons to chair them: ask for at least one.")
        self.slug = slug
        self.n_persons = persons
        self.n_branches = branches
        self.n_networks = networks
        self.seed = seed
        self.batch = batch
        self.append = append
        self.name = name or f"Syntetisk organisation {slug}"
        self.progress = progress
        self.profiles = profiles
        self.rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
        self.now = timezone.now()
        self.counts = Counts()
        self.figures_seconds = 0.0

    def _bar(self, total: int, desc: str) -> tqdm:
        return tqdm(
            total=total, desc=desc, unit=" rows", file=sys.stderr, disable=not self.progress
        )

    # The run ------------------------------------------------------------------------------

    def run(self) -> Counts:
        with _large_page_cache():
            return self._run()

    def _run(self) -> Counts:
        self.org = self._organisation()
        self.actor = Actor(organisation=self.org)
        self.make_person = _Maker(
            Person, organisation_id=self.org.pk, language="da", created_at=self.now
        )
        self.make_membership = _Maker(Membership, organisation_id=self.org.pk)
        self._regions()
        self._branches()
        self._networks()
        self._persons_and_memberships()
        self._mandates()
        self._competences()
        self._figures()
        log_action(
            actor=self.actor,
            organisation=self.org,
            action="organisation.generated",
            obj=self.org,
            data={
                "seed": self.seed,
                "append": self.append,
                **vars(self.counts),
            },
        )
        return self.counts

    def _competences(self) -> None:
        """The competence vocabulary, and profiles for the share of persons asked for."""
        from netvaerk.core.generate_competences import generate_competences

        found = generate_competences(
            organisation=self.org,
            share=self.profiles,
            seed=self.seed,
            batch=self.batch,
            progress=self.progress,
        )
        self.counts.profiles = found.profiles

    def _figures(self) -> None:
        """Branch reach and network health are read from materialised figures; compute them
        now, so that the dashboard of a generated organisation shows data at once."""
        from netvaerk.reach.services.refresh import reach_refresh

        if self.progress:
            print("computing reach figures …", file=sys.stderr, flush=True)
        started = time.monotonic()
        reach_refresh(organisation=self.org)
        self.figures_seconds = time.monotonic() - started

    def _organisation(self) -> Organisation:
        org = Organisation.objects.filter(slug=self.slug).first()
        if org is None:
            return organisation_create(
                slug=self.slug,
                name=self.name,
                term_branch="afdeling",
                term_branches="afdelinger",
                contact_email=f"organisation@{self.slug}.gen.example.org",
                require_mfa_for_officers=False,
            )
        existing = Person.objects.filter(organisation=org).count()
        if existing and not self.append:
            raise GenerateError(
                f"The organisation {self.slug!r} already has {existing} persons. Pass --append to "
                "add more to it, or choose another --organisation."
            )
        return org

    def _regions(self) -> None:
        have = {r.name: r for r in Region.objects.filter(organisation=self.org)}
        missing = [
            Region(organisation=self.org, name=info.name, slug=info.slug, code=info.code)
            for info in regions()
            if info.name not in have and not any(r.slug == info.slug for r in have.values())
        ]
        Region.objects.bulk_create(missing)
        self.counts.regions = len(missing)
        self.regions = list(Region.objects.filter(organisation=self.org).order_by("code", "pk"))
        self.region_by_name = {r.name: r for r in self.regions}

    def _branches(self) -> None:
        taken = set(Branch.objects.filter(organisation=self.org).values_list("slug", flat=True))
        places = _interleaved_by_region(municipalities())
        fallback = self.regions[0] if self.regions else None
        bar = self._bar(self.n_branches, "branches")
        new: list[Branch] = []
        for index in itertools.count():
            if len(new) == self.n_branches:
                break
            place = places[index % len(places)]
            round_ = index // len(places)
            slug = place.slug if round_ == 0 else f"{place.slug}-{round_ + 1}"
            if slug in taken:
                continue
            taken.add(slug)
            region = self.region_by_name.get(place.region, fallback)
            assert region is not None
            suffix = "" if round_ == 0 else f" {round_ + 1}"
            new.append(
                Branch(
                    organisation=self.org,
                    region=region,
                    name=f"Afdeling {place.name}{suffix}",
                    slug=slug,
                    code=place.code if round_ == 0 else f"{place.code}-{round_ + 1}",
                )
            )
        for chunk in batched(new, self.batch):
            with transaction.atomic():
                Branch.objects.bulk_create(chunk)
            bar.update(len(chunk))
        bar.close()
        self.counts.branches = len(new)
        rows = list(
            Branch.objects.filter(organisation=self.org)
            .order_by("pk")
            .values_list("pk", "region_id")
        )
        # Branch sizes vary a lot (a capital against an island): log-normal weights.
        self.branch_ids = [pk for pk, _region in rows]
        self.branch_region = dict(rows)
        self.branch_cum = list(itertools.accumulate(self.rng.lognormvariate(0, 0.8) for _ in rows))
        by_region: dict[int, list[int]] = defaultdict(list)
        for pk, region_id in rows:
            by_region[region_id].append(pk)
        self.branches_by_region = dict(by_region)
        # Networks are run from, and regional ones work in, regions that have branches.
        self.network_regions = [
            r for r in self.regions if r.pk in self.branches_by_region
        ] or self.regions

    def _networks(self) -> None:
        k = self.n_networks
        n_regional = min(round(k * REGIONAL_SHARE), max(k - 1, 0)) if self.regions else 0
        n_central = k - n_regional
        taken = set(Network.objects.filter(organisation=self.org).values_list("slug", flat=True))
        bar = self._bar(k, "networks")

        def unique(slug: str) -> str:
            candidate, n = slug, 1
            while candidate in taken:
                n += 1
                candidate = f"{slug}-{n}"
            taken.add(candidate)
            return candidate

        central: list[Network] = []
        for index in range(n_central):
            base, topic = TOPICS[index % len(TOPICS)]
            round_ = index // len(TOPICS)
            name = base + (f" {round_ + 1}" if round_ else "")
            central.append(
                self._network(
                    name=name,
                    slug=unique(ascii_slug(name)),
                    topic=topic,
                    kind=NetworkKind.CENTRAL,
                    region=self.rng.choice(self.network_regions) if self.regions else None,
                )
            )
        with transaction.atomic():
            Network.objects.bulk_create(central)
        bar.update(len(central))
        regional: list[Network] = []
        for _ in range(n_regional):
            mirror_index = self.rng.randrange(len(central))
            mirror = central[mirror_index]
            region = self.rng.choice(self.network_regions)
            short = region.name.removeprefix("Region ")
            network = self._network(
                name=f"{mirror.name} {short}",
                slug=unique(f"{mirror.slug}-{region.slug}"),
                topic=TOPICS[mirror_index % len(TOPICS)][1],
                kind=NetworkKind.REGIONAL,
                region=region,
            )
            network.central = mirror
            regional.append(network)
        with transaction.atomic():
            Network.objects.bulk_create(regional)
        bar.update(len(regional))
        bar.close()
        self.networks = central + regional
        self.counts.networks = len(self.networks)
        self._plan_leads()
        self._membership_weights()

    def _network(
        self, *, name: str, slug: str, topic: str, kind: str, region: Region | None
    ) -> Network:
        purpose = (
            f"Netværket samler aktive om {topic}: debat, mobilisering og en årlig "
            "konference, og en årlig beretning til bestyrelsen."
        )
        audience = f"For alle med engagement og interesse for {topic}."
        approval = self.rng.random() < APPROVAL_SHARE
        return Network(
            organisation=self.org,
            name=name,
            slug=slug,
            kind=kind,
            region=region,
            purpose=purpose,
            audience=audience,
            contact_email=f"{slug}@{self.slug}.gen.example.org",
            status=NetworkStatus.ACTIVE,
            join_policy=JoinPolicy.APPROVAL if approval else JoinPolicy.OPEN,
            search_text=network_search_text(name, purpose, audience),
            created_at=self.now - datetime.timedelta(days=self.rng.randint(400, 2000)),
        )

    def _plan_leads(self) -> None:
        """One chair and a coordination group of two to five per network, and a coordinator.
        The chair lives in the network's region, and so does all of a regional network's
        group; a person may lead several networks, but never in two regions."""
        n = self.n_persons
        self.plan = _Plan()
        for net_index, network in enumerate(self.networks):
            size = min(self.rng.randint(2, 5), n - 1) + 1
            chosen: list[int] = []
            for attempt in range(size * 20):
                index = self.rng.randrange(n)
                home = self.plan.home_region.get(index)
                must_live_here = not chosen or network.kind == NetworkKind.REGIONAL
                if index in chosen or (
                    must_live_here
                    and network.region_id is not None
                    and home not in (None, network.region_id)
                    and attempt < size * 10
                ):
                    continue
                chosen.append(index)
                if must_live_here and network.region_id is not None:
                    self.plan.home_region.setdefault(index, network.region_id)
                if len(chosen) == size:
                    break
            for position, index in enumerate(chosen):
                role = MembershipRole.CHAIR if position == 0 else MembershipRole.COORDINATION
                self.plan.leads[index].append((net_index, role))
            self.plan.coordinators[self.rng.randrange(n)].append(net_index)

    def _membership_weights(self) -> None:
        """Long-tailed network sizes: a Zipf-like weight by a random rank. A person chooses
        among the central networks and the regional ones of their own region."""
        ranks = list(range(1, len(self.networks) + 1))
        self.rng.shuffle(ranks)
        weights = [
            (0.3 if network.kind == NetworkKind.REGIONAL else 1.0) / rank**1.1
            for network, rank in zip(self.networks, ranks, strict=True)
        ]
        self.choices_by_region: dict[int | None, tuple[list[int], list[float]]] = {}
        for region_id in [None, *(r.pk for r in self.regions)]:
            eligible = [
                i
                for i, network in enumerate(self.networks)
                if network.kind == NetworkKind.CENTRAL or network.region_id == region_id
            ]
            cum = list(itertools.accumulate(weights[i] for i in eligible))
            self.choices_by_region[region_id] = (eligible, cum)

    # Persons and memberships --------------------------------------------------------------

    def _persons_and_memberships(self) -> None:
        first_number = (
            Person.objects.filter(organisation=self.org).count() + 1 if self.append else 1
        )
        bar = self._bar(self.n_persons, "persons")
        pending: list[Membership] = []
        for start in range(0, self.n_persons, self.batch):
            indices = range(start, min(start + self.batch, self.n_persons))
            with transaction.atomic():
                persons = Person.objects.bulk_create(
                    [self._person(i, first_number + i) for i in indices]
                )
                for index, person in zip(indices, persons, strict=True):
                    pending.extend(self._memberships(index, person))
                    if index in self.plan.coordinators:
                        self.plan.coordinator_pks[index] = person.pk
                # Always the same number of rows per INSERT: sqlite3 keeps each distinct
                # statement prepared, and one of a few thousand rows is megabytes.
                while len(pending) >= self.batch:
                    Membership.objects.bulk_create(pending[: self.batch])
                    self.counts.memberships += self.batch
                    del pending[: self.batch]
            self.counts.persons += len(persons)
            bar.update(len(persons))
            # With DEBUG on, Django keeps the last 9,000 queries, and these are megabytes each.
            reset_queries()
        if pending:
            with transaction.atomic():
                Membership.objects.bulk_create(pending)
            self.counts.memberships += len(pending)
        bar.close()

    def _person(self, index: int, number: int) -> Person:
        rng = self.rng
        branch_id: int | None = None
        region_id = self.plan.home_region.get(index)
        if region_id is not None and self.branches_by_region.get(region_id):
            branch_id = rng.choice(self.branches_by_region[region_id])
        elif self.branch_ids:
            position = bisect.bisect(self.branch_cum, rng.random() * self.branch_cum[-1])
            branch_id = self.branch_ids[min(position, len(self.branch_ids) - 1)]
        if branch_id is not None:
            region_id = self.branch_region[branch_id]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        return self.make_person(
            name=name,
            # Person.save() derives search_name; bulk inserts must set it themselves.
            search_name=casefold_words(name),
            email=f"person{number}@gen.example.org",
            branch_id=branch_id,
            region_id=region_id,
            is_member=rng.random() < 0.97,
        )

    def _joined(self, *, at_least_days_ago: int = 0) -> datetime.datetime:
        days = self.rng.uniform(at_least_days_ago, HISTORY_DAYS)
        return self.now - datetime.timedelta(days=days)

    def _memberships(self, index: int, person: Person) -> list[Membership]:
        rng = self.rng
        rows: list[Membership] = []
        taken: set[int] = set()
        for net_index, role in self.plan.leads.get(index, ()):
            taken.add(net_index)
            rows.append(self._membership(net_index, person, role=role, status="active"))
        count = self._networks_for_one()
        eligible, cum = self.choices_by_region.get(person.region_id, self.choices_by_region[None])
        if count and eligible:
            for _attempt in range(count * 3):
                if len(taken) >= len(self.plan.leads.get(index, ())) + count:
                    break
                position = bisect.bisect(cum, rng.random() * cum[-1])
                net_index = eligible[min(position, len(eligible) - 1)]
                if net_index in taken:
                    continue
                taken.add(net_index)
                network = self.networks[net_index]
                roll = rng.random()
                if roll < LEFT_SHARE:
                    status = MembershipStatus.LEFT
                elif network.join_policy == JoinPolicy.APPROVAL and roll < LEFT_SHARE + (
                    REQUESTED_SHARE * (1 - LEFT_SHARE)
                ):
                    status = MembershipStatus.REQUESTED
                else:
                    status = MembershipStatus.ACTIVE
                rows.append(self._membership(net_index, person, role="member", status=status))
        return rows

    def _networks_for_one(self) -> int:
        roll = self.rng.random()
        for count, share in NETWORKS_PER_PERSON:
            if roll < share:
                return count
            roll -= share
        return NETWORKS_PER_PERSON[-1][0]

    def _membership(self, net_index: int, person: Person, *, role: str, status: str) -> Membership:
        rng = self.rng
        network = self.networks[net_index]
        row: dict[str, Any] = {
            "network_id": network.pk,
            "person_id": person.pk,
            "role": role if status == MembershipStatus.ACTIVE else MembershipRole.MEMBER,
            "status": status,
            "share_contact_with_leads": role != "member" or rng.random() < SHARE_CONTACT_SHARE,
        }
        if status == MembershipStatus.REQUESTED:
            requested = self.now - datetime.timedelta(days=rng.uniform(0, 30))
            row.update(requested_at=requested)
        elif status == MembershipStatus.LEFT:
            joined = self._joined(at_least_days_ago=30)
            left = joined + (self.now - joined) * rng.uniform(0.1, 0.95)
            row.update(requested_at=joined, decided_at=joined, joined_at=joined, left_at=left)
        else:
            joined = self._joined()
            row.update(requested_at=joined, decided_at=joined, joined_at=joined)
        return self.make_membership(**row)

    # Coordinator mandates ------------------------------------------------------------------

    def _mandates(self) -> None:
        today = timezone.localdate(self.now)
        rows: list[CoordinatorMandate] = []
        coordinator_pks = sorted(self.plan.coordinator_pks.values())
        for index, net_indices in self.plan.coordinators.items():
            person_id = self.plan.coordinator_pks[index]
            for net_index in net_indices:
                network = self.networks[net_index]
                start = today - datetime.timedelta(days=self.rng.randint(0, 700))
                if self.rng.random() < 0.4:  # a predecessor whose term ran out
                    before = start - datetime.timedelta(days=730)
                    predecessor = self.rng.choice(coordinator_pks)
                    rows.append(self._mandate(network, predecessor, before, start))
                rows.append(
                    self._mandate(network, person_id, start, start + datetime.timedelta(days=730))
                )
        bar = self._bar(len(rows), "mandates")
        for chunk in batched(rows, self.batch):
            with transaction.atomic():
                CoordinatorMandate.objects.bulk_create(chunk)
            bar.update(len(chunk))
        bar.close()
        self.counts.mandates = len(rows)

    def _mandate(
        self, network: Network, person_id: int, start: datetime.date, end: datetime.date
    ) -> CoordinatorMandate:
        meeting = start - datetime.timedelta(days=self.rng.randint(3, 20))
        return CoordinatorMandate(
            organisation_id=self.org.pk,
            network_id=network.pk,
            person_id=person_id,
            decision_reference=(
                f"Bestyrelsens møde {meeting:%d.%m.%Y}, pkt. {self.rng.randint(2, 9)}"
            ),
            appointed_at=datetime.datetime.combine(meeting, datetime.time(19), tzinfo=datetime.UTC),
            term_start=start,
            term_end=end - datetime.timedelta(days=1),
        )


def generate(**options: Any) -> Counts:
    return Generator(**options).run()
