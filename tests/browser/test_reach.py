"""Branch reach and programmes in a real browser: the office asks for fresh figures on the
dashboard and watches the status fragment report the update done (htmx polling, the worker
in between); a chair moves a branch along the recruitment pipeline without leaving the page;
and every page of the issue passes axe-core on a phone and a desk.

The browser speaks Danish, and the Danish catalogue covers these pages, so the tests find
things by URL, name and id rather than by English words."""

import datetime
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import PHONE, check_page

from netvaerk.meetings.tests.factories import EventSeriesFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.models import Branch
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.models import IndicatorSource, IndicatorUnit
from netvaerk.programmes.tests.factories import (
    CaseEntryFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
    SelectionCriterionFactory,
    StatusReportFactory,
    SupportedBranchFactory,
)
from netvaerk.reach.models import ReachSettings, ReachState, RecruitmentEntry, RecruitmentStage
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import RecruitmentEntryFactory
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _ready(page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


def _reach_world():
    """The test world with two more branches, one of them represented, a goal, and figures."""
    world = make_world()
    org = world.organisation
    represented = BranchFactory(organisation=org, region=world.region, slug="odder")
    BranchFactory(organisation=org, region=world.region, slug="horsens", name="Branch Horsens")
    MembershipFactory(
        network=world.network, person=PersonFactory(organisation=org, branch=represented)
    )
    ReachSettings.objects.create(organisation=org, goal_percent=Decimal("33.4"))
    reach_refresh(organisation=org)
    return world


def test_the_office_updates_the_figures_and_sees_the_update_done(
    new_session, log_in, axe, run_worker
):
    world = _reach_world()
    session = new_session()
    log_in(session, world.user("staff"))
    page = session.new_page()

    page.goto("/org/reach/")
    _ready(page)
    expect(page.locator("img.chart").first).to_be_visible()
    expect(page.locator("table.reach-networks tbody tr")).to_have_count(2)
    check_page(page, session, axe)

    page.locator("form[action$='/reach/refresh/'] button").click()
    _ready(page)
    status = page.locator("#reach-status")
    expect(status).to_have_attribute("hx-get", "/org/reach/status/")
    state = ReachState.objects.get(organisation=world.organisation)
    assert state.requested_at is not None
    before = state.refreshed_at

    run_worker()
    # The fragment polls every two seconds and stops polling once the update is done.
    expect(page.locator("#reach-status:not([hx-get])")).to_have_count(1, timeout=8000)
    state.refresh_from_db()
    assert state.requested_at is None
    assert state.refreshed_at > before
    check_page(page, session, axe)


def test_a_chair_moves_a_branch_along_the_pipeline_in_place(new_session, log_in, axe):
    world = _reach_world()
    session = new_session(viewport=PHONE)
    log_in(session, world.user("chair"))
    page = session.new_page()

    page.goto("/org/reach/bolig/recruitment/")
    _ready(page)
    check_page(page, session, axe)
    page.locator("a[href='/org/reach/bolig/recruitment/horsens/']").first.click()
    _ready(page)
    check_page(page, session, axe)

    url = page.url
    page.select_option("select[name='stage']", RecruitmentStage.CONTACTED)
    page.select_option("select[name='owner']", str(world.persons["chair"].pk))
    page.fill("input[name='next_step']", "Ringe til formanden igen")
    page.fill(
        "input[name='next_step_on']",
        (datetime.date.today() + datetime.timedelta(days=7)).isoformat(),
    )
    page.locator("#pipeline form").first.locator("button[type='submit']").click()
    expect(page.locator("#pipeline .notes li")).to_have_count(1)
    assert page.url == url, "htmx updated the pipeline in place"
    entry = RecruitmentEntry.objects.get(network=world.network, branch__slug="horsens")
    assert entry.stage == RecruitmentStage.CONTACTED
    assert entry.owner == world.persons["chair"]
    check_page(page, session, axe)


def test_every_reach_and_programme_page_is_accessible_on_a_phone_and_a_desk(
    new_session, log_in, axe
):
    world = _reach_world()
    org = world.organisation
    horsens = Branch.objects.get(organisation=org, slug="horsens")
    RecruitmentEntryFactory(network=world.network, branch=horsens, stage="interested")
    programme = ProgrammeFactory(organisation=org, slug="lokalpolitik", network=world.network)
    programme.owners.add(world.persons["staff"])
    programme.series.add(EventSeriesFactory(network=world.network))
    indicator = IndicatorFactory(
        goal__programme=programme,
        unit=IndicatorUnit.PERCENT,
        source=IndicatorSource.NETWORK_REACH,
        target=Decimal("33.4"),
    )
    manual = IndicatorFactory(goal__programme=programme, target=Decimal("20"))
    IndicatorValueFactory(indicator=manual, value=Decimal("4"))
    criterion = SelectionCriterionFactory(programme=programme)
    supported = SupportedBranchFactory(programme=programme, branch=world.branch)
    supported.criteria.add(criterion)
    CaseEntryFactory(supported=supported)
    report = StatusReportFactory(programme=programme)
    p = "/org/programmes/lokalpolitik/"
    pages = {
        "staff": [
            "/org/reach/",
            "/org/reach/branches/",
            "/org/reach/settings/",
            "/org/reach/bolig/",
            "/org/reach/bolig/recruitment/",
            "/org/reach/bolig/recruitment/horsens/",
            "/org/programmes/",
            "/org/programmes/new/",
            p,
            f"{p}edit/",
            f"{p}goals/new/",
            f"{p}indicators/{indicator.pk}/",
            f"{p}indicators/{manual.pk}/",
            f"{p}indicators/{manual.pk}/edit/",
            f"{p}support/",
            f"{p}support/{world.branch.slug}/",
            f"{p}support/{world.branch.slug}/edit/",
            f"{p}reports/",
            f"{p}reports/new/",
            f"{p}reports/{report.pk}/",
        ],
        "board": ["/org/reach/", "/org/reach/bolig/", p],
        "branch_lead": [f"{p}support/{world.branch.slug}/"],
    }
    for viewport in (PHONE, None):
        for persona, paths in pages.items():
            session = new_session(viewport=viewport)
            log_in(session, world.user(persona))
            page = session.new_page()
            for path in paths:
                response = page.goto(path)
                assert response is not None, f"{path}: no response"
                assert response.status == 200, f"{path} as {persona}: {response.status}"
                expect(page.locator("h1")).to_have_count(1)
                _ready(page)
                check_page(page, session, axe)
            session.context.close()
