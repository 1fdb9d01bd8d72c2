"""The demo: both organisations, their logins and every workflow in a state to look at, loaded
once for the module (and rolled back) — the competence list of issue 6 included, so that the
slow load happens once."""

import io
import socket
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from netvaerk.accounts.models import User
from netvaerk.competences.models import (
    Availability,
    Profile,
    ProfileTag,
    RequestEventKind,
    RequestStatus,
    SparringRequest,
    Tag,
    TagStatus,
    Visibility,
)
from netvaerk.competences.search.index import FTS_TABLE
from netvaerk.competences.search.text import stems
from netvaerk.competences.selectors.requests import network_queue, networks_run_by
from netvaerk.core.access import Actor, today
from netvaerk.core.demo import DEMO_PASSWORD, DemoResult, logins
from netvaerk.core.demo.names import SEED_PERSONS, is_seed_person
from netvaerk.networks.models import CoordinatorMandate, Membership, MembershipStatus, Network
from netvaerk.networks.selectors import current_mandate_filter, mandates_needing_reminder
from netvaerk.organisations.models import Branch, Organisation, RoleAssignment
from netvaerk.people.models import Person

# Seed 000's directory: each network with its audience, verbatim, and its chair's region.
SEED_NETWORKS = {
    "Arbejdsmarkedspolitisk netværk": (
        "For alle med engagement og interesse indenfor det arbejdsmarkeds og "
        "beskæftigelsesmæssige – herunder tillidsvalgte i fagbevægelsen.",
        "Region Midtjylland",
    ),
    "Boligpolitisk netværk": (
        "For alle med engagement og interesse indenfor det boligpolitisk – herunder "
        "beboervalgte repræsentanter i de almennyttige boligselskaber.",
        "Region Midtjylland",
    ),
    "Helganetværket": (
        "For alle med engagement og interesse for at få flere kvinder i politik.",
        "Region Hovedstaden",
    ),
    "Internationalt netværk": (
        "For alle med engagement og interesse indenfor det internationale politiske arbejde.",
        "Region Hovedstaden",
    ),
    "Kirkepolitisk netværk": (
        "For alle med engagement og interesse indenfor det kirkepolitiske – herunder "
        "medlemmer af menighedsrådene.",
        "Region Syddanmark",
    ),
    "Kulturpolitisk netværk": (
        "For alle med engagement og interesse indenfor kultur- og fritidslivet.",
        "Region Hovedstaden",
    ),
    "PES-aktivisterne": (
        "For alle med engagement og interesse for PES og EU-politik.",
        "Region Sjælland",
    ),
    "Regnbuenetværket": (
        "For alle med engagement og interesse for LGBTQ+ politik.",
        "Region Hovedstaden",
    ),
    "Social- og sundhedsnetværk": (
        "For alle med engagement og interesse indenfor social- og sundhedspolitik.",
        "Region Nordjylland",
    ),
    "Uddannelsespolitisk netværk": (
        "For alle med engagement og interesse indenfor det uddannelsespolitiske – herunder "
        "medlemmer af skolebestyrelser mv.",
        "Region Sjælland",
    ),
}


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the tests of this module, and roll it back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                output = run_demo()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield output
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


@pytest.mark.django_db
def test_both_organisations_with_their_vocabulary(demo_output):
    sd, dn = org("socialdemokratiet"), org("dn")
    assert (sd.name, sd.term_branch, sd.term_branches) == (
        "Socialdemokratiet",
        "partiforening",
        "partiforeninger",
    )
    assert (sd.term_board, sd.term_office) == ("Hovedbestyrelsen", "Partikontoret")
    assert dn.name == "Danmarks Naturfredningsforening"
    assert (dn.term_branch, dn.term_board, dn.term_office) == (
        "afdeling",
        "Hovedbestyrelsen",
        "Sekretariatet",
    )
    assert not sd.require_mfa_for_officers
    assert not dn.require_mfa_for_officers
    assert Branch.objects.filter(organisation=sd).count() == 98
    aarhus = Branch.objects.get(organisation=sd, slug="aarhus")
    assert (aarhus.name, aarhus.region.name) == ("Socialdemokratiet i Aarhus", "Region Midtjylland")
    assert Branch.objects.get(organisation=sd, slug="hoeje-taastrup").name == (
        "Socialdemokratiet i Høje-Taastrup"
    )


@pytest.mark.django_db
def test_the_ten_seed_networks(demo_output):
    sd = org("socialdemokratiet")
    # A proposed network (from the demo's proposal to start one) is not in the directory.
    central_and_international = {
        n.name: n
        for n in Network.objects.filter(organisation=sd, central__isnull=True).exclude(
            status="proposed"
        )
    }
    assert set(central_and_international) == set(SEED_NETWORKS)
    for name, (audience, region) in SEED_NETWORKS.items():
        network = central_and_international[name]
        assert network.audience == audience
        assert network.region.name == region
        assert "årlig konference" in network.purpose
        chair = network.memberships.get(status="active", role="chair").person
        assert chair.region.name == region, name
        assert chair.name not in SEED_PERSONS
        assert network.mandates.filter(current_mandate_filter(today())).count() == 1
    international = central_and_international["Internationalt netværk"]
    assert (international.kind, international.region.name) == ("regional", "Region Hovedstaden")
    others = [n for n in central_and_international.values() if n is not international]
    assert {n.kind for n in others} == {"central"}


