from django.contrib import admin

from netvaerk.core.admin_tenant import TenantAdmin
from netvaerk.organisations.models import Branch, Organisation, Region, RoleAssignment


@admin.register(Organisation)
class OrganisationAdmin(TenantAdmin):
    tenant_field = "pk"
    list_display = ("name", "slug", "language", "require_mfa_for_officers")
    search_fields = ("name", "slug")

    def get_readonly_fields(self, request, obj=None):
        # The address is part of every link people have saved; only the operator changes it.
        return () if request.user.is_superuser else ("slug",)

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Region)
class RegionAdmin(TenantAdmin):
    list_display = ("name", "code", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)


@admin.register(Branch)
class BranchAdmin(TenantAdmin):
    list_display = ("name", "region", "code", "organisation")
    list_filter = ("organisation", "region")
    search_fields = ("name", "code")
    list_select_related = ("region", "organisation")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(TenantAdmin):
    list_display = ("person", "role", "branch", "granted_at", "ended_at")
    list_filter = ("role", "organisation")
    search_fields = ("person__name", "person__email")
    list_select_related = ("person", "branch")
    raw_id_fields = ("person", "granted_by", "branch")
