from django.contrib import admin

from netvaerk.core.admin_tenant import TenantAdmin
from netvaerk.people.models import Person


@admin.register(Person)
class PersonAdmin(TenantAdmin):
    list_display = ("name", "member_number", "branch", "region", "is_member")
    list_filter = ("organisation", "is_member", "region")
    search_fields = ("name", "email", "member_number")
    list_select_related = ("branch", "region")
    raw_id_fields = ("user", "branch", "region")
    show_full_result_count = False
