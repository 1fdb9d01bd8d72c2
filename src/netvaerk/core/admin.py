from django.contrib import admin

from netvaerk.core.admin_tenant import TenantAdmin
from netvaerk.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(TenantAdmin):
    list_display = ("created_at", "action", "object_repr", "actor_user", "organisation")
    list_filter = ("organisation", "action")
    search_fields = ("action", "object_repr")
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
