"""Denmark's five regions and 98 municipalities (kommuner.csv beside this module), the default
geography of the demo organisations and of generated ones."""

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe"})


def ascii_slug(text: str) -> str:
    """'Høje-Taastrup' -> 'hoeje-taastrup', 'Region Sjælland' -> 'region-sjaelland'."""
    lowered = text.lower().translate(_ASCII)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region_code: str
    region: str

    @property
    def slug(self) -> str:
        return ascii_slug(self.name)


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str

    @property
    def slug(self) -> str:
        """'Region Midtjylland' -> 'midtjylland'."""
        return ascii_slug(self.name.removeprefix("Region "))


@functools.cache
def municipalities() -> tuple[Municipality, ...]:
    text = resources.files(__package__).joinpath("kommuner.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        Municipality(
            code=row["kommunekode"],
            name=row["kommune"],
            region_code=row["regionskode"],
            region=row["region"],
        )
        for row in rows
    )


@functools.cache
def regions() -> tuple[RegionInfo, ...]:
    seen: dict[str, RegionInfo] = {}
    for municipality in municipalities():
        seen.setdefault(
            municipality.region, RegionInfo(code=municipality.region_code, name=municipality.region)
        )
    return tuple(sorted(seen.values(), key=lambda r: r.code))
