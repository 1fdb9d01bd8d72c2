"""Web benchmark: the network directory and the largest network's page under gunicorn, beside a
bare hello-world view in the same server, loaded by wrk from a second process.

    uv run python bench/run.py                      # SQLite in bench/var/, 100,000 persons
    uv run python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/netvaerk_bench
    uv run python bench/run.py profile              # where one request's time goes (in-process)

Steps: migrate a separate database (bench/var/netvaerk.sqlite3, or --database-url), generate the
organisation with `netvaerk generate` unless it is already there, collectstatic, start gunicorn
(2 sync workers, DEBUG off, 127.0.0.1 only) with bench.settings (the project's settings plus
/bench/hello), check that every URL answers 200, warm up, run wrk on each URL, print a Markdown
table and write it to bench/results/<timestamp>.md, stop gunicorn. Every wait is bounded.
See bench/README.md and BENCHMARKS.md.
"""

# It starts known programs (this Python, gunicorn, wrk, git) with arguments it builds itself.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import datetime
import http.client
import importlib
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DEFAULT_VAR = BENCH / "var"
HOST = "127.0.0.1"
DEFAULT_WSGI = "netvaerk.wsgi:application"
# The benchmark's own key: fixed so that runs are alike; it protects nothing.
SECRET_KEY = "bench-only-secret-key-not-used-anywhere-else-0123456789abcdefghijklmnop"

# Targets from the issue: a page serves at least half the hello-world rate, p95 under 100 ms.
TARGET_RATIO = 0.5
TARGET_P95_MS = 100.0

WRK_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\"requests\": %.0f, \"duration_us\": %.0f, \"bytes\": %.0f, " ..
    "\"errors_connect\": %.0f, \"errors_read\": %.0f, \"errors_write\": %.0f, " ..
    "\"errors_status\": %.0f, \"errors_timeout\": %.0f, \"mean_us\": %.1f, \"max_us\": %.0f, " ..
    "\"p50_us\": %.0f, \"p75_us\": %.0f, \"p90_us\": %.0f, \"p95_us\": %.0f, \"p99_us\": %.0f}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99)))
end
"""

# Run in a child process with the benchmark's environment: what is in the database.
PROBE = r"""
import json, os, sys
import django
django.setup()
from django.db import connection
from django.db.models import Count, Q
from netvaerk.networks.models import Membership, Network, NetworkStatus
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.people.models import Person

slug = sys.argv[1]
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("select sqlite_version()")
    else:
        # Planner statistics, as autovacuum would have them by now on a real server.
        cursor.execute("analyze")
        cursor.execute("show server_version")
    db_version = cursor.fetchone()[0]
out = {"vendor": connection.vendor, "db_version": db_version,
       "django": django.get_version(), "exists": False}
