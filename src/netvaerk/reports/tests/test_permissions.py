"""Who reaches which reports page, for every persona; and bad input answers 404, never 500.

The world has a draft report of its network on the current year. Every cell runs in its own
rolled-back savepoint, so a POST in one cell never leaks into the next."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.reports import services
from netvaerk.reports.models import AnnualReport
from netvaerk.reports.tests.helpers import persona
from netvaerk.testing import PERSONAS, World, as_in_conftest, make_world

L = "login"
R = "redirect"

# fmt: off
# Columns in the order of netvaerk.testing.PERSONAS: visitor, outsider, member, chair,
# coordination, coordinator, branch_lead, board, staff, org_admin, other_org_staff.
# A network member gets 404 for a draft, as if there were none.
_TABLE: dict[tuple[str, str], tuple[Any, ...]] = {
    #     vis  out  mem  chair coord cdntr blead board staff admin other
    ("reports:overview", "GET"):
        (L,   403, 403, 403,  403,  403,  403,  200,  200,  200,  403),
    ("reports:overview", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:network_reports", "GET"):
        (L,   403, 200, 200,  200,  200,  403,  200,  200,  200,  403),
    ("reports:network_reports", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:report", "GET"):
        (L,   403, 404, 200,  200,  200,  403,  200,  200,  200,  403),
    ("reports:report", "POST"):
        (L,   403, 404, R,    R,    403,  403,  403,  403,  403,  403),
    ("reports:start", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:start", "POST"):
        (L,   403, 403, R,    R,    403,  403,  403,  R,    403,  403),
    ("reports:submit", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:submit", "POST"):
        (L,   403, 404, R,    R,    403,  403,  403,  403,  403,  403),
    ("reports:reopen", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:reopen", "POST"):
        (L,   403, 404, 403,  403,  403,  403,  R,    R,    403,  403),
    ("reports:acknowledge", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:acknowledge", "POST"):
        (L,   403, 404, 403,  403,  403,  403,  R,    R,    403,  403),
    ("reports:agenda", "GET"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:agenda", "POST"):
        (L,   403, 404, 403,  403,  403,  403,  R,    R,    403,  403),
    ("reports:pdf", "GET"):
        (L,   403, 404, 200,  200,  200,  403,  200,  200,  200,  403),
    ("reports:pdf", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
    ("reports:docx", "GET"):
        (L,   403, 404, 200,  200,  200,  403,  200,  200,  200,  403),
    ("reports:docx", "POST"):
        (405, 405, 405, 405,  405,  405,  405,  405,  405,  405,  405),
}
# fmt: on

EXPECTED = {key: dict(zip(PERSONAS, row, strict=True)) for key, row in _TABLE.items()}

POST_DATA = {
    "reports:report": {"summary": "Changed", "activities": "", "cooperation": "", "plans": ""},
    "reports:reopen": {"reason": "Please add the conference."},
    "reports:acknowledge": {"comment": "Thanks."},
    "reports:agenda": {"item_number": "5.1", "board_meeting": "Mødet 12. marts"},
}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), as_in_conftest():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = make_world()
            report = services.annual_report_start(
                actor=persona(world, "chair"),
                network=world.network,
                year=timezone.localdate().year,
            )
            services.annual_report_update(
                actor=persona(world, "chair"),
                report=report,
                summary="A year of debate.",
                activities="",
                cooperation="",
                plans="",
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(module_world: World, db) -> World:
    module_world.organisation.refresh_from_db()
    module_world.network.refresh_from_db()
    return module_world


def _kwargs(name: str, year: int | None = None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"org": "org"}
    if name != "reports:overview":
        kwargs["network"] = "bolig"
    if name not in ("reports:overview", "reports:network_reports"):
        kwargs["year"] = year or timezone.localdate().year
    return kwargs


def _assert_outcome(response: Any, expected: Any, context: str) -> None:
    if expected == L:
        assert response.status_code == 302, context
        assert response["Location"].startswith(reverse("account_login") + "?next="), context
    elif expected == R:
        assert response.status_code == 302, context
        assert not response["Location"].startswith(reverse("account_login")), context
    else:
        assert response.status_code == expected, context


def _cells() -> Iterator[Any]:
    for (name, method), row in EXPECTED.items():
        for who, expected in row.items():
            yield pytest.param(name, method, who, expected, id=f"{name}-{method}-{who}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "who", "expected"), list(_cells()))
def test_it_answers_each_persona_as_the_permission_table_says(
    client_as, world, name, method, who, expected
):
    client = client_as(who)
    url = reverse(name, kwargs=_kwargs(name))
    response = client.get(url) if method == "GET" else client.post(url, POST_DATA.get(name, {}))
    context = f"{method} {url} as {who}: {response.status_code} {response.get('Location', '')}"
    _assert_outcome(response, expected, context)


def _named(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _named(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name and namespace == "reports":
            yield f"reports:{pattern.name}"


def test_every_reports_url_has_a_row_for_get_and_post():
    names = set(_named(get_resolver().url_patterns))
    assert len(names) == 10
    rows = {(name, method) for name in names for method in ("GET", "POST")}
    assert rows == set(EXPECTED), (sorted(rows - set(EXPECTED)), sorted(set(EXPECTED) - rows))


# --- what the cells did ---------------------------------------------------------------------


def _report(world: World) -> AnnualReport:
    return AnnualReport.objects.get(network=world.network)


@pytest.mark.django_db
def test_a_member_reads_the_report_once_it_is_submitted(client_as, world):
    url = reverse("reports:report", kwargs=_kwargs("reports:report"))
    submit = reverse("reports:submit", kwargs=_kwargs("reports:submit"))
    assert client_as("chair").post(submit).status_code == 302
    assert _report(world).is_submitted
    member = client_as("member")
    assert member.get(url).status_code == 200
    assert member.get(reverse("reports:pdf", kwargs=_kwargs("reports:pdf"))).status_code == 200
    assert member.post(url, POST_DATA["reports:report"]).status_code == 403


@pytest.mark.django_db
def test_editing_a_submitted_report_through_the_page_is_refused_with_a_message(client_as, world):
    services.annual_report_submit(actor=persona(world, "chair"), report=_report(world))
    url = reverse("reports:report", kwargs=_kwargs("reports:report"))
    response = client_as("chair").post(url, POST_DATA["reports:report"], follow=True)
    assert (
        "has been submitted" in response.content.decode() or "indsendt" in response.content.decode()
    )
    assert _report(world).summary == "A year of debate."


@pytest.mark.django_db
def test_saving_the_narrative_with_htmx_returns_the_form_and_preview(client_as, world):
    url = reverse("reports:report", kwargs=_kwargs("reports:report"))
    response = client_as("chair").post(
        url,
        {**POST_DATA["reports:report"], "summary": "Saved by htmx."},
        headers={"HX-Request": "true", "HX-Target": "report-body"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="report-body">')
    assert "Saved by htmx." in body
    assert _report(world).summary == "Saved by htmx."


@pytest.mark.django_db
def test_a_download_is_an_attachment_with_a_sensible_name(client_as, world):
    year = timezone.localdate().year
    response = client_as("board").get(reverse("reports:docx", kwargs=_kwargs("reports:docx")))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"-{year}-boligpolitisk-netvaerk.docx" in disposition
    assert response.content.startswith(b"PK")


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/org/networks/bolig/reports/1999/",
        "/org/networks/bolig/reports/3000/",
        "/org/networks/bolig/reports/99999999999999999999/",
        "/org/networks/bolig/reports/abc/",
        "/org/networks/bolig/reports/1999/report.pdf",
        "/org/networks/bolig/reports/2024/report.pdf",  # no report on that year
        "/org/networks/bolig/reports/2024/report.docx",
        "/org/board/reports/?year=abc",
        "/org/board/reports/?year=1999",
        "/org/board/reports/?year=3000",
        "/org/networks/nowhere/reports/",
        "/nowhere/board/reports/",
    ],
)
def test_bad_years_and_unknown_addresses_answer_404(client_as, world, path):
    assert client_as("staff").get(path).status_code == 404


@pytest.mark.django_db
def test_a_bad_page_number_shows_a_page(client_as, world):
    response = client_as("board").get("/org/board/reports/", {"page": "x"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_another_organisations_network_answers_404(client_as, world):
    NetworkFactory(
        organisation=world.organisation.__class__.objects.get(slug="other"), slug="fremmed"
    )
    client = client_as("staff")
    assert client.get("/org/networks/fremmed/reports/").status_code == 404
    year = timezone.localdate().year
    assert client.post(f"/org/networks/fremmed/reports/{year}/start/").status_code == 404
    assert client.get(f"/other/networks/bolig/reports/{year}/report.pdf").status_code in (403, 404)


@pytest.mark.django_db
def test_returning_without_a_reason_changes_nothing(client_as, world):
    services.annual_report_submit(actor=persona(world, "chair"), report=_report(world))
    url = reverse("reports:reopen", kwargs=_kwargs("reports:reopen"))
    assert client_as("board").post(url, {"reason": ""}).status_code == 302
    assert _report(world).is_submitted


@pytest.mark.django_db
def test_the_overview_shows_every_state_and_flags_overdue_in_words(client_as, world):
    last_year = timezone.localdate().year - 1
    response = client_as("board").get("/org/board/reports/", {"year": last_year})
    body = response.content.decode()
    # Last year's reports were due by 31 March; whether overdue depends on today.
    counts = response.context["counts"]
    assert sum(counts.values()) == 2
    if timezone.localdate() > world.organisation.annual_report_deadline(last_year):
        assert counts["overdue"] == 2
        assert response.context["page"][0].report_state == "overdue"
        assert "badge-warning" in body
    this_year = client_as("board").get("/org/board/reports/", {"year": last_year + 1})
    assert this_year.context["counts"]["draft"] == 1
    assert this_year.context["counts"]["not_started"] == 1