@pytest.mark.django_db
def test_party_extras(demo_output):
    sd = org("socialdemokratiet")
    regional = Network.objects.get(organisation=sd, central__slug="bolig")
    assert (regional.kind, regional.region.name) == ("regional", "Region Midtjylland")
    helga = Network.objects.get(organisation=sd, name="Helganetværket")
    assert helga.join_policy == "approval"
    assert helga.memberships.filter(status="requested").count() == 2
    assert Network.objects.filter(organisation=sd, channels__kind="facebook").count() >= 2
    assert Membership.objects.filter(organisation=sd, share_contact_with_leads=True).exists()
    assert Membership.objects.filter(organisation=sd, status="left").exists()
    assert Person.objects.filter(organisation=sd).count() >= 50
    # A coordinator term ends within 30 days, so the board's reminder has something to send.
    due = mandates_needing_reminder(today=today(), days_ahead=30).filter(organisation=sd)
    assert due.count() == 1
    for mandate in CoordinatorMandate.objects.filter(organisation=sd):
        assert mandate.decision_reference.startswith("Hovedbestyrelsens møde ")


@pytest.mark.django_db
def test_dn_branches_and_kpn_reach(demo_output):
    dn = org("dn")
    branches = Branch.objects.filter(organisation=dn)
    assert 88 <= branches.count() <= 94
    assert all(b.name.startswith("DN ") for b in branches)
    kpn = Network.objects.get(organisation=dn, slug="kpn")
    assert kpn.name == "Kommunalpolitisk netværk (KPN)"
    represented = set(
        branches.filter(
            persons__memberships__network=kpn, persons__memberships__status="active"
        ).values_list("name", flat=True)
    )
    assert 28 <= len(represented) <= 32
    assert {"DN Ikast-Brande", "DN Odder", "DN Horsens"} <= represented
    assert 55 <= branches.count() - len(represented) <= 65
    leads = kpn.memberships.filter(status="active", role__in=["chair", "coordination"])
    assert 4 <= leads.count() <= 6
    assert Network.objects.filter(organisation=dn).count() >= 3


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["socialdemokratiet", "dn"])
def test_one_login_per_role(demo_output, slug):
    organisation = org(slug)
    chaired = Network.objects.get(
        organisation=organisation, slug="bolig" if slug == "socialdemokratiet" else "kpn"
    )

    def person(local: str) -> Person:
        user = authenticate(email=f"{local}@{slug}.example.org", password=DEMO_PASSWORD)
        assert user is not None, local
        assert user.emailaddress_set.get().verified
        return Person.objects.get(organisation=organisation, user=user)

    def roles(p: Person) -> set[str]:
        return set(
            RoleAssignment.objects.filter(person=p, ended_at__isnull=True).values_list(
                "role", "branch__organisation__slug"
            )
        )

    assert roles(person("admin")) == {("org_admin", None)}
    assert roles(person("staff")) == {("staff", None)}
    assert roles(person("board")) == {("board", None)}
    assert roles(person("branch")) == {("branch_lead", slug)}
    chair = person("chair")
    assert [(m.network, m.role) for m in chair.memberships.filter(status="active")] == [
        (chaired, "chair")
    ]
    member = person("member")
    assert [(m.network, m.role) for m in member.memberships.filter(status="active")] == [
        (chaired, "member")
    ]
    coordinator = person("coordinator")
    current = CoordinatorMandate.objects.filter(current_mandate_filter(today()), person=coordinator)
    assert [m.network for m in current] == [chaired]
    for p in (chair, member, coordinator):
        assert p.language == "da"


@pytest.mark.django_db
def test_logins_are_printed(demo_output):
    assert DEMO_PASSWORD in demo_output
    assert "http://127.0.0.1:8000/" in demo_output
    for login in logins():
        line = next(line for line in demo_output.splitlines() if login.email in line)
        assert login.role in line
        assert login.organisation in line
    assert len(logins()) == 16


@pytest.mark.django_db
def test_every_address_is_invented(demo_output):
    emails = [*Person.objects.values_list("email", flat=True)]
    emails += User.objects.values_list("email", flat=True)
    emails += Organisation.objects.values_list("contact_email", flat=True)
    emails += Network.objects.values_list("contact_email", flat=True)
    assert emails
    assert all(email.endswith("example.org") for email in emails if email)
    from netvaerk.networks.models import NetworkProposal
    from netvaerk.notifications.models import OutgoingEmail

    proposers = NetworkProposal.objects.values_list("proposer_email", flat=True)
    assert all(email.endswith("example.org") for email in proposers)
    # The demo seeds history; nobody is e-mailed about it.
    assert not OutgoingEmail.objects.exists()
    names = set(Person.objects.values_list("name", flat=True))
    assert not names & set(SEED_PERSONS)
    assert not [name for name in names if is_seed_person(name)]
    assert not Person.objects.exclude(phone="").exists()


@pytest.mark.django_db
def test_running_twice_changes_nothing(demo_output, settings):
    settings.DEBUG = True
    before = row_counts()
    output = run_demo()
    assert row_counts() == before
    assert "already exists" in output


@pytest.mark.django_db
def test_refuses_without_debug(settings):
    settings.DEBUG = False
    before = row_counts()
    with pytest.raises(CommandError, match="DEBUG"):
        run_demo()
    assert row_counts() == before


@pytest.mark.django_db
def test_force_runs_without_debug(settings, monkeypatch):
    settings.DEBUG = False
    loaded = []
    monkeypatch.setattr(
        "netvaerk.core.management.commands.demo.load_demo",
        lambda: loaded.append(True) or DemoResult(existing=["socialdemokratiet", "dn"]),
    )
    output = run_demo("--force")
    assert loaded == [True]
    assert "admin@dn.example.org" in output


@pytest.mark.django_db
def test_serves_with_a_worker_that_stops_with_the_server(monkeypatch, settings):
    settings.DEBUG = True
    workers, served = [], []

    class FakeWorker:
        def __init__(self, args):
            self.args = args
            self.terminated = False
            workers.append(self)

        def terminate(self):
            self.terminated = True

        def wait(self, timeout=None):
            return 0

    def fake_call_command(name, *args, **kwargs):
        served.append((name, args, kwargs))

    monkeypatch.setattr("netvaerk.core.management.commands.demo.subprocess.Popen", FakeWorker)
    monkeypatch.setattr("netvaerk.core.management.commands.demo.load_demo", lambda: DemoResult())
    monkeypatch.setattr("netvaerk.core.management.commands.demo.call_command", fake_call_command)
    monkeypatch.setattr(
        "netvaerk.core.management.commands.demo._check_port_free", lambda host, port: None
    )
    call_command("demo", "--host", "0.0.0.0", "--port", "8123", stdout=io.StringIO())
    [worker] = workers
    assert worker.args[1:] == ["-m", "netvaerk", "db_worker", "--no-reload"]
    assert worker.terminated
    assert served[0][0] == "migrate"
    assert served[-1] == ("runserver", ("0.0.0.0:8123",), {"use_reloader": False})


