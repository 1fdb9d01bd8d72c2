# ruff: noqa: S608 - the floor's statements are built from constants and an integer id
"""Member-import benchmark (issue 7): importing 1,000,000 rows on PostgreSQL must run at no
less than 0.3x the rows/s of a raw COPY of the same file into a plain table.

    uv run python bench/imports.py --database-url postgres://postgres@127.0.0.1:5432/netvaerk_importbench

1. generates (or reuses) bench/var/members-<rows>.csv: a member system's export with
   realistic columns (member number, name, e-mail, phone, branch, region, status, date);
2. times a raw `COPY` of the file into a plain table of text columns (no indexes) — the
   fastest the server can take the file in;
3. creates a fresh organisation and times `engine.run(job, apply=True)` on the same file
   (inspect not included: it is the same read for both);
4. prints rows/s of each and the ratio, writes bench/results/imports-<timestamp>.md; with
   `--statements`, also the seconds of every statement and of each progress report (the end
   of each step; the time after the last one is the commit's foreign-key checks);
5. with `--floor`, measures what writing the imported rows costs with no reading, checking or
   deciding at all — the same rows, ready, copied from the persons just imported, each way in
   a transaction that is rolled back: (a) `INSERT … SELECT` into `people_person` as it is,
   and its foreign-key checks (`SET CONSTRAINTS ALL IMMEDIATE`); (b) the fastest bulk path
   PostgreSQL offers: into a bare copy of the table, then its indexes built once and its
   foreign keys validated once. The best ratio any import could reach is raw COPY / floor.

A benchmark, not a test. The `DATABASE_URL` of your environment is never used."""

import argparse
import datetime
import os
import platform
import random
import sys
import time
from pathlib import Path

from run import git_commit  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET = 0.3


def setup(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    var = ROOT / "bench" / "var"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NETVAERK_VAR_DIR", str(var))
    os.environ["DJANGO_SETTINGS_MODULE"] = "netvaerk.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-imp")
    sys.path[:0] = [str(ROOT / "src")]
    import django

    django.setup()


def log(message: str) -> None:
    print(f"[imports {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def make_file(rows: int) -> Path:
    from netvaerk.core.demo.geography import municipalities
    from netvaerk.core.demo.names import FIRST_NAMES, SURNAMES

    path = ROOT / "bench" / "var" / f"members-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(7)  # noqa: S311 - synthetic data
    places = list(municipalities())
    start = datetime.date(1990, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(
            "Medlemsnr;Fornavn;Efternavn;E-mail;Mobil;Afdeling;Region;Medlemsstatus;Indmeldt\n"
        )
        for n in range(1, rows + 1):
            place = rng.choice(places)
            joined = start + datetime.timedelta(days=rng.randrange(12000))
            file.write(
                f"{n:07d};{rng.choice(FIRST_NAMES)};{rng.choice(SURNAMES)};"
                f"person{n}@bench.example.org;{rng.randrange(20000000, 99999999)};"
                f"{place.name};{place.region};{'medlem' if rng.random() < 0.9 else 'kontakt'};"
                f"{joined:%d-%m-%Y}\n"
            )
    return path


def raw_copy(path: Path) -> float:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_members")
        cursor.execute(
            "CREATE TABLE bench_raw_members (" + ", ".join(f"c{i} text" for i in range(9)) + ")"
        )
    started = time.perf_counter()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY bench_raw_members FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')"
        ) as copy,
        path.open("rb") as file,
    ):
        while chunk := file.read(1 << 20):
            copy.write(chunk)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_members")
    return elapsed


