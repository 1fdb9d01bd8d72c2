"""Who reaches which status-report page, for every persona (GET and POST).

The world has the seed's programme, owned by the coordinator persona, with a report sent to
the board a month ago and a newer draft; the cells ask about the draft. The board reads sent
reports only, so a draft is a 404 to it (as if there were none), and the newest report it
may download is the sent one. Every cell runs in its own rolled-back transaction."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from netvaerk.programmes.models import StatusReport
from netvaerk.programmes.services import reports as services
from netvaerk.programmes.tests.status_report_data import build_seed, day
from netvaerk.testing import (
    LOGIN as L,
)
from netvaerk.testing import (
    REDIRECT as R,
)
from netvaerk.testing import (
    World,
    as_in_conftest,
    assert_outcome,
    make_world,
    matrix,
    matrix_cells,
    named_urls,
)

REPORT_URLS = {
    "programmes:reports",
    "programmes:report_create",
    "programmes:report",
    "programmes:report_send",
    "programmes:report_pdf",
    "programmes:report_docx",
    "programmes:latest_pdf",
    "programmes:latest_docx",
}
N = 405
ONE_REPORT = {
    "programmes:report",
    "programmes:report_send",
    "programmes:report_pdf",
    "programmes:report_docx",
}

# fmt: off
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator (here the programme's owner), branch_lead, board, staff,
# org_admin, other_org_staff.
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    #                           vis  out  mem  chair cgrp owner blead board staff admin other
    ("reports", "GET"):           (L,   404, 404, 404, 404, 200, 404, 200, 200, 200, 404),
    ("reports", "POST"):          (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
    ("report_create", "GET"):     (L,   404, 404, 404, 404, 200, 404, 403, 200, 200, 404),
    ("report_create", "POST"):    (L,   404, 404, 404, 404, R,   404, 403, R,   R,   404),
    ("report", "GET"):            (L,   404, 404, 404, 404, 200, 404, 404, 200, 200, 404),
    ("report", "POST"):           (L,   404, 404, 404, 404, R,   404, 404, R,   R,   404),
    ("report_send", "GET"):       (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
    ("report_send", "POST"):      (L,   404, 404, 404, 404, R,   404, 404, R,   R,   404),
    ("report_pdf", "GET"):        (L,   404, 404, 404, 404, 200, 404, 404, 200, 200, 404),
    ("report_pdf", "POST"):       (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
    ("report_docx", "GET"):       (L,   404, 404, 404, 404, 200, 404, 404, 200, 200, 404),
    ("report_docx", "POST"):      (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
    ("latest_pdf", "GET"):        (L,   404, 404, 404, 404, 200, 404, 200, 200, 200, 404),
    ("latest_pdf", "POST"):       (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
    ("latest_docx", "GET"):       (L,   404, 404, 404, 404, 200, 404, 200, 200, 200, 404),
    ("latest_docx", "POST"):      (N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N),
}
# fmt: on
EXPECTED = matrix({(f"programmes:{name}", method): row for (name, method), row in _TABLE.items()})


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            seed = build_seed(world)
            staff = world.actor("staff")
            common = {
                "actor": staff,
                "programme": seed.programme,
                "period_start": seed.start,
                "period_end": seed.end,
                "item_number": "5.1",
                "contacts": [seed.owner],
            }
            sent = services.status_report_create(date=day(-30), **common)
            services.status_report_send(actor=staff, report=sent)
            services.status_report_create(date=day(0), **common)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    return module_world


def _draft() -> StatusReport:
    return StatusReport.objects.get(programme__slug="lokalpolitik", status="draft")


def _sent() -> StatusReport:
    return StatusReport.objects.get(programme__slug="lokalpolitik", status="sent")


def _kwargs(name: str, report: StatusReport | None = None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"org": "org", "programme": "lokalpolitik"}
    if name in ONE_REPORT:
        kwargs["report"] = (report or _draft()).pk
    return kwargs


def _post_data(name: str, world: World) -> dict[str, Any]:
    if name == "programmes:report_create":
        return {
            "title": "Status",
            "item_number": "5.1",
            "date": day(0).isoformat(),
            "board_meeting": "Hovedbestyrelsen",
            "period_start": day(-180).isoformat(),
            "period_end": day(0).isoformat(),
        }
    if name == "programmes:report":
        report = _draft()
        return {
            "title": report.title,
            "item_number": "5.2",
            "date": report.date.isoformat(),
            "board_meeting": report.board_meeting,
            "introduction": "Ny indledning.",
            "general_support": report.general_support,
            "focused_support": report.focused_support,
            "network_text": report.network_text,
        }
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "who", "expected"), matrix_cells(EXPECTED))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, who, expected
):
    client = client_as(who)
    url = reverse(name, kwargs=_kwargs(name))
    data = _post_data(name, world)
    response = client.get(url) if method == "GET" else client.post(url, data)
    context = f"{method} {url} as {who}: {response.status_code} {response.get('Location', '')}"
    assert_outcome(response, expected, context)
    if expected == 200 and name.endswith(("pdf", "docx")):
        assert response["Content-Disposition"].startswith("attachment;")


def test_the_table_covers_every_status_report_url():
    names = named_urls(("programmes",)) & REPORT_URLS
    assert names == REPORT_URLS
    rows = {(name, method) for name in names for method in ("GET", "POST")}
    assert rows == set(EXPECTED)


# --- what the cells did ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_board_reads_a_sent_report_and_its_files(client_as, world):
    board = client_as("board")
    sent = _sent()
    for name in ("programmes:report", "programmes:report_pdf", "programmes:report_docx"):
        assert board.get(reverse(name, kwargs=_kwargs(name, sent))).status_code == 200
    page = board.get(reverse("programmes:reports", kwargs=_kwargs("programmes:reports")))
    assert list(page.context["page"].object_list) == [sent]
    # The board reads, but does not edit or send.
    assert (
        b"Edit the report"
        not in board.get(
            reverse("programmes:report", kwargs=_kwargs("programmes:report", sent))
        ).content
    )


@pytest.mark.django_db
def test_the_office_lists_drafts_and_sent_reports(client_as, world):
    page = client_as("staff").get(
        reverse("programmes:reports", kwargs=_kwargs("programmes:reports"))
    )
    assert list(page.context["page"].object_list) == [_draft(), _sent()]


@pytest.mark.django_db
def test_a_report_id_that_does_not_exist_or_is_another_programmes_is_a_404(client_as, world):
    from netvaerk.programmes.tests.factories import ProgrammeFactory, StatusReportFactory

    other = StatusReportFactory(programme=ProgrammeFactory(organisation=world.organisation))
    staff = client_as("staff")
    for report_id in (other.pk, 999_999):
        for name in ("programmes:report", "programmes:report_pdf", "programmes:report_docx"):
            url = reverse(name, kwargs={**_kwargs(name), "report": report_id})
            assert staff.get(url).status_code == 404, url
        url = reverse(
            "programmes:report_send", kwargs={**_kwargs("programmes:report"), "report": report_id}
        )
        assert staff.post(url).status_code == 404
    assert staff.get("/org/programmes/lokalpolitik/reports/abc/").status_code == 404
    assert staff.get("/org/programmes/no-such/reports/").status_code == 404


@pytest.mark.django_db
def test_editing_or_sending_a_sent_report_is_refused_with_a_message(client_as, world):
    sent = _sent()
    staff = client_as("staff")
    data = {**_post_data("programmes:report", world), "introduction": "Ændret"}
    response = staff.post(
        reverse("programmes:report", kwargs=_kwargs("programmes:report", sent)), data, follow=True
    )
    assert "can no longer be changed" in response.content.decode()
    response = staff.post(
        reverse("programmes:report_send", kwargs=_kwargs("programmes:report_send", sent)),
        follow=True,
    )
    assert "already been sent" in response.content.decode()
    sent.refresh_from_db()
    assert sent.introduction != "Ændret"


@pytest.mark.django_db
def test_the_latest_download_is_a_404_when_there_is_no_report(client_as, world):
    StatusReport.objects.all().delete()
    for name in ("programmes:latest_pdf", "programmes:latest_docx"):
        assert client_as("staff").get(reverse(name, kwargs=_kwargs(name))).status_code == 404
