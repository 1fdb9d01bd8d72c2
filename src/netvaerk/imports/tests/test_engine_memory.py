"""The import streams its file: the memory it needs does not grow with the number of rows
(issue 7: "memory stays bounded (streaming, not loading the file)"). Measured with
tracemalloc around the public `inspect` and `run`, on a file several times longer than the
other (each spanning several of the engine's batches or chunks); the same test runs on SQLite
(the Python path) and on PostgreSQL (its CSV path)."""

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from netvaerk.imports.engine import inspect, python_path, run
from netvaerk.imports.tests.factories import job_for

pytestmark = pytest.mark.django_db

SHORT, LONG = 1_000, 10_000
# PostgreSQL's path copies the file in chunks of a megabyte (about 10,000 rows here): both of
# its files span more than one.
PG_SHORT, PG_LONG = 12_000, 36_000
# `inspect` reads a file in chunks of a megabyte: its files are longer, to span several.
INSPECT_SHORT, INSPECT_LONG = 20_000, 200_000
# The Python path reads and writes in batches; smaller ones than in production, so that both
# files span many batches and the test stays quick.
TEST_BATCH = 100


def members_file(directory: Path, rows: int) -> Path:
    """A member system's export with `rows` persons, every column the engine reads, and one
    defective row in a hundred so that the report has rows to write."""
    path = directory / f"members-{rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Medlemsnr;Navn;E-mail;Telefon;Afdeling;Region;Medlem;Indmeldt\n")
        for n in range(rows):
            date = "31-02-2020" if n % 100 == 99 else f"{n % 28 + 1:02d}-0{n % 9 + 1}-2019"
            out.write(
                f"M{n:07d};Person Nummer {n};person{n}@example.org;20 {n % 100:02d} 30 40;"
                f"Afdeling {n % 40};Region {n % 5};{'medlem' if n % 3 else 'kontakt'};{date}\n"
            )
    return path


def peak(call: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_inspect_and_run_does_not_grow_with_the_rows(world, tmp_path, monkeypatch):
    monkeypatch.setattr(python_path, "BATCH", TEST_BATCH)
    org = world.organisation
    peaks: dict[str, dict[int, int]] = {"inspect": {}, "check": {}, "import": {}}
    for rows in (INSPECT_SHORT, INSPECT_LONG):
        path = members_file(tmp_path, rows)
        peaks["inspect"][rows] = peak(
            lambda path=path: inspect(path, original_name=path.name, max_bytes=None)
        )
        path.unlink()
    sizes = (PG_SHORT, PG_LONG) if connection.vendor == "postgresql" else (SHORT, LONG)
    for rows in sizes:
        path = members_file(tmp_path, rows)
        job = job_for(org, path)
        peaks["check"][rows] = peak(lambda job=job: run(job, apply=False))
        assert job.counts["rows"] == rows
        peaks["import"][rows] = peak(lambda job=job: run(job, apply=True))
        assert job.counts["rejected"] == rows // 100
    for step, measured in peaks.items():
        short, long = sorted(measured)
        # Many times the rows may cost a little more (the ids of the new contacts the import
        # returns, the database driver's buffers), never anything like ten times the memory:
        # a hundred bytes kept per row would fail this.
        assert measured[long] <= measured[short] * 1.5 + 256_000, (step, measured)
