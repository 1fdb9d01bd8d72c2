"""Data protection: who the data controller is, what people consented to, who looked at whose
data (the access log), what people asked for under the GDPR (access, correction, erasure), and
how long the organisation keeps what (retention rules).

Membership of a party's network reveals a political opinion (GDPR art. 9), so an organisation
must be able to show the data-protection authority who saw what: every view of a list of
people, a person's page or an export of personal data is an `AccessEntry`, with the persons it
showed as `AccessedPerson` rows, so that a person can see who looked at them (the Danish
authority, 2024, following CJEU C-579/21). Both are append-only; the one exception is the
erasure of a person, which removes the rows about them (their right outweighs the log's)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from netvaerk.organisations.models import Organisation, TenantModel


class PrivacySettings(models.Model):
    """The data controller's details and the organisation's own words for its privacy
    notice (`/<org>/privacy/`). `notice_version` goes up whenever the notice's text changes,
    so that a consent records which text the person saw."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="privacy_settings"
    )
    controller_name = models.CharField(_("data controller"), max_length=200, blank=True)
    controller_address = models.TextField(_("address"), max_length=500, blank=True)
    controller_email = models.EmailField(_("e-mail"), blank=True)
    controller_phone = models.CharField(_("phone"), max_length=40, blank=True)
    controller_cvr = models.CharField(_("CVR number"), max_length=20, blank=True)
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    notice_text = models.TextField(
        _("the organisation's own words in the notice"),
        max_length=20000,
        blank=True,
        help_text=_("Markdown. Shown after the standard sections of the notice."),
    )
    notice_version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return str(self.organisation)


class ConsentKind(models.TextChoices):
    CONTACT_DETAILS = "contact_details", _("Show my e-mail and phone where I am a contact")
    NEWSLETTER = "newsletter", _("Receive the newsletter")
    COMPETENCE_LIST = "competence_list", _("Be in the competence list")


class Channel(models.TextChoices):
    """How something reached the organisation: a consent, a request under the GDPR."""

    WEB = "web", _("On this site")
    IMPORT = "import", _("Imported from the member system")
    EMAIL = "email", _("By e-mail")
    LETTER = "letter", _("By letter")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


class ConsentRecord(TenantModel):
    """One consent given or withdrawn, with the text the person saw and how it reached us.
    Never changed; the person's current consent of a kind is the latest record of it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="consent_records"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    given = models.BooleanField(_("given"))
    text = models.TextField(_("the text shown"), max_length=2000)
    text_version = models.CharField(_("text version"), max_length=40)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    # Who recorded it when it was not the person themselves (staff entering a paper form).
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {'given' if self.given else 'withdrawn'}"


class AccessKind(models.TextChoices):
    LIST = "list", _("A list of people")
    PERSON = "person", _("A person's page")
    EXPORT = "export", _("An export of personal data")
    SEARCH = "search", _("A search among people")


class AccessEntryQuerySet(models.QuerySet["AccessEntry"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")

    def update(self, **kwargs: Any) -> int:
        raise ValueError("The access log is append-only.")


class AccessEntry(models.Model):
    """Someone saw personal data: who, when, what (a page or an export, by its URL name and
    path) and how many persons. Written by `privacy.access.record_access` only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    viewer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    viewer_person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AccessKind.choices)
    # The URL name ("networks:members") and the path as asked for, query string included.
    view_name = models.CharField(_("page"), max_length=100)
    path = models.CharField(_("address"), max_length=500)
    # What the page was about, in words that name no person ("Boligpolitisk netværk").
    subject = models.CharField(_("about"), max_length=200, blank=True)
    person_count = models.PositiveIntegerField(_("persons"), default=0)

    objects = AccessEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["viewer_person", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.view_name} ({self.person_count})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("The access log is append-only.")


