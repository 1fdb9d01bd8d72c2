"""Branch-reach benchmark: the staff dashboard and the pages around it on a large generated
organisation (issue 5: 1,000,000 persons, 1,000 branches, 500 networks; the dashboard under
200 ms warm, its query count not growing with the data).

    uv run python bench/reach.py --database-url postgres://postgres@127.0.0.1:5432/netvaerk_scale
    uv run python bench/reach.py --persons 20000 --branches 200 --networks 50   # SQLite, quick

What it does, in one process with the project's settings (DEBUG off):
1. migrates the database of `--database-url` (or bench/var/reach.sqlite3), and generates the
   organisation with `netvaerk generate` unless it is there already;
2. times `reach_refresh` (the set-based recomputation the pages read from) — the figures are
   what the dashboard shows, so the timing of the refresh is reported beside the pages';
3. signs a staff person of the organisation in (creating one the first time) and requests
   each page once cold, then `--repeat` times warm with Django's test client, recording the
   time of each request (server side: middleware, view, queries, template) and the number of
   queries;
4. prints a Markdown table with p50/p95/max and queries, and writes it to
   bench/results/reach-<timestamp>.md, marking the issue's target (p95 < 200 ms) met or missed.

A benchmark, not a test: nothing here runs in pytest. The `DATABASE_URL` of your environment is
never used; only the one given with `--database-url`."""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from run import git_commit  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 200.0


def setup(args: argparse.Namespace) -> None:
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    var = ROOT / "bench" / "var"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NETVAERK_VAR_DIR", str(var))
    os.environ["DJANGO_SETTINGS_MODULE"] = "netvaerk.settings"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-reach")
    sys.path[:0] = [str(ROOT / "src")]
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def log(message: str) -> None:
    print(f"[reach {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_data(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from netvaerk.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(slug=args.organisation).exists():
        log(f"generating {args.persons:,} persons (once; reused on later runs)")
        call_command(
            "generate",
            organisation=args.organisation,
            persons=args.persons,
            branches=args.branches,
            networks=args.networks,
            seed=args.seed,
        )


def staff_user(organisation):  # type: ignore[no-untyped-def]
    from netvaerk.accounts.models import User
    from netvaerk.core.access import Actor
    from netvaerk.organisations.models import OrgRole, RoleAssignment
    from netvaerk.organisations.services import role_grant
    from netvaerk.people.models import Person
    from netvaerk.people.services import person_create

    email = f"bench-staff@{organisation.slug}.gen.example.org"
    user, _ = User.objects.get_or_create(email=email)
    person = Person.objects.filter(organisation=organisation, user=user).first()
    if person is None:
        actor = Actor(organisation=organisation)
        person = person_create(actor=actor, name="Bench Staff", email=email, user=user)
    if not RoleAssignment.objects.filter(
        person=person, role=OrgRole.STAFF, ended_at__isnull=True
    ).exists():
        role_grant(actor=Actor(organisation=organisation), person=person, role=OrgRole.STAFF)
    return user


def measure(client, path: str, repeat: int) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connection

    started = time.perf_counter()
    response = client.get(path)
    cold = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    # Counted with an execute wrapper: the request's start resets connection.queries.
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "path": path,
        "cold": cold,
        "p50": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "max": times[-1],
        "queries": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--organisation", default="scale")
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--branches", type=int, default=1_000)
    parser.add_argument("--networks", type=int, default=500)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--skip-refresh", action="store_true", help="use the figures as they are")
    args = parser.parse_args()
    setup(args)

    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from netvaerk.networks.models import Membership, Network
    from netvaerk.organisations.models import Branch, Organisation
    from netvaerk.people.models import Person
    from netvaerk.reach.services.refresh import reach_refresh

    ensure_data(args)
    organisation = Organisation.objects.get(slug=args.organisation)
    persons = Person.objects.filter(organisation=organisation).count()
    memberships = Membership.objects.filter(organisation=organisation).count()
    branches = Branch.objects.filter(organisation=organisation).count()
    networks = Network.objects.filter(organisation=organisation).count()
    user = staff_user(organisation)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("analyze")

    refresh_seconds = None
    if not args.skip_refresh:
        log("reach_refresh …")
        started = time.perf_counter()
        reach_refresh(organisation=organisation)
        refresh_seconds = time.perf_counter() - started
        log(f"reach_refresh took {refresh_seconds:.1f} s")
    # The staff person and the refresh bump no version the pages compare against: record the
    # figures as fresh so that the pages read them rather than queue another refresh.
    from netvaerk.reach.models import ReachState

    organisation.refresh_from_db()
    ReachState.objects.filter(organisation=organisation).update(
        source_version=organisation.content_version
    )

    largest = (
        Network.objects.filter(organisation=organisation)
        .annotate(n=Count("memberships"))
        .order_by("-n")
        .values_list("slug", flat=True)
        .first()
    )
    client = Client()
    client.force_login(user)
    base = f"/{organisation.slug}/reach/"
    paths = [
        base,
        f"{base}?page=3",
        f"{base}branches/",
        f"{base}{largest}/",
        f"{base}{largest}/recruitment/",
    ]
    rows = [measure(client, path, args.repeat) for path in paths]

    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            database += " " + cursor.fetchone()[0]
    commit = git_commit()
    lines = [
        f"# Reach benchmark {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- commit {commit}, {database}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()})",
        f"- organisation `{organisation.slug}`: {persons:,} persons, {branches:,} branches, "
        f"{networks:,} networks, {memberships:,} memberships",
        f"- reach_refresh: {refresh_seconds:.1f} s" if refresh_seconds else "- refresh skipped",
        f"- {args.repeat} warm requests per page with Django's test client (server side: "
        "middleware, view, queries, template), after one cold request",
        "",
        "| page | cold ms | p50 ms | p95 ms | max ms | queries | p95 < 200 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        met = "met" if row["p95"] < TARGET_MS else "**missed**"
        lines.append(
            f"| `{row['path']}` | {row['cold']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{row['max']:.1f} | {row['queries']} | {met} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"reach-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.md"
    out.write_text(text)
    log(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