@pytest.mark.django_db
def test_a_busy_port_is_refused_before_the_worker_starts(monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.setattr("netvaerk.core.management.commands.demo.load_demo", lambda: DemoResult())
    monkeypatch.setattr(
        "netvaerk.core.management.commands.demo.subprocess.Popen",
        lambda args: pytest.fail("the worker must not start"),
    )
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CommandError, match="Cannot serve"):
            call_command("demo", "--port", str(port), stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["socialdemokratiet", "dn"])
def test_every_board_workflow_in_every_state(demo_output, slug):
    from netvaerk.governance.models import BoardRequest, Proposal, RulesOfProcedure
    from netvaerk.networks.models import NetworkProposal
    from netvaerk.reports.models import AnnualReport

    organisation = org(slug)
    mine = {"organisation": organisation}
    assert set(Proposal.objects.filter(**mine).values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "considering",
        "adopted",
        "adopted_changed",
        "rejected",
        "withdrawn",
    }
    today_ = today()
    overdue = Proposal.objects.filter(**mine, status="considering", answer_due__lt=today_)
    assert overdue.count() == 1
    assert "approved" in set(
        RulesOfProcedure.objects.filter(**mine).values_list("status", flat=True)
    )
    assert BoardRequest.objects.filter(**mine, status="open", deadline__lt=today_).exists()
    assert BoardRequest.objects.filter(**mine, status="answered").exists()
    assert set(NetworkProposal.objects.filter(**mine).values_list("status", flat=True)) == {
        "questions",
        "with_board",
    }
    last_year = today_.year - 1
    reports = AnnualReport.objects.filter(network__organisation=organisation, year=last_year)
    assert set(reports.values_list("status", flat=True)) == {"draft", "submitted"}


@pytest.mark.django_db
def test_the_party_has_returned_and_waiting_rules(demo_output):
    from netvaerk.governance.models import RulesOfProcedure

    statuses = set(
        RulesOfProcedure.objects.filter(organisation=org("socialdemokratiet")).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"approved", "returned", "submitted"}


def _links(html: str, prefix: str) -> set[str]:
    import re

    return {
        href.replace("&amp;", "&")
        for href in re.findall(r'href="([^"]+)"', html)
        if href.startswith(prefix) and not href.endswith((".ics",))
    }


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["socialdemokratiet", "dn"])
@pytest.mark.parametrize("login", ["board", "staff", "chair"])
def test_a_board_meetings_business_opens_without_an_error(client, demo_output, slug, login):
    """Walk the demo as the board, the office and a chair: every page three clicks from the
    board's overview (or the chair's network) answers, downloads included."""
    user = User.objects.get(email=f"{login}@{slug}.example.org")
    client.force_login(user)
    prefix = f"/{slug}/"
    start = f"/{slug}/board/" if login != "chair" else None
    if start is None:
        network = Network.objects.get(
            memberships__person__user=user, memberships__role="chair", memberships__status="active"
        )
        start = f"/{slug}/networks/{network.slug}/"
    seen: set[str] = set()
    frontier = {start}
    for _depth in range(3):
        found: set[str] = set()
        for path in sorted(frontier - seen):
            seen.add(path)
            response = client.get(path)
            assert response.status_code == 200, f"{login}: {path} answered {response.status_code}"
            if response.get("Content-Type", "").startswith("text/html"):
                found |= _links(response.content.decode(), prefix)
            else:
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                assert body, path
        frontier = found
    assert len(seen) > 10
    if login == "board":
        # The annual reports, as the board downloads them.
        assert any(path.endswith("/report.pdf") for path in seen)
        assert any(path.endswith("/report.docx") for path in seen)


# --- meetings ------------------------------------------------------------------------------


def _kpn():
    return Network.objects.get(organisation=org("dn"), slug="kpn")


@pytest.mark.django_db
def test_the_seed_webinar_series_at_its_four_dates(demo_output):
    import datetime
    import zoneinfo

    from netvaerk.meetings.models import EventSeries

    series = EventSeries.objects.get(network=_kpn())
    events = list(series.events.order_by("starts_at"))
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    assert [e.starts_at.astimezone(copenhagen).replace(tzinfo=None) for e in events] == [
        datetime.datetime(2023, 9, 12, 19, 0),
        datetime.datetime(2023, 10, 25, 19, 0),
        datetime.datetime(2024, 1, 31, 19, 0),
        datetime.datetime(2024, 3, 20, 19, 0),
    ]
    assert all(e.local_end.time() == datetime.time(20, 30) for e in events)
    assert {(e.audience, e.status, e.format) for e in events} == {("members", "held", "virtual")}
    assert "midtvejsseminar" in events[0].title.lower()
    assert "Aabenraa" in events[0].description
    for event in events:
        registered = event.registrations.filter(status="confirmed").count()
        assert 25 <= registered <= 45
        came = event.attendances.count()
        assert event.headcount == came
        assert came < registered + 2  # some registered did not come
        assert event.minutes
    # Announced twice in "DN Aktiv", and by e-mail.
    first = events[0]
    assert first.newsletters.filter(status="sent").count() == 2
    assert first.newsletters.filter(title="DN Aktiv – september 2023").exists()
    assert first.announcements.exists()


