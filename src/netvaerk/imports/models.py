"""Imports of persons, branches and regions from a member system's CSV or XLSX export.

A job goes: uploaded → (columns mapped) → checking → checked (the dry run's report: what
each row would do and why) → importing → done; or failed / cancelled. Nothing is written to
the persons before the staff confirm a checked job, and the import itself runs as one
transaction in a background task, so a failure leaves no half-import.

The uploaded file is kept (not served: `MEDIA_ROOT/imports/…` under a random name) only while
the job is open; it is deleted when the job is done, failed or cancelled. The per-row report
keeps row numbers, member numbers and the reasons, never names, e-mails or phone numbers."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.organisations.models import TenantModel


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Being imported")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (ImportStatus.UPLOADED, ImportStatus.CHECKING, ImportStatus.CHECKED)


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


def _upload_path(instance: "ImportJob", filename: str) -> str:
    # A random stored name; the original is kept in a column and never trusted as a path.
    return f"imports/{instance.organisation_id}/{uuid.uuid4().hex}"


class ImportJob(TenantModel):
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    file = models.FileField(upload_to=_upload_path, max_length=200, blank=True)
    original_name = models.CharField(_("file"), max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    file_format = models.CharField(max_length=4, choices=FileFormat.choices)
    # What was detected: "utf-8", "utf-8-sig", "cp1252"; ";" / "," / "\t" (CSV only).
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=2, blank=True)
    # The file's column headings, in order, as they are written in it.
    columns = models.JSONField(default=list, blank=True)
    # Our field -> the heading of the column it is read from (see engine.fields.FIELDS).
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # Send the information notice (GDPR art. 14) to imported persons who are not members.
    notify_contacts = models.BooleanField(
        _("send the information notice to new contacts who are not members"), default=True
    )
    # Progress of the running step (check or import): rows done of rows in all.
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    # The check's counts, then the import's: created, updated, unchanged, rejected,
    # duplicates, branches_created, regions_created, notices.
    counts = models.JSONField(default=dict, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why the job failed, in the words shown to the staff.
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.done_rows / self.total_rows))


class RowOutcome(models.TextChoices):
    # The same words before the import (what would happen) and after (what did).
    CREATE = "create", pgettext_lazy("one row of an import", "New")
    UPDATE = "update", pgettext_lazy("one row of an import", "Changed")
    UNCHANGED = "unchanged", _("Unchanged")
    REJECT = "reject", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate in the file")


class ImportRowIssue(models.Model):
    """A row the check rejected or found a duplicate (or a warning on a row that is
    otherwise imported): its number in the file, its member number and the reasons, as codes
    with parameters so that they are shown in the reader's language (engine.messages)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="issues")
    row = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    member_number = models.CharField(max_length=40, blank=True)
    # [{"field": "email", "code": "invalid_email", "params": {...}}, …] — params never hold a
    # name, e-mail or phone number, only positions and other row numbers.
    problems = models.JSONField(default=list)

    class Meta:
        ordering = ["row"]
        indexes = [models.Index(fields=["job", "outcome", "row"])]

    def __str__(self) -> str:
        return f"{self.row}: {self.outcome}"


class ImportMapping(TenantModel):
    """The column mapping last used, remembered for the organisation's next import: the
    heading of each column (case-folded) -> our field."""

    headings = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="import_mapping_one_per_org")
        ]
