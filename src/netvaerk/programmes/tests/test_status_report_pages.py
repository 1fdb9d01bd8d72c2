"""The status-report pages as staff use them: drafting a report through the form, bad input
said on the form with nothing saved, editing the narrative with the preview of the whole
document, sending it, downloads audited as reads, and a list whose cost does not grow."""

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.programmes.models import StatusReport
from netvaerk.programmes.services import reports as services
from netvaerk.programmes.tests.factories import ProgrammeFactory, StatusReportFactory
from netvaerk.programmes.tests.status_report_data import Seed, build_seed, day
from netvaerk.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(world: World) -> Seed:
    return build_seed(world)


def _url(name: str, **kwargs) -> str:
    return reverse(
        f"programmes:{name}", kwargs={"org": "org", "programme": "lokalpolitik", **kwargs}
    )


def _create_data(seed: Seed, **changes) -> dict:
    data = {
        "title": "",
        "item_number": "5.1",
        "date": day(0).isoformat(),
        "board_meeting": "Hovedbestyrelsen – møde d. 1. november 2023",
        "period_start": seed.start.isoformat(),
        "period_end": seed.end.isoformat(),
        "contacts": [seed.owner.pk, seed.staff.pk],
    }
    data.update(changes)
    return data


def test_staff_draft_a_report_through_the_form_and_land_on_its_page(client_as, seed):
    client = client_as("staff")
    form = client.get(_url("report_create"))
    assert form.status_code == 200
    assert form.context["form"]["title"].value() == "Status on lokalpolitisk interessevaretagelse"
    response = client.post(_url("report_create"), _create_data(seed), follow=True)
    report = StatusReport.objects.get()
    assert response.redirect_chain[-1][0] == _url("report", report=report.pk)
    page = response.content.decode()
    assert "The status report has been drafted" in page
    assert "Appendix 5.1: Status on lokalpolitisk interessevaretagelse" in page
    assert "1. General support across all branches" in page
    assert "3. The network: Boligpolitisk netværk" in page
    assert "Attendance at the workshops of the period" in page
    assert 'class="chart"' in page or "data:image/svg+xml;base64," in page
    assert "Coordinator Person, coordinator@org.example.org, phone 30 43 02 47" in page


def test_a_reversed_period_is_said_on_the_form_and_nothing_is_saved(client_as, seed):
    response = client_as("staff").post(
        _url("report_create"),
        _create_data(seed, period_start=day(-1).isoformat(), period_end=day(-5).isoformat()),
    )
    assert response.status_code == 400
    assert "The period must end after it starts." in response.content.decode()
    assert not StatusReport.objects.exists()


def test_a_period_with_nothing_to_report_is_said_on_the_form(client_as, world):
    ProgrammeFactory(organisation=world.organisation, slug="tom", starts_on=day(-100), ends_on=None)
    response = client_as("staff").post(
        reverse("programmes:report_create", kwargs={"org": "org", "programme": "tom"}),
        {
            "date": day(0).isoformat(),
            "period_start": day(-30).isoformat(),
            "period_end": day(0).isoformat(),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is nothing to report on" in page
    assert "No workshop of the programme&#x27;s series was held in the period." in page
    assert not StatusReport.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "not a date"},
        {"period_start": "2023-02-30"},
        {"item_number": "x" * 21},
        {"contacts": ["999999"]},
        {"contacts": ["abc"]},
    ],
)
def test_bad_input_gets_a_400_with_the_form_again(client_as, seed, changes):
    response = client_as("staff").post(_url("report_create"), _create_data(seed, **changes))
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not StatusReport.objects.exists()


def test_a_member_cannot_be_chosen_as_contact(client_as, world, seed):
    response = client_as("staff").post(
        _url("report_create"), _create_data(seed, contacts=[world.persons["member"].pk])
    )
    assert response.status_code == 400
    assert not StatusReport.objects.exists()


def _report(world: World, seed: Seed) -> StatusReport:
    return services.status_report_create(
        actor=world.actor("staff"),
        programme=seed.programme,
        date=day(0),
        item_number="5.1",
        period_start=seed.start,
        period_end=seed.end,
        contacts=[seed.owner],
    )


def test_the_owner_edits_the_narrative_and_the_preview_shows_it(client_as, world, seed):
    report = _report(world, seed)
    client = client_as("coordinator")
    page = client.get(_url("report", report=report.pk))
    assert page.status_code == 200
    data = {
        "title": "Status på projekt for lokalpolitisk interessevaretagelse",
        "item_number": "5.1",
        "date": day(0).isoformat(),
        "board_meeting": "Hovedbestyrelsen – møde d. 1. november 2023",
        "contacts": [seed.owner.pk],
        "introduction": "Projektbeskrivelse og målhierarki blev udviklet i foråret.",
        "general_support": "Den seneste workshop blev afholdt i september.\n\n- punkt et",
        "focused_support": "",
        "network_text": report.network_text,
    }
    response = client.post(_url("report", report=report.pk), data, follow=True)
    html = response.content.decode()
    assert "The report has been saved." in html
    assert "Appendix 5.1: Status på projekt for lokalpolitisk interessevaretagelse" in html
    assert "Den seneste workshop blev afholdt i september." in html
    assert "<li>punkt et</li>" in html
    report.refresh_from_db()
    assert report.focused_support == ""
    assert AuditEntry.objects.filter(action="programmes.status_report.edited").exists()


def test_an_empty_title_is_refused_on_the_edit_form(client_as, world, seed):
    report = _report(world, seed)
    response = client_as("staff").post(
        _url("report", report=report.pk),
        {"title": "", "date": day(0).isoformat(), "introduction": "x"},
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.title == "Status on lokalpolitisk interessevaretagelse"


def test_sending_through_the_page_freezes_it_and_hides_the_edit_form(client_as, world, seed):
    report = _report(world, seed)
    client = client_as("staff")
    response = client.post(_url("report_send", report=report.pk), follow=True)
    html = response.content.decode()
    assert "The report has been sent to the board." in html
    assert "The report as sent" in html
    assert "Edit the report" not in html
    report.refresh_from_db()
    assert not report.is_draft


def test_downloads_are_audited_as_reads(client_as, world, seed):
    report = _report(world, seed)
    client = client_as("staff")
    pdf = client.get(_url("report_pdf", report=report.pk))
    assert pdf["Content-Type"] == "application/pdf"
    docx = client.get(_url("latest_docx"))
    assert docx.status_code == 200
    entries = AuditEntry.objects.filter(action="programmes.status_report.downloaded")
    assert sorted(entry.data["format"] for entry in entries) == ["docx", "pdf"]


def test_the_list_costs_the_same_number_of_queries_for_few_and_many_reports(
    client_as, world, django_assert_num_queries
):
    programme = ProgrammeFactory(organisation=world.organisation, slug="lokalpolitik")
    programme.owners.add(world.persons["coordinator"])
    StatusReportFactory(programme=programme)
    client = client_as("staff")
    client.get(_url("reports"))  # warm the session and caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("reports")).status_code == 200
    for n in range(25):
        StatusReportFactory(
            programme=programme,
            status="sent" if n % 2 else "draft",
            sent_at=world.organisation.created_at if n % 2 else None,
            sent_by=world.persons["staff"] if n % 2 else None,
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(_url("reports"))
    assert len(response.context["page"].object_list) == 20
