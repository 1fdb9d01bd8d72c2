"""Meetings in a real browser: a chair plans a webinar series, a member registers for the
first session, and when it begins the chair marks who came and reads the counts; a chair
plans the annual conference with its programme and budget, and the office decides on it —
axe-core on every page on the way."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect
from test_accessibility import check_page

from netvaerk.meetings.models import (
    Attendance,
    BudgetStatus,
    Event,
    EventKind,
    LineDecision,
    Registration,
    RegistrationStatus,
)
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _ready(page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


def _day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_chair_plans_a_series_member_registers_and_chair_marks_who_came(new_session, log_in, axe):
    world = make_world()
    chair = new_session()
    log_in(chair, world.user("chair"))
    page = chair.new_page()
    page.goto("/org/events/")
    _ready(page)
    check_page(page, chair, axe)
    page.locator("a[href$='/org/events/series/new/']").click()
    page.wait_for_url("**/org/events/series/new/")
    _ready(page)
    check_page(page, chair, axe)
    page.locator("#id_network").select_option(world.network.slug)
    page.locator("#id_kind").select_option(EventKind.WEBINAR)
    page.locator("#id_audience").select_option("members")
    page.locator("#id_title").fill("Workshop om lokalpolitik")
    page.locator("#id_sessions").fill(
        "\n".join(f"{_day(days)} 19:00-20:30" for days in (7, 14, 21, 28))
    )
    page.locator("form.form-grid button[type=submit]").click()
    page.wait_for_load_state()
    sessions = list(Event.objects.filter(series__isnull=False).order_by("starts_at"))
    assert len(sessions) == 4
    first = sessions[0]

    # A member of the organisation finds the first session and registers (htmx).
    member = new_session()
    log_in(member, world.user("member"))
    member_page = member.new_page()
    member_page.goto(f"/org/events/{first.pk}/")
    _ready(member_page)
    check_page(member_page, member, axe)
    member_page.locator("#register-panel button[type=submit]").click()
    registration = None
    expect(member_page.locator("#register-panel a[href*='/events/registration/']")).to_be_visible()
    registration = Registration.objects.get(event=first, person=world.persons["member"])
    assert registration.status == RegistrationStatus.CONFIRMED
    expect(member_page.locator("#register-panel")).to_contain_text(registration.check_in_code)
    check_page(member_page, member, axe)
    # Their own page with the QR code for checking in.
    member_page.locator("#register-panel a[href*='/events/registration/']").click()
    member_page.wait_for_url("**/events/registration/**")
    expect(member_page.locator("img.qr")).to_be_visible()
    check_page(member_page, member, axe)

    # The session begins: the chair marks the member as come, row by row (htmx).
    start = timezone.now() + datetime.timedelta(minutes=20)
    Event.objects.filter(pk=first.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    page.goto(f"/org/events/{first.pk}/")
    _ready(page)
    page.locator(f"a[href$='/org/events/{first.pk}/attendance/']").click()
    page.wait_for_url(f"**/org/events/{first.pk}/attendance/")
    _ready(page)
    check_page(page, chair, axe)
    row = page.locator(f"#registration-{registration.pk}")
    row.locator("button[type=submit]").click()
    expect(row.locator("button.secondary")).to_be_visible()
    assert Attendance.objects.filter(event=first, person=world.persons["member"]).exists()
    check_page(page, chair, axe)

    # Registered versus came, and by network membership.
    page.locator(f"a[href$='/org/events/{first.pk}/attendance/summary/']").first.click()
    page.wait_for_url("**/attendance/summary/")
    _ready(page)
    check_page(page, chair, axe)


def test_chair_plans_the_conference_and_the_office_decides_its_budget(new_session, log_in, axe):
    world = make_world()
    chair = new_session()
    log_in(chair, world.user("chair"))
    page = chair.new_page()
    page.goto(f"/org/events/new/?network={world.network.slug}")
    _ready(page)
    check_page(page, chair, axe)
    page.locator("#id_kind").select_option(EventKind.CONFERENCE)
    page.locator("#id_format").select_option("physical")
    page.locator("#id_title").fill("Årskonference 2027")
    page.locator("#id_venue_name").fill("Fællessalen")
    page.locator("#id_venue_address").fill("Nørregade 1, 5000 Odense C")
    page.locator("#id_starts_at").fill(f"{_day(90)}T10:00")
    page.locator("#id_ends_at").fill(f"{_day(90)}T17:00")
    page.locator("form.form-grid button[type=submit]").click()
    page.wait_for_url("**/org/events/*/")
    conference = Event.objects.get(kind=EventKind.CONFERENCE)
    _ready(page)
    check_page(page, chair, axe)

    # The programme.
    page.locator(f"a[href$='/org/events/{conference.pk}/programme/']").click()
    page.wait_for_url("**/programme/")
    _ready(page)
    form = page.locator("form[action$='/programme/add/']")
    form.locator("[name=title]").fill("Velkomst og beretning")
    form.locator("[name=day]").fill(_day(90))
    form.locator("[name=start]").fill("10:00")
    form.locator("[name=end]").fill("10:45")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Velkomst og beretning")
    check_page(page, chair, axe)

    # The budget: the hall covered centrally, travel not.
    page.goto(f"/org/events/{conference.pk}/budget/")
    _ready(page)
    check_page(page, chair, axe)
    for category, description, amount in (
        ("venue", "Leje af sal", "12.500"),
        ("catering", "Frokost og kaffe", "8.000,50"),
        ("travel", "Rejser", "4000"),
    ):
        form = page.locator("form[action$='/budget/lines/add/']")
        form.locator("[name=category]").select_option(category)
        form.locator("[name=description]").fill(description)
        form.locator("[name=amount]").fill(amount)
        form.locator("button[type=submit]").click()
        expect(page.locator("main")).to_contain_text(description)
    page.locator("form[action$='/budget/submit/'] button[type=submit]").click()
    expect(page.locator("form[action$='/budget/submit/']")).to_have_count(0)
    check_page(page, chair, axe)

    # The office approves the hall and cuts the catering.
    staff = new_session()
    log_in(staff, world.user("staff"))
    office = staff.new_page()
    office.goto("/org/conferences/")
    _ready(office)
    check_page(office, staff, axe)
    office.locator(f"a[href$='/org/events/{conference.pk}/budget/']").first.click()
    office.wait_for_url("**/budget/")
    _ready(office)
    lines = {line.category: line for line in conference.budget.lines.all()}
    decide = office.locator("form[action$='/budget/decide/']")
    decide.locator(f"[name=decision_{lines['venue'].pk}][value=approve]").check()
    decide.locator(f"[name=decision_{lines['catering'].pk}][value=adjust]").check()
    decide.locator(f"[name=amount_{lines['catering'].pk}]").fill("6000")
    decide.locator(f"[name=note_{lines['catering'].pk}]").fill("Frokost, ikke middag.")
    decide.locator("button[type=submit]").click()
    expect(office.locator("form[action$='/budget/decide/']")).to_have_count(0)
    conference.budget.refresh_from_db()
    assert conference.budget.status == BudgetStatus.DECIDED
    decided = {line.category: line for line in conference.budget.lines.all()}
    assert decided["venue"].decision == LineDecision.APPROVED
    assert decided["catering"].decision == LineDecision.ADJUSTED
    assert str(decided["catering"].approved_amount) == "6000.00"
    # Travel is not the organisation's to pay, so the office had nothing to decide on it.
    assert decided["travel"].decision == LineDecision.PENDING
    check_page(office, staff, axe)


def test_every_meetings_page_is_accessible_on_a_phone_and_a_desk(new_session, log_in, axe):
    from test_accessibility import PHONE

    from netvaerk.meetings.tests.factories import (
        AttendanceFactory,
        BudgetLineFactory,
        ConferenceBudgetFactory,
        EventFactory,
        EventSeriesFactory,
        RegistrationFactory,
        RegistrationQuestionFactory,
        in_days,
    )

    world = make_world()
    series = EventSeriesFactory(network=world.network)
    webinar = EventFactory(network=world.network, series=series, audience="public", capacity=1)
    RegistrationQuestionFactory(event=webinar)
    mine = RegistrationFactory(event=webinar, person=world.persons["member"], name="", email="")
    RegistrationFactory(event=webinar, status=RegistrationStatus.WAITING)
    past = EventFactory(network=world.network, past=True, status="held", minutes="Godt møde.")
    AttendanceFactory(event=past, person=world.persons["member"], name="")
    conference = EventFactory(network=world.network, conference=True)
    BudgetLineFactory(budget=ConferenceBudgetFactory(event=conference))
    long_ago = EventFactory(network=world.network, starts_at=in_days(-60), audience="public")
    old = RegistrationFactory(event=long_ago)
    # The personal link of an event long past answers "This link has expired" (410).
    expired = f"/org/events/registration/{old.token}/"
    w, p, c = webinar.pk, past.pk, conference.pk
    pages = {
        None: ["/org/events/", f"/org/events/{w}/", "/org/calendar.ics", expired],
        "member": [
            f"/org/events/{w}/",
            f"/org/events/registration/{mine.token}/",
            "/org/me/calendar/",
            f"/org/events/{p}/follow-up/",
            f"/org/events/{c}/programme/",
            "/org/notifications/preferences/",
        ],
        "chair": [
            f"/org/events/{w}/",
            "/org/events/new/",
            f"/org/events/{w}/edit/",
            f"/org/events/{w}/registrations/",
            f"/org/events/{w}/questions/",
            f"/org/events/{w}/announce/",
            f"/org/events/{p}/close/",
            f"/org/events/{p}/attendance/",
            f"/org/events/{p}/attendance/import/",
            f"/org/events/{p}/attendance/summary/",
            f"/org/events/series/{series.pk}/attendance/",
            f"/org/events/{p}/follow-up/",
            f"/org/events/{c}/programme/",
            f"/org/events/{c}/budget/",
        ],
        "staff": ["/org/newsletters/", "/org/newsletters/new/", "/org/conferences/"],
        "board": [f"/org/events/{p}/attendance/summary/", "/org/conferences/"],
    }
    for viewport in (PHONE, None):
        for persona, paths in pages.items():
            session = new_session(viewport=viewport)
            if persona:
                log_in(session, world.user(persona))
            page = session.new_page()
            for path in paths:
                if path.endswith(".ics"):
                    response = page.request.get(path)
                    assert response.status == 200, f"{path} answered {response.status}"
                    continue
                response = page.goto(path)
                assert response is not None, f"{path}: no response"
                wanted = 410 if path == expired else 200
                assert response.status == wanted, f"{path} as {persona}: {response.status}"
                expect(page.locator("h1")).to_have_count(1)
                _ready(page)
                if path == expired:
                    # Chromium logs a page answered with an error status as a console error.
                    session.console_errors[:] = [
                        error for error in session.console_errors if "status of 410" not in error
                    ]
                check_page(page, session, axe)
            session.context.close()
