"""Every transition of an annual report, allowed and refused per role; what is frozen, what
is logged and who is e-mailed."""

import pytest
from django.utils import timezone, translation

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.reports import services
from netvaerk.reports.documents import Section, Text
from netvaerk.reports.drafting import (
    ReportScope,
    SectionProvider,
    annual_report_document,
    register_section_provider,
    section_providers_changed,
)
from netvaerk.reports.models import AnnualReport
from netvaerk.reports.tests.helpers import persona
from netvaerk.testing import queued_mail


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def year():
    return timezone.localdate().year


def start(world, who, year):
    return services.annual_report_start(actor=persona(world, who), network=world.network, year=year)


def write(world, who, report, summary="A good year."):
    return services.annual_report_update(
        actor=persona(world, who),
        report=report,
        summary=summary,
        activities="- a webinar\n- a conference",
        cooperation="",
        plans="More of it.",
    )


@pytest.fixture
def draft(world, year):
    report = start(world, "chair", year)
    return write(world, "chair", report)


@pytest.fixture
def submitted(world, draft):
    return services.annual_report_submit(actor=persona(world, "chair"), report=draft)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "coordination", "staff"])
def test_leads_and_the_office_start_a_report(world, year, who):
    report = start(world, who, year)
    assert report.is_draft
    assert report.created_by == world.persons[who]
    assert AuditEntry.objects.filter(action="annual_report.started", object_id=str(report.pk))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "coordinator", "branch_lead", "board", "org_admin"])
def test_others_may_not_start_a_report(world, year, who):
    with pytest.raises(ServiceError):
        start(world, who, year)
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_a_report_is_started_once_per_year_and_never_on_a_future_year(world, year):
    start(world, "chair", year)
    with pytest.raises(ServiceError, match="already been started"):
        start(world, "coordination", year)
    with pytest.raises(ServiceError, match="year that has begun"):
        start(world, "chair", year + 1)
    with pytest.raises(ServiceError, match="year that has begun"):
        start(world, "chair", 1999)


@pytest.mark.django_db
def test_a_closed_network_owes_no_new_report(world, year):
    world.network.status = "closed"
    world.network.save(update_fields=["status"])
    with pytest.raises(ServiceError):
        start(world, "staff", year)


@pytest.mark.django_db
def test_starting_tells_the_other_leads_and_the_coordinator(
    world, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(world, "chair", year)
    recipients = {mail["to"] for mail in queued_mail()}
    assert recipients == {world.persons["coordination"].email, world.persons["coordinator"].email}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "coordination"])
def test_leads_write_the_narrative(world, year, who):
    report = write(world, who, start(world, "chair", year), summary="  Written.  ")
    report.refresh_from_db()
    assert report.summary == "Written."
    assert report.activities == "- a webinar\n- a conference"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "coordinator", "board", "staff", "org_admin"])
def test_others_may_not_write_the_narrative(world, draft, who):
    with pytest.raises(ServiceError):
        write(world, who, draft, summary="Changed")
    draft.refresh_from_db()
    assert draft.summary == "A good year."


@pytest.mark.django_db
def test_a_submitted_report_cannot_be_edited(world, submitted):
    with pytest.raises(ServiceError, match="has been submitted"):
        write(world, "chair", submitted, summary="Changed")
    submitted.refresh_from_db()
    assert submitted.summary == "A good year."


@pytest.mark.django_db
def test_a_very_long_section_is_refused(world, draft):
    with pytest.raises(ServiceError) as refused:
        write(world, "chair", draft, summary="x" * (services.MAX_NARRATIVE + 1))
    assert refused.value.field == "summary"


@pytest.mark.django_db
def test_submitting_freezes_the_figures_and_contacts(world, draft, year):
    report = services.annual_report_submit(actor=persona(world, "chair"), report=draft)
    assert report.is_submitted
    assert report.submitted_by == world.persons["chair"]
    members = report.snapshot["figures"]["members"]
    assert members["members_end"] == 3
    assert [c["name"] for c in report.snapshot["contacts"]] == [
        "Chair Person",
        "Coordinator Person",
    ]
    # New members after submission do not change the submitted report.
    MembershipFactory(network=world.network)
    report = AnnualReport.objects.get(pk=report.pk)
    document = annual_report_document(
        ReportScope(
            organisation=world.organisation, network=world.network, year=year, report=report
        )
    )
    text = " ".join(b.text for s in document.sections for b in s.blocks if hasattr(b, "text"))
    assert "31 December 3" in text
    assert not document.draft


@pytest.mark.django_db
def test_submitting_twice_is_refused(world, submitted):
    with pytest.raises(ServiceError, match="already been submitted"):
        services.annual_report_submit(actor=persona(world, "chair"), report=submitted)


@pytest.mark.django_db
def test_a_report_without_a_summary_cannot_be_submitted(world, year):
    report = start(world, "chair", year)
    with pytest.raises(ServiceError) as refused:
        services.annual_report_submit(actor=persona(world, "chair"), report=report)
    assert refused.value.field == "summary"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "coordinator", "board", "staff"])
def test_only_leads_submit(world, draft, who):
    with pytest.raises(ServiceError):
        services.annual_report_submit(actor=persona(world, who), report=draft)


