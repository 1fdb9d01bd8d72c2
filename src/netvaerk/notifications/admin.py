"""The outbox for organisation admins: read-only, with a "retry now" for failed e-mails."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk.core.access import Actor
from netvaerk.core.admin_tenant import TenantAdmin
from netvaerk.notifications.models import OutgoingEmail
from netvaerk.notifications.services import outgoing_emails_retry


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(TenantAdmin):
    list_display = ("subject", "to_address", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status",)
    search_fields = ("to_address", "subject")
    date_hierarchy = "created_at"
    list_select_related = ("organisation",)
    readonly_fields = (
        "organisation",
        "to_address",
        "recipient",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "created_at",
    )
    fields = readonly_fields
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The outbox is the record of what was sent to whom; it is never thinned by hand.
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return self._owns(request, None)

    @admin.action(description=_("Retry the selected failed e-mails now"), permissions=["retry"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        from netvaerk.accounts.models import User
        from netvaerk.people.models import Person

        user = request.user if isinstance(request.user, User) else None
        retried = 0
        for email in queryset.select_related("organisation"):
            actor = None
            if email.organisation is not None:
                person = Person.objects.filter(organisation=email.organisation, user=user).first()
                actor = Actor(organisation=email.organisation, user=user, person=person)
            retried += outgoing_emails_retry(actor=actor, emails=[email])
        messages.success(
            request,
            ngettext(
                "%(count)d failed e-mail is queued again.",
                "%(count)d failed e-mails are queued again.",
                retried,
            )
            % {"count": retried},
        )
