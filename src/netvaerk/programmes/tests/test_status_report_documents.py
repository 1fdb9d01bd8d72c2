"""The status report as the board reads it: PDF and DOCX read back with seed 002's header,
the "Appendix 5.1: …" title, the numbered sections and the staff's own text; its figures
frozen when it is sent; a sent report refusing changes; and the board told over real SMTP."""

from typing import Any

import pytest
from django.utils import translation

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.tests.factories import AttendanceFactory, RegistrationFactory
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.documents import status_report_document
from netvaerk.programmes.models import StatusReport, SupportedBranch
from netvaerk.programmes.services import reports as services
from netvaerk.programmes.tests.status_report_data import Seed, build_seed, day
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reports.documents import Chart, Table, Text
from netvaerk.reports.tests.helpers import docx_text, pdf_text
from netvaerk.testing import World, make_world

EDITED = "Webinar-formatet blev taget godt imod af deltagerne."
MEETING = "Hovedbestyrelsen – møde d. 1. november 2023"


def _create(world: World, seed: Seed) -> StatusReport:
    return services.status_report_create(
        actor=world.actor("staff"),
        programme=seed.programme,
        date=day(0),
        item_number="5.1",
        board_meeting=MEETING,
        period_start=seed.start,
        period_end=seed.end,
        contacts=[seed.owner, seed.staff],
    )


def _edit(world: World, report: StatusReport, **changes: Any) -> StatusReport:
    values = {
        "title": report.title,
        "item_number": report.item_number,
        "date": report.date,
        "board_meeting": report.board_meeting,
        "contacts": list(report.contacts.all()),
        "introduction": report.introduction,
        "general_support": report.general_support,
        "focused_support": report.focused_support,
        "network_text": report.network_text,
    }
    values.update(changes)
    return services.status_report_update(actor=world.actor("staff"), report=report, **values)


def _shape(report: StatusReport) -> list[Any]:
    """The document's content, block by block (a chart by its text alternative: pygal gives
    each drawing fresh ids)."""
    report = StatusReport.objects.get(pk=report.pk)
    with translation.override("en"):
        doc = status_report_document(report)
    shape: list[Any] = [doc.item_number, doc.to, [c.line for c in doc.contacts], doc.title]
    for section in doc.sections:
        blocks: list[Any] = []
        for block in section.blocks:
            if isinstance(block, Chart):
                blocks.append(("chart", block.alt, block.title))
            elif isinstance(block, Table):
                blocks.append(("table", block.header, block.rows, block.caption))
            else:
                assert isinstance(block, Text)
                blocks.append(("text", block.text))
        shape.append((section.number, section.heading, blocks))
    return shape


@pytest.fixture
def seed(world: World) -> Seed:
    return build_seed(world)


def _header_expectations(seed: Seed) -> list[str]:
    return [
        "5.1",
        f"To: {MEETING}",
        "Contact persons:",
        "Coordinator Person, coordinator@org.example.org, phone 30 43 02 47 – for lokalpolitisk "
        "interessevaretagelse (owner of the programme)",
        "Appendix 5.1: Status on lokalpolitisk interessevaretagelse",
        "Introduction",
        "1. General support across all branches",
        "2. Focused support for selected branches",
        "3. The network: Boligpolitisk netværk",
        EDITED,
        "Attendance at the workshops of the period",
        "Midtvejsseminar for lokalpolitikere",
    ]


@pytest.mark.django_db
def test_the_pdf_reads_back_in_the_board_appendix_form(world, seed):
    report = _edit(world, _create(world, seed), general_support=EDITED)
    download = services.status_report_download(
        actor=world.actor("staff"), report=report, file_format="pdf"
    )
    assert download.content.startswith(b"%PDF")
    assert download.filename == f"status-report-lokalpolitik-{day(0).isoformat()}.pdf"
    text = pdf_text(download.content)
    for expected in _header_expectations(seed):
        assert expected in text, expected
    assert "Date: " in text
    # The staff member did not agree to show their contact details.
    assert "Staff Person" in text
    assert "staff@org.example.org" not in text
    assert "Draft – not submitted to the board" in text
    assert AuditEntry.objects.filter(
        action="programmes.status_report.downloaded", object_id=str(report.pk)
    ).exists()


