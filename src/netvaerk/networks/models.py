import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Region, TenantModel, slug_validator

# Network slugs that would shadow pages under /<org>/networks/.
RESERVED_NETWORK_SLUGS = frozenset({"new", "propose", "proposals", "embed"})


class NetworkKind(models.TextChoices):
    CENTRAL = "central", _("Central")
    REGIONAL = "regional", _("Regional")


class NetworkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Anyone in the organisation can join at once")
    APPROVAL = "approval", _("The chair approves requests to join")


class Network(TenantModel):
    name = models.CharField(_("name"), max_length=150)
    slug = models.CharField(_("address"), max_length=60, validators=[slug_validator])
    kind = models.CharField(
        _("kind"), max_length=10, choices=NetworkKind.choices, default=NetworkKind.CENTRAL
    )
    central = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_counterparts",
        verbose_name=_("central network it mirrors"),
    )
    # For a regional network the region it works in; for a central one the region it is run
    # from (the seed lists every network with its chair's region), which may be blank.
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("region"),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    audience = models.TextField(
        _("audience"),
        blank=True,
        help_text=_("Who the network is for, e.g. everyone engaged in housing policy."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE
    )
    join_policy = models.CharField(
        _("joining"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    # Case-folded name, purpose and audience: SQLite's LIKE folds ASCII only, and
    # "Kirkepolitisk" must be found by "kirke" on every database. Services keep it in step.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="network_slug_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind="regional") | models.Q(region__isnull=False),
                name="network_regional_has_region",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="regional") | models.Q(central__isnull=True),
                name="network_only_regional_mirrors",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived column kept in step on every write path (services, admin, factories).
        self.search_text = network_search_text(self.name, self.purpose, self.audience)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


SEARCHED_FIELDS = frozenset({"name", "purpose", "audience"})


def network_search_text(name: str, purpose: str, audience: str) -> str:
    """Network.search_text; bulk inserts, which skip save(), call it themselves."""
    return casefold_words(f"{name} {purpose} {audience}")


class ChannelKind(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook group")
    LINKEDIN = "linkedin", _("LinkedIn group")
    WEBSITE = "website", _("Website")
    MAILING_LIST = "mailing_list", _("Mailing list")
    OTHER = "other", _("Other")


class NetworkChannel(TenantModel):
    """Where the network also lives outside Netværk (seed 000: Facebook, social media…)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    url = models.URLField(_("link"))
    label = models.CharField(_("label"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COORDINATION = "coordination", _("Coordination group")
    MEMBER = "member", _("Member")


LEAD_ROLES = frozenset({MembershipRole.CHAIR, MembershipRole.COORDINATION})


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LEFT = "left", _("Left")


OPEN_STATUSES = (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)


class Membership(TenantModel):
    """One spell of a person in a network. Leaving closes the row; joining again opens a new
    one, so the history of joins and leaves is the table itself."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=15, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(_("status"), max_length=10, choices=MembershipStatus.choices)
    request_message = models.TextField(_("message to the chair"), blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    share_contact_with_leads = models.BooleanField(
        _("the network's chair and coordination group may see my e-mail and phone"),
        default=False,
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=models.Q(status__in=["requested", "active"]),
                name="membership_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(status="active", role="chair"),
                name="membership_one_chair",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="active") | models.Q(joined_at__isnull=False),
                name="membership_active_has_joined_at",
            ),
        ]
        indexes = [
            models.Index(fields=["network", "status", "role"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.network}"

    @property
    def is_lead(self) -> bool:
        return self.status == MembershipStatus.ACTIVE and self.role in LEAD_ROLES


class CoordinatorMandate(TenantModel):
    """The board's appointment of a network coordinator for a term. Rights follow the term:
    they start on term_start and end after term_end or ended_on, whichever comes first."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="mandates")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="coordinator_mandates",
        verbose_name=_("coordinator"),
    )
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=200,
        help_text=_("Where the board decided it, e.g. the board meeting of 12 March 2026, item 4."),
    )
    appointed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    appointed_at = models.DateTimeField(default=timezone.now)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term to"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending early"), max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("coordinator mandate")
        verbose_name_plural = _("coordinator mandates")
        ordering = ["-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="mandate_term_in_order",
            ),
        ]
        indexes = [models.Index(fields=["network", "term_start", "term_end"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.network}"

    @property
    def last_day(self) -> datetime.date:
        return min(self.term_end, self.ended_on) if self.ended_on else self.term_end

    def is_current(self, today: datetime.date) -> bool:
        return self.term_start <= today <= self.last_day


# --- proposals to start a new network (networks/founding.py) ---------------------------


class ProposalStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    QUESTIONS = "questions", _("Questions asked")
    ANSWERED = "answered", _("Answered")
    WITH_BOARD = "with_board", _("With the board")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Not yet decided: the proposer may still withdraw.
OPEN_PROPOSAL_STATUSES = (
    ProposalStatus.RECEIVED,
    ProposalStatus.QUESTIONS,
    ProposalStatus.ANSWERED,
    ProposalStatus.WITH_BOARD,
)
# Waiting for the office to act: new, or the proposer has answered its questions.
WAITING_PROPOSAL_STATUSES = (ProposalStatus.RECEIVED, ProposalStatus.ANSWERED)


class NetworkProposal(TenantModel):
    """A proposal, from anyone, to start a new network (seed 000: "Mangler der et netværk?").

    Nothing is deleted: a proposal is decided or withdrawn, and every step keeps who, when and
    why here and in the audit log. The proposer reaches it without a login through a secret
    link: the public `access_key` and a verifier derived from it with SECRET_KEY, so that the
    database alone does not hold the link."""

    name = models.CharField(_("proposed name or topic"), max_length=150)
    purpose = models.TextField(_("why it needs its own network"), max_length=3000)
    helpers = models.TextField(_("who would help"), max_length=2000)
    kind = models.CharField(
        _("kind"), max_length=10, choices=NetworkKind.choices, default=NetworkKind.CENTRAL
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    proposer_name = models.CharField(_("proposer's name"), max_length=200)
    proposer_email = models.EmailField(_("proposer's e-mail"), max_length=254)
    proposer_phone = models.CharField(_("proposer's phone"), max_length=40, blank=True)
    proposer_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposer"),
    )
    # The language the form was used in: every e-mail to the proposer is in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_at = models.DateTimeField(_("consent given"))
    access_key = models.CharField(max_length=24, unique=True, editable=False)
    # HMAC of the client's IP address with SECRET_KEY, for the rate limit; never the address.
    ip_digest = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.RECEIVED,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    network = models.OneToOneField(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founding_proposal",
        verbose_name=_("network"),
    )
    referred_at = models.DateTimeField(_("put to the board"), null=True, blank=True)
    referred_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referral_note = models.TextField(_("note to the board"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # True when staff recorded the board's decision on its behalf.
    decided_for_board = models.BooleanField(default=False)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    proposer_membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        verbose_name = _("proposal for a new network")
        verbose_name_plural = _("proposals for new networks")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="regional") | models.Q(region__isnull=False),
                name="networkproposal_regional_has_region",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "submitted_at"]),
            models.Index(fields=["organisation", "proposer_email", "submitted_at"]),
            models.Index(fields=["organisation", "ip_digest", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PROPOSAL_STATUSES


class ProposalMessageSender(models.TextChoices):
    OFFICE = "office", _("The office")
    PROPOSER = "proposer", _("The proposer")


class NetworkProposalMessage(TenantModel):
    """One message in the conversation between the office and the proposer."""

    proposal = models.ForeignKey(NetworkProposal, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("from"), max_length=10, choices=ProposalMessageSender.choices)
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message about a proposal")
        verbose_name_plural = _("messages about proposals")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["proposal", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_sender_display()}: {self.body[:50]}"