org = Organisation.objects.filter(slug=slug).first()
if org is not None:
    active = Network.objects.filter(organisation=org, status=NetworkStatus.ACTIVE)
    largest = (active.annotate(n=Count("memberships", filter=Q(memberships__status="active")))
               .order_by("-n", "slug").first())
    out.update(
        exists=True,
        name=org.name,
        persons=Person.objects.filter(organisation=org).count(),
        branches=Branch.objects.filter(organisation=org).count(),
        regions=Region.objects.filter(organisation=org).count(),
        networks=Network.objects.filter(organisation=org).count(),
        active_networks=active.count(),
        memberships=Membership.objects.filter(organisation=org).count(),
        active_memberships=Membership.objects.filter(organisation=org, status="active").count(),
        largest=None if largest is None else
            {"slug": largest.slug, "name": largest.name, "members": largest.n},
    )
    # The directory search: a word of a network name that finds some networks, not all.
    texts = list(active.values_list("search_text", flat=True))
    words = sorted({w.strip(".,;:()") for n in active.values_list("name", flat=True)
                    for w in n.casefold().split() if len(w.strip(".,;:()")) >= 4})
    # Aim at about a tenth of the networks; a word in every name is no search at all.
    target = max(2, len(texts) // 10)
    hits = {w: sum(w in t for t in texts) for w in words}
    scored = sorted((abs(n - target), w) for w, n in hits.items() if 0 < n < len(texts))
    scored = scored or sorted((0, w) for w, n in hits.items() if n)
    out["search_word"] = scored[0][1] if scored else ""
    out["search_hits"] = hits.get(out["search_word"], 0)
print("PROBE_JSON " + json.dumps(out))
"""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_env(args: argparse.Namespace, *, allowed_hosts: str = HOST) -> dict[str, str]:
    env = dict(os.environ)
    # An ambient DATABASE_URL must never point the benchmark (and its flush) at a real database.
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    env.update(
        DJANGO_SETTINGS_MODULE=args.settings,
        NETVAERK_VAR_DIR=str(args.var_dir),
        DEBUG="0",
        ALLOWED_HOSTS=allowed_hosts,
        SECRET_KEY=SECRET_KEY,
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(
            filter(None, [str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")])
        ),
    )
    return env


def manage(args: argparse.Namespace, *command: str, timeout: float) -> None:
    log("netvaerk " + " ".join(command))
    subprocess.run(
        [sys.executable, "-m", "netvaerk", *command],
        env=bench_env(args),
        cwd=ROOT,
        check=True,
        timeout=timeout,
    )


def probe(args: argparse.Namespace) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, args.organisation],
        env=bench_env(args),
        cwd=ROOT,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    for line in done.stdout.splitlines():
        if line.startswith("PROBE_JSON "):
            return json.loads(line.removeprefix("PROBE_JSON "))
    raise RuntimeError(f"probe printed no result:\n{done.stdout}\n{done.stderr}")


def prepare(args: argparse.Namespace) -> dict:
    args.var_dir.mkdir(parents=True, exist_ok=True)
    manage(args, "migrate", "--noinput", "-v", "0", timeout=600)
    if args.regenerate:
        manage(args, "flush", "--noinput", timeout=600)
    data = probe(args)
    if not data["exists"]:
        command = [
            "generate",
            "--organisation", args.organisation,
            "--persons", str(args.persons),
            "--branches", str(args.branches),
            "--networks", str(args.networks),
            "--seed", str(args.seed),
        ]  # fmt: skip
        started = time.monotonic()
        manage(args, *command, timeout=args.generate_timeout)
        log(f"generated in {time.monotonic() - started:.0f} s")
        data = probe(args)
        data["generated_in_s"] = round(time.monotonic() - started)
    else:
        log(
            f"organisation {args.organisation!r} already present: {data['persons']} persons "
            "(use --regenerate to start over)"
        )
    if not data["exists"] or not data.get("largest"):
        raise SystemExit(f"organisation {args.organisation!r} has no active network to measure")
    # DEBUG off serves the manifest storage, as in production: it needs collectstatic first.
    manage(args, "collectstatic", "--noinput", "-v", "0", timeout=600)
    return data


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """gunicorn, started in its own process group and always stopped."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.port = free_port()
        self.log_path = args.var_dir / "gunicorn.log"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        command = [
            sys.executable, "-m", "gunicorn", self.args.wsgi,
            "--workers", str(self.args.workers),
            "--worker-class", "sync",
            "--bind", f"{HOST}:{self.port}",
            "--error-logfile", str(self.log_path),
            "--log-level", "warning",
            "--timeout", "60",
        ]  # fmt: skip
        log(f"starting gunicorn ({self.args.workers} sync workers) on {HOST}:{self.port}")
        self.log_file = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            command,
            env=bench_env(self.args),
            cwd=ROOT,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                status, _ = get(self.port, "/bench/hello", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_path}")
            time.sleep(0.2)
        log("gunicorn answers")
        return self

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of the workers
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        log("gunicorn stopped")

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.log_file.close()


def _ticks(path: str, fields: slice) -> int:
    try:
        text = Path(path).read_text()
    except OSError:
        return 0
    if path.endswith("/stat") and path != "/proc/stat":
        text = text.rsplit(")", 1)[1]  # the command name may hold spaces
    return sum(int(v) for v in text.split()[fields])


@dataclass
class CpuSample:
    at: float
    busy: int  # ticks the whole machine was busy
    ours: dict[int, int]  # ticks per process of the system under test


def cpu_sample(server_pid: int, *, database: str = "") -> CpuSample:
    """What the machine and the system under test (gunicorn's master and workers, and with
    PostgreSQL the backends of the benchmark database and the server's own writers) have used
    of the CPUs so far."""
    busy = _ticks("/proc/stat", slice(1, 4)) + _ticks("/proc/stat", slice(6, 9))
    pids = [server_pid]
    try:
        children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text()
        pids += [int(pid) for pid in children.split()]
    except OSError:
        pass
    if database:
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                title = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres") and (
                database in title.split() or any(w in title for w in POSTGRES_SERVICE)
            ):
                pids.append(int(cmdline.parent.name))
    # Fields after the command name: utime and stime are the 12th and 13th.
    ours = {pid: _ticks(f"/proc/{pid}/stat", slice(11, 13)) for pid in set(pids)}
    return CpuSample(time.monotonic(), busy, ours)


