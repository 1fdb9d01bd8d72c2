"""Invented Danish names for demo and generated persons.

The seeds name real people (network chairs, a secretary, project staff). The demo must never
reproduce them, so their names are listed here and refused by the name generator; the lists
below also leave out the surnames the seeds use."""

import random

from netvaerk.core.demo.geography import ascii_slug

FIRST_NAMES = (
    "Anne", "Hanne", "Lone", "Susanne", "Camilla", "Louise", "Maria", "Sofie", "Ida", "Emma",
    "Freja", "Birgitte", "Lise", "Tina", "Helle", "Malene", "Pia", "Rikke", "Charlotte",
    "Signe", "Line", "Nanna", "Kirsten", "Inger", "Gitte", "Dorthe", "Bente", "Marianne",
    "Astrid", "Cecilie", "Amalie", "Fatima", "Yasmin", "Leyla", "Aisha", "Ulla", "Vibeke",
    "Lars", "Søren", "Henrik", "Thomas", "Martin", "Morten", "Niels", "Jesper", "Rasmus",
    "Anders", "Jakob", "Mads", "Christian", "Kasper", "Frederik", "Mikkel", "Ole", "Bo",
    "Carsten", "Kim", "Allan", "Claus", "Erik", "Hans", "Jørgen", "Kristian", "Simon", "Emil",
    "Mathias", "Tobias", "Ahmed", "Omar", "Ali", "Bjarne", "Flemming", "Troels", "Asger",
)  # fmt: skip

SURNAMES = (
    "Jensen", "Hansen", "Pedersen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
    "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen",
    "Johansen", "Møller", "Mortensen", "Jakobsen", "Lauridsen", "Frandsen", "Holm", "Dahl",
    "Lund", "Bak", "Krog", "Vestergaard", "Kjær", "Bruun", "Damgaard", "Overgaard",
    "Thygesen", "Friis", "Lindberg", "Munk", "Høj", "Koch", "Bech", "Iversen", "Mikkelsen",
    "Eriksen", "Berg", "Winther", "Juhl", "Kaya", "Yilmaz", "Hussein", "Nguyen", "Ravn",
    "Storm", "Østergaard",
)  # fmt: skip

# Danish middle names (mellemnavne), used now and then.
MIDDLE_NAMES = (
    "Holm", "Dahl", "Lund", "Bak", "Krog", "Vestergaard", "Kjær", "Bruun", "Damgaard",
    "Overgaard", "Friis", "Munk", "Høj", "Bech", "Ravn", "Storm", "Østergaard", "Skovgaard",
)  # fmt: skip

# Real people named in the seeds: never to be generated, however the dice fall.
SEED_PERSONS = (
    "Peter Nielsen",
    "Torben Brandi Nielsen",
    "Katrine Skov",
    "Poul Breyen",
    "Karen Klint",
    "Jens Nielsen",
    "Jens Georg Bagge",
    "Johnni Maarup Andersen",
    "Mette Kjærulff",
    "Michael Esmann",
    "Jan Ankler",
    "Jens Anton Tingstrøm Klinken",
    "Jens la Cour",
)

_BLOCKED = frozenset(
    {name.casefold() for name in SEED_PERSONS}
    | {f"{name.split()[0]} {name.split()[-1]}".casefold() for name in SEED_PERSONS}
)


def is_seed_person(name: str) -> bool:
    parts = name.split()
    return name.casefold() in _BLOCKED or (
        len(parts) >= 2 and f"{parts[0]} {parts[-1]}".casefold() in _BLOCKED
    )


class NameMaker:
    """Unique invented names and matching example.org addresses, reproducible from a seed."""

    def __init__(self, rng: random.Random, domain: str) -> None:
        self.rng = rng
        self.domain = domain
        self._names: set[str] = set()
        self._emails: set[str] = set()

    def name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if self.rng.random() < 0.2:
                first, last = name.split()
                middle = self.rng.choice(MIDDLE_NAMES)
                if middle != last:
                    name = f"{first} {middle} {last}"
            if name not in self._names and not is_seed_person(name):
                self._names.add(name)
                return name

    def email(self, name: str) -> str:
        local = ".".join(ascii_slug(part) for part in name.split())
        candidate, n = local, 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}"
        self._emails.add(candidate)
        return f"{candidate}@{self.domain}"
