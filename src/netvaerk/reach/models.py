"""Branch reach (seed 002: "aktiv deltagelse i det kommunalpolitiske netværk fra mere end
tredjedel af afdelingerne"), the recruitment pipeline of unrepresented branches, and each
network's health.

The figures are materialised: `services.refresh.reach_refresh` recomputes them for a whole
organisation with a handful of set-based queries (never a loop over branches or networks) and
the pages only read the small tables below, so a dashboard costs the same with a million
persons as with a hundred. `ReachState` says when they were computed and from which
`Organisation.content_version`, so a page can tell that they are stale and ask for a refresh.

A branch is *represented* in a network when at least one person of the branch has an active
membership; *engaged* when one of them also took part in an event of the organisation in the
twelve months before the day counted. Which of the two the organisation counts against its
goal is `ReachSettings.basis`."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import Organisation, TenantModel

# How far back the monthly trend goes.
TREND_MONTHS = 36
# "Took part in an activity in the last 12 months" (privacy.services.retention keeps
# attendance at least this long beyond the trend).
ENGAGEMENT_DAYS = 365


class ReachBasis(models.TextChoices):
    MEMBER = "member", _("A branch counts when one of its people is an active member")
    ENGAGED = (
        "engaged",
        _(
            "A branch counts when one of its people is an active member who took part in an "
            "activity in the last 12 months"
        ),
    )


def counted_field(basis: str) -> str:
    """The ReachFigure column of the branches taking part on a basis."""
    return "branches_engaged" if basis == ReachBasis.ENGAGED else "branches_member"


percent_validators = [MinValueValidator(0), MaxValueValidator(100)]


class ReachSettings(models.Model):
    """What the office counts and aims for, and when a network is said to become inactive."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="reach_settings"
    )
    basis = models.CharField(
        _("what counts as taking part"),
        max_length=10,
        choices=ReachBasis.choices,
        default=ReachBasis.MEMBER,
    )
    goal_percent = models.DecimalField(
        _("goal for every network: share of branches taking part (%)"),
        max_digits=5,
        decimal_places=2,
        default=None,
        null=True,
        blank=True,
        validators=percent_validators,
        help_text=_("For example 33.4 for more than one third. A network may have its own."),
    )
    # Network health thresholds.
    inactive_after_months = models.PositiveSmallIntegerField(
        _("a network becomes inactive after this many months without a meeting"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("fewest meetings in twelve months before a warning"),
        default=2,
        validators=[MaxValueValidator(365)],
    )
    max_churn_percent = models.DecimalField(
        _("warn when more than this share of members left in twelve months (%)"),
        max_digits=5,
        decimal_places=2,
        default=25,
        validators=percent_validators,
    )
    term_warning_days = models.PositiveSmallIntegerField(
        _("warn this many days before a coordinator's term ends"),
        default=60,
        validators=[MaxValueValidator(730)],
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reach settings")
        verbose_name_plural = _("reach settings")

    def __str__(self) -> str:
        return str(self.organisation)


class NetworkGoal(TenantModel):
    """A network's own goal, over the organisation's."""

    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, related_name="reach_goal"
    )
    goal_percent = models.DecimalField(
        _("goal: share of branches taking part (%)"),
        max_digits=5,
        decimal_places=2,
        validators=percent_validators,
    )
    set_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reach goal")
        verbose_name_plural = _("reach goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal_percent__gte=0, goal_percent__lte=100),
                name="network_goal_percent_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.goal_percent} %"


class ReachState(models.Model):
    """When the organisation's figures were last computed, from which content version, and
    whether a refresh is under way (set when one is queued, cleared when it ends)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="reach_state"
    )
    refreshed_at = models.DateTimeField(null=True, blank=True)
    source_version = models.PositiveBigIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Seconds the last refresh took: shown with the progress of the next one.
    last_duration = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("reach state")
        verbose_name_plural = _("reach states")

    def __str__(self) -> str:
        return str(self.organisation)


class ReachFigure(TenantModel):
    """Branches taking part on one day: in one network (or, with no network, in any active
    network) and in one region (or all). The current figures have `month` = None; the trend
    has one row per first day of a month (counted on that month's last day, or today for
    the running month)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, null=True, related_name="+"
    )
    month = models.DateField(null=True)
    branches_total = models.PositiveIntegerField(default=0)
    branches_member = models.PositiveIntegerField(default=0)
    branches_engaged = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    engaged_members = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reach figure")
        verbose_name_plural = _("reach figures")
        indexes = [
            models.Index(fields=["organisation", "network", "region", "month"]),
            models.Index(fields=["organisation", "month", "region"]),
        ]


class BranchReach(TenantModel):
    """Today's active (and engaged) members of one branch in one network; a row only where
    there is at least one, so a branch without a row is not represented."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey("organisations.Branch", on_delete=models.CASCADE, related_name="+")
    members = models.PositiveIntegerField(default=0)
    engaged_members = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("branch reach")
        verbose_name_plural = _("branch reach")
        constraints = [
            models.UniqueConstraint(fields=["network", "branch"], name="branch_reach_unique")
        ]
        indexes = [models.Index(fields=["organisation", "branch"])]


class BranchSize(TenantModel):
    """How many persons and members a branch has, and in how many networks it takes part."""

    branch = models.OneToOneField(
        "organisations.Branch", on_delete=models.CASCADE, related_name="size"
    )
    persons = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    networks = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("branch size")
        verbose_name_plural = _("branch sizes")


class NetworkHealth(TenantModel):
    """A network's vital signs, as of the last refresh."""

    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, related_name="health"
    )
    meetings_6m = models.PositiveIntegerField(default=0)
    meetings_12m = models.PositiveIntegerField(default=0)
    last_meeting_on = models.DateField(null=True)
    next_meeting_on = models.DateField(null=True)
    members = models.PositiveIntegerField(default=0)
    members_year_ago = models.PositiveIntegerField(default=0)
    joined_12m = models.PositiveIntegerField(default=0)
    left_12m = models.PositiveIntegerField(default=0)
    # Proposals decided and board requests answered in the last 12 months, and how many of
    # the requests were answered by their deadline; requests open past it now.
    proposals_12m = models.PositiveIntegerField(default=0)
    proposals_decided_12m = models.PositiveIntegerField(default=0)
    # Decided by the date the board promised an answer (or with no date promised).
    proposals_on_time_12m = models.PositiveIntegerField(default=0)
    proposals_overdue = models.PositiveIntegerField(default=0)
    requests_answered_12m = models.PositiveIntegerField(default=0)
    requests_on_time_12m = models.PositiveIntegerField(default=0)
    requests_overdue = models.PositiveIntegerField(default=0)
    has_coordinator = models.BooleanField(default=False)
    coordinator_term_ends_on = models.DateField(null=True)
    has_chair = models.BooleanField(default=False)
    # Warnings as codes (see selectors.health.WARNINGS), computed with the settings' thresholds.
    warnings = models.JSONField(default=list)
    inactive = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("network health")
        verbose_name_plural = _("network health")
        indexes = [models.Index(fields=["organisation", "inactive"])]


