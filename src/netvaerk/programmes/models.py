"""Support programmes (seed 002: "projekt for lokalpolitisk interessevaretagelse"): a project
with a goal hierarchy (purpose → goals → sub-goals → indicators with targets and measured
values), a focused-support track for selected branches, its workshop series, and status
reports to the board drafted from its live data."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import TenantModel, slug_validator


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Running")
    COMPLETED = "completed", _("Completed")


class Programme(TenantModel):
    slug = models.CharField(_("address"), max_length=60, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    owners = models.ManyToManyField(
        "people.Person", related_name="owned_programmes", blank=True, verbose_name=_("owners")
    )
    # The network the programme works with (seed 002: KPN); its reach and competence list go
    # into the status report.
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("network"),
    )
    # The workshop series of the general support (seed 002, section 1).
    series = models.ManyToManyField(
        "meetings.EventSeries",
        related_name="programmes",
        blank=True,
        verbose_name=_("workshop series"),
    )
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="programme_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GoalLevel(models.TextChoices):
    PURPOSE = "purpose", _("Purpose")
    GOAL = "goal", _("Goal")
    SUBGOAL = "subgoal", _("Sub-goal")


# The level a goal's parent must have.
PARENT_LEVEL = {
    GoalLevel.PURPOSE: None,
    GoalLevel.GOAL: GoalLevel.PURPOSE,
    GoalLevel.SUBGOAL: GoalLevel.GOAL,
}


class Goal(TenantModel):
    """One node of the goal hierarchy: the purpose (one per programme), its goals, their
    sub-goals. Indicators hang on goals and sub-goals."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("level"), max_length=10, choices=GoalLevel.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(level="purpose"),
                name="goal_one_purpose_per_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(level="purpose", parent__isnull=True)
                | (~models.Q(level="purpose") & models.Q(parent__isnull=False)),
                name="goal_only_purpose_without_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("Per cent")
    COUNT = "count", _("Number")
    DKK = "dkk", _("Kroner")
    YESNO = "yesno", _("Yes or no")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    NETWORK_REACH = "network_reach", _("Share of branches taking part in the network")
    NETWORK_MEMBERS = "network_members", _("Active members of the network")
    FOCUS_ACCEPTED = "focus_accepted", _("Branches that accepted focused support")
    SERIES_ATTENDANCE = "series_attendance", _("People who came to the workshop series")


# The unit a computed indicator is measured in.
SOURCE_UNIT = {
    IndicatorSource.NETWORK_REACH: IndicatorUnit.PERCENT,
    IndicatorSource.NETWORK_MEMBERS: IndicatorUnit.COUNT,
    IndicatorSource.FOCUS_ACCEPTED: IndicatorUnit.COUNT,
    IndicatorSource.SERIES_ATTENDANCE: IndicatorUnit.COUNT,
}


class IndicatorDirection(models.TextChoices):
    AT_LEAST = "at_least", _("At least the target")
    MORE_THAN = "more_than", _("More than the target")
    AT_MOST = "at_most", _("At most the target")


class Indicator(TenantModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("met when the value is"),
        max_length=10,
        choices=IndicatorDirection.choices,
        default=IndicatorDirection.AT_LEAST,
    )
    target_date = models.DateField(_("by"), null=True, blank=True)
    baseline = models.DecimalField(
        _("starting point"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        _("measured"),
        max_length=20,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
    )
    # For the network sources: the network measured (the programme's network if blank).
    network = models.ForeignKey(
        "networks.Network", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TenantModel):
    """A value measured on a day: entered by hand, or recorded from live data for a computed
    indicator (so that its history survives changes to how the live figure is counted)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="indicator_one_value_per_day"
            )
        ]


class SelectionCriterion(TenantModel):
    """A reason a branch may be chosen for focused support (seed 002: the branch leadership
    backs it; the branch faces a current case)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("criterion"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class SupportStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    HESITANT = "hesitant", _("Hesitant")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


# Where a branch can go from each status. A declined branch may be invited again; only a
# branch that took part can complete.
SUPPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    SupportStatus.INVITED: frozenset(
        {SupportStatus.ACCEPTED, SupportStatus.HESITANT, SupportStatus.DECLINED}
    ),
    SupportStatus.HESITANT: frozenset(
        {SupportStatus.ACCEPTED, SupportStatus.DECLINED, SupportStatus.INVITED}
    ),
    SupportStatus.ACCEPTED: frozenset({SupportStatus.COMPLETED, SupportStatus.DECLINED}),
    SupportStatus.DECLINED: frozenset({SupportStatus.INVITED}),
    SupportStatus.COMPLETED: frozenset(),
}


class SupportedBranch(TenantModel):
    """A branch selected for focused support in a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="supported_branches"
    )
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.INVITED
    )
    criteria = models.ManyToManyField(
        SelectionCriterion, blank=True, related_name="+", verbose_name=_("criteria met")
    )
    selection_reason = models.TextField(_("why the branch was selected"), blank=True)
    focus_theme = models.CharField(
        _("focus theme"),
        max_length=300,
        blank=True,
        help_text=_("For example the organisation's adopted priorities for 2024–25."),
    )
    contact = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact in the branch"),
    )
    selected_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    selected_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    starts_on = models.DateField(_("support from"), null=True, blank=True)
    ends_on = models.DateField(_("support to"), null=True, blank=True)

    class Meta:
        verbose_name = _("branch in focused support")
        verbose_name_plural = _("branches in focused support")
        ordering = ["branch__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "branch"], name="supported_branch_once_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.branch} – {self.programme}"


class CaseEntryKind(models.TextChoices):
    SUPPORT = "support", _("Support given")
    AGREEMENT = "agreement", _("Agreement made")
    MEETING = "meeting", _("Meeting")
    STATUS = "status", _("Status changed")
    NOTE = "note", _("Note")


class CaseEntry(TenantModel):
    supported = models.ForeignKey(
        SupportedBranch, on_delete=models.CASCADE, related_name="case_entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CaseEntryKind.choices)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("case log entry")
        verbose_name_plural = _("case log entries")
        ordering = ["-happened_on", "-id"]


class StatusReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the board")


class StatusReport(TenantModel):
    """A status report on the programme to a board meeting, in seed 002's form. The figures
    are drafted from live data while it is a draft and frozen in `snapshot` when it is sent."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="status_reports"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusReportStatus.choices,
        default=StatusReportStatus.DRAFT,
    )
    item_number = models.CharField(
        _("agenda item"), max_length=20, blank=True, help_text=_("For example 5.1.")
    )
    date = models.DateField(_("date"))
    board_meeting = models.CharField(
        _("board meeting"),
        max_length=200,
        blank=True,
        help_text=_("The meeting the report goes to, e.g. the board meeting of 1 November 2023."),
    )
    # The period the figures cover.
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    contacts = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("contact persons")
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    general_support = models.TextField(_("general support across all branches"), blank=True)
    focused_support = models.TextField(_("focused support"), blank=True)
    network_text = models.TextField(_("the network"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="status_report_period_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="status_report_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == StatusReportStatus.DRAFT
