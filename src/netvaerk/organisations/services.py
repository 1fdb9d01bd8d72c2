"""Writes to organisations, their regions, branches and roles."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.organisations.models import (
    RESERVED_SLUGS,
    Branch,
    Organisation,
    OrgRole,
    Region,
    RoleAssignment,
)
from netvaerk.people.models import Person


@transaction.atomic
def organisation_create(
    *,
    slug: str,
    name: str,
    short_name: str = "",
    language: str = "da",
    term_branch: str = "",
    term_branches: str = "",
    term_board: str = "",
    term_office: str = "",
    contact_email: str = "",
    website: str = "",
    require_mfa_for_officers: bool = True,
) -> Organisation:
    if slug in RESERVED_SLUGS:
        raise ServiceError(_("That address is reserved. Choose another."), field="slug")
    if Organisation.objects.filter(slug=slug).exists():
        raise ServiceError(_("Another organisation already has that address."), field="slug")
    organisation = Organisation(
        slug=slug,
        name=name,
        short_name=short_name,
        language=language,
        term_branch=term_branch,
        term_branches=term_branches,
        term_board=term_board,
        term_office=term_office,
        contact_email=contact_email,
        website=website,
        require_mfa_for_officers=require_mfa_for_officers,
    )
    full_clean_or_refuse(organisation)
    organisation.save()
    log_action(
        actor=None, organisation=organisation, action="organisation.created", obj=organisation
    )
    return organisation


@transaction.atomic
def region_create(*, actor: Actor, name: str, slug: str, code: str = "") -> Region:
    org = actor.organisation
    if Region.objects.filter(organisation=org, slug=slug).exists():
        raise ServiceError(_("Another region already has that address."), field="slug")
    if Region.objects.filter(organisation=org, name=name).exists():
        raise ServiceError(_("Another region already has that name."), field="name")
    region = Region(organisation=org, name=name, slug=slug, code=code)
    full_clean_or_refuse(region)
    region.save()
    log_action(actor=actor, organisation=org, action="region.created", obj=region)
    return region


@transaction.atomic
def branch_create(*, actor: Actor, region: Region, name: str, slug: str, code: str = "") -> Branch:
    org = actor.organisation
    if region.organisation_id != org.pk:
        raise ServiceError(_("Choose a region of your own organisation."), field="region")
    if Branch.objects.filter(organisation=org, slug=slug).exists():
        raise ServiceError(
            _("Another %(branch)s already has that address.") % {"branch": org.branch_word},
            field="slug",
        )
    branch = Branch(organisation=org, region=region, name=name, slug=slug, code=code)
    full_clean_or_refuse(branch)
    branch.save()
    log_action(actor=actor, organisation=org, action="branch.created", obj=branch)
    return branch


@transaction.atomic
def role_grant(
    *, actor: Actor, person: Person, role: str, branch: Branch | None = None
) -> RoleAssignment:
    org = actor.organisation
    if person.organisation_id != org.pk:
        raise ServiceError(_("Choose a person of your own organisation."), field="person")
    if role not in OrgRole.values:
        raise ServiceError(_("Unknown role."), field="role")
    if role == OrgRole.BRANCH_LEAD:
        if branch is None or branch.organisation_id != org.pk:
            raise ServiceError(
                _("Choose the %(branch)s this person leads.") % {"branch": org.branch_word},
                field="branch",
            )
    else:
        branch = None
    if RoleAssignment.objects.filter(
        person=person, role=role, branch=branch, ended_at__isnull=True
    ).exists():
        raise ServiceError(_("This person already has that role."), field="role")
    assignment = RoleAssignment.objects.create(
        organisation=org, person=person, role=role, branch=branch, granted_by=actor.person
    )
    if role == OrgRole.ORG_ADMIN:
        _sync_admin_access(person)
    log_action(
        actor=actor, organisation=org, action="role.granted", obj=assignment, data={"role": role}
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment, reason: str = "") -> RoleAssignment:
    assignment = (
        RoleAssignment.objects.select_for_update().select_related("person").get(pk=assignment.pk)
    )
    if assignment.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That role belongs to another organisation."))
    if assignment.ended_at is not None:
        raise ServiceError(_("This role has already ended."))
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    if assignment.role == OrgRole.ORG_ADMIN:
        _sync_admin_access(assignment.person)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="role.revoked",
        obj=assignment,
        data={"role": assignment.role},
        reason=reason,
    )
    return assignment


def _sync_admin_access(person: Person) -> None:
    """Org admins use the Django admin, which Django opens to `is_staff` logins only."""
    user = person.user
    if user is None or user.is_superuser:
        return
    is_admin = RoleAssignment.objects.filter(
        person__user=user, role=OrgRole.ORG_ADMIN, ended_at__isnull=True
    ).exists()
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])
