"""Competence-search benchmark: the search page `/<org>/competences/?q=…` and its filters on a
large generated organisation (issue 6: 1,000,000 persons; under 100 ms p95 on PostgreSQL, the
query count not growing with the data).

    uv run python bench/competences.py --database-url postgres://postgres@127.0.0.1:5432/netvaerk_scale5
    uv run python bench/competences.py --persons 20000 --branches 200 --networks 50  # SQLite

What it does, in one process with the project's settings (DEBUG off):
1. migrates the database of `--database-url` (or bench/var/competences.sqlite3); generates the
   organisation with `netvaerk generate --profiles SHARE` unless it is there already, and if
   it is there but has no competence profiles (generated before issue 6), adds them with
   `netvaerk generate --add-competences --profiles SHARE`; then on PostgreSQL VACUUM ANALYZE
   of the competence tables (indexing leaves two dead versions of every profile) and ANALYZE;
2. signs a member persona in (created the first time: a person of the organisation who is an
   active member of the largest network, with no role, and no profile of their own), so that
   the search applies the visibility rules of an ordinary member ("my networks" profiles of
   that network, "organisation" profiles of everyone, never "nobody");
3. requests each search once cold, then `--repeat` times warm with Django's test client,
   recording the time of each request (server side: middleware, view, queries, template) and
   the number of queries (with an execute wrapper) and the number of hits the page reports;
4. prints a Markdown table with p50/p95/max, queries and hits, and writes it to
   bench/results/competences-<timestamp>.md, marking the target (p95 < 100 ms) met or missed;
   with `--explain`, also EXPLAIN (ANALYZE, BUFFERS) of the slowest search's queries.

A benchmark, not a test: nothing here runs in pytest. The `DATABASE_URL` of your environment is
never used; only the one given with `--database-url`."""

import argparse
import datetime
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from run import git_commit  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 100.0


