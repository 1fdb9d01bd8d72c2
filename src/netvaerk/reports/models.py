"""A network's annual report to the board (seed 000: "at afgive en årlig beretning om sin
virksomhed"). Nothing here is deleted: a report is drafted, submitted, perhaps returned and
submitted again, and the audit log keeps every step with who, when and why."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import TenantModel

# The years a report can be about: no organisation ran networks in Netværk before 2000.
FIRST_YEAR = 2000


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ReportState(models.TextChoices):
    """What the board's overview says of a network's report for a year."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    OVERDUE = "overdue", _("Overdue")


# The narrative sections the chair writes, in the order of the report.
NARRATIVE_FIELDS = ("summary", "activities", "cooperation", "plans")


class AnnualReport(TenantModel):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.DRAFT,
    )
    summary = models.TextField(
        _("summary of the year"),
        blank=True,
        help_text=_("What the network did and achieved this year, in a few paragraphs."),
    )
    activities = models.TextField(
        _("activities"),
        blank=True,
        help_text=_("Meetings, webinars, the conference, campaigns and other activities."),
    )
    cooperation = models.TextField(
        _("cooperation with the board and the branches"),
        blank=True,
        help_text=_("How the network worked with the board, the office and the branches."),
    )
    plans = models.TextField(
        _("plans for next year"),
        blank=True,
        help_text=_("What the network intends to do next year."),
    )
    # The board's agenda: where the report is put before the board (seed 002's header).
    item_number = models.CharField(
        _("agenda item"), max_length=20, blank=True, help_text=_("For example 5.1.")
    )
    board_meeting = models.CharField(
        _("board meeting"),
        max_length=200,
        blank=True,
        help_text=_("The meeting the report goes to, e.g. the board meeting of 12 March 2027."),
    )
    # The drafted figures and contacts as they were at submission: a submitted report is
    # rendered from these and never changes. Empty while it is a draft.
    snapshot = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last return to draft by the board or the office, and why.
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("reason for returning it"), blank=True)
    # The board's acknowledgement of receipt.
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_comment = models.TextField(_("the board's comment"), blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year"], name="annual_report_one_per_network_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="annual_report_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(received_at__isnull=True) | models.Q(status="submitted"),
                name="annual_report_received_only_submitted",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "year", "status"])]

    def __str__(self) -> str:
        return str(_("Annual report %(year)s of %(network)s")) % {
            "year": self.year,
            "network": self.network,
        }

    @property
    def is_draft(self) -> bool:
        return self.status == AnnualReportStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status == AnnualReportStatus.SUBMITTED