POSTGRES_SERVICE = ("checkpointer", "writer", "autovacuum", "logical replication", "stats")


def _ours(before: CpuSample, after: CpuSample) -> int:
    # A process that ended in between is left out; one that started counts from zero.
    return sum(ticks - before.ours.get(pid, 0) for pid, ticks in after.ours.items())


def foreign_cpu(before: CpuSample, after: CpuSample, wrk_seconds: float) -> float | None:
    """Share of the machine's CPU used by processes other than the system under test and
    wrk meanwhile: the benchmark shares the machine, and this says how quiet it was."""
    if not before.busy or not after.busy:
        return None
    hz = os.sysconf("SC_CLK_TCK")
    capacity = (after.at - before.at) * len(os.sched_getaffinity(0))
    other = (after.busy - before.busy - _ours(before, after)) / hz - wrk_seconds
    return max(0.0, other / capacity)


def server_cpu_ms(before: CpuSample, after: CpuSample, requests: float) -> float | None:
    """CPU milliseconds the server (and PostgreSQL) spent per request: unlike requests/s,
    hardly changed by other processes competing for the CPUs."""
    used = _ours(before, after)
    if not used or not requests:
        return None
    return used / os.sysconf("SC_CLK_TCK") / requests * 1000


def wait_quiet(args: argparse.Namespace) -> None:
    """Wait (bounded) for the machine to calm down after migrate, generate, collectstatic or
    whatever else runs on it; the load average is reported either way."""
    deadline = time.monotonic() + args.wait_quiet
    while os.getloadavg()[0] > args.quiet_load and time.monotonic() < deadline:
        log(
            f"load average {os.getloadavg()[0]:.2f} > {args.quiet_load}; waiting "
            f"(at most {deadline - time.monotonic():.0f} s more)"
        )
        time.sleep(15)


def wrk(args: argparse.Namespace, script: Path, url: str, seconds: int) -> dict:
    command = [
        args.wrk, "--latency",
        "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
        "--timeout", "10s", "-s", str(script), url,
    ]  # fmt: skip
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line.removeprefix("BENCH_JSON "))
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            result["errors"] = sum(v for k, v in result.items() if k.startswith("errors_"))
            result["wrk_output"] = done.stdout
            result["wrk_cpu_s"] = wrk_cpu
            return result
    raise RuntimeError(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "nproc": str(
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        ),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            timeout=10,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"],
            cwd=ROOT,
            timeout=30,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty else "")


def tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return ((done.stdout or done.stderr).strip().splitlines() or ["unknown"])[0]


