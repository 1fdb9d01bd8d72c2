"""The import wizard in a real browser: the office uploads a small export of the member
system, finds the columns already chosen, starts the check and watches it until the report,
reads the counts and the problems (row numbers and reasons in Danish), confirms, and watches
the progress bar until the import is done; then the persons are there and the new contact has
had the information notice. Every page of the wizard passes axe-core on a phone and a desk.

The browser speaks Danish, so the tests find things by URL, name and id rather than by
English words; a reason is compared with the engine's own sentence rendered in Danish."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Page, expect
from test_accessibility import DESKTOP, PHONE, check_page

from netvaerk.imports import engine
from netvaerk.imports.models import ImportJob, ImportStatus
from netvaerk.imports.services import import_check, import_confirm
from netvaerk.imports.tasks import check_import, run_import
from netvaerk.imports.tests.factories import job_for
from netvaerk.people.models import Person
from netvaerk.privacy.models import NoticeDelivery
from netvaerk.testing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

IMPORTS = "/org/people/import/"

# Row 2..6 in the file's own numbering (the heading is row 1): two members, a broken e-mail,
# the first member's number again, and a contact who is not a member.
EXPORT = (
    "Medlemsnr;Navn;E-mail;Telefon;Medlem;Indmeldt\n"
    "7001;Karen Blixen;karen@example.org;12 34 56 78;medlem;24-12-2020\n"
    "7002;Niels Bohr;niels@example.org;;medlem;2019-03-01\n"
    "7003;Ole Rømer;ole@@example;;medlem;\n"
    "7001;Karen Anden;karen2@example.org;;medlem;\n"
    "7004;Tove Ditlevsen;tove@example.org;;kontakt;\n"
)
GUESSED = {
    "member_number": "Medlemsnr",
    "name": "Navn",
    "email": "E-mail",
    "phone": "Telefon",
    "is_member": "Medlem",
    "member_since": "Indmeldt",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "medlemmer.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def _ready(page: Page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


def _check(page: Page, session, axe) -> None:
    check_page(page, session, axe)
    # Nothing may push the page sideways on a phone: wide tables scroll in their own box.
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"


def _forgive_the_400(session) -> None:
    """A form with errors answers 400, which Chromium logs as a failed resource; only that
    may be in the console."""
    assert all("status of 400" in error for error in session.console_errors), session.console_errors
    session.console_errors.clear()


def _in_danish(code: str, **params) -> str:
    with translation.override("da"):
        return engine.describe({"code": code, "field": "member_number", "params": params})


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_office_imports_a_file_from_upload_to_the_final_counts(
    new_session, log_in, axe, run_worker, export, viewport
):
    world = make_world()
    org = world.organisation
    session = new_session(viewport=viewport)
    log_in(session, world.user("staff"))
    page = session.new_page()

    page.goto(IMPORTS)
    _ready(page)
    expect(page.locator("#id_notify_contacts")).to_be_checked()
    _check(page, session, axe)
    page.set_input_files("#id_file", export)
    page.locator(f"form[action='{IMPORTS}'] button[type='submit']").click()

    # The mapping page, with the columns the headings gave away already chosen.
    page.wait_for_url(f"**{IMPORTS}*/mapping/")
    _ready(page)
    job = ImportJob.objects.get(organisation=org)
    base = f"{IMPORTS}{job.pk}/"
    assert page.url.endswith(f"{base}mapping/")
    for field, column in GUESSED.items():
        expect(page.locator(f"#id_{field}")).to_have_value(column)
    expect(page.locator("#id_branch")).to_have_value("")
    # The preview shows the first rows of the mapped columns.
    expect(page.locator("main table tbody tr")).to_have_count(3)
    expect(page.locator("main table tbody")).to_contain_text("Karen Blixen")
    _check(page, session, axe)
    page.locator(f"form[action='{base}mapping/'] button[type='submit']").click()

    page.wait_for_url(f"**{base}")
    _ready(page)
    _check(page, session, axe)
    page.locator(f"form[action='{base}check/'] button[type='submit']").click()

    # The check runs in the background; the page polls its progress.
    page.wait_for_url(f"**{base}")
    _ready(page)
    progress = page.locator("#import-progress")
    expect(progress).to_have_attribute("hx-get", f"{base}progress/")
    expect(page.locator("progress#import-progress-bar")).to_be_visible()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKING
    _check(page, session, axe)

    run_worker()
    # The fragment stops polling once the check is done, and leads to the report.
    expect(page.locator("#import-progress:not([hx-get])")).to_have_count(1, timeout=8000)
    _check(page, session, axe)
    page.locator(f"#import-progress a[href='{base}report/']").click()

    page.wait_for_url(f"**{base}report/")
    _ready(page)
    expect(page.locator("#bar-create")).to_contain_text(": 3")
    expect(page.locator("#bar-update")).to_contain_text(": 0")
    expect(page.locator("#bar-reject")).to_contain_text(": 1")
    expect(page.locator("#bar-duplicate")).to_contain_text(": 1")
    problems = page.locator("main table tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0).locator("td").nth(0)).to_have_text("4")
    expect(problems.nth(0).locator("td").nth(2)).to_have_text("7003")
    expect(problems.nth(0).locator("td").nth(3)).to_have_text("E-mailadressen er ikke gyldig.")
    expect(problems.nth(1).locator("td").nth(0)).to_have_text("5")
    expect(problems.nth(1).locator("td").nth(2)).to_have_text("7001")
    expect(problems.nth(1).locator("td").nth(3)).to_have_text(_in_danish("duplicate", row=2))
    # Nothing has reached the persons before the office confirms.
    assert not Person.objects.filter(organisation=org, member_number__in=["7001", "7004"]).exists()
    _check(page, session, axe)
    page.locator(f"form[action='{base}confirm/'] button[type='submit']").click()

    page.wait_for_url(f"**{base}")
    _ready(page)
    expect(progress).to_have_attribute("hx-get", f"{base}progress/")
    expect(page.locator("progress#import-progress-bar")).to_be_visible()
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    _check(page, session, axe)

    run_worker()
    expect(page.locator("#import-progress:not([hx-get])")).to_have_count(1, timeout=8000)
    _check(page, session, axe)
    page.locator(f"#import-progress a[href='{base}']").click()
    page.wait_for_url(f"**{base}")
    _ready(page)
    counts = page.locator("dl.import-counts dd")
    expect(counts).to_have_text(["3", "0", "0", "2", "1"])
    _check(page, session, axe)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert not job.file
    persons = {p.member_number: p for p in Person.objects.filter(organisation=org)}
    assert {"7001", "7002", "7004"} <= set(persons)
    assert "7003" not in persons
    # The first row with a number wins; the duplicate was skipped.
    assert persons["7001"].name == "Karen Blixen"
    assert persons["7001"].is_member
    assert not persons["7004"].is_member
    [delivery] = NoticeDelivery.objects.filter(import_job=job)
    assert delivery.person == persons["7004"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_of_the_wizard_is_accessible_on_a_phone_and_a_desk(
    new_session, log_in, axe, export, viewport
):
    world = make_world()
    org = world.organisation
    staff = world.actor("staff")
    uploaded = job_for(org, export, created_by=world.persons["staff"])
    checked = job_for(org, export, created_by=world.persons["staff"])
    import_check(actor=staff, job=checked)
    check_import.call(checked.pk)
    done = job_for(org, export, created_by=world.persons["staff"])
    import_check(actor=staff, job=done)
    check_import.call(done.pk)
    import_confirm(actor=staff, job=done)
    run_import.call(done.pk)
    failed = job_for(org, export, created_by=world.persons["staff"])
    ImportJob.objects.filter(pk=failed.pk).update(
        status=ImportStatus.FAILED, error="Filen kunne ikke læses."
    )
    for job in (checked, done):
        job.refresh_from_db()
    assert (checked.status, done.status) == (ImportStatus.CHECKED, ImportStatus.DONE)
    paths = [
        IMPORTS,
        f"{IMPORTS}{uploaded.pk}/",
        f"{IMPORTS}{uploaded.pk}/mapping/",
        f"{IMPORTS}{checked.pk}/",
        f"{IMPORTS}{checked.pk}/mapping/",
        f"{IMPORTS}{checked.pk}/report/",
        f"{IMPORTS}{checked.pk}/report/?outcome=reject",
        f"{IMPORTS}{checked.pk}/report/?outcome=nonsense",
        f"{IMPORTS}{done.pk}/",
        f"{IMPORTS}{done.pk}/report/",
        f"{IMPORTS}{failed.pk}/",
    ]
    session = new_session(viewport=viewport)
    log_in(session, world.user("staff"))
    page = session.new_page()
    for path in paths:
        response = page.goto(path)
        assert response is not None, f"{path}: no response"
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("h1")).to_have_count(1)
        _ready(page)
        _check(page, session, axe)

    # The upload and the mapping with their errors shown by the fields.
    page.goto(IMPORTS)
    page.locator(f"form[action='{IMPORTS}'] button[type='submit']").click()
    page.wait_for_load_state()
    expect(page.locator("#id_file")).to_have_attribute("aria-invalid", "true")
    _ready(page)
    _forgive_the_400(session)
    _check(page, session, axe)
    mapping = f"{IMPORTS}{uploaded.pk}/mapping/"
    page.goto(mapping)
    page.select_option("#id_member_number", "")
    page.locator(f"form[action='{mapping}'] button[type='submit']").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("[role='alert'], .errorlist").first).to_be_visible()
    _ready(page)
    _forgive_the_400(session)
    _check(page, session, axe)
    uploaded.refresh_from_db()
    assert uploaded.mapping["member_number"] == "Medlemsnr"