class StatementTimer:
    """Django's execute wrapper: the seconds of every statement of the import, for the
    breakdown per step (`--statements`)."""

    def __init__(self) -> None:
        self.timings: list[tuple[float, str]] = []
        # (seconds since the start, done, total) at each progress report: the end of a step.
        self.steps: list[tuple[float, int, int]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings.append((time.perf_counter() - started, " ".join(str(sql).split())))

    def report(self) -> str:
        lines = ["| seconds since start | progress |", "|---:|---:|"]
        lines += [f"| {at:.2f} | {done:,} of {total:,} |" for at, done, total in self.steps]
        lines += ["", "| seconds | statement |", "|---:|---|"]
        for seconds, sql in self.timings:
            if seconds >= 0.01:
                lines.append(f"| {seconds:.2f} | `{sql[:110]}` |")
        return "\n".join(lines)


def engine_import(path: Path, timer: StatementTimer | None = None) -> tuple[float, dict]:
    import contextlib

    from django.core.files import File
    from django.db import connection

    from netvaerk.imports.engine import guess_mapping, inspect, run
    from netvaerk.imports.models import ImportJob
    from netvaerk.organisations.models import Organisation

    slug = f"importbench-{int(time.time())}"
    org = Organisation.objects.create(slug=slug, name=f"Import bench {slug}")
    info = inspect(path, original_name=path.name, max_bytes=None)
    job = ImportJob(
        organisation=org,
        original_name=path.name,
        size=info.size,
        file_format=info.format,
        encoding=info.encoding,
        delimiter=info.delimiter,
        columns=info.columns,
        mapping=guess_mapping(info.columns, {}),
    )
    with path.open("rb") as file:
        job.file.save(path.name, File(file), save=False)
    job.save()
    try:
        wrapper = (
            connection.execute_wrapper(timer) if timer is not None else contextlib.nullcontext()
        )
        with wrapper:
            started = time.perf_counter()

            def progress(done: int, total: int) -> None:
                if timer is not None:
                    timer.steps.append((time.perf_counter() - started, done, total))

            counts = run(job, apply=True, progress=progress)
            elapsed = time.perf_counter() - started
    finally:
        job.file.delete(save=False)
    return elapsed, counts


FLOOR_INDEXES = (
    "PRIMARY KEY (id)",
    "UNIQUE (organisation_id, member_number)",
    "(organisation_id, name)",
    "(organisation_id, branch_id)",
    "(organisation_id, region_id)",
    "(branch_id)",
    "(region_id)",
    "(user_id)",
)
FLOOR_FOREIGN_KEYS = (
    ("organisation_id", "organisations_organisation"),
    ("branch_id", "organisations_branch"),
    ("region_id", "organisations_region"),
)


def floor(organisation_id: int) -> list[tuple[str, float]]:
    """The seconds of writing the organisation's persons again, ready, two ways (rolled back).

    Each way copies the rows to a temporary table first (not timed), so that reading them is
    not part of the write; member numbers get a prefix so that they do not collide."""
    from django.db import connection, transaction

    columns = (
        "organisation_id, user_id, member_number, name, email, phone, branch_id, region_id, "
        "is_member, show_contact_details, language, member_since, search_name, created_at"
    )
    ready = columns.replace("member_number", "'x' || member_number")
    timings: list[tuple[str, float]] = []

    def timed(label: str, cursor, sql: str) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        cursor.execute(sql)
        timings.append((label, time.perf_counter() - started))
        log(f"floor: {label}: {timings[-1][1]:.2f} s")

    class Rollback(Exception):
        pass

    for way in ("live", "bulk"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute(
                    "CREATE TEMPORARY TABLE floor_rows ON COMMIT DROP AS "
                    f"SELECT {ready} FROM people_person WHERE organisation_id = {organisation_id}"
                )
                if way == "live":
                    timed(
                        "(a) INSERT into people_person (its 9 indexes)",
                        cursor,
                        f"INSERT INTO people_person ({columns}) SELECT * FROM floor_rows",
                    )
                    timed(
                        "(a) its foreign-key checks (at commit in an import)",
                        cursor,
                        "SET CONSTRAINTS ALL IMMEDIATE",
                    )
                else:
                    cursor.execute(
                        "CREATE TABLE floor_bare (LIKE people_person INCLUDING DEFAULTS "
                        "INCLUDING IDENTITY)"
                    )
                    timed(
                        "(b) INSERT into a bare copy (no index, no constraint)",
                        cursor,
                        f"INSERT INTO floor_bare ({columns}) SELECT * FROM floor_rows",
                    )
                    for index in FLOOR_INDEXES:
                        sql = (
                            f"ALTER TABLE floor_bare ADD {index}"
                            if index[0] != "("
                            else f"CREATE INDEX ON floor_bare {index}"
                        )
                        timed(f"(b) build {index}", cursor, sql)
                    for column, table in FLOOR_FOREIGN_KEYS:
                        timed(
                            f"(b) validate the foreign key {column}",
                            cursor,
                            f"ALTER TABLE floor_bare ADD FOREIGN KEY ({column}) "
                            f"REFERENCES {table} (id)",
                        )
                raise Rollback
        except Rollback:
            pass
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--statements", action="store_true", help="time every statement of the import too"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time writing the imported rows, ready, into the person table (rolled back)",
    )
    args = parser.parse_args()
    setup(args)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    path = make_file(args.rows)
    log(f"file {path.name}: {path.stat().st_size / 1e6:.0f} MB")
    copy_s = raw_copy(path)
    log(f"raw COPY: {copy_s:.2f} s")
    timer = StatementTimer() if args.statements else None
    import_s, counts = engine_import(path, timer)
    log(f"import: {import_s:.2f} s")
    copy_rate, import_rate = args.rows / copy_s, args.rows / import_s
    ratio = import_rate / copy_rate
    verdict = "met" if ratio >= TARGET else "MISSED"
    now = datetime.datetime.now(datetime.UTC)
    report = "\n".join(
        [
            f"# Member import, {args.rows:,} rows ({now:%Y-%m-%d %H:%M} UTC)",
            "",
            f"commit {git_commit()}, {platform.node()}, Python {platform.python_version()}",
            "",
            "| step | seconds | rows/s |",
            "|---|---:|---:|",
            f"| raw COPY into a plain table | {copy_s:.2f} | {copy_rate:,.0f} |",
            f"| engine.run(apply=True) | {import_s:.2f} | {import_rate:,.0f} |",
            "",
            f"Ratio {ratio:.2f} (target ≥ {TARGET}): {verdict}.",
            "",
            "Counts: "
            + ", ".join(
                f"{k} {v}" for k, v in counts.items() if k not in {"new_contacts", "changed_fields"}
            ),
        ]
    )
    if args.floor:
        from netvaerk.organisations.models import Organisation

        org_id = Organisation.objects.filter(slug__startswith="importbench-").latest("pk").pk
        timings = floor(org_id)
        lines = [
            "",
            "",
            "Floor: writing the same rows, ready (no reading, checking or deciding), rolled back:",
            "",
            "| step | seconds |",
            "|---|---:|",
            *(f"| {label} | {seconds:.2f} |" for label, seconds in timings),
        ]
        for way, prefix in (("into the live table", "(a)"), ("bulk path", "(b)")):
            total = sum(s for label, s in timings if label.startswith(prefix))
            lines.append(
                f"| **{prefix} {way}, in all** | **{total:.2f}** (best possible ratio "
                f"{copy_s / total:.2f}) |"
            )
        report += "\n".join(lines)
    if timer is not None:
        report += "\n\nStatements of the import (10 ms or more):\n\n" + timer.report()
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"imports-{datetime.datetime.now(datetime.UTC):%Y%m%d-%H%M%S}.md"
    out.write_text(report + "\n")
    log(f"written {out}")


if __name__ == "__main__":
    main()
