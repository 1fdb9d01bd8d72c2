"""The import's background steps: the check (dry run) and the import itself.

The engine runs each in one transaction, so its progress would not be seen from outside
until the end; the progress is therefore written through a connection of its own (at most
every PROGRESS_EVERY seconds) where the database allows two writers (PostgreSQL), and kept
in the cache as well, which is what the progress bar reads first."""

import logging
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, connections, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.imports import engine
from netvaerk.imports.models import ImportJob, ImportStatus
from netvaerk.imports.services import delete_file, import_fail

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 2.0


def progress_key(job_id: int) -> str:
    return f"imports:progress:{job_id}"


def read_progress(job: ImportJob) -> tuple[int, int]:
    """(done, total) of the running step: the cache's figure if it is newer than the row's."""
    cached = cache.get(progress_key(job.pk))
    if cached and cached[0] >= job.done_rows:
        return int(cached[0]), int(cached[1])
    return job.done_rows, job.total_rows


def _reporter(job_id: int) -> Callable[[int, int], None]:
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PROGRESS_EVERY and done < total:
            return
        last = now
        cache.set(progress_key(job_id), (done, total), 3600)
        if connection.vendor == "postgresql":
            side = connections.create_connection("default")
            try:
                with side.cursor() as cursor:
                    # Our own table's name; the values are bound.
                    sql = f"UPDATE {ImportJob._meta.db_table} SET done_rows = %s, total_rows = %s WHERE id = %s"  # noqa: E501, S608
                    cursor.execute(sql, [done, total, job_id])
            finally:
                side.close()

    return progress


def _step(job_id: int, *, apply: bool, expected: str) -> dict | None:
    job = ImportJob.objects.filter(pk=job_id, status=expected).first()
    if job is None:
        return None
    try:
        result = engine.run(job, apply=apply, progress=_reporter(job_id))
    except engine.ImportFileError as error:
        import_fail(job_id, error.message)
        return None
    except Exception:
        logger.exception("Import %s failed.", job_id)
        import_fail(
            job_id,
            _("The import stopped because of an error on our side. Nothing was imported."),
        )
        return None
    finally:
        cache.delete(progress_key(job_id))
    return result


@task()
def check_import(job_id: int) -> None:
    if _step(job_id, apply=False, expected=ImportStatus.CHECKING) is None:
        return
    ImportJob.objects.filter(pk=job_id, status=ImportStatus.CHECKING).update(
        status=ImportStatus.CHECKED
    )


@task()
def run_import(job_id: int) -> None:
    from netvaerk.privacy.services.notices import notice_send

    result = _step(job_id, apply=True, expected=ImportStatus.IMPORTING)
    if result is None:
        return
    job = ImportJob.objects.get(pk=job_id)
    sent = 0
    if job.notify_contacts:
        from netvaerk.people.models import Person

        persons = Person.objects.filter(
            organisation=job.organisation, pk__in=result.get("new_contacts", [])
        )
        for person in persons.iterator(chunk_size=500):
            with transaction.atomic():
                notice_send(person=person, job=job)
            sent += 1
    job.status = ImportStatus.DONE
    job.counts = {**job.counts, "notices": sent}
    job.finished_at = job.finished_at or timezone.now()
    job.save(update_fields=["status", "counts", "finished_at"])
    delete_file(job)