@pytest.mark.django_db
def test_most_who_came_to_the_series_are_kpn_members(demo_output):
    from netvaerk.meetings.models import Event
    from netvaerk.meetings.selectors.attendance import by_membership

    kpn = _kpn()
    members = others = 0
    for event in Event.objects.filter(series__network=kpn):
        groups = {group.key: group for group in by_membership(event, kpn)}
        members += groups["members"].attended
        others += groups["others"].attended
    assert others > 0
    assert 0.65 <= members / (members + others) <= 0.9


@pytest.mark.django_db
def test_conference_budgets_and_a_waiting_list(demo_output):
    from netvaerk.meetings.models import ConferenceBudget, Registration

    kpn = _kpn()
    budgets = ConferenceBudget.objects.filter(event__network=kpn)
    waiting = budgets.get(status="submitted")
    assert waiting.event.starts_at > waiting.submitted_at
    assert set(waiting.lines.values_list("decision", flat=True)) == {"pending"}
    assert waiting.lines.filter(category="travel", coverage="not_covered").exists()
    assert waiting.event.sessions.count() >= 4
    assert waiting.event.sessions.filter(speakers__name__gt="").exists()
    held = budgets.get(status="decided")
    assert held.event.status == "held"
    over = [
        line
        for line in held.lines.exclude(actual_amount=None)
        if line.actual_amount > (line.approved_amount or line.amount)
    ]
    assert len(over) == 1
    assert Registration.objects.filter(organisation=org("dn"), status="waiting").exists()
    sd_budget = ConferenceBudget.objects.get(event__network__slug="bolig")
    assert sd_budget.status == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["socialdemokratiet", "dn"])
def test_upcoming_and_past_events_in_both_organisations(demo_output, slug):
    from django.utils import timezone

    from netvaerk.meetings.models import Event

    events = Event.objects.filter(organisation=org(slug))
    upcoming = events.filter(starts_at__gt=timezone.now(), status="scheduled")
    assert {"meeting", "webinar", "conference"} <= set(upcoming.values_list("kind", flat=True))
    assert upcoming.filter(registrations__person__user__email=f"member@{slug}.example.org")
    held = events.filter(status="held")
    assert held.filter(attendances__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["socialdemokratiet", "dn"])
