"""Django admin for organisation admins: each sees and edits only their own organisations."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from netvaerk.core.audit import log_action
from netvaerk.organisations.models import OrgRole, RoleAssignment


def admin_organisation_ids(request: HttpRequest) -> frozenset[int]:
    """Organisations where the user is a current org admin, and may act as one (two-factor
    authentication set up where the organisation requires it). Cached on the request."""
    cached = getattr(request, "_admin_org_ids", None)
    if cached is not None:
        return cached
    user = request.user
    ids: frozenset[int] = frozenset()
    if user.is_authenticated and user.is_active:
        from allauth.mfa.models import Authenticator

        rows = RoleAssignment.objects.filter(
            person__user=user, role=OrgRole.ORG_ADMIN, ended_at__isnull=True
        ).values_list("organisation_id", "organisation__require_mfa_for_officers")
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ids = frozenset(org_id for org_id, needs_mfa in rows if has_totp or not needs_mfa)
    request._admin_org_ids = ids  # type: ignore[attr-defined]
    return ids


class TenantAdmin(admin.ModelAdmin):
    """Scopes every list, form and choice to the admin's organisations."""

    tenant_field = "organisation_id"

    def _ids(self, request: HttpRequest) -> frozenset[int]:
        return admin_organisation_ids(request)

    def _owns(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if request.user.is_superuser:
            return True
        ids = self._ids(request)
        if obj is None:
            return bool(ids)
        return getattr(obj, self.tenant_field) in ids

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.tenant_field}__in": self._ids(request)})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._owns(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._owns(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._owns(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._owns(request, None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # History matters more than tidiness: tenant rows are closed or ended, not deleted.
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not request.user.is_superuser:
            related = db_field.related_model
            ids = self._ids(request)
            if related._meta.label == "organisations.Organisation":
                kwargs["queryset"] = related._default_manager.filter(pk__in=ids)
            elif any(f.name == "organisation" for f in related._meta.fields):
                kwargs["queryset"] = related._default_manager.filter(organisation_id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._log(
            request,
            obj,
            action=f"admin.{obj._meta.model_name}.{'changed' if change else 'added'}",
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._log(request, obj, action=f"admin.{obj._meta.model_name}.deleted", data={})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            self._log(request, obj, action=f"admin.{obj._meta.model_name}.deleted", data={})
        super().delete_queryset(request, queryset)

    def _log(self, request: HttpRequest, obj: Any, *, action: str, data: dict[str, Any]) -> None:
        from netvaerk.accounts.models import User
        from netvaerk.core.access import Actor
        from netvaerk.people.models import Person

        organisation = obj if self.tenant_field == "pk" else obj.organisation
        user = request.user if isinstance(request.user, User) else None
        person = Person.objects.filter(organisation=organisation, user=user).first()
        deleting_organisation = action.endswith(".deleted") and self.tenant_field == "pk"
        log_action(
            actor=Actor(organisation=organisation, user=user, person=person),
            # The log of a deleted organisation goes with it; its deletion is logged globally.
            organisation=None if deleting_organisation else organisation,
            action=action,
            obj=obj,
            data=data,
        )
