"""A person's consents as they stand: the latest record of each kind."""

from netvaerk.people.models import Person
from netvaerk.privacy.models import ConsentKind, ConsentRecord


def current_consents(person: Person) -> dict[str, ConsentRecord | None]:
    """Each kind of consent → its latest record, or None when never asked (one query: a
    person's records are few)."""
    current: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentKind.values)
    for record in ConsentRecord.objects.filter(person=person).order_by(
        "kind", "-recorded_at", "-id"
    ):
        if current[record.kind] is None:
            current[record.kind] = record
    return current


def consent_history(person: Person) -> list[ConsentRecord]:
    return list(ConsentRecord.objects.filter(person=person).order_by("-recorded_at", "-id"))