def report(args: argparse.Namespace, data: dict, rows: list[tuple[str, str, dict]]) -> str:
    hello = rows[0][2]["rps"]
    m = machine()
    db = f"{data['vendor']} {data['db_version']}"
    # The same environment variables the server was started with (bench_env passes them on).
    conn_max_age = os.environ.get("CONN_MAX_AGE", "60")
    page_cache = os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "60")
    if args.database_url:
        db += " (" + args.database_url.split("@")[-1] + f", CONN_MAX_AGE={conn_max_age})"
    else:
        where = (
            args.var_dir.relative_to(ROOT) if args.var_dir.is_relative_to(ROOT) else args.var_dir
        )
        db += f" ({where}/netvaerk.sqlite3, WAL, CONN_MAX_AGE={conn_max_age})"
    db += (
        f"; anonymous page cache {page_cache} s"
        if page_cache.strip() not in ("", "0")
        else "; anonymous page cache off (PUBLIC_PAGE_CACHE_SECONDS=0)"
    )
    lines = [
        f"## Web benchmark {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| URL | requests/s | p50 ms | p95 ms | p99 ms | ratio to hello-world "
        "| server CPU ms/request | ratio by CPU | other CPU load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    hello_cpu = rows[0][2]["server_cpu_ms"]
    for label, path, r in rows:
        other = "n/a" if r["foreign_cpu"] is None else f"{r['foreign_cpu']:.0%}"
        cpu = r["server_cpu_ms"]
        cpu_text = "n/a" if cpu is None else f"{cpu:.2f}"
        by_cpu = "n/a" if not cpu or not hello_cpu else f"{hello_cpu / cpu:.2f}"
        lines.append(
            f"| {label} `{path}` | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} "
            f"| {r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['rps'] / hello:.2f} "
            f"| {cpu_text} | {by_cpu} | {other} |"
        )
    lines += ["", "Targets (ratio ≥ 0.5, p95 < 100 ms):", ""]
    for label, _path, r in rows[1:]:
        ratio_ok = r["rps"] / hello >= TARGET_RATIO
        p95_ok = r["p95_us"] / 1000 < TARGET_P95_MS
        lines.append(
            f"- {label}: ratio {r['rps'] / hello:.2f} {'met' if ratio_ok else 'MISSED'}, "
            f"p95 {r['p95_us'] / 1000:.1f} ms {'met' if p95_ok else 'MISSED'}"
        )
    errors = [(label, r) for label, _p, r in rows if r["errors"]]
    if errors:
        lines += ["", "Errors (non-2xx, socket errors, timeouts) during the measurement:", ""]
        lines += [
            f"- {label}: "
            + ", ".join(
                f"{k.removeprefix('errors_')} {v:.0f}"
                for k, v in r.items()
                if k.startswith("errors_") and v
            )
            for label, r in errors
        ]
    largest = data["largest"]
    lines += [
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}; "
        "wrk and gunicorn share these CPUs. *Other CPU load*: the share of all CPUs used by "
        "processes other than gunicorn, wrk (and PostgreSQL) while the URL was measured "
        "(0% on a quiet machine; more means the numbers are pessimistic). *Server CPU "
        "ms/request*: CPU time of gunicorn's processes (and PostgreSQL's) per request, and "
        "*ratio by CPU* hello-world's divided by the page's: what the requests/s ratio tends "
        "to when the server, not the load generator or a neighbour, is what limits",
        f"- Database: {db}",
        f"- Dataset: organisation `{args.organisation}`: {data['persons']:,} persons, "
        f"{data['branches']} branches, {data['regions']} regions, {data['networks']} networks "
        f"({data['active_networks']} active), {data['active_memberships']:,} active memberships "
        f"of {data['memberships']:,}; largest network `{largest['slug']}` with "
        f"{largest['members']:,} active members; search word `{args.query}` finds "
        f"{data['search_hits']} of the active networks",
        f"- Server: gunicorn {args.gunicorn_version}, {args.workers} sync workers, DEBUG off, "
        + (
            "bench.settings (netvaerk.settings + /bench/hello)"
            if args.settings == "bench.settings" and args.wsgi == DEFAULT_WSGI
            else f"experiment: {args.settings}, {args.wsgi}"
        )
        + ", "
        f"Python {m['python']}, "
        f"Django {data['django']}",
        f"- Load: {args.wrk_version.split(' [')[0]}, {args.threads} threads, {args.connections} "
        f"connections, {args.warmup} s warm-up then {args.duration} s per URL, anonymous GET",
        f"- Git commit: {git_commit()}",
    ]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> None:
    args.wrk = args.wrk or shutil.which("wrk")
    if not args.wrk:
        raise SystemExit(
            "wrk is not installed (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk)"
        )
    args.wrk_version = tool_version([args.wrk, "-v"])
    args.gunicorn_version = (
        tool_version([sys.executable, "-m", "gunicorn", "--version"]).split()[-1].strip("()")
    )
    data = prepare(args)
    args.query = args.query or data["search_word"]
    org = args.organisation
    largest = data["largest"]["slug"]
    targets = [
        ("hello-world", "/bench/hello"),
        ("directory", f"/{org}/networks/"),
        ("directory search", f"/{org}/networks/?q={urllib.parse.quote(args.query)}"),
        ("largest network", f"/{org}/networks/{largest}/"),
    ]
    rows: list[tuple[str, str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="netvaerk-bench-") as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_LUA)
        with Server(args) as server:
            assert server.proc is not None
            for _label, path in targets:
                status, body = get(server.port, path)
                if status != 200:
                    raise SystemExit(f"GET {path}: {status}, not 200; see {server.log_path}")
                log(f"GET {path}: 200, {len(body):,} bytes")
            wait_quiet(args)
            database = urllib.parse.urlparse(args.database_url).path.lstrip("/")
            for label, path in targets:
                url = f"http://{HOST}:{server.port}{path}"
                if args.warmup:
                    wrk(args, script, url, args.warmup)
                log(f"measuring {label} {path} for {args.duration} s")
                before = cpu_sample(server.proc.pid, database=database)
                result = wrk(args, script, url, args.duration)
                after = cpu_sample(server.proc.pid, database=database)
                result["foreign_cpu"] = foreign_cpu(before, after, result["wrk_cpu_s"])
                result["server_cpu_ms"] = server_cpu_ms(before, after, result["requests"])
                log(
                    f"  {result['rps']:.0f} requests/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                    f"p95 {result['p95_us'] / 1000:.1f} ms, errors {result['errors']:.0f}"
                )
                rows.append((label, path, result))
    text = report(args, data, rows)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}.md"
    raw = "\n".join(
        f"### {label} {path}\n\n```\n{r['wrk_output'].strip()}\n```\n" for label, path, r in rows
    )
    out.write_text(text + "\n<details><summary>wrk output</summary>\n\n" + raw + "\n</details>\n")
    log(f"written to {out.relative_to(ROOT)}")


