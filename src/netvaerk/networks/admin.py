from django.contrib import admin

from netvaerk.core.admin_tenant import TenantAdmin
from netvaerk.networks.models import (
    CoordinatorMandate,
    Membership,
    Network,
    NetworkChannel,
    NetworkProposal,
    NetworkProposalMessage,
)


class ChannelInline(admin.TabularInline):
    model = NetworkChannel
    extra = 0
    exclude = ("organisation",)


@admin.register(Network)
class NetworkAdmin(TenantAdmin):
    list_display = ("name", "kind", "region", "status", "organisation")
    list_filter = ("organisation", "kind", "status", "region")
    search_fields = ("name",)
    list_select_related = ("region", "organisation")
    raw_id_fields = ("central",)
    readonly_fields = ("search_text",)
    inlines = (ChannelInline,)

    def save_formset(self, request, form, formset, change):
        for channel in formset.save(commit=False):
            channel.organisation_id = form.instance.organisation_id
            channel.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ("person", "network", "role", "status", "joined_at", "left_at")
    list_filter = ("organisation", "status", "role")
    search_fields = ("person__name", "network__name")
    list_select_related = ("person", "network")
    raw_id_fields = ("person", "network", "decided_by")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        # Joins, leaves and roles go through the member list, which keeps the rules.
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(CoordinatorMandate)
class CoordinatorMandateAdmin(TenantAdmin):
    list_display = ("person", "network", "term_start", "term_end", "ended_on")
    list_filter = ("organisation",)
    list_select_related = ("person", "network")
    raw_id_fields = ("person", "network", "appointed_by")

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser


class ProposalMessageInline(admin.TabularInline):
    model = NetworkProposalMessage
    extra = 0
    fields = ("created_at", "sender", "author", "body")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NetworkProposal)
class NetworkProposalAdmin(TenantAdmin):
    """Read-only: proposals are worked on the office's queue, which keeps the workflow."""

    list_display = ("name", "status", "proposer_name", "submitted_at", "organisation")
    list_filter = ("organisation", "status", "kind")
    search_fields = ("name", "proposer_name", "proposer_email")
    list_select_related = ("organisation",)
    exclude = ("access_key", "ip_digest")
    inlines = (ProposalMessageInline,)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(NetworkProposalMessage)
class NetworkProposalMessageAdmin(TenantAdmin):
    list_display = ("proposal", "sender", "created_at")
    list_filter = ("organisation", "sender")
    list_select_related = ("proposal",)
    raw_id_fields = ("proposal", "author")

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser
