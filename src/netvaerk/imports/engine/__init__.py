"""The member-import engine: read a member system's CSV or XLSX export, check every row, and
upsert the persons (with their branches and regions) by member number.

`inspect` says what a file is; `guess_mapping` and `mapping_errors` pair its columns with our
fields (`fields.FIELDS`); `run` checks (a dry run: `apply=False`, which writes only the
per-row report) or imports (`apply=True`, one transaction). The rules for reading a cell are
in `normalise` (and, for PostgreSQL, in SQL in `postgres`); problems are codes that
`messages.describe` turns into sentences.

Member numbers are per organisation, and no data crosses tenants: we never look a number up
in another organisation. A member system that serves several associations exports a column
naming the organisation of each row; rows naming another organisation than this one (its name,
short name or slug, compared case-folded) are rejected as "belongs to another organisation".

Rows are numbered as a spreadsheet shows them: the heading row is 1, the first person 2."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.imports.engine import postgres, python_path
from netvaerk.imports.engine.fields import FIELDS, guess_mapping, mapping_errors
from netvaerk.imports.engine.messages import describe
from netvaerk.imports.engine.source import FileInfo, ImportFileError, inspect, iter_records
from netvaerk.imports.models import ImportJob, ImportRowIssue

__all__ = [
    "FIELDS",
    "FileInfo",
    "ImportFileError",
    "describe",
    "guess_mapping",
    "inspect",
    "mapping_errors",
    "report_rows",
    "run",
]


def _info(job: ImportJob, path: Path) -> FileInfo:
    return FileInfo(
        format=job.file_format,
        size=job.size,
        columns=list(job.columns),
        encoding=job.encoding,
        delimiter=job.delimiter,
    )


def _count_rows(path: Path, info: FileInfo) -> int:
    return sum(1 for record in iter_records(path, info) if any(c.strip() for c in record))


def run(
    job: ImportJob, *, apply: bool, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Check (apply=False) or import (apply=True) the job's file with its mapping.

    Writes the per-row report (`ImportRowIssue`: rejected rows, duplicates, warnings),
    `job.counts` and `job.total_rows`; with apply, creates and updates the persons and any
    branches and regions named, in this one transaction. Returns the counts, and under
    "new_contacts" the ids of persons created who are not members and have an e-mail."""
    with transaction.atomic():
        counts = _run(job, apply=apply, progress=progress)
    # After the commit, which on a large import takes a good part of the time: only now is
    # the import done for whoever watches the bar.
    if progress is not None:
        progress(counts["rows"], counts["rows"])
    return counts


def _run(
    job: ImportJob, *, apply: bool, progress: Callable[[int, int], None] | None
) -> dict[str, Any]:
    errors = mapping_errors(job.mapping, list(job.columns))
    if errors:
        raise ImportFileError(" ".join(errors))
    path = Path(job.file.path)
    info = _info(job, path)
    ImportRowIssue.objects.filter(job=job).delete()
    if connection.vendor == "postgresql" and info.format == "csv":
        result = postgres.run(job, path, info, apply=apply, progress=progress)
    else:
        result = python_path.run(
            job, path, info, apply=apply, progress=progress, total=_count_rows(path, info)
        )
    counts = result.as_counts()
    job.counts = counts
    job.total_rows = counts["rows"]
    job.done_rows = counts["rows"]
    if apply:
        job.finished_at = timezone.now()
    else:
        job.checked_at = timezone.now()
    job.save(update_fields=["counts", "total_rows", "done_rows", "checked_at", "finished_at"])
    if apply:
        person = job.created_by
        log_action(
            actor=Actor(
                organisation=job.organisation,
                person=person,
                user=person.user if person is not None else None,
            ),
            organisation=job.organisation,
            action="imports.imported",
            obj=job,
            data={k: v for k, v in counts.items()},
        )
    return {**counts, "new_contacts": result.new_contacts}


def report_rows(job: ImportJob) -> Iterator[tuple[int, str, str, str]]:
    """(row, outcome, member number, sentence) for every problem of the job's report, in the
    reader's language, for the report's CSV download and the command line."""
    for issue in job.issues.order_by("row").iterator(chunk_size=2000):
        for item in issue.problems:
            yield issue.row, issue.outcome, issue.member_number, describe(item)
