import calendar
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Top-level paths that an organisation slug must never shadow.
RESERVED_SLUGS = frozenset(
    {"accounts", "admin", "api", "i18n", "static", "media", "healthz", "embed", "favicon.ico"}
)

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    _("Use lower-case letters, digits and hyphens only."),
)


class Organisation(models.Model):
    """A tenant: a party, an NGO, a union. Nothing below it is shared with another one."""

    slug = models.CharField(_("address"), max_length=50, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="da"
    )
    # The organisation's own words, in its own language; blank means the product's default.
    term_branch = models.CharField(_("word for a branch"), max_length=60, blank=True)
    term_branches = models.CharField(_("word for branches"), max_length=60, blank=True)
    term_board = models.CharField(_("word for the board"), max_length=60, blank=True)
    term_office = models.CharField(_("word for the office"), max_length=60, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    require_mfa_for_officers = models.BooleanField(
        _("require two-factor authentication for board, staff and admins"), default=True
    )
    # Each active network owes the board an annual report on a year by this day of the
    # following year (seed 000); 31 March unless the organisation says otherwise.
    annual_report_due_month = models.PositiveSmallIntegerField(
        _("annual report due: month"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The month of the following year by which networks report on a year."),
    )
    annual_report_due_day = models.PositiveSmallIntegerField(
        _("annual report due: day"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("The day of that month; a day past the month's end means its last day."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Bumped by every audited write; part of the key of cached public pages (core.pagecache).
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def annual_report_deadline(self, year: int) -> datetime.date:
        """The last day for the annual report on `year`: in the following year, with a day
        past the month's end (30 February, 31 April) read as the month's last day."""
        month = self.annual_report_due_month
        last = calendar.monthrange(year + 1, month)[1]
        return datetime.date(year + 1, month, min(self.annual_report_due_day, last))

    @property
    def branch_word(self) -> str:
        return self.term_branch or str(_("branch"))

    @property
    def branches_word(self) -> str:
        return self.term_branches or str(_("branches"))

    @property
    def board_word(self) -> str:
        return self.term_board or str(_("board"))

    @property
    def office_word(self) -> str:
        return self.term_office or str(_("office"))


class TenantModel(models.Model):
    """Every tenant row names its organisation, so every query can be scoped to one."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )

    class Meta:
        abstract = True


class Region(TenantModel):
    name = models.CharField(_("name"), max_length=100)
    slug = models.CharField(_("address"), max_length=50, validators=[slug_validator])
    code = models.CharField(_("code"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="region_slug_unique"),
            models.UniqueConstraint(fields=["organisation", "name"], name="region_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Branch(TenantModel):
    """A local branch (afdeling, partiforening…), usually one per municipality."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="branches", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.CharField(_("address"), max_length=60, validators=[slug_validator])
    code = models.CharField(_("code"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="branch_slug_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "region"])]

    def __str__(self) -> str:
        return self.name


class OrgRole(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    STAFF = "staff", _("Staff")
    BOARD = "board", _("Board member")
    BRANCH_LEAD = "branch_lead", _("Branch lead")
    # Searches the access log, answers requests under the GDPR, sets the retention rules.
    DATA_PROTECTION = "data_protection", _("Data protection")


# Roles whose holders must use two-factor authentication where the organisation requires it.
OFFICER_ROLES = frozenset(
    {OrgRole.ORG_ADMIN, OrgRole.STAFF, OrgRole.BOARD, OrgRole.DATA_PROTECTION}
)


class RoleAssignment(TenantModel):
    """An organisation role held by a person, with its history (ended rows are kept)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=OrgRole.choices)
    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("branch"),
        help_text=_("Only for branch leads: the branch they lead."),
    )
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(ended_at__isnull=True, branch__isnull=True),
                name="roleassignment_one_current",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "branch"],
                condition=models.Q(ended_at__isnull=True, branch__isnull=False),
                name="roleassignment_one_current_per_branch",
            ),
            models.CheckConstraint(
                condition=models.Q(role="branch_lead", branch__isnull=False)
                | (~models.Q(role="branch_lead") & models.Q(branch__isnull=True)),
                name="roleassignment_branch_only_for_branch_lead",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"