class AccessedPerson(models.Model):
    """One person whose data an access entry showed. Deleted with the person (erasure)."""

    entry = models.ForeignKey(AccessEntry, on_delete=models.CASCADE, related_name="persons")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("person seen")
        verbose_name_plural = _("persons seen")
        indexes = [models.Index(fields=["person", "entry"])]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.person_id}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("A copy of their data")
    CORRECTION = "correction", _("Correction")
    ERASURE = "erasure", _("Erasure")
    OBJECTION = "objection", _("Objection or withdrawal of consent")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class DataRequest(TenantModel):
    """A request under the GDPR, made on this site or by other means and recorded by the
    data-protection staff; answered within a month (art. 12(3)). After an erasure the
    request stays as a record that it was done, with no trace of whose it was."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=12, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    channel = models.CharField(_("received"), max_length=12, choices=Channel.choices)
    details = models.TextField(_("what they asked"), max_length=4000, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_on = models.DateField(_("answer by"))
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["status", "due_on", "id"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.status}"


class NoticeDelivery(TenantModel):
    """An information notice (GDPR art. 14) sent to a person whose data came from elsewhere
    (imported contacts who are not members), and which version of the notice."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="notice_deliveries"
    )
    notice_version = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    # The import that brought the person in, if one did.
    import_job = models.ForeignKey(
        "imports.ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("information notice sent")
        verbose_name_plural = _("information notices sent")
        indexes = [models.Index(fields=["person", "-sent_at"])]


class RetentionKind(models.TextChoices):
    ENDED_MEMBERSHIPS = "ended_memberships", _("Network memberships ended more than … ago")
    PAST_REGISTRATIONS = "past_registrations", _("Registrations for events held more than … ago")
    UNCONFIRMED_ACCOUNTS = "unconfirmed_accounts", _("Logins never confirmed, made more than … ago")
    INACTIVE_CONTACTS = "inactive_contacts", _("Contacts (not members) inactive for more than …")
    CLOSED_SPARRING = "closed_sparring", _("Sparring requests closed more than … ago")
    ACCESS_LOG = "access_log", _("Access log entries older than …")


# Each kind as a whole sentence with its number of months, for the preview of the next run.
# (The kinds' labels end in "…": they head the form where the months are filled in.)
RETENTION_SENTENCES = {
    RetentionKind.ENDED_MEMBERSHIPS: ngettext_lazy(
        "Network memberships ended more than %(months)s month ago",
        "Network memberships ended more than %(months)s months ago",
        "months",
    ),
    RetentionKind.PAST_REGISTRATIONS: ngettext_lazy(
        "Registrations for events held more than %(months)s month ago",
        "Registrations for events held more than %(months)s months ago",
        "months",
    ),
    RetentionKind.UNCONFIRMED_ACCOUNTS: ngettext_lazy(
        "Logins never confirmed, made more than %(months)s month ago",
        "Logins never confirmed, made more than %(months)s months ago",
        "months",
    ),
    RetentionKind.INACTIVE_CONTACTS: ngettext_lazy(
        "Contacts (not members) inactive for more than %(months)s month",
        "Contacts (not members) inactive for more than %(months)s months",
        "months",
    ),
    RetentionKind.CLOSED_SPARRING: ngettext_lazy(
        "Sparring requests closed more than %(months)s month ago",
        "Sparring requests closed more than %(months)s months ago",
        "months",
    ),
    RetentionKind.ACCESS_LOG: ngettext_lazy(
        "Access log entries older than %(months)s month",
        "Access log entries older than %(months)s months",
        "months",
    ),
}


class RetentionRule(TenantModel):
    """How long the organisation keeps one kind of data; applied by the scheduled task."""

    kind = models.CharField(_("what"), max_length=24, choices=RetentionKind.choices)
    months = models.PositiveIntegerField(_("months"))
    active = models.BooleanField(_("applied"), default=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="retention_kind_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.months}"

    @property
    def description(self) -> str:
        """What the rule removes, with its months, as a sentence in the active language."""
        return str(RETENTION_SENTENCES[RetentionKind(self.kind)] % {"months": self.months})


class RetentionRun(TenantModel):
    """One application of the organisation's rules, and what it removed, by kind."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    removed = models.JSONField(default=dict, blank=True)
    # "schedule", "command" or "staff"
    trigger = models.CharField(max_length=12)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]


class Erasure(TenantModel):
    """A person erased (GDPR art. 17): the anonymous stand-in that now holds the rows which
    keep counting (attendance, ended memberships, decisions). Nothing here names the person;
    it marks the stand-in so that pages can tell it from a real person."""

    stand_in = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="erasure"
    )
    erased_at = models.DateTimeField(default=timezone.now)
    request = models.ForeignKey(
        DataRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d}"
