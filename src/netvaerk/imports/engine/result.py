"""What a run found or did, shared by the Python and the PostgreSQL path."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

COUNT_KEYS = (
    "rows",
    "created",
    "updated",
    "unchanged",
    "rejected",
    "duplicates",
    "warnings",
    "branches_created",
    "regions_created",
)

# The person's columns an import writes, in the order they are compared.
PERSON_FIELDS = (
    "name",
    "email",
    "phone",
    "is_member",
    "member_since",
    "language",
    "branch_id",
    "region_id",
)


@dataclass
class Result:
    counts: Counter[str] = field(default_factory=Counter)
    # Fields that would change (or did), over all updated rows: {"email": 12, …}.
    changed_fields: Counter[str] = field(default_factory=Counter)
    # Persons created who are not members and have an e-mail (the art. 14 notice).
    new_contacts: list[int] = field(default_factory=list)

    def as_counts(self) -> dict[str, Any]:
        return {key: self.counts.get(key, 0) for key in COUNT_KEYS} | {
            "changed_fields": dict(sorted(self.changed_fields.items()))
        }
