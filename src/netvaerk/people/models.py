from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Branch, Organisation, Region, TenantModel


class Person(TenantModel):
    """A member or contact of one organisation. A login (User) may be linked to persons in
    several organisations; everything the organisation knows about someone is here."""

    # No index of its own: the three (organisation, …) indexes below begin with it and serve
    # every query by organisation alone, and each index costs every insert — an import of a
    # million persons maintains each one a million times (issue 7's benchmark). The other
    # single-column foreign-key indexes stay: branch_id and region_id serve the PROTECT checks
    # and lookups by branch or region without the organisation, user_id the lookups of a
    # login's persons across organisations (accounts, retention).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        db_index=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("login"),
    )
    member_number = models.CharField(_("member number"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("branch"),
    )
    # Kept beside the branch so that counts by region need no join; services keep it in step.
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("region"),
    )
    is_member = models.BooleanField(
        _("member"),
        default=True,
        help_text=_("Members belong to the organisation; others are contacts."),
    )
    show_contact_details = models.BooleanField(
        _("show my e-mail and phone where I am named as a contact"), default=False
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="da"
    )
    # From the member system (import): when the person joined the organisation.
    member_since = models.DateField(_("member since"), null=True, blank=True)
    # The case-folded name: SQLite's LIKE folds ASCII only, and "østergaard" must find
    # "Søren Østergaard" on every database.
    search_name = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="person_one_per_user_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["organisation", "member_number"],
                condition=~models.Q(member_number=""),
                name="person_member_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "branch"]),
            models.Index(fields=["organisation", "region"]),
            models.Index(fields=["organisation", "name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived column, not business logic: kept here so that every write path (services,
        # admin, factories) keeps it in step; bulk inserts set it themselves.
        self.search_name = casefold_words(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)