@pytest.mark.django_db
def test_the_docx_reads_back_with_the_same_content(world, seed):
    report = _edit(world, _create(world, seed), general_support=EDITED)
    download = services.status_report_download(
        actor=world.actor("staff"), report=report, file_format="docx"
    )
    text = docx_text(download.content)
    for expected in _header_expectations(seed):
        assert expected in text, expected
    assert "Kommunalvalget 2025 | " in text
    assert "staff@org.example.org" not in text


@pytest.mark.django_db
def test_an_unknown_format_is_refused(world, seed):
    report = _create(world, seed)
    with pytest.raises(ServiceError):
        services.status_report_download(
            actor=world.actor("staff"), report=report, file_format="odt"
        )


@pytest.mark.django_db
def test_sending_freezes_the_figures_and_contacts_as_they_were(world, seed):
    report = _create(world, seed)
    draft = _create(world, seed)
    services.status_report_send(actor=world.actor("staff"), report=report)
    report.refresh_from_db()
    assert report.status == "sent"
    assert report.sent_by == seed.staff
    assert report.sent_at is not None
    assert set(report.snapshot) >= {"figures", "contacts"}
    frozen = _shape(report)
    live_before = _shape(draft)

    # The data changes: someone else came, a branch leaves the support, the owner hides
    # their phone, Vejle joins the network.
    AttendanceFactory(event=seed.events["latest"], person=seed.people["vejle"])
    RegistrationFactory(
        event=seed.events["latest"], person=PersonFactory(organisation=world.organisation)
    )
    SupportedBranch.objects.filter(programme=seed.programme, branch__name="DN Vejle").delete()
    seed.owner.show_contact_details = False
    seed.owner.save(update_fields=["show_contact_details"])
    MembershipFactory(network=world.network, person=seed.people["vejle"])
    reach_refresh(organisation=world.organisation)

    assert _shape(report) == frozen
    live_after = _shape(draft)
    assert live_after != live_before
    # The tables of a draft follow the data; the text the staff wrote stays as written.
    assert "['Branches taking part', '4']" in str(live_after)
    assert "['Branches taking part', '3']" in str(frozen)
    assert "phone 30 43 02 47" in str(frozen)
    assert "phone 30 43 02 47" not in str(live_after)
    assert AuditEntry.objects.filter(
        action="programmes.status_report.sent", object_id=str(report.pk)
    ).exists()


@pytest.mark.django_db
def test_a_sent_report_can_be_neither_edited_nor_sent_again(world, seed):
    report = _create(world, seed)
    services.status_report_send(actor=world.actor("staff"), report=report)
    with pytest.raises(ServiceError, match="can no longer be changed"):
        _edit(world, report, introduction="Ændret")
    with pytest.raises(ServiceError, match="already been sent"):
        services.status_report_send(actor=world.actor("staff"), report=report)
    report.refresh_from_db()
    assert report.introduction != "Ændret"


@pytest.mark.django_db
def test_the_board_cannot_send_a_report(world, seed):
    report = _create(world, seed)
    with pytest.raises(ServiceError):
        services.status_report_send(actor=world.actor("board"), report=report)
    report.refresh_from_db()
    assert report.is_draft


@pytest.fixture
def committed(transactional_db):
    # The worker closes connections between tasks, so this commits for real.
    world = make_world()
    seed = build_seed(world)
    board = world.persons["board"]
    board.language = "en"
    board.save(update_fields=["language"])
    return world, seed


def test_the_board_is_told_over_smtp_when_a_report_is_sent(smtp, run_worker, committed):
    world, seed = committed
    report = _create(world, seed)
    services.status_report_send(actor=world.actor("staff"), report=report)
    run_worker()
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert set(by_recipient) == {"board@org.example.org"}
    message = by_recipient["board@org.example.org"]
    assert message["Subject"].strip() == (
        "Status report to the board: Status on lokalpolitisk interessevaretagelse"
    )
    body = message.get_content()
    assert "Staff Person has sent the status report on lokalpolitisk interessevaretagelse" in body
    assert f"/org/programmes/lokalpolitik/reports/{report.pk}/" in body
    assert "Agenda item: 5.1" in body
