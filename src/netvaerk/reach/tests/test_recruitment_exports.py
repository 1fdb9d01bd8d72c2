"""The recruitment list as CSV and XLSX: every row with the current filters (not just the
page), read back, a formula in a branch name neutralised, and each export in the audit log."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import RecruitmentEntryFactory, RecruitmentNoteFactory
from netvaerk.reach.tests.recruitment_helpers import build_branches, people

EVIL = '=HYPERLINK("http://evil")'
HEADER = [
    "Branch",
    "Region",
    "Persons",
    "Members",
    "Networks",
    "Stage",
    "Who is on it",
    "Next step",
    "Next step by",
    "Last note",
]


def _url(name, **params):
    url = reverse(f"reach:{name}", kwargs={"org": "org", "network": "bolig"})
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def _csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook["Recruitment"].iter_rows(values_only=True))


@pytest.fixture
def branches(world):
    branches = build_branches(world)
    note_day = timezone.now() - datetime.timedelta(days=2)
    entry = RecruitmentEntryFactory(
        network=world.network,
        branch=branches["odder"],
        stage="interested",
        owner=world.persons["chair"],
        next_step="Møde; med bestyrelsen",
        next_step_on=datetime.date(2026, 5, 1),
    )
    RecruitmentNoteFactory(entry=entry, created_at=note_day)
    RecruitmentNoteFactory(entry=entry, created_at=note_day - datetime.timedelta(days=5))
    branches.note_day = timezone.localdate(note_day)
    return branches


def test_the_csv_holds_every_row_with_its_pipeline(world, branches, client_as):
    response = client_as("staff").get(_url("recruitment_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="recruitment-bolig-')
    rows = _csv(response)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["Horsens", "Odder", "Skive", "Vejle", "Aarhus"]
    assert rows[2] == [
        "Odder",
        "Region Midtjylland",
        "3",
        "2",
        "1",
        "Interested",
        "Chair Person",
        "Møde; med bestyrelsen",
        "2026-05-01",
        branches.note_day.isoformat(),
    ]
    assert rows[1][5:] == ["Not contacted", "", "", "", ""]


def test_the_xlsx_holds_every_row_with_numbers_as_numbers(world, branches, client_as):
    response = client_as("coordinator").get(_url("recruitment_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = _xlsx(response)
    assert list(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == ["Horsens", "Odder", "Skive", "Vejle", "Aarhus"]
    odder = rows[2]
    assert odder[:5] == ("Odder", "Region Midtjylland", 3, 2, 1)
    assert odder[5:8] == ("Interested", "Chair Person", "Møde; med bestyrelsen")
    assert odder[8] == datetime.datetime(2026, 5, 1)
    assert odder[9].date() == branches.note_day


@pytest.mark.parametrize("name", ["recruitment_csv", "recruitment_xlsx"])
def test_an_export_holds_every_row_not_just_the_page(world, branches, client_as, name):
    for n in range(60):
        BranchFactory(organisation=world.organisation, region=branches.midt, name=f"Extra {n:02}")
    reach_refresh(organisation=world.organisation)
    response = client_as("staff").get(_url(name, region="midtjylland", sort="name"))
    rows = _csv(response) if name.endswith("csv") else _xlsx(response)
    assert len(rows) == 1 + 64
    assert rows[1][0] == "Extra 00"
    assert rows[-1][0] == "Vejle"


@pytest.mark.parametrize("name", ["recruitment_csv", "recruitment_xlsx"])
def test_an_export_keeps_the_filters_and_logs_them(world, branches, client_as, name):
    response = client_as("chair").get(_url(name, stage="interested", region="midtjylland"))
    rows = _csv(response) if name.endswith("csv") else _xlsx(response)
    assert [row[0] for row in rows[1:]] == ["Odder"]
    audit = AuditEntry.objects.get(action="reach.recruitment_exported")
    assert audit.actor_person == world.persons["chair"]
    assert audit.organisation == world.organisation
    assert audit.object_id == str(world.network.pk)
    assert audit.data == {
        "rows": 1,
        "filters": {
            "region": "midtjylland",
            "stage": "interested",
            "overdue": False,
            "sort": "size",
        },
        "format": name.removeprefix("recruitment_"),
    }


def test_an_audited_export_does_not_make_the_public_pages_stale(world, branches, client_as):
    world.organisation.refresh_from_db()
    version = world.organisation.content_version
    client_as("staff").get(_url("recruitment_csv"))
    world.organisation.refresh_from_db()
    assert world.organisation.content_version == version


@pytest.mark.parametrize("name", ["recruitment_csv", "recruitment_xlsx"])
def test_a_branch_named_like_a_formula_is_exported_as_text(world, branches, client_as, name):
    evil = BranchFactory(
        organisation=world.organisation, region=branches.midt, name=EVIL, slug="evil"
    )
    people(evil, 10)
    RecruitmentEntryFactory(
        network=world.network, branch=evil, next_step="@SUM(A1)", stage="contacted"
    )
    reach_refresh(organisation=world.organisation)
    response = client_as("staff").get(_url(name))
    rows = _csv(response) if name.endswith("csv") else _xlsx(response)
    assert rows[1][0] == "'" + EVIL
    assert rows[1][7] == "'@SUM(A1)"
    if name.endswith("xlsx"):
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook["Recruitment"]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("name", ["recruitment_csv", "recruitment_xlsx"])
def test_an_export_with_bad_filters_exports_the_list_without_them(world, branches, client_as, name):
    response = client_as("staff").get(_url(name, region="unknown", sort="evil", stage="won"))
    assert response.status_code == 200
    rows = _csv(response) if name.endswith("csv") else _xlsx(response)
    assert len(rows) == 1 + 5
    audit = AuditEntry.objects.get(action="reach.recruitment_exported")
    assert audit.data["filters"] == {"region": "", "stage": "", "overdue": False, "sort": "size"}


@pytest.mark.parametrize("name", ["recruitment_csv", "recruitment_xlsx"])
def test_before_the_first_refresh_an_export_is_empty(world, client_as, name):
    build_branches(world, refresh=False)
    response = client_as("staff").get(_url(name))
    rows = _csv(response) if name.endswith("csv") else _xlsx(response)
    assert rows == ([HEADER] if name.endswith("csv") else [tuple(HEADER)])
    assert AuditEntry.objects.get(action="reach.recruitment_exported").data["rows"] == 0


def test_the_export_uses_the_organisations_word_for_a_branch(world, branches, client_as):
    world.organisation.term_branch = "partiforening"
    world.organisation.save(update_fields=["term_branch"])
    rows = _csv(client_as("staff").get(_url("recruitment_csv")))
    assert rows[0][0] == "Partiforening"
