"""The outbox of every e-mail the system sends, and each person's in-app notifications.

An e-mail is a row before it is a message: it is written in the same transaction as the
change it tells about, sent by a background task, retried when the send fails, and kept
whatever happens (sent or finally failed) — never deleted."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import Organisation, TenantModel


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutgoingEmail(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    to_address = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Queued: when the next attempt is due. Sending: when the attempt under way counts as
    # abandoned (its worker died), so that send_pending_mail may queue the row again.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address}"


class Notification(TenantModel):
    """One entry in a person's notification list, written in their language when created."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("person"),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.CharField(_("excerpt"), max_length=300, blank=True)
    # A path on this site (never another site's address); empty for no link.
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="notification_person_recent"),
            models.Index(
                fields=["person"],
                condition=models.Q(read_at__isnull=True),
                name="notification_person_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Each e-mail at once")
    WEEKLY = "weekly", _("One e-mail a week with everything that can wait")


# What may wait for the weekly digest: news that asks nothing of the person by a deadline.
# Everything personal or time-critical (registration confirmations, places on the waiting
# list, reminders before an event, cancellations, the board's decisions and requests) is
# always sent at once, whatever the person chose.
class DigestKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcements of meetings, webinars and conferences")
    FOLLOW_UP = "follow_up", _("Materials and messages after an event you took part in")


class EmailPreference(TenantModel):
    """How a person wants the e-mail that can wait: at once (the default, also without a
    row) or gathered into one weekly digest."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="email_preference",
        verbose_name=_("person"),
    )
    delivery = models.CharField(
        _("e-mail that can wait"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    # When the person's last digest was queued: a second run in the same week sends nothing.
    digest_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_delivery_display()}"


class DigestItem(TenantModel):
    """One piece of news waiting for a person's weekly digest, written in their language when
    it was created (as a notification is)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="digest_items",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DigestKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    # A path on this site, or empty.
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # The digest e-mail that carried it; empty while it waits.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    email = models.ForeignKey(
        OutgoingEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["person", "created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="digest_item_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title
