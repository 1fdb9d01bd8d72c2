"""The import row by row in Python: for SQLite (development, tests) and any database that is
not PostgreSQL. The rules are those of `rows` and `normalise`; the PostgreSQL path gives the
same results set-based.

Memory stays bounded: rows are read and decided in batches, and the member numbers seen so
far (to find duplicates within the file) are kept in a temporary table, not in a dict."""

from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import connection

from netvaerk.core.text import casefold_words
from netvaerk.imports.engine.places import Places
from netvaerk.imports.engine.result import PERSON_FIELDS, Result
from netvaerk.imports.engine.rows import Row, organisation_names, problem, read_row
from netvaerk.imports.engine.source import FileInfo, iter_records
from netvaerk.imports.models import ImportJob, ImportRowIssue, RowOutcome
from netvaerk.people.models import Person

BATCH = 2000
SEEN_TABLE = "netvaerk_import_seen"


def _batches(records: Iterator[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    while batch := list(islice(records, BATCH)):
        yield batch


class _Seen:
    """Member numbers met earlier in the file, and the row each was first on."""

    def __enter__(self) -> "_Seen":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {SEEN_TABLE}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {SEEN_TABLE} (member_number varchar(40) PRIMARY KEY, "
                "row_number integer NOT NULL)"
            )
        return self

    def __exit__(self, *exc: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {SEEN_TABLE}")

    def earlier(self, numbers: list[str]) -> dict[str, int]:
        if not numbers:
            return {}
        with connection.cursor() as cursor:
            placeholders = ",".join(["%s"] * len(numbers))
            cursor.execute(
                f"SELECT member_number, row_number FROM {SEEN_TABLE} "  # noqa: S608 - placeholders only
                f"WHERE member_number IN ({placeholders})",
                numbers,
            )
            return dict(cursor.fetchall())

    def add(self, pairs: list[tuple[str, int]]) -> None:
        if pairs:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {SEEN_TABLE} (member_number, row_number) VALUES (%s, %s)",  # noqa: S608 - a constant name
                    pairs,
                )


def _targets(row: Row, place_branch: int | None, place_region: int | None) -> dict[str, Any]:
    """The person's columns the row gives (blank cells give nothing)."""
    values: dict[str, Any] = {}
    for key in ("name", "email", "phone", "language"):
        if getattr(row, key):
            values[key] = getattr(row, key)
    if row.is_member is not None:
        values["is_member"] = row.is_member
    if row.member_since is not None:
        values["member_since"] = row.member_since
    if place_branch is not None:
        values["branch_id"] = place_branch
    if place_region is not None:
        values["region_id"] = place_region
    return values


def run(
    job: ImportJob,
    path: Path,
    info: FileInfo,
    *,
    apply: bool,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> Result:
    organisation = job.organisation
    positions = {field: info.columns.index(column) for field, column in job.mapping.items()}
    own_names = organisation_names(organisation)
    places = Places(organisation, apply=apply)
    result = Result()
    counts = result.counts
    records = ((number, record) for number, record in enumerate(iter_records(path, info), 2))
    with _Seen() as seen:
        for batch in _batches(records):
            rows = [
                read_row(
                    number,
                    record,
                    positions=positions,
                    width=len(info.columns),
                    own_names=own_names,
                )
                for number, record in batch
                if any(cell.strip() for cell in record)
            ]
            valid_numbers = {
                r.member_number
                for r in rows
                if r.member_number and not any(p["field"] == "member_number" for p in r.problems)
            }
            earlier = seen.earlier(sorted(valid_numbers))
            existing = {
                p.member_number: p
                for p in Person.objects.filter(
                    organisation=organisation, member_number__in=valid_numbers
                ).only("member_number", *[f.removesuffix("_id") for f in PERSON_FIELDS])
            }
            issues: list[ImportRowIssue] = []
            creates: list[Person] = []
            updates: list[Person] = []
            new_seen: list[tuple[str, int]] = []
            for row in rows:
                counts["rows"] += 1
                number_ok = row.member_number in valid_numbers and not any(
                    p["field"] == "member_number" for p in row.problems
                )
                first = earlier.get(row.member_number) if number_ok else None
                if number_ok and first is None:
                    earlier[row.member_number] = row.number
                    new_seen.append((row.member_number, row.number))
                if first is not None:
                    row.problems.append(problem("member_number", "duplicate", row=first))
                    counts["duplicates"] += 1
                    issues.append(_issue(job, row, RowOutcome.DUPLICATE))
                    continue
                place = None
                if not row.problems:
                    place = places.resolve(
                        branch=row.branch, branch_code=row.branch_code, region=row.region
                    )
                    if place.problem_value:
                        row.problems.append(
                            problem("branch", "unknown_branch_no_region", value=place.problem_value)
                        )
                if row.problems or place is None:
                    counts["rejected"] += 1
                    issues.append(_issue(job, row, RowOutcome.REJECT))
                    continue
                person = existing.get(row.member_number)
                region_only = place.branch_id is None and place.region_id is not None
                values = _targets(row, place.branch_id, place.region_id)
                if person is None:
                    outcome = RowOutcome.CREATE
                    counts["created"] += 1
                    if apply:
                        fields = {
                            "is_member": True,
                            "language": organisation.language,
                            **values,
                        }
                        creates.append(
                            Person(
                                organisation=organisation,
                                member_number=row.member_number,
                                search_name=casefold_words(row.name),
                                **fields,
                            )
                        )
                else:
                    if (
                        region_only
                        and person.branch_id is not None
                        and places.branch_region.get(person.branch_id) != place.region_id
                    ):
                        # A region alone moves the person out of a branch of another region.
                        values["branch_id"] = None
                    changed = [
                        key for key, value in values.items() if getattr(person, key) != value
                    ]
                    if changed:
                        outcome = RowOutcome.UPDATE
                        counts["updated"] += 1
                        result.changed_fields.update(changed)
                        if apply:
                            for key in changed:
                                setattr(person, key, values[key])
                            person.search_name = casefold_words(person.name)
                            updates.append(person)
                    else:
                        outcome = RowOutcome.UNCHANGED
                        counts["unchanged"] += 1
                if row.warnings:
                    counts["warnings"] += 1
                    issues.append(_issue(job, row, outcome))
            seen.add(new_seen)
            if creates:
                created = Person.objects.bulk_create(creates)
                result.new_contacts.extend(p.pk for p in created if not p.is_member and p.email)
            if updates:
                Person.objects.bulk_update(updates, [*(f for f in PERSON_FIELDS), "search_name"])
            ImportRowIssue.objects.bulk_create(issues)
            if progress is not None:
                progress(counts["rows"], total)
    counts["branches_created"] = places.branches_created
    counts["regions_created"] = places.regions_created
    return result


def _issue(job: ImportJob, row: Row, outcome: str) -> ImportRowIssue:
    return ImportRowIssue(
        job=job,
        row=row.number,
        outcome=outcome,
        member_number=row.member_number[:40],
        problems=row.problems + row.warnings,
    )
