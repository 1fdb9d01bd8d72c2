"""A network's competence overview: what its active members know, by tag and by region, and
where it is thin.

Only profiles their owners share are counted (visibility "networks" or "organisation"); a
hidden profile is never counted, not even as a number. Counted by the profile's region
(where its owner can help), and by the tags in use of the organisation's vocabulary — every
one of them, so that a tag nobody in the network covers shows as such.

Four queries whatever the size of the network: the tags in use, the regions, the profiles by
region and availability, and the profiles by tag and region, the last two aggregated in SQL."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

from netvaerk.competences.models import (
    Availability,
    Profile,
    ProfileTag,
    Tag,
    TagStatus,
    Visibility,
)
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.organisations.models import Region
from netvaerk.reach.selectors.figures import intensity

# A tag this few of the network's people cover is thin (0: not covered at all).
THIN_AT_MOST = 1


@dataclass(frozen=True)
class Cell:
    region: Region
    count: int

    @property
    def css(self) -> str:
        return intensity(self.count)


@dataclass(frozen=True)
class TagRow:
    tag: Tag
    count: int
    cells: list[Cell] = field(default_factory=list)

    @property
    def css(self) -> str:
        return intensity(self.count)

    @property
    def covered(self) -> bool:
        return self.count > 0

    @property
    def thin(self) -> bool:
        return self.count <= THIN_AT_MOST


@dataclass(frozen=True)
class RegionRow:
    region: Region
    count: int

    @property
    def css(self) -> str:
        return intensity(self.count)


@dataclass(frozen=True)
class Overview:
    network: Network
    people: int
    open: int
    sometimes: int
    paused: int
    # Profiles that name no region.
    no_region: int
    tags: list[TagRow]
    regions: list[RegionRow]

    @property
    def tags_by_count(self) -> list[TagRow]:
        """Most covered first; ties by name."""
        return sorted(self.tags, key=lambda row: (-row.count, row.tag.name.casefold()))

    @property
    def uncovered_tags(self) -> list[Tag]:
        return [row.tag for row in self.tags if row.count == 0]

    @property
    def thin_tags(self) -> list[TagRow]:
        """Tags only one person of the network covers."""
        return [row for row in self.tags if 0 < row.count <= THIN_AT_MOST]

    @property
    def empty_regions(self) -> list[Region]:
        return [row.region for row in self.regions if row.count == 0]


def network_profiles(network: Network) -> QuerySet[Profile]:
    """The shared (not hidden) profiles of the network's active members."""
    member = Membership.objects.filter(
        network=network, person_id=OuterRef("person_id"), status=MembershipStatus.ACTIVE
    )
    return Profile.objects.filter(organisation_id=network.organisation_id).filter(
        Exists(member), visibility__in=[Visibility.NETWORKS, Visibility.ORGANISATION]
    )


def network_overview(network: Network) -> Overview:
    organisation_id = network.organisation_id
    tags = list(
        Tag.objects.filter(organisation_id=organisation_id, status=TagStatus.ACTIVE).order_by(
            "name", "pk"
        )
    )
    regions = list(Region.objects.filter(organisation_id=organisation_id).order_by("name", "pk"))
    profiles = network_profiles(network)

    by_availability: dict[str, int] = defaultdict(int)
    by_region: dict[int | None, int] = defaultdict(int)
    for region_id, availability, count in (
        profiles.order_by()
        .values_list("region_id", "availability")
        .annotate(n=Count("pk"))
        .values_list("region_id", "availability", "n")
    ):
        by_availability[availability] += count
        by_region[region_id] += count

    by_tag: dict[int, int] = defaultdict(int)
    by_cell: dict[tuple[int, int | None], int] = {}
    for tag_id, region_id, count in (
        ProfileTag.objects.filter(
            organisation_id=organisation_id,
            tag__status=TagStatus.ACTIVE,
            profile__in=profiles.values("pk"),
        )
        .order_by()
        .values_list("tag_id", "profile__region_id")
        .annotate(n=Count("pk"))
        .values_list("tag_id", "profile__region_id", "n")
    ):
        by_tag[tag_id] += count
        by_cell[(tag_id, region_id)] = count

    return Overview(
        network=network,
        people=sum(by_availability.values()),
        open=by_availability[Availability.OPEN],
        sometimes=by_availability[Availability.SOMETIMES],
        paused=by_availability[Availability.PAUSED],
        no_region=by_region[None],
        tags=[
            TagRow(
                tag=tag,
                count=by_tag[tag.pk],
                cells=[
                    Cell(region=region, count=by_cell.get((tag.pk, region.pk), 0))
                    for region in regions
                ],
            )
            for tag in tags
        ],
        regions=[RegionRow(region=region, count=by_region[region.pk]) for region in regions],
    )


@dataclass(frozen=True)
class NetworkCoverage:
    """For the programme status report: how many of the network's members are on the
    competence list, across how many competences, and some competences it lacks."""

    people: int
    competences: int
    # How many tags the organisation's vocabulary has in use.
    vocabulary: int
    uncovered: Sequence[str]
    uncovered_total: int


def network_coverage(network: Network, *, name_at_most: int = 3) -> NetworkCoverage:
    overview = network_overview(network)
    uncovered = overview.uncovered_tags
    return NetworkCoverage(
        people=overview.people,
        competences=sum(1 for row in overview.tags if row.count),
        vocabulary=len(overview.tags),
        uncovered=[tag.name for tag in uncovered[:name_at_most]],
        uncovered_total=len(uncovered),
    )