PROFILE_FOCUS = (
    r"src/netvaerk/|django/template/(base|defaulttags|loader_tags|library|context)\.py"
    r"|django/templatetags/|django/db/models/(query|sql/compiler)\.py|django/db/backends/"
    r"|django/urls/(base|resolvers)\.py|django/utils/translation/|django/middleware/csrf\.py"
)


def _profile_line(line: str) -> bool:
    text = line.strip()
    return bool(text) and not text.startswith(("Ordered by", "List reduced", "function calls"))


def profile(args: argparse.Namespace) -> None:
    """Where one request's time goes: queries (count, time, slowest) and a cProfile of the
    view, in this process through Django's test client against the benchmark database."""
    os.environ.update(bench_env(args, allowed_hosts=f"{HOST},testserver"))
    if not args.database_url:
        os.environ.pop("DATABASE_URL", None)
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import cProfile
    import io
    import pstats
    import statistics

    import django

    django.setup()
    if args.wsgi != DEFAULT_WSGI:
        # An experiment's WSGI module may patch the application when imported.
        importlib.import_module(args.wsgi.split(":")[0])
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    data = probe(args)
    if not data["exists"]:
        raise SystemExit("no benchmark organisation yet: run `bench/run.py` first")
    org, query = args.organisation, args.query or data["search_word"]
    paths = args.paths or [
        "/bench/hello",
        f"/{org}/networks/",
        f"/{org}/networks/?q={urllib.parse.quote(query)}",
        f"/{org}/networks/{data['largest']['slug']}/",
    ]
    client = Client()
    for path in paths:
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        timings, cpu_timings = [], []
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        print(f"\n=== GET {path}")
        print(
            f"median of {args.repeat}: {statistics.median(timings):.1f} ms in-process "
            f"({statistics.median(cpu_timings):.1f} ms CPU); "
            f"{len(ctx)} queries, {sql_ms:.1f} ms in SQL (of {elapsed:.1f} ms, debug cursor)"
        )
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[: args.top_queries]:
            print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][: args.sql_width]}")
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(args.repeat):
            client.get(path)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        # The project's code, the template engine, the ORM and the database driver: what a
        # page spends beyond what hello-world spends in the middleware.
        stats.sort_stats("cumulative").print_stats(PROFILE_FOCUS, args.top_functions)
        stats.sort_stats("tottime").print_stats(args.top_functions // 2)
        print(f"cProfile of {args.repeat} requests (cumulative, focused; then own time):")
        print("\n".join(line for line in buf.getvalue().splitlines() if _profile_line(line)))
    # What the per-request connection costs: SQLite settings have no CONN_MAX_AGE, so every
    # request in gunicorn opens the file and runs the PRAGMAs in init_command.
    connection.close()
    started = time.perf_counter()
    for _ in range(100):
        connection.ensure_connection()
        connection.close()
    print(
        f"\nopen + init_command + close of a database connection: "
        f"{(time.perf_counter() - started) * 10:.2f} ms "
        f"(CONN_MAX_AGE={connection.settings_dict['CONN_MAX_AGE']})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=["run", "profile"], default="run")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL; default SQLite in --var-dir"
    )
    parser.add_argument(
        "--var-dir",
        type=Path,
        default=DEFAULT_VAR,
        help="NETVAERK_VAR_DIR of the benchmark (SQLite file, static, logs)",
    )
    parser.add_argument("--organisation", default="benchmark", help="slug of the organisation")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--branches", type=int, default=100)
    parser.add_argument("--networks", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--regenerate", action="store_true", help="flush the benchmark database and generate again"
    )
    parser.add_argument("--generate-timeout", type=float, default=3600)
    parser.add_argument(
        "--query", default="", help="directory search word; default a word of a network name"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--duration", type=int, default=20, help="seconds measured per URL")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per URL")
    parser.add_argument("--wrk", default="", help="path of wrk")
    # To try a change without editing the application: another settings module or WSGI
    # callable, importable through PYTHONPATH (the report names both).
    parser.add_argument("--settings", default="bench.settings", help="DJANGO_SETTINGS_MODULE")
    parser.add_argument("--wsgi", default=DEFAULT_WSGI, help="WSGI callable")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=180,
        help="wait at most this many seconds for the load average to fall "
        "below --quiet-load before measuring",
    )
    parser.add_argument("--quiet-load", type=float, default=1.0)
    # profile mode
    parser.add_argument("--paths", nargs="*", help="profile: paths (default: the four measured)")
    parser.add_argument("--repeat", type=int, default=20, help="profile: requests per path")
    parser.add_argument("--top-queries", type=int, default=5)
    parser.add_argument("--top-functions", type=int, default=30)
    parser.add_argument("--sql-width", type=int, default=400)
    args = parser.parse_args()
    args.var_dir = args.var_dir.resolve()
    if args.mode == "profile":
        profile(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
