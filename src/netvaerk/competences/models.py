"""The competence list (seed 002: the network "har udarbejdet en kompetenceliste, som det
ønsker at bringe mere i spil, for at kunne tilbyde relevant sparring til andre aktive") and
the sparring requests that put it to use.

A person's `Profile` names what they know: tags from the organisation's curated vocabulary
(`Tag`, with `TagSynonym`s staff maintain) and free text, with how much they want to be asked
and who may find them. Its search document (`search_tags`, `search_vector`, and on SQLite the
FTS5 table `competences_profile_fts`) is written only by `search.index`, never by hand.

A `SparringRequest` goes to one person, or to a network's coordination group who find
someone; `SparringEvent` is its history. Contact details are shown to the two sides only once
the request is accepted."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.competences.fields import IdSetField
from netvaerk.organisations.models import Organisation, Region, TenantModel, slug_validator

# Languages a person may say they can give sparring in; ISO 639-1 codes.
SPARRING_LANGUAGES = [
    ("da", _("Danish")),
    ("en", _("English")),
    ("de", _("German")),
    ("sv", _("Swedish")),
    ("nb", _("Norwegian")),
    ("fo", _("Faroese")),
    ("kl", _("Greenlandic")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("fa", _("Persian")),
    ("so", _("Somali")),
    ("ur", _("Urdu")),
]

limit_validators = [MinValueValidator(1), MaxValueValidator(100)]


class CompetenceSettings(models.Model):
    """The organisation's limits that protect the most-asked from overload and everyone from
    a flood of requests. Created with the defaults the first time they are needed."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="competence_settings"
    )
    open_requests_per_person = models.PositiveSmallIntegerField(
        _("open requests per person"),
        default=3,
        validators=limit_validators,
        help_text=_(
            "A person with this many requests waiting or under way is not asked again until "
            "one is closed. People may set a lower limit for themselves."
        ),
    )
    sometimes_per_year = models.PositiveSmallIntegerField(
        _("requests a year for people who want to be asked a few times a year"),
        default=4,
        validators=limit_validators,
    )
    requests_per_day = models.PositiveSmallIntegerField(
        _("requests one person may send in a day"), default=5, validators=limit_validators
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("competence settings")
        verbose_name_plural = _("competence settings")

    def __str__(self) -> str:
        return str(self.organisation)


class TagStatus(models.TextChoices):
    ACTIVE = "active", _("In use")
    SUGGESTED = "suggested", _("Suggested, awaiting the office")
    RETIRED = "retired", _("Retired")


class Tag(TenantModel):
    """A competence in the organisation's vocabulary ("Kommuneplanlægning")."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.CharField(_("address"), max_length=90, validators=[slug_validator])
    description = models.TextField(_("description"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TagStatus.choices, default=TagStatus.ACTIVE
    )
    # A retired tag merged into another one: its profiles and synonyms moved there.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
    )
    suggested_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The case-folded name, for look-ups that must find "Kommuneplanlægning" from "KOMMUNE…".
    search_name = models.CharField(max_length=80, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="tag_slug_unique"),
            models.UniqueConstraint(
                fields=["organisation", "search_name"], name="tag_search_name_unique"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.name


class TagSynonym(TenantModel):
    """Another word for a tag ("presse" for "Pressearbejde"); searching it finds the tag."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="synonyms")
    term = models.CharField(_("synonym"), max_length=80)
    search_term = models.CharField(max_length=80, editable=False)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["term"]
        constraints = [
            # One word means one competence: a synonym points to a single tag.
            models.UniqueConstraint(
                fields=["organisation", "search_term"], name="tagsynonym_term_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.term


class Experience(models.TextChoices):
    SOME = "some", _("Some experience")
    EXPERIENCED = "experienced", _("Experienced")
    EXPERT = "expert", _("Expert, many years")


class Availability(models.TextChoices):
    OPEN = "open", _("Open to be asked")
    SOMETIMES = "sometimes", _("A few times a year")
    PAUSED = "paused", _("Paused: not taking requests now")


class Visibility(models.TextChoices):
    NETWORKS = "networks", _("People in my networks")
    ORGANISATION = "organisation", _("Everyone in the organisation")
    NOBODY = "nobody", _("Nobody: my profile is hidden")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    VIDEO = "video", _("Online meeting")


class Profile(TenantModel):
    """What one person knows and can help with, and on what terms."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="competence_profile"
    )
    tags = models.ManyToManyField(
        Tag, through="ProfileTag", related_name="profiles", verbose_name=_("competences")
    )
    summary = models.TextField(_("what I know and can help with"), max_length=2000, blank=True)
    experience = models.CharField(
        _("experience"), max_length=12, choices=Experience.choices, default=Experience.SOME
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Where they can help; the person's own region unless they say otherwise.
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    contact_preference = models.CharField(
        _("how I prefer to be contacted"),
        max_length=10,
        choices=ContactPreference.choices,
        default=ContactPreference.EMAIL,
    )
    availability = models.CharField(
        _("how much I want to be asked"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.OPEN,
    )
    visibility = models.CharField(
        _("who may find me"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.NETWORKS,
    )
    # The person's own limit of open requests, below the organisation's; None = the latter.
    open_requests_limit = models.PositiveSmallIntegerField(
        _("at most this many open requests at a time"),
        null=True,
        blank=True,
        validators=limit_validators,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # The search document, written by search.index only: the tags' names and synonyms
    # case-folded, and on PostgreSQL the weighted tsvector (tags A, summary B, name C).
    search_tags = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by search.index so that the search tests them on the row, without a join: the
    # ids of the profile's tags in use (the competence filter) and of the networks the
    # person is an active member of ("shared with my networks", the network filter).
    tag_ids = IdSetField(editable=False)
    network_ids = IdSetField(editable=False)

    class Meta:
        verbose_name = _("competence profile")
        verbose_name_plural = _("competence profiles")
        indexes = [
            models.Index(fields=["organisation", "visibility", "availability"]),
            models.Index(fields=["organisation", "region"]),
            # The search's candidates of a broad search: the most recently updated matches.
            # On PostgreSQL it carries every column the search tests, so that walking it
            # reads no table rows (an index-only scan; SQLite ignores `include`).
            models.Index(
                fields=["organisation", "-updated_at", "-id"],
                include=[
                    "visibility",
                    "availability",
                    "person",
                    "region",
                    "tag_ids",
                    "network_ids",
                    "search_vector",
                ],
                name="profile_recent_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class ProfileTag(TenantModel):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="profile_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="profile_tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "tag"], name="profiletag_unique"),
        ]
        indexes = [models.Index(fields=["tag", "profile"])]

    def __str__(self) -> str:
        return f"{self.profile} – {self.tag}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


# Requests that still take up the asked person's time, counted against their limit.
OPEN_STATUSES = frozenset({RequestStatus.OPEN, RequestStatus.ACCEPTED})


class SparringRequest(TenantModel):
    """A question for sparring: to one person (`recipient`), or to a network (`network`),
    whose chair, coordination group and coordinator find someone and pass it on. While a
    network's request waits for them, `recipient` is empty."""

    requester = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="sparring_requests_sent",
        verbose_name=_("asked by"),
    )
    recipient = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sparring_requests_received",
        verbose_name=pgettext_lazy("the person a sparring request is to", "asked"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sparring_requests",
        verbose_name=_("network"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    question = models.TextField(_("question"), max_length=3000)
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="sparring_requests", verbose_name=_("competences")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(
        pgettext_lazy("when a sparring request was made", "asked"), default=timezone.now
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("sparring request")
        verbose_name_plural = _("sparring requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(network__isnull=False),
                name="sparringrequest_has_addressee",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["requester", "created_at"]),
            models.Index(fields=["network", "status"]),
        ]

    def __str__(self) -> str:
        return self.subject


class RequestEventKind(models.TextChoices):
    ASKED = "asked", pgettext_lazy("a step of a sparring request", "Asked")
    PASSED_ON = "passed_on", _("Passed on")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    RETURNED = "returned", _("Returned to the network")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class SparringEvent(TenantModel):
    """One step in a request's history: who did what, and to whom it went."""

    request = models.ForeignKey(SparringRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=10, choices=RequestEventKind.choices)
    by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} – {self.get_kind_display()}"