@pytest.mark.parametrize("login", ["chair", "member", "staff", "coordinator"])
def test_every_login_finds_events(client, demo_output, slug, login):
    client.force_login(User.objects.get(email=f"{login}@{slug}.example.org"))
    response = client.get(f"/{slug}/events/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) >= 2


@pytest.mark.django_db
def test_the_meeting_pages_open_for_the_right_logins(client, demo_output):
    from netvaerk.meetings.models import ConferenceBudget, Event

    kpn = _kpn()
    first = Event.objects.filter(series__network=kpn).order_by("starts_at").first()
    budget = ConferenceBudget.objects.get(event__network=kpn, status="submitted")
    pages = {
        "chair": [
            f"/dn/events/{first.pk}/",
            f"/dn/events/{first.pk}/attendance/summary/",
            f"/dn/events/{budget.event_id}/budget/",
        ],
        "coordinator": [f"/dn/events/{first.pk}/attendance/summary/"],
        "member": [f"/dn/events/{budget.event_id}/"],
        "staff": [
            f"/dn/events/{budget.event_id}/budget/",
            "/dn/newsletters/",
            f"/dn/events/{first.pk}/attendance/summary/",
        ],
    }
    for login, paths in pages.items():
        client.force_login(User.objects.get(email=f"{login}@dn.example.org"))
        for path in paths:
            assert client.get(path).status_code == 200, (login, path)
    newsletters = client.get("/dn/newsletters/").content.decode()
    assert "DN Aktiv – september 2023" in newsletters


# --- reach and the programme of seed 002 -----------------------------------------------------


def _programme():
    from netvaerk.programmes.models import Programme

    return Programme.objects.get(organisation=org("dn"), slug="lokalpolitik")


@pytest.mark.django_db
def test_the_seed_programme_with_its_goal_hierarchy(demo_output):
    import datetime

    from netvaerk.core.demo.meetings import SERIES_TITLE

    programme = _programme()
    assert programme.name == "Lokalpolitisk interessevaretagelse"
    assert (programme.starts_on, programme.ends_on) == (
        datetime.date(2023, 3, 1),
        datetime.date(2025, 12, 31),
    )
    assert programme.network == _kpn()
    assert [s.title for s in programme.series.all()] == [SERIES_TITLE]
    owners = list(programme.owners.all())
    assert len(owners) == 2
    assert "staff@dn.example.org" in {p.email for p in owners}
    for person in owners:
        assert person.email.endswith("@dn.example.org")
        assert person.role_assignments.filter(role="staff", ended_at=None).exists()
        assert not is_seed_person(person.name)

    def titles(level: str) -> list[str]:
        return [g.title for g in programme.goals.filter(level=level)]

    assert titles("purpose") == [
        "Afdelingerne udvikles metodisk og organisatorisk, så de får en øget lokalpolitisk "
        "gennemslagskraft"
    ]
    assert titles("goal") == [
        "En kultur og praksis om proaktiv lokalpolitisk interessevaretagelse",
        "Aktiv deltagelse i det kommunalpolitiske netværk fra mere end en tredjedel af "
        "afdelingerne",
    ]
    subgoals = titles("subgoal")
    assert len(subgoals) >= 3
    assert any("mærkesager" in title for title in subgoals)
    assert any("Fem udvalgte afdelinger" in title for title in subgoals)


@pytest.mark.django_db
def test_the_programmes_indicators_computed_and_entered_by_hand(demo_output):
    from netvaerk.programmes.models import Indicator

    indicators = Indicator.objects.filter(goal__programme=_programme())
    computed = {i.source: i for i in indicators.exclude(source="manual")}
    assert set(computed) == {
        "network_reach",
        "network_members",
        "focus_accepted",
        "series_attendance",
    }
    reach = computed["network_reach"]
    assert (reach.unit, reach.target) == ("percent", Decimal("33.4"))
    assert reach.goal.title.startswith("Aktiv deltagelse")
    assert computed["focus_accepted"].target == 5
    seminars = indicators.get(
        name="Afdelinger, der har holdt midtvejsseminar for lokalpolitikere", source="manual"
    )
    days = list(seminars.values.values_list("measured_on", flat=True))
    assert len(days) >= 3
    assert {day.year for day in days} == {2023, 2024}


@pytest.mark.django_db
def test_the_indicators_read_live_figures_at_once(demo_output):
    from netvaerk.programmes.selectors.indicators import indicator_statuses

    statuses = {s.indicator.source: s for s in indicator_statuses(programme=_programme())}
    assert 30 <= statuses["network_reach"].value <= 35
    assert statuses["network_reach"].met is False  # near one third, not yet more
    assert statuses["focus_accepted"].value == 3
    assert statuses["series_attendance"].value > 30
    assert statuses["network_members"].value > 30


@pytest.mark.django_db
def test_kpn_reach_near_one_third_on_the_dashboards_figures(demo_output):
    from netvaerk.reach.selectors.figures import network_reach, reach_settings

    dn = org("dn")
    settings = reach_settings(dn)
    assert (settings.basis, settings.goal_percent) == ("member", Decimal("33.4"))
    kpn = network_reach(dn, settings, _kpn())
    assert kpn is not None
    assert kpn.goal_source == "network"
    assert kpn.reach.goal == Decimal("33.4")
    assert 30 <= kpn.reach.share <= 35
    assert 55 <= kpn.reach.total - kpn.reach.taking_part <= 65
    assert kpn.reach.met is False
    assert kpn.reach.branches_to_goal == 1
    # The party's figures are counted too.
    assert network_reach(
        org("socialdemokratiet"),
        reach_settings(org("socialdemokratiet")),
        Network.objects.get(organisation=org("socialdemokratiet"), slug="bolig"),
    )


@pytest.mark.django_db
def test_the_focused_support_track_three_accepted_and_two_hesitant(demo_output):
    from netvaerk.programmes.models import SupportedBranch

    programme = _programme()
    assert list(programme.criteria.values_list("text", flat=True)) == [
        "Afdelingsledelsen støtter op om aktiviteten",
        "Afdelingen står over for aktuelle muligheder eller udfordringer, der kan bruges som case",
    ]
    supported = SupportedBranch.objects.filter(programme=programme)
    by_status = {
        status: {s.branch.name for s in supported.filter(status=status)}
        for status in ("accepted", "hesitant")
    }
    assert by_status["accepted"] == {"DN Ikast-Brande", "DN Odder", "DN Horsens"}
    assert len(by_status["hesitant"]) == 2
    assert supported.count() == 5
    for branch in supported:
        assert branch.focus_theme == "Mærkesagerne for 2024–25"
        assert branch.criteria.count() == 2
        entries = branch.case_entries.all()
        assert {e.kind for e in entries} >= {"status"}
        assert len(entries) >= 3
        assert {e.happened_on.year for e in entries} == {2023}
    odder = supported.get(branch__name="DN Odder")
    assert odder.contact.email == "branch@dn.example.org"
    assert {e.kind for e in odder.case_entries.all()} >= {"meeting", "agreement"}


@pytest.mark.django_db
def test_kpns_recruitment_pipeline_at_every_stage(demo_output):
    from netvaerk.reach.models import BranchReach, RecruitmentEntry
    from netvaerk.reach.selectors.recruitment import eligible_owners

    kpn = _kpn()
    entries = RecruitmentEntry.objects.filter(network=kpn)
    assert 8 <= entries.count() <= 10
    stages = list(entries.values_list("stage", flat=True))
    assert {"contacted", "interested", "declined", "joined"} <= set(stages)
    assert stages.count("joined") == 1
    owners = set(eligible_owners(network=kpn, today=today()).values_list("pk", flat=True))
    assert all(entry.owner_id in owners for entry in entries)
    open_ = entries.filter(stage__in=["not_contacted", "contacted", "interested"])
    assert open_.filter(next_step_on__lt=today()).exists()  # overdue
    assert open_.filter(next_step_on__gte=today()).exists()
    assert all(entry.notes.exists() for entry in entries)
    joined = entries.get(stage="joined")
    assert BranchReach.objects.filter(network=kpn, branch=joined.branch).exists()
    others = entries.exclude(stage="joined").values_list("branch", flat=True)
    assert not BranchReach.objects.filter(network=kpn, branch__in=others).exists()


@pytest.mark.django_db
def test_the_status_report_to_the_board_as_in_the_seed(demo_output):
    import datetime

    from netvaerk.programmes.models import StatusReport

    report = StatusReport.objects.get(programme=_programme())
    assert report.status == "draft"
    assert (report.item_number, report.date) == ("5.1", datetime.date(2023, 10, 9))
    assert report.board_meeting == "Hovedbestyrelsen – møde d. 1. november 2023"
    assert (report.period_start, report.period_end) == (
        datetime.date(2023, 3, 1),
        datetime.date(2023, 10, 9),
    )
    assert report.title == "Status på projekt for lokalpolitisk interessevaretagelse"
    assert set(report.contacts.all()) == set(_programme().owners.all())
    assert report.introduction.startswith("Projektbeskrivelse og målhierarki")
    assert "12. september 2023" in report.general_support
    assert "DN Ikast-Brande, DN Odder og DN Horsens" in report.focused_support
    assert "ca. 60 afdelinger" in report.network_text


@pytest.mark.django_db
def test_staff_reads_reach_recruitment_programme_and_downloads_the_report(client, demo_output):
    from netvaerk.programmes.models import StatusReport
    from netvaerk.reports.tests.helpers import docx_text, pdf_text

    client.force_login(User.objects.get(email="staff@dn.example.org"))
    report = StatusReport.objects.get(programme=_programme())
    base = "/dn/programmes/lokalpolitik/"
    for path in (
        "/dn/reach/",
        "/dn/reach/kpn/",
        "/dn/reach/kpn/recruitment/",
        base,
        f"{base}support/",
        f"{base}support/odder/",
        f"{base}reports/",
        f"{base}reports/{report.pk}/",
    ):
        assert client.get(path).status_code == 200, path
    # Which branches to recruit next: soonest next step first, and the overdue ones.
    entries = report.programme.network.recruitment.select_related("branch")
    soonest = client.get("/dn/reach/kpn/recruitment/?sort=next").content.decode()
    for entry in entries.exclude(stage="joined"):
        assert entry.branch.name in soonest
    overdue = client.get("/dn/reach/kpn/recruitment/?overdue=1").content.decode()
    late = entries.filter(stage__in=["contacted", "interested"], next_step_on__lt=today())
    assert late
    for entry in entries.exclude(stage="joined"):
        assert (entry.branch.name in overdue) == (entry in late), entry.branch.name
    for path in (f"{base}reports/{report.pk}/report.pdf", f"{base}report.pdf"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "5.1" in text
        assert "Status på projekt for lokalpolitisk interessevaretagelse" in text
        assert "DN Ikast-Brande" in text
    response = client.get(f"{base}reports/{report.pk}/report.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Status på projekt for lokalpolitisk interessevaretagelse" in text
    assert "Hovedbestyrelsen – møde d. 1. november 2023" in text


@pytest.mark.django_db
def test_the_board_sees_reach_and_the_programme_but_not_the_draft_or_recruitment(
    client, demo_output
):
    from netvaerk.programmes.models import StatusReport

    client.force_login(User.objects.get(email="board@dn.example.org"))
    report = StatusReport.objects.get(programme=_programme())
    base = "/dn/programmes/lokalpolitik/"
    for path in ("/dn/reach/", "/dn/reach/kpn/", base, f"{base}support/"):
        assert client.get(path).status_code == 200, path
    # The pipeline's notes name people: only those who recruit and the office read them.
    assert client.get("/dn/reach/kpn/recruitment/").status_code == 403
    # The report is the office's draft until it is sent to the board.
    for path in (f"{base}reports/{report.pk}/", f"{base}reports/{report.pk}/report.pdf",
                 f"{base}report.pdf"):  # fmt: skip
        assert client.get(path).status_code in (403, 404), path


@pytest.mark.django_db
def test_kpns_chair_recruits_and_odders_lead_sees_its_support(client, demo_output):
    client.force_login(User.objects.get(email="chair@dn.example.org"))
    assert client.get("/dn/reach/kpn/recruitment/").status_code == 200
    assert client.get("/dn/programmes/lokalpolitik/").status_code in (403, 404)
    client.force_login(User.objects.get(email="branch@dn.example.org"))
    assert client.get("/dn/programmes/lokalpolitik/support/odder/").status_code == 200
    assert client.get("/dn/programmes/lokalpolitik/support/horsens/").status_code in (403, 404)
    assert client.get("/dn/reach/kpn/recruitment/").status_code == 403


# --- the competence list in the demo (issue 6) -----------------------------------------

ORGANISATIONS = ("socialdemokratiet", "dn")
CHAIRED = {"socialdemokratiet": "bolig", "dn": "kpn"}
SEED_COMPETENCES = (
    "Kommuneplanlægning",
    "Naturbeskyttelsesloven",
    "Pressearbejde",
    "Kommunalvalgkamp",
)


def matching(word: str) -> set[int]:
    """Profile ids whose search document holds a stem beginning with the word's stem (as in
    competences/tests/test_search_index.py)."""
    (stem,) = stems(word, "danish")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM competences_profile "
                "WHERE search_vector @@ to_tsquery('danish', %s)",
                [f"{stem}:*"],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f'"{stem}"*']
            )
        return {row[0] for row in cursor.fetchall()}


def _login(slug: str, local: str) -> Person:
    return Person.objects.get(organisation__slug=slug, email=f"{local}@{slug}.example.org")


def actor(person: Person) -> Actor:
    return Actor(organisation=person.organisation, person=person)


def network(slug: str) -> Network:
    return Network.objects.get(organisation__slug=slug, slug=CHAIRED[slug])


def network_tags(slug: str) -> set[str]:
    """The competences on the visible profiles of the network's active members."""
    return set(
        ProfileTag.objects.filter(
            profile__person__memberships__network=network(slug),
            profile__person__memberships__status="active",
            tag__status=TagStatus.ACTIVE,
        )
        .exclude(profile__visibility=Visibility.NOBODY)
        .values_list("tag__name", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_both_organisations_have_a_curated_vocabulary_with_one_suggestion_waiting(
    demo_output, slug
):
    tags = Tag.objects.filter(organisation__slug=slug)
    active = tags.filter(status=TagStatus.ACTIVE)
    assert active.count() >= 15
    assert active.filter(synonyms__isnull=False).distinct().count() >= 12
    assert "Pressearbejde" in set(active.values_list("name", flat=True))
    suggested = tags.get(status=TagStatus.SUGGESTED)
    assert suggested.suggested_by is not None
    assert suggested.profiles.filter(person=suggested.suggested_by).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_both_organisations_have_varied_profiles(demo_output, slug):
    profiles = Profile.objects.filter(organisation__slug=slug)
    assert 30 <= profiles.count() <= 45
    for local in ("chair", "coordinator", "member"):
        profile = Profile.objects.get(person=_login(slug, local))
        assert 1 <= profile.tags.count() <= 5
        assert profile.summary.startswith("Jeg ")
    for profile in profiles.prefetch_related("tags"):
        assert 1 <= len(profile.tags.all()) <= 5
        assert profile.summary
        assert "{" not in profile.summary
        assert "da" in profile.languages
        assert profile.region_id == profile.person.region_id
    availability = list(profiles.values_list("availability", flat=True))
    assert availability.count(Availability.OPEN) > len(availability) / 2
    assert 1 <= availability.count(Availability.PAUSED) <= 3
    assert availability.count(Availability.SOMETIMES) >= 2
    visibility = list(profiles.values_list("visibility", flat=True))
    assert visibility.count(Visibility.ORGANISATION) > len(visibility) / 2
    assert visibility.count(Visibility.NETWORKS) >= 1
    assert 1 <= visibility.count(Visibility.NOBODY) <= 2
    assert len(set(profiles.values_list("region", flat=True))) == 5
    assert len(set(profiles.values_list("summary", flat=True))) == profiles.count()


@pytest.mark.django_db
def test_every_profile_knows_its_persons_networks(demo_output):
    """The demo's memberships come and go after profiles are made; each profile's network
    set (what the search tests) still equals its person's active memberships."""
    profiles = Profile.objects.filter(organisation__slug__in=ORGANISATIONS)
    assert any(profile.network_ids for profile in profiles)
    for profile in profiles:
        active = Membership.objects.filter(
            person_id=profile.person_id, status=MembershipStatus.ACTIVE
        ).values_list("network_id", flat=True)
        assert profile.network_ids == sorted(set(active)), profile


@pytest.mark.django_db
def test_kpns_list_covers_the_seed_competences_and_is_thin_elsewhere(demo_output):
    covered = network_tags("dn")
    assert set(SEED_COMPETENCES) <= covered
    vocabulary = set(
        Tag.objects.filter(organisation__slug="dn", status=TagStatus.ACTIVE).values_list(
            "name", flat=True
        )
    )
    thin = vocabulary - covered
    assert thin == {"Vandplaner", "Naturformidling"}
    # Other networks' members know what KPN lacks.
    assert Profile.objects.filter(organisation__slug="dn", tags__name="Vandplaner").exists()
    kpn_profiles = Profile.objects.filter(
        person__memberships__network=network("dn"), person__memberships__status="active"
    )
    assert 20 <= kpn_profiles.count() <= 35
    assert kpn_profiles.values("region").distinct().count() == 5
    # Most of the coordination group is on the list.
    leads = network("dn").memberships.filter(status="active", role="coordination")
    assert Profile.objects.filter(person__in=leads.values("person")).count() >= 3


@pytest.mark.django_db
def test_the_party_network_has_its_own_list(demo_output):
    assert "Boligpolitik" in network_tags("socialdemokratiet")
    networks_with_profiles = (
        Network.objects.filter(
            organisation__slug="socialdemokratiet",
            memberships__status="active",
            memberships__person__competence_profile__isnull=False,
        )
        .distinct()
        .count()
    )
    assert networks_with_profiles >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_every_request_state_is_present(demo_output, slug):
    requests = SparringRequest.objects.filter(organisation__slug=slug)
    assert set(requests.values_list("status", flat=True)) == set(RequestStatus.values)
    member, chair = _login(slug, "member"), _login(slug, "chair")
    assert requests.filter(recipient=member, status=RequestStatus.OPEN).exists()
    assert requests.filter(requester=member, status=RequestStatus.ACCEPTED).exists()
    closed = requests.get(recipient=chair, status=RequestStatus.CLOSED)
    assert closed.outcome
    assert closed.events.filter(kind=RequestEventKind.ACCEPTED).exists()
    passed = requests.get(events__kind=RequestEventKind.PASSED_ON)
    assert passed.network == network(slug)
    assert passed.status == RequestStatus.OPEN
    assert passed.recipient is not None
    assert requests.filter(status=RequestStatus.DECLINED, network__isnull=True).exists()
    assert requests.filter(status=RequestStatus.WITHDRAWN).exists()
    for sparring in requests:
        assert sparring.requester_id != sparring.recipient_id
        assert sparring.subject
        assert sparring.question


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_chair_and_coordinator_see_the_network_queue(demo_output, slug):
    queued = network_queue(network=network(slug))
    assert len(queued) == 1
    for local in ("chair", "coordinator"):
        runs = networks_run_by(actor=actor(_login(slug, local)))
        assert [(n.slug, n.waiting) for n in runs] == [(CHAIRED[slug], 1)]
        assert actor(_login(slug, local)).can("competences.assign_request", queued[0])
    assert not actor(_login(slug, "member")).can("competences.view_request", queued[0])


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_the_logins_find_their_requests_on_the_requests_page(client, demo_output, slug):
    client.force_login(User.objects.get(email=f"member@{slug}.example.org"))
    received = client.get(f"/{slug}/competences/requests/")
    assert received.status_code == 200
    assert len(received.context["page"].object_list) == 1
    sent = client.get(f"/{slug}/competences/requests/?tab=sent")
    assert [r.status for r in sent.context["page"].object_list] == [RequestStatus.ACCEPTED]
    client.force_login(User.objects.get(email=f"chair@{slug}.example.org"))
    queue = client.get(f"/{slug}/competences/requests/?network={CHAIRED[slug]}")
    assert queue.status_code == 200
    (waiting,) = queue.context["page"].object_list
    assert waiting.subject in queue.content.decode()
    closed = SparringRequest.objects.get(
        organisation__slug=slug, recipient__user__email=f"chair@{slug}.example.org"
    )
    page = client.get(f"/{slug}/competences/requests/{closed.pk}/")
    assert page.status_code == 200
    assert closed.outcome in page.content.decode()


@pytest.mark.django_db
def test_the_search_index_holds_the_profiles(demo_output):
    dn = set(Profile.objects.filter(organisation__slug="dn").values_list("pk", flat=True))
    party = set(
        Profile.objects.filter(organisation__slug="socialdemokratiet").values_list("pk", flat=True)
    )
    planners = matching("kommuneplan")
    assert len(planners & dn) >= 5
    assert not planners & party
    # A synonym of a tag finds its profiles, and so does a word of a summary.
    assert len(matching("presse") & dn) >= 4
    assert matching("valgkamp") & party
    assert len(matching("almene") & party) >= 3
    assert matching("høringssvar") & dn
    assert all(Profile.objects.get(pk=pk).search_tags for pk in dn | party)


# --- member data and privacy in the demo (issue 7) -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_privacy_at_is_the_data_protection_staff_named_in_a_complete_notice(
    client, demo_output, slug
):
    from netvaerk.privacy.models import PrivacySettings

    user = authenticate(email=f"privacy@{slug}.example.org", password=DEMO_PASSWORD)
    assert user is not None
    person = Person.objects.get(organisation__slug=slug, user=user)
    assert set(
        RoleAssignment.objects.filter(person=person, ended_at__isnull=True).values_list(
            "role", flat=True
        )
    ) == {"data_protection"}
    found = PrivacySettings.objects.get(organisation__slug=slug)
    details = (
        found.controller_name,
        found.controller_address,
        found.controller_email,
        found.controller_cvr,
        found.dpo_name,
        found.dpo_email,
        found.notice_text,
    )
    assert all(details)
    assert (found.dpo_name, found.dpo_email) == (person.name, person.email)
    page = client.get(f"/{slug}/privacy/")
    assert page.status_code == 200
    text = page.content.decode()
    for detail in (found.controller_name, found.controller_cvr, found.dpo_email):
        assert detail in text


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_consents_retention_rules_and_requests(demo_output, slug):
    from netvaerk.privacy.models import (
        ConsentRecord,
        DataRequest,
        RequestKind,
        RetentionKind,
        RetentionRule,
    )
    from netvaerk.privacy.models import RequestStatus as DataRequestStatus

    consents = ConsentRecord.objects.filter(organisation__slug=slug)
    profiles = Profile.objects.filter(organisation__slug=slug)
    listed = consents.filter(kind="competence_list", given=True, channel="web")
    assert set(listed.values_list("person", flat=True)) == set(
        profiles.values_list("person", flat=True)
    )
    assert consents.filter(kind="newsletter", given=True).count() >= 10
    assert consents.filter(kind="newsletter", given=False).count() == 2
    on_paper = consents.filter(channel="letter")
    assert on_paper.exists()
    assert all(record.recorded_by.email.startswith("privacy@") for record in on_paper)

    rules = RetentionRule.objects.filter(organisation__slug=slug, active=True)
    assert set(rules.values_list("kind", flat=True)) == set(RetentionKind.values)

    requests = DataRequest.objects.filter(organisation__slug=slug)
    done = requests.get(kind=RequestKind.ACCESS)
    assert done.status == DataRequestStatus.DONE
    assert done.outcome
    assert done.handled_by.email.startswith("privacy@")
    waiting = requests.get(kind=RequestKind.ERASURE)
    assert (waiting.status, waiting.channel) == (DataRequestStatus.OPEN, "phone")
    assert waiting.person is not None


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_a_finished_import_with_its_per_row_report(client, demo_output, slug):
    from netvaerk.imports.models import ImportJob, ImportStatus

    job = ImportJob.objects.get(organisation__slug=slug)
    assert job.status == ImportStatus.DONE
    assert job.finished_at is not None
    assert not job.file  # the uploaded file is let go once imported
    assert job.created_by.email == f"staff@{slug}.example.org"
    assert job.counts["created"] == 8
    assert job.counts["rejected"] + job.counts.get("duplicates", 0) >= 3
    reported = set(job.issues.values_list("row", flat=True))
    assert {6, 7, 8} <= reported
    imported = Person.objects.filter(organisation__slug=slug, member_number__startswith="D-")
    assert imported.count() == 8
    assert imported.filter(is_member=False).count() == 2
    assert imported.get(member_number="D-10004").branch.code == "727"
    client.force_login(User.objects.get(email=f"staff@{slug}.example.org"))
    for path in (
        f"/{slug}/people/import/",
        f"/{slug}/people/import/{job.pk}/",
        f"/{slug}/people/import/{job.pk}/report/",
    ):
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_the_privacy_pages_open_for_privacy_at(client, demo_output, slug):
    from django.urls import reverse

    from netvaerk.privacy.models import DataRequest

    client.force_login(User.objects.get(email=f"privacy@{slug}.example.org"))
    org_ = {"org": slug}
    paths = [
        reverse(name, kwargs=org_)
        for name in (
            "privacy:notice",
            "privacy:settings",
            "privacy:requests",
            "privacy:request_new",
            "accesslog:index",
            "retention:index",
            "mydata:index",
            "seenby:index",
        )
    ]
    for request in DataRequest.objects.filter(organisation__slug=slug):
        paths.append(reverse("privacy:request", kwargs={**org_, "request_id": request.pk}))
        paths.append(reverse("privacy:person", kwargs={**org_, "person_id": request.person_id}))
    for path in paths:
        assert client.get(path).status_code == 200, path
    retention = client.get(reverse("retention:index", kwargs=org_)).content.decode()
    assert "24" in retention


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_member_at_sees_that_the_chair_and_the_office_looked(client, demo_output, slug):
    from netvaerk.privacy.models import AccessEntry, AccessKind

    member = User.objects.get(email=f"member@{slug}.example.org")
    chair = Person.objects.get(organisation__slug=slug, user__email=f"chair@{slug}.example.org")
    staff = Person.objects.get(organisation__slug=slug, user__email=f"staff@{slug}.example.org")
    entries = AccessEntry.objects.filter(organisation__slug=slug, persons__person__user=member)
    assert set(entries.values_list("viewer_person", "kind")) == {
        (chair.pk, AccessKind.LIST),
        (staff.pk, AccessKind.EXPORT),
    }
    client.force_login(member)
    page = client.get(f"/{slug}/me/seen-by/").content.decode()
    assert chair.name in page
    assert staff.name in page
