"""The import wizard: upload → map the columns → check (the dry run) → read the report →
confirm → watch the progress. Every step is a plain form and link; htmx only polls the
progress bar."""

import itertools
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.exports import csv_response
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.imports import engine
from netvaerk.imports.engine.source import iter_records
from netvaerk.imports.forms import MappingForm, ReportFilterForm, UploadForm
from netvaerk.imports.models import ImportJob, ImportRowIssue, ImportStatus, RowOutcome
from netvaerk.imports.services import (
    counts_for_confirm,
    import_cancel,
    import_check,
    import_confirm,
    import_set_mapping,
    import_upload,
)
from netvaerk.imports.tasks import read_progress

PERMISSION = "imports.import_members"
JOBS_PER_PAGE = 20
ISSUES_PER_PAGE = 50
PREVIEW_ROWS = 3
RUNNING = (ImportStatus.CHECKING, ImportStatus.IMPORTING)


def _url(actor: Actor, name: str, job: ImportJob | None = None) -> str:
    kwargs: dict[str, Any] = {"org": actor.organisation.slug}
    if job is not None:
        kwargs["job"] = job.pk
    return reverse(f"imports:{name}", kwargs=kwargs)


def _job(actor: Actor, job: int) -> ImportJob:
    ensure(actor, PERMISSION)
    return get_object_or_404(ImportJob, organisation=actor.organisation, pk=job)


def _refused(request: HttpRequest, error: ServiceError, to: str) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(to)


# --- the list and the upload ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, PERMISSION)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def again() -> HttpResponse:
        jobs = ImportJob.objects.filter(organisation=actor.organisation).select_related(
            "created_by"
        )
        page = paginate(jobs, page=request.GET.get("page"), per_page=JOBS_PER_PAGE)
        return render(
            request,
            "imports/index.html",
            {"form": form, "page": page},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: import_upload(
            actor=actor, uploaded_file=data["file"], notify_contacts=data["notify_contacts"]
        ),
        done=_("The file has been read. Check which column holds what."),
        then=lambda job: _url(actor, "mapping", job),
        refused_to=_url(actor, "index"),
        again=again,
    )


# --- one job -------------------------------------------------------------------------------


@require_GET
@org_view
def job_page(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    return render(
        request,
        "imports/job.html",
        {"job": found, "progress": _progress(found), "confirm": counts_for_confirm(found)},
    )


def _preview(job: ImportJob, mapping: dict[str, str]) -> list[list[str]]:
    """The first rows of the mapped columns only: what is not imported is not shown."""
    if not job.file or not mapping:
        return []
    info = engine.FileInfo(
        format=job.file_format,
        size=job.size,
        columns=list(job.columns),
        encoding=job.encoding,
        delimiter=job.delimiter,
    )
    positions = [job.columns.index(column) for column in mapping.values() if column in job.columns]
    try:
        records = list(itertools.islice(iter_records(Path(job.file.path), info), PREVIEW_ROWS))
    except (OSError, engine.ImportFileError):
        return []
    return [[record[i] if i < len(record) else "" for i in positions] for record in records]


@require_http_methods(["GET", "POST"])
@org_view
def mapping(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    if found.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        return redirect(_url(actor, "job", found))
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        columns=list(found.columns),
        initial=dict(found.mapping),
    )

    def again() -> HttpResponse:
        shown = found.mapping
        if form.is_bound and form.is_valid():
            shown = form.mapping()
        labels = {field.key: field.label for field in engine.FIELDS}
        return render(
            request,
            "imports/mapping.html",
            {
                "job": found,
                "form": form,
                "preview_head": [labels.get(key, key) for key in shown],
                "preview": _preview(found, dict(shown)),
            },
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: import_set_mapping(actor=actor, job=found, mapping=form.mapping()),
        done=_("The columns have been saved. Now check the file."),
        then=_url(actor, "job", found),
        again=again,
    )


@require_POST
@org_view
def check(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    try:
        import_check(actor=actor, job=found)
    except ServiceError as error:
        return _refused(request, error, _url(actor, "job", found))
    messages.success(request, _("The file is being checked. Nothing is imported yet."))
    return redirect(_url(actor, "job", found))


@require_POST
@org_view
def confirm(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    try:
        import_confirm(actor=actor, job=found)
    except ServiceError as error:
        return _refused(request, error, _url(actor, "job", found))
    messages.success(request, _("The import has started."))
    return redirect(_url(actor, "job", found))


@require_POST
@org_view
def cancel(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    try:
        import_cancel(actor=actor, job=found)
    except ServiceError as error:
        return _refused(request, error, _url(actor, "job", found))
    messages.success(request, _("The import has been cancelled and the file deleted."))
    return redirect(_url(actor, "index"))


# --- the progress --------------------------------------------------------------------------


def _progress(job: ImportJob) -> dict[str, Any]:
    done, total = read_progress(job) if job.status in RUNNING else (job.done_rows, job.total_rows)
    percent = min(100, round(100 * done / total)) if total else 0
    return {"done": done, "total": total, "percent": percent, "running": job.status in RUNNING}


@require_GET
@org_view
def progress(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _job(actor, job)
    context = {"job": found, "progress": _progress(found)}
    return render(request, "imports/job.html#progress", context)


# --- the report ----------------------------------------------------------------------------


def _checked(actor: Actor, job: int) -> ImportJob:
    found = _job(actor, job)
    if found.checked_at is None and found.status not in (ImportStatus.CHECKED, ImportStatus.DONE):
        raise Http404
    return found


@require_GET
@org_view
def report(request: HttpRequest, actor: Actor, job: int) -> HttpResponse:
    found = _checked(actor, job)
    filters = ReportFilterForm(request.GET or None)
    outcome = filters.value()
    issues = ImportRowIssue.objects.filter(job=found)
    if outcome:
        issues = issues.filter(outcome=outcome)
    page = paginate(issues, page=request.GET.get("page"), per_page=ISSUES_PER_PAGE)
    rows = [
        {"issue": issue, "sentences": [engine.describe(problem) for problem in issue.problems]}
        for issue in page
    ]
    counts = found.counts or {}
    total = max(1, counts.get("rows", 0))
    bars = [
        {
            "key": key,
            "label": label,
            "count": counts.get(name, 0),
            "percent": round(100 * counts.get(name, 0) / total),
        }
        for key, name, label in (
            (RowOutcome.CREATE, "created", _("New")),
            (RowOutcome.UPDATE, "updated", _("Changed")),
            (RowOutcome.UNCHANGED, "unchanged", _("Unchanged")),
            (RowOutcome.REJECT, "rejected", _("Rejected")),
            (RowOutcome.DUPLICATE, "duplicates", _("Duplicates")),
        )
    ]
    return render(
        request,
        "imports/report.html",
        {
            "job": found,
            "filters": filters,
            "page": page,
            "rows": rows,
            "bars": bars,
            "query": f"outcome={outcome}" if outcome else "",
            "confirm": counts_for_confirm(found),
        },
    )


@require_GET
@org_view
def report_csv(request: HttpRequest, actor: Actor, job: int) -> StreamingHttpResponse:
    found = _checked(actor, job)
    outcomes = dict(RowOutcome.choices)
    rows = (
        (row, str(outcomes.get(outcome, outcome)), number, sentence)
        for row, outcome, number, sentence in engine.report_rows(found)
    )
    header = [_("Row"), _("Outcome"), _("Member number"), _("Problem")]
    return csv_response(f"import-{found.pk}-report.csv", header, rows)
