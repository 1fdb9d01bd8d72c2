"""A small network whose competence overview can be counted by hand."""

from dataclasses import dataclass, field

from netvaerk.competences.models import Profile, Tag, TagStatus
from netvaerk.competences.tests.factories import ProfileFactory, TagFactory
from netvaerk.networks.models import Network
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.models import Region
from netvaerk.organisations.tests.factories import RegionFactory
from netvaerk.testing import World


@dataclass
class Covered:
    """The world's network with, by hand:

    - Region Hovedstaden (the world's): Anna (planning, press; open), Bo (planning; paused),
      Carl (planning; sometimes, shared with networks only);
    - Region Sjælland: Dorte (press, nature; open);
    - Region Nord: nobody;
    - not counted: Erik (planning, hidden), Frida (planning, left the network), Gorm
      (planning, in another network only), Hanne (only a retired tag — counted as a
      person, but for no tag), the world's member (no profile at all).

    So: 5 people (Anna, Bo, Carl, Dorte, Hanne); open 2 (Anna, Dorte) + Hanne's availability
    (open) = 3, sometimes 1, paused 1. Planning 3, press 2, nature 1 (thin), elections 0
    (not covered); the retired tag is not listed."""

    network: Network
    hovedstaden: Region
    sjaelland: Region
    nord: Region
    planning: Tag
    press: Tag
    nature: Tag
    elections: Tag
    retired: Tag
    profiles: dict[str, Profile] = field(default_factory=dict)


def covered_network(world: World) -> Covered:
    org = world.organisation
    sjaelland = RegionFactory(organisation=org, name="Region Sjælland", slug="sjaelland")
    nord = RegionFactory(organisation=org, name="Region Nordjylland", slug="nord")
    tags = {
        key: TagFactory(organisation=org, name=name, slug=slug)
        for key, name, slug in (
            ("planning", "Kommuneplanlægning", "kommuneplan"),
            ("press", "Pressearbejde", "presse"),
            ("nature", "Naturbeskyttelsesloven", "natur"),
            ("elections", "Kommunalvalgkamp", "valgkamp"),
            ("retired", "Gammel kompetence", "gammel"),
        )
    }
    tags["retired"].status = TagStatus.RETIRED
    tags["retired"].save(update_fields=["status"])
    covered = Covered(
        network=world.network,
        hovedstaden=world.region,
        sjaelland=sjaelland,
        nord=nord,
        **tags,
    )

    def person(
        key: str,
        *,
        tags: list[Tag],
        region: Region | None = None,
        status: str = "active",
        network: Network | None = None,
        **profile: object,
    ) -> None:
        membership = MembershipFactory(
            network=network or world.network,
            status=status,
            person__name=key.title(),
            person__branch=world.branch,
            person__region=region or world.region,
        )
        covered.profiles[key] = ProfileFactory(
            person=membership.person, region=region or world.region, tags=tags, **profile
        )

    person("anna", tags=[tags["planning"], tags["press"]])
    person("bo", tags=[tags["planning"]], availability="paused")
    person("carl", tags=[tags["planning"]], availability="sometimes", visibility="networks")
    person("dorte", tags=[tags["press"], tags["nature"]], region=sjaelland)
    person("erik", tags=[tags["planning"]], visibility="nobody")
    person("frida", tags=[tags["planning"]], status="left")
    person("gorm", tags=[tags["planning"]], network=world.other_network)
    person("hanne", tags=[tags["retired"]])
    return covered
