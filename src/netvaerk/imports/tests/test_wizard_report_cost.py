"""The report of a check costs the same number of queries whether the file had 3 problem rows
or 30, before and after the import, filtered or not; so does the job's own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.imports.models import ImportRowIssue, ImportStatus, RowOutcome
from netvaerk.imports.tests.factories import ImportJobFactory

pytestmark = pytest.mark.django_db

PROBLEMS = [
    [{"field": "email", "code": "invalid_email", "params": {}}],
    [
        {"field": "member_since", "code": "invalid_date", "params": {}},
        {"field": "phone", "code": "invalid_phone", "params": {}},
    ],
    [{"field": "member_number", "code": "other_organisation", "params": {"value": "andre"}}],
]


def _job(world, status):
    return ImportJobFactory(
        organisation=world.organisation,
        created_by=world.persons["staff"],
        status=status,
        checked_at=timezone.now(),
        counts={"rows": 100, "created": 60, "updated": 5, "unchanged": 5, "rejected": 30},
    )


def _add_issues(job, count, start=0):
    ImportRowIssue.objects.bulk_create(
        ImportRowIssue(
            job=job,
            row=2 + start + index,
            outcome=RowOutcome.DUPLICATE if index % 4 == 3 else RowOutcome.REJECT,
            member_number=f"M-{start + index}",
            problems=(
                [{"field": "member_number", "code": "duplicate", "params": {"row": 2}}]
                if index % 4 == 3
                else PROBLEMS[index % 3]
            ),
        )
        for index in range(count)
    )


def _url(world, name, job, query=""):
    path = reverse(f"imports:{name}", kwargs={"org": world.organisation.slug, "job": job.pk})
    return f"{path}?{query}" if query else path


@pytest.mark.parametrize("status", [ImportStatus.CHECKED, ImportStatus.DONE])
@pytest.mark.parametrize("query", ["", "outcome=reject"])
def test_the_report_costs_the_same_for_3_and_30_problem_rows(
    client_as, world, django_assert_num_queries, status, query
):
    client = client_as("staff")
    job = _job(world, status)
    _add_issues(job, 3)
    url = _url(world, "report", job, query)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    shown_small = response.content.decode().count("<tr>") - 1

    _add_issues(job, 27, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    shown_large = response.content.decode().count("<tr>") - 1
    assert shown_large > shown_small >= 2
    page = response.content.decode()
    assert "The e-mail address is not valid." in page
    assert ("The same member number is also on row 2." in page) is (not query)


@pytest.mark.parametrize("status", [ImportStatus.CHECKED, ImportStatus.DONE])
def test_the_jobs_page_costs_the_same_for_3_and_30_problem_rows(
    client_as, world, django_assert_num_queries, status
):
    client = client_as("staff")
    job = _job(world, status)
    _add_issues(job, 3)
    url = _url(world, "job", job)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    _add_issues(job, 27, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_problems_download_costs_the_same_for_3_and_30_problem_rows(
    client_as, world, django_assert_num_queries
):
    client = client_as("staff")
    job = _job(world, ImportStatus.CHECKED)
    _add_issues(job, 3)
    url = _url(world, "report_csv", job)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
        small_lines = b"".join(response.streaming_content).decode().count("\n")

    _add_issues(job, 27, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
        large_lines = b"".join(response.streaming_content).decode().count("\n")
    assert large_lines - small_lines >= 27
