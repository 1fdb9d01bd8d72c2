"""How a network relates to the board (seed 000): rules of procedure the board approves,
proposals the board decides on, and requests from the board. Nothing here is ever deleted;
a row is withdrawn, returned or decided, and the audit log keeps who, when and why."""

import datetime
import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import TenantModel


class RulesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the board")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned by the board")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_RULES_STATUSES = (RulesStatus.DRAFT, RulesStatus.SUBMITTED)


class RulesOfProcedure(TenantModel):
    """One version of a network's rules of procedure (forretningsorden). The current rules
    are the approved version with the highest number; a new draft starts from them."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="rules_versions"
    )
    text = models.TextField(_("rules of procedure"), help_text=_("Markdown is allowed."))
    change_summary = models.CharField(
        _("what changes"),
        max_length=500,
        blank=True,
        help_text=_("A sentence or two for the board on what is new in this version."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RulesStatus.choices, default=RulesStatus.DRAFT
    )
    # Given when the board approves: version 1, 2, 3… of the network's rules.
    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("the board's reasoning"), blank=True)
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=200,
        blank=True,
        help_text=_("Where the board decided it, e.g. the board meeting of 12 March 2026, item 4."),
    )

    class Meta:
        verbose_name = _("rules of procedure")
        verbose_name_plural = _("rules of procedure")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="rules_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["network", "number"],
                condition=models.Q(number__isnull=False),
                name="rules_number_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(number__isnull=False),
                name="rules_approved_has_number",
            ),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        if self.number:
            return str(_("Rules of procedure of %(network)s, version %(number)s")) % {
                "network": self.network,
                "number": self.number,
            }
        return str(_("Rules of procedure of %(network)s (%(status)s)")) % {
            "network": self.network,
            "status": self.get_status_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:rules_version",
            kwargs={
                "org": self.network.organisation.slug,
                "network": self.network.slug,
                "version_id": self.pk,
            },
        )


class ProposalKind(models.TextChoices):
    STATEMENT = "statement", _("Political statement")
    ACTION_PLAN = "action_plan", _("Action plan")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the board")
    UNDER_CONSIDERATION = "considering", _("Under consideration")
    ADOPTED = "adopted", _("Adopted")
    ADOPTED_WITH_CHANGES = "adopted_changed", _("Adopted with changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Waiting for the board's answer.
PENDING_PROPOSAL_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.UNDER_CONSIDERATION)
DECIDED_PROPOSAL_STATUSES = (
    ProposalStatus.ADOPTED,
    ProposalStatus.ADOPTED_WITH_CHANGES,
    ProposalStatus.REJECTED,
)


class Proposal(TenantModel):
    """A network's proposal to the board. A network cannot speak on the organisation's
    behalf; only the board's decision can make a proposal the organisation's."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"))
    rationale = models.TextField(_("rationale"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The board's handling.
    preparer = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    answer_due = models.DateField(_("answer promised by"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("the board's reasoning"), blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    adopted_text = models.TextField(_("text as adopted"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "submitted_at"]),
            models.Index(fields=["network", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:proposal",
            kwargs={
                "org": self.network.organisation.slug,
                "network": self.network.slug,
                "proposal_id": self.pk,
            },
        )

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_PROPOSAL_STATUSES

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_PROPOSAL_STATUSES

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_pending and self.answer_due is not None and self.answer_due < today


def _attachment_path(instance: "ProposalAttachment", filename: str) -> str:
    # The stored name is random: the original name is kept in a column, never trusted as a path.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"proposals/{instance.organisation_id}/{uuid.uuid4().hex}.{suffix}"


class ProposalAttachment(TenantModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Removed from the proposal, kept for the record.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class ProposalNote(TenantModel):
    """The board's private working notes on a proposal; the network never sees them."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("board note")
        verbose_name_plural = _("board notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class RequestKind(models.TextChoices):
    ADVICE = "advice", _("Advice (sparring)")
    TASK = "task", _("A concrete task")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the network")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BoardRequest(TenantModel):
    """The board asks a network for advice or a task, by a deadline."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="board_requests"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what the board asks"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    asked_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        verbose_name = _("board request")
        verbose_name_plural = _("board requests")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "deadline"]),
            models.Index(fields=["network", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:request",
            kwargs={
                "org": self.network.organisation.slug,
                "network": self.network.slug,
                "request_id": self.pk,
            },
        )

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == RequestStatus.OPEN and self.deadline < today