@pytest.mark.django_db
def test_submitting_emails_the_board_and_the_office(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_submit(actor=persona(world, "chair"), report=draft)
    mails = queued_mail()
    recipients = {mail["to"] for mail in mails}
    for who in ("board", "staff", "coordination", "coordinator"):
        assert world.persons[who].email in recipients
    assert world.persons["chair"].email not in recipients
    assert world.persons["member"].email not in recipients
    board_mail = next(m for m in mails if m["to"] == world.persons["board"].email)
    assert world.network.name in board_mail["subject"]
    assert f"/org/networks/bolig/reports/{draft.year}/" in board_mail["body"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["board", "staff"])
def test_the_board_returns_a_report_with_a_reason(
    world, submitted, who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_reopen(
            actor=persona(world, who), report=submitted, reason="Add the conference, please."
        )
    assert report.is_draft
    assert report.snapshot == {}
    assert report.reopened_by == world.persons[who]
    entry = AuditEntry.objects.get(action="annual_report.reopened")
    assert entry.reason == "Add the conference, please."
    assert entry.data["previous"]["snapshot"]["figures"]["members"]["members_end"] == 3
    mail = next(m for m in queued_mail() if m["to"] == world.persons["chair"].email)
    assert "Add the conference, please." in mail["body"]
    # …and the leads can change and submit it again.
    write(world, "chair", report, summary="Better.")
    assert services.annual_report_submit(actor=persona(world, "chair"), report=report).is_submitted


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "coordinator", "member", "org_admin"])
def test_others_may_not_return_a_report(world, submitted, who):
    with pytest.raises(ServiceError):
        services.annual_report_reopen(actor=persona(world, who), report=submitted, reason="No.")


@pytest.mark.django_db
def test_returning_needs_a_reason_and_a_submitted_report(world, draft, submitted):
    with pytest.raises(ServiceError, match="Say why"):
        services.annual_report_reopen(actor=persona(world, "board"), report=submitted, reason=" ")
    services.annual_report_reopen(actor=persona(world, "board"), report=submitted, reason="Why")
    with pytest.raises(ServiceError, match="Only a submitted report"):
        services.annual_report_reopen(actor=persona(world, "board"), report=submitted, reason="Why")


@pytest.mark.django_db
def test_the_board_acknowledges_once(world, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_acknowledge(
            actor=persona(world, "board"), report=submitted, comment="Thank you."
        )
    assert report.received_by == world.persons["board"]
    assert report.received_comment == "Thank you."
    assert world.persons["chair"].email in {m["to"] for m in queued_mail()}
    with pytest.raises(ServiceError, match="already been acknowledged"):
        services.annual_report_acknowledge(actor=persona(world, "staff"), report=report)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "coordinator", "member"])
def test_others_may_not_acknowledge(world, submitted, who):
    with pytest.raises(ServiceError):
        services.annual_report_acknowledge(actor=persona(world, who), report=submitted)


@pytest.mark.django_db
def test_a_draft_cannot_be_acknowledged(world, draft):
    with pytest.raises(ServiceError, match="Only a submitted report"):
        services.annual_report_acknowledge(actor=persona(world, "board"), report=draft)


@pytest.mark.django_db
def test_the_board_places_the_report_on_its_agenda(world, submitted):
    services.annual_report_set_agenda(
        actor=persona(world, "board"),
        report=submitted,
        item_number="5.1",
        board_meeting="Hovedbestyrelsens møde 12. marts 2027",
    )
    submitted.refresh_from_db()
    assert submitted.item_number == "5.1"
    with pytest.raises(ServiceError):
        services.annual_report_set_agenda(
            actor=persona(world, "chair"), report=submitted, item_number="1", board_meeting=""
        )


@pytest.mark.django_db
def test_every_download_is_logged(world, submitted):
    download = services.annual_report_download(
        actor=persona(world, "board"), report=submitted, file_format="docx"
    )
    assert download.content.startswith(b"PK")
    # Named in the organisation's language: "årsberetning", with å spelt out.
    assert download.filename == f"aarsberetning-{submitted.year}-boligpolitisk-netvaerk.docx"
    entry = AuditEntry.objects.get(action="annual_report.downloaded")
    assert entry.actor_person == world.persons["board"]
    assert entry.data["format"] == "docx"


@pytest.mark.django_db
def test_another_app_adds_a_section_through_a_provider(world, draft):
    def render(scope, figures):
        return [Section("", "Meetings", [Text(f"{figures['held']} meetings were held.")])]

    with section_providers_changed():
        register_section_provider(
            SectionProvider(key="meetings", order=45, collect=lambda s: {"held": 7}, render=render),
            replace=True,
        )
        scope = ReportScope(
            organisation=world.organisation, network=world.network, year=draft.year, report=draft
        )
        sections = annual_report_document(scope).sections
        meetings = next(s for s in sections if s.heading == "Meetings")
        assert meetings.blocks[0].text == "7 meetings were held."
        assert [s.number for s in sections] == [str(n) for n in range(1, len(sections) + 1)]
        with pytest.raises(ValueError, match="already registered"):
            register_section_provider(SectionProvider(key="meetings", order=1, render=render))
    sections = annual_report_document(scope).sections
    placeholder = translation.gettext("Meetings and conference")
    assert placeholder in [s.heading for s in sections]