def setup(args: argparse.Namespace) -> None:
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    var = ROOT / "bench" / "var"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NETVAERK_VAR_DIR", str(var))
    if not args.database_url:
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'competences.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "netvaerk.settings"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-comp")
    sys.path[:0] = [str(ROOT / "src")]
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def log(message: str) -> None:
    print(f"[competences {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_data(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from netvaerk.competences.models import Profile
    from netvaerk.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.filter(slug=args.organisation).first()
    if organisation is None:
        log(f"generating {args.persons:,} persons (once; reused on later runs)")
        call_command(
            "generate",
            organisation=args.organisation,
            persons=args.persons,
            branches=args.branches,
            networks=args.networks,
            seed=args.seed,
            profiles=args.profiles,
        )
    elif not Profile.objects.filter(organisation=organisation).exists() and args.profiles:
        log(f"adding competence profiles to {args.profiles:.0%} of the persons (once)")
        call_command(
            "generate",
            organisation=args.organisation,
            add_competences=True,
            profiles=args.profiles,
            seed=args.seed,
        )


def member_user(organisation):  # type: ignore[no-untyped-def]
    """A person with no role who is an active member of the largest network."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from netvaerk.accounts.models import User
    from netvaerk.core.access import Actor
    from netvaerk.networks.models import Membership, MembershipRole, MembershipStatus, Network
    from netvaerk.people.models import Person
    from netvaerk.people.services import person_create

    email = f"bench-member@{organisation.slug}.gen.example.org"
    user, _ = User.objects.get_or_create(email=email)
    person = Person.objects.filter(organisation=organisation, user=user).first()
    if person is None:
        region_person = Person.objects.filter(organisation=organisation).order_by("pk").first()
        person = person_create(
            actor=Actor(organisation=organisation),
            name="Bench Member",
            email=email,
            user=user,
            branch=region_person.branch if region_person else None,
        )
    largest = (
        Network.objects.filter(organisation=organisation)
        .annotate(n=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)))
        .order_by("-n")
        .first()
    )
    if (
        largest is not None
        and not Membership.objects.filter(
            network=largest, person=person, status=MembershipStatus.ACTIVE
        ).exists()
    ):
        Membership.objects.create(
            organisation=organisation,
            network=largest,
            person=person,
            role=MembershipRole.MEMBER,
            status=MembershipStatus.ACTIVE,
            joined_at=timezone.now(),
            decided_at=timezone.now(),
        )
    return user, largest


def measure(client, path: str, repeat: int) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connection

    started = time.perf_counter()
    response = client.get(path)
    cold = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    hits = _hits(response.content.decode())
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
        "hits": hits,
    }


def _hits(page: str) -> str:
    """The number of results the page reports: "N people found", or "more than N" when the
    search matched more profiles than it ranks."""
    more = re.search(r'<p class="result-count result-more">\D*?([\d.,\u00a0]+)', page)
    if more:
        return f"> {more.group(1).strip()}"
    found = re.search(r'<p class="result-count">([\d.,\s\u00a0]+)', page)
    return found.group(1).strip() if found else "0"


def explain(actor, params_list) -> str:  # type: ignore[no-untyped-def]
    """EXPLAIN (ANALYZE, BUFFERS) of the search's queries for each set of parameters."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netvaerk.competences.selectors.search import search_profiles

    out = []
    for label, params in params_list:
        with CaptureQueriesContext(connection) as captured:
            page = search_profiles(actor=actor, params=params, page=1)
            list(page.object_list)
        for query in captured.captured_queries:
            sql = query["sql"]
            if "competences_profile" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append(
                f"### {label} ({query['time']} s)\n\n```sql\n{sql}\n```\n\n```\n{plan}\n```\n"
            )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--organisation", default="scale")
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--branches", type=int, default=1_000)
    parser.add_argument("--networks", type=int, default=500)
    parser.add_argument("--profiles", type=float, default=0.2, help="share of persons (0–1)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the searches")
    args = parser.parse_args()
    setup(args)

    from django.db import connection
    from django.test import Client

    from netvaerk.competences.models import Profile, ProfileTag, Tag, Visibility
    from netvaerk.networks.models import Membership
    from netvaerk.organisations.models import Organisation, Region
    from netvaerk.people.models import Person

    ensure_data(args)
    organisation = Organisation.objects.get(slug=args.organisation)
    user, network = member_user(organisation)
    if connection.vendor == "postgresql":
        # Indexing rewrites every profile twice (its tags, then its vector): until autovacuum
        # comes by, two dead versions of each row would be read with it. Production tables
        # are vacuumed; measure them so.
        log("vacuum analyze …")
        with connection.cursor() as cursor:
            for table in ("competences_profile", "competences_profiletag", "competences_tag"):
                cursor.execute(f"vacuum analyze {table}")
            cursor.execute("analyze")
    persons = Person.objects.filter(organisation=organisation).count()
    memberships = Membership.objects.filter(organisation=organisation).count()
    profiles = Profile.objects.filter(organisation=organisation)
    n_profiles = profiles.count()
    n_hidden = profiles.filter(visibility=Visibility.NOBODY).count()
    n_links = ProfileTag.objects.filter(organisation=organisation).count()
    n_tags = Tag.objects.filter(organisation=organisation).count()

    def tag_slug(name: str) -> str:
        tag = Tag.objects.filter(organisation=organisation, name=name).first()
        return tag.slug if tag else ""

    region = Region.objects.filter(organisation=organisation).order_by("name").first()
    base = f"/{organisation.slug}/competences/"
    searches = [
        ("one word (a tag)", {"q": "kommuneplan"}),
        ("a common word", {"q": "erfaring"}),
        ("a rare word", {"q": "vandløbsregulativer"}),
        ("two words", {"q": "kommuneplan erfaring"}),
        ("a synonym", {"q": "læserbrev"}),
        ("a person's name", {"q": "jensen"}),
        ("tag filter", {"tag": tag_slug("Pressearbejde")}),
        ("word + tag", {"q": "valg", "tag": tag_slug("Kommunalvalgkamp")}),
        ("region filter", {"region": region.slug if region else ""}),
        ("word + region", {"q": "natur", "region": region.slug if region else ""}),
        ("network filter", {"network": network.slug if network else ""}),
        ("word + network", {"q": "høringssvar", "network": network.slug if network else ""}),
        ("only open", {"q": "frivillige", "open": "on"}),
        ("page 5", {"q": "kommuneplan", "page": "5"}),
    ]
    client = Client()
    client.force_login(user)
    rows = []
    for label, params in searches:
        path = f"{base}?{urlencode(params)}"
        log(f"{label}: {path}")
        row = measure(client, path, args.repeat)
        row["label"] = label
        rows.append(row)

    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            database += " " + cursor.fetchone()[0]
    commit = git_commit()
    lines = [
        f"# Competence search benchmark {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- commit {commit}, {database}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()})",
        f"- organisation `{organisation.slug}`: {persons:,} persons, {memberships:,} "
        f"memberships, {n_profiles:,} competence profiles ({n_hidden:,} hidden) with "
        f"{n_links:,} tags from a vocabulary of {n_tags}",
        f"- searcher: a member with no role, in `{network.slug if network else '-'}`",
        f"- {args.repeat} warm requests per search with Django's test client (server side: "
        "middleware, view, queries, template), after one cold request",
        "",
        "| search | URL | hits | cold ms | p50 ms | p95 ms | max ms | queries | p95 < 100 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        met = "met" if row["p95"] < TARGET_MS else "**missed**"
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['hits']} | {row['cold']:.0f} | "
            f"{row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} | {row['queries']} | {met} |"
        )
    text = "\n".join(lines) + "\n"
    if args.explain and connection.vendor == "postgresql":
        from django.test import RequestFactory

        from netvaerk.competences.forms.search import SearchForm
        from netvaerk.core.access import resolve_actor

        request = RequestFactory().get(base)
        request.user = user
        request.session = {}  # type: ignore[assignment]
        actor = resolve_actor(request, organisation)
        slowest = sorted(rows, key=lambda row: -row["p95"])[:3]
        plans = []
        for row in slowest:
            params = dict(next(p for label, p in searches if label == row["label"]))
            params.pop("page", None)
            form = SearchForm(params, organisation=organisation)
            if form.is_valid():
                plans.append((row["label"], form.params()))
        text += "\n## EXPLAIN ANALYZE of the slowest searches\n\n" + explain(actor, plans)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"competences-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.md"
    out.write_text(text)
    log(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
