"""Branches and regions named in a file: found by name or code (case-folded), created when
the import is applied (a branch needs a region: one named in the same row)."""

from dataclasses import dataclass

from netvaerk.core.demo.geography import ascii_slug
from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Branch, Organisation, Region


@dataclass
class Place:
    branch_id: int | None
    region_id: int | None
    problem_value: str = ""  # a branch that cannot be created: it has no region


def _unique_slug(name: str, taken: set[str], fallback: str, limit: int) -> str:
    base = ascii_slug(name)[: limit - 4].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


class Places:
    """The organisation's branches and regions, kept in memory (an organisation has a few
    hundred at most). In a dry run, new ones get negative stand-in ids and are only counted."""

    def __init__(self, organisation: Organisation, *, apply: bool) -> None:
        self.organisation = organisation
        self.apply = apply
        self.regions: dict[str, int] = {}
        self.region_slugs: set[str] = set()
        for region in Region.objects.filter(organisation=organisation):
            self.region_slugs.add(region.slug)
            if region.code:
                self.regions.setdefault(casefold_words(region.code), region.pk)
            self.regions[casefold_words(region.name)] = region.pk
        self.branch_names: dict[str, int] = {}
        self.branch_codes: dict[str, int] = {}
        self.branch_region: dict[int, int] = {}
        self.branch_slugs: set[str] = set()
        for branch in Branch.objects.filter(organisation=organisation).order_by("pk"):
            self.branch_slugs.add(branch.slug)
            self.branch_region[branch.pk] = branch.region_id
            self.branch_names.setdefault(casefold_words(branch.name), branch.pk)
            if branch.code:
                self.branch_codes.setdefault(casefold_words(branch.code), branch.pk)
        self.branches_created = 0
        self.regions_created = 0
        self._stand_in = 0

    def _new_id(self) -> int:
        self._stand_in -= 1
        return self._stand_in

    def region(self, name: str) -> int:
        key = casefold_words(name)
        if key in self.regions:
            return self.regions[key]
        self.regions_created += 1
        if self.apply:
            pk = Region.objects.create(
                organisation=self.organisation,
                name=name,
                slug=_unique_slug(name, self.region_slugs, "region", 50),
            ).pk
        else:
            pk = self._new_id()
        self.regions[key] = pk
        return pk

    def resolve(self, *, branch: str, branch_code: str, region: str) -> Place:
        """The branch and region a row names (None where it names none)."""
        branch_id = None
        if branch_code:
            branch_id = self.branch_codes.get(casefold_words(branch_code))
        if branch_id is None and branch:
            branch_id = self.branch_names.get(casefold_words(branch))
        if branch_id is not None:
            return Place(branch_id, self.branch_region[branch_id])
        if not branch and not branch_code:
            return Place(None, self.region(region) if region else None)
        if not region:
            return Place(None, None, problem_value=branch or branch_code)
        region_id = self.region(region)
        name = branch or branch_code
        self.branches_created += 1
        if self.apply:
            branch_id = Branch.objects.create(
                organisation=self.organisation,
                region_id=region_id,
                name=name,
                code=branch_code,
                slug=_unique_slug(name, self.branch_slugs, "branch", 60),
            ).pk
        else:
            branch_id = self._new_id()
        self.branch_region[branch_id] = region_id
        self.branch_names.setdefault(casefold_words(name), branch_id)
        if branch_code:
            self.branch_codes[casefold_words(branch_code)] = branch_id
        return Place(branch_id, region_id)
