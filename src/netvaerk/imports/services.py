"""The import wizard's writes: upload, map the columns, check (the dry run), confirm (the
import itself), cancel. The reading, checking and upserting is the engine's (`engine`); the
background steps are `tasks`. Nothing reaches the persons before a checked job is confirmed."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.imports import engine
from netvaerk.imports.engine.fields import remembered_headings
from netvaerk.imports.models import ImportJob, ImportMapping, ImportRowIssue, ImportStatus
from netvaerk.organisations.models import Organisation

PERMISSION = "imports.import_members"
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
ENDED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)


def max_bytes() -> int:
    """The largest file the wizard takes (setting IMPORT_MAX_BYTES; the command has none)."""
    return int(getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _require(actor: Actor) -> None:
    require(
        actor,
        PERMISSION,
        None,
        _("Only the %(office)s and the administrators import members.")
        % {"office": actor.organisation.office_word},
    )


def _locked(actor: Actor, job: ImportJob) -> ImportJob:
    same_organisation(actor, job)
    return ImportJob.objects.select_for_update().get(pk=job.pk)


def remembered_mapping(organisation: Organisation) -> dict[str, str]:
    found = ImportMapping.objects.filter(organisation=organisation).first()
    return dict(found.headings) if found else {}


def delete_file(job: ImportJob) -> None:
    """Remove the uploaded file (the job's row stays as the record of the import)."""
    if job.file:
        job.file.delete(save=False)
        if job.pk is not None:
            ImportJob.objects.filter(pk=job.pk).update(file="")


@transaction.atomic
def import_upload(*, actor: Actor, uploaded_file: UploadedFile, notify_contacts: bool) -> ImportJob:
    _require(actor)
    limit = max_bytes()
    # The upload handlers have streamed the file to a temporary file by now; refuse a file
    # over the limit by its size, before anything reads it.
    if uploaded_file.size is None or uploaded_file.size > limit:
        raise ServiceError(
            _("The file is larger than %(limit)d MB. Split it, or import it on the command line.")
            % {"limit": limit // (1024 * 1024)},
            field="file",
        )
    if not uploaded_file.size:
        raise ServiceError(_("The file is empty."), field="file")
    original_name = (uploaded_file.name or "")[:200]
    job = ImportJob(
        organisation=actor.organisation,
        created_by=actor.person,
        original_name=original_name,
        size=uploaded_file.size,
        notify_contacts=bool(notify_contacts),
    )
    job.file.save(original_name, uploaded_file, save=False)
    try:
        info = engine.inspect(Path(job.file.path), original_name=original_name, max_bytes=limit)
    except engine.ImportFileError as error:
        delete_file(job)
        raise ServiceError(error.message, field="file") from None
    except Exception:
        delete_file(job)
        raise
    job.file_format = info.format
    job.encoding = info.encoding
    job.delimiter = info.delimiter
    job.columns = list(info.columns)
    job.size = info.size
    job.mapping = engine.guess_mapping(list(info.columns), remembered_mapping(actor.organisation))
    job.save()
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="imports.uploaded",
        obj=job,
        data={"size": job.size, "format": job.file_format, "columns": len(job.columns)},
        read=True,
    )
    return job


@transaction.atomic
def import_set_mapping(*, actor: Actor, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Pair the file's columns with our fields (blank: not imported), and remember the
    pairing for the organisation's next import. A checked job must be checked again."""
    _require(actor)
    job = _locked(actor, job)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise ServiceError(_("The columns can only be chosen before the import is started."))
    mapping = {field: column for field, column in mapping.items() if column}
    errors = engine.mapping_errors(mapping, list(job.columns))
    if errors:
        raise ServiceError(" ".join(errors), field="mapping")
    job.mapping = mapping
    job.status = ImportStatus.UPLOADED
    job.counts = {}
    job.checked_at = None
    job.save(update_fields=["mapping", "status", "counts", "checked_at"])
    ImportRowIssue.objects.filter(job=job).delete()
    ImportMapping.objects.update_or_create(
        organisation=actor.organisation,
        defaults={"headings": remembered_headings(mapping), "updated_at": timezone.now()},
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="imports.mapped",
        obj=job,
        data={"mapping": sorted(mapping)},
        read=True,
    )
    return job


def _start(job: ImportJob, status: str) -> None:
    job.status = status
    job.done_rows = 0
    job.total_rows = 0
    job.error = ""
    job.save(update_fields=["status", "done_rows", "total_rows", "error"])


@transaction.atomic
def import_check(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Start the dry run in the background: what each row would do, and why."""
    from netvaerk.imports.tasks import check_import

    _require(actor)
    job = _locked(actor, job)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise ServiceError(_("This import cannot be checked now."))
    errors = engine.mapping_errors(dict(job.mapping), list(job.columns))
    if errors:
        raise ServiceError(" ".join(errors))
    _start(job, ImportStatus.CHECKING)
    log_action(
        actor=actor, organisation=actor.organisation, action="imports.check", obj=job, read=True
    )
    job_id = job.pk
    transaction.on_commit(lambda: check_import.enqueue(job_id))
    return job


@transaction.atomic
def import_confirm(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Import a checked job (its rejected rows are skipped), in the background."""
    from netvaerk.imports.tasks import run_import

    _require(actor)
    Organisation.objects.select_for_update().get(pk=actor.organisation.pk)
    job = _locked(actor, job)
    if job.status != ImportStatus.CHECKED:
        raise ServiceError(_("Check the file before you import it."))
    running = ImportJob.objects.filter(
        organisation=actor.organisation, status=ImportStatus.IMPORTING
    ).exclude(pk=job.pk)
    if running.exists():
        raise ServiceError(
            _("Another import is under way. Wait until it is done, then start this one.")
        )
    job.started_at = timezone.now()
    job.save(update_fields=["started_at"])
    _start(job, ImportStatus.IMPORTING)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="imports.confirmed",
        obj=job,
        data={key: job.counts.get(key, 0) for key in ("rows", "created", "updated", "rejected")},
    )
    job_id = job.pk
    transaction.on_commit(lambda: run_import.enqueue(job_id))
    return job


@transaction.atomic
def import_cancel(*, actor: Actor, job: ImportJob) -> ImportJob:
    _require(actor)
    job = _locked(actor, job)
    if job.status in ENDED or job.status == ImportStatus.IMPORTING:
        raise ServiceError(_("This import can no longer be cancelled."))
    job.status = ImportStatus.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    log_action(actor=actor, organisation=actor.organisation, action="imports.cancelled", obj=job)
    transaction.on_commit(lambda: delete_file(job))
    return job


def import_fail(job_id: int, message: str) -> None:
    """A background step failed: say why, and let go of the file."""
    job = ImportJob.objects.get(pk=job_id)
    job.status = ImportStatus.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    delete_file(job)


def counts_for_confirm(job: ImportJob) -> dict[str, Any]:
    counts = job.counts or {}
    rows = counts.get("created", 0) + counts.get("updated", 0) + counts.get("unchanged", 0)
    return {"rows": rows, "rejected": counts.get("rejected", 0) + counts.get("duplicates", 0)}