class RecruitmentStage(models.TextChoices):
    NOT_CONTACTED = "not_contacted", _("Not contacted")
    CONTACTED = "contacted", _("Contacted")
    INTERESTED = "interested", _("Interested")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")


class RecruitmentEntry(TenantModel):
    """A network's work to recruit from one branch: where it stands, who is on it, and the
    next step. A branch has at most one entry per network; its history is its notes."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="recruitment"
    )
    branch = models.ForeignKey("organisations.Branch", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(
        _("stage"),
        max_length=15,
        choices=RecruitmentStage.choices,
        default=RecruitmentStage.NOT_CONTACTED,
    )
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who is on it"),
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step by"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recruitment entry")
        verbose_name_plural = _("recruitment entries")
        constraints = [
            models.UniqueConstraint(fields=["network", "branch"], name="recruitment_one_per_branch")
        ]
        indexes = [models.Index(fields=["network", "stage", "next_step_on"])]

    def __str__(self) -> str:
        return f"{self.network} – {self.branch}"


class RecruitmentNote(TenantModel):
    entry = models.ForeignKey(RecruitmentEntry, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    # The stage the entry moved to with this note, if it moved.
    stage = models.CharField(max_length=15, choices=RecruitmentStage.choices, blank=True)
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recruitment note")
        verbose_name_plural = _("recruitment notes")
        ordering = ["-created_at", "-id"]
