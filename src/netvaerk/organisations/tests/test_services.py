"""Organisations, regions, branches and roles: scoping, refusals and kept history."""

import pytest
from django.utils import translation

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.models import Branch, Organisation, Region, RoleAssignment
from netvaerk.organisations.services import (
    branch_create,
    organisation_create,
    region_create,
    role_grant,
    role_revoke,
)
from netvaerk.organisations.tests.factories import (
    BranchFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
)
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for


def audit_for(obj, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_id=str(obj.pk)))


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English wording."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="testorg", name="Testorganisation", term_branch="afdeling")


@pytest.fixture
def foreign(db):
    return OrganisationFactory(slug="foreign", name="Foreign organisation")


@pytest.fixture
def admin(org):
    person = PersonFactory(organisation=org, name="Org Admin", user=UserFactory())
    RoleAssignmentFactory(person=person, role="org_admin")
    return actor_for(person, "org_admin")


# --- Organisations ------------------------------------------------------------------------


def test_creating_an_organisation_stores_and_logs_it(db):
    organisation = organisation_create(slug="dn", name="Danmarks Naturfredningsforening")

    organisation.refresh_from_db()
    assert organisation.name == "Danmarks Naturfredningsforening"
    assert organisation.require_mfa_for_officers is True
    [entry] = audit_for(organisation, "organisation.created")
    assert entry.organisation == organisation
    assert entry.actor_user is None


@pytest.mark.parametrize("slug", ["admin", "accounts", "static", "healthz", "embed"])
def test_an_organisation_cannot_take_a_reserved_address(db, slug):
    with pytest.raises(ServiceError, match="reserved") as refusal:
        organisation_create(slug=slug, name="Shadow")

    assert refusal.value.field == "slug"
    assert not Organisation.objects.filter(slug=slug).exists()


def test_an_organisation_cannot_take_an_address_in_use(org):
    with pytest.raises(ServiceError, match="already has that address") as refusal:
        organisation_create(slug="testorg", name="Copy")

    assert refusal.value.field == "slug"
    assert Organisation.objects.get(slug="testorg").name == "Testorganisation"


# --- Regions and branches -----------------------------------------------------------------


def test_a_region_is_created_in_the_actors_organisation(org, admin):
    region = region_create(actor=admin, name="Region Nordjylland", slug="nordjylland", code="81")

    assert region.organisation == org
    assert len(audit_for(region, "region.created")) == 1


def test_a_region_address_is_unique_within_the_organisation_only(org, admin, foreign):
    RegionFactory(organisation=foreign, slug="nordjylland")
    region_create(actor=admin, name="Region Nordjylland", slug="nordjylland")

    with pytest.raises(ServiceError, match="already has that address") as refusal:
        region_create(actor=admin, name="Nordjylland II", slug="nordjylland")

    assert refusal.value.field == "slug"
    assert Region.objects.filter(organisation=org, slug="nordjylland").count() == 1


def test_a_branch_is_created_in_a_region_of_the_actors_organisation(org, admin):
    region = RegionFactory(organisation=org)

    branch = branch_create(actor=admin, region=region, name="Aalborg", slug="aalborg")

    assert branch.organisation == org
    assert branch.region == region
    assert len(audit_for(branch, "branch.created")) == 1


def test_a_branch_cannot_be_placed_in_another_organisations_region(admin, foreign):
    foreign_region = RegionFactory(organisation=foreign)

    with pytest.raises(ServiceError, match="region of your own organisation") as refusal:
        branch_create(actor=admin, region=foreign_region, name="Aalborg", slug="aalborg")

    assert refusal.value.field == "region"
    assert not Branch.objects.filter(slug="aalborg").exists()


def test_a_branch_address_is_unique_within_the_organisation(org, admin):
    region = RegionFactory(organisation=org)
    branch_create(actor=admin, region=region, name="Aalborg", slug="aalborg")

    with pytest.raises(ServiceError, match="Another afdeling already has that address"):
        branch_create(actor=admin, region=region, name="Aalborg Øst", slug="aalborg")

    assert Branch.objects.filter(organisation=org, slug="aalborg").count() == 1


# --- Roles --------------------------------------------------------------------------------


def test_granting_a_role_records_who_granted_it(org, admin):
    person = PersonFactory(organisation=org)

    assignment = role_grant(actor=admin, person=person, role="board")

    assert assignment.organisation == org
    assert assignment.granted_by == admin.person
    assert assignment.branch is None
    assert assignment.ended_at is None
    [entry] = audit_for(assignment, "role.granted")
    assert entry.data == {"role": "board"}


def test_a_branch_lead_needs_a_branch_of_the_same_organisation(org, admin, foreign):
    person = PersonFactory(organisation=org)
    foreign_branch = BranchFactory(organisation=foreign)

    for branch in (None, foreign_branch):
        with pytest.raises(ServiceError, match="Choose the afdeling") as refusal:
            role_grant(actor=admin, person=person, role="branch_lead", branch=branch)
        assert refusal.value.field == "branch"
    assert not RoleAssignment.objects.filter(person=person).exists()

    branch = BranchFactory(organisation=org)
    assignment = role_grant(actor=admin, person=person, role="branch_lead", branch=branch)
    assert assignment.branch == branch


def test_a_branch_is_ignored_for_roles_other_than_branch_lead(org, admin):
    person = PersonFactory(organisation=org)

    assignment = role_grant(
        actor=admin, person=person, role="staff", branch=BranchFactory(organisation=org)
    )

    assert assignment.branch is None


def test_a_person_cannot_hold_the_same_current_role_twice(org, admin):
    person = PersonFactory(organisation=org)
    role_grant(actor=admin, person=person, role="board")

    with pytest.raises(ServiceError, match="already has that role"):
        role_grant(actor=admin, person=person, role="board")

    assert RoleAssignment.objects.filter(person=person, role="board").count() == 1


def test_a_branch_lead_may_lead_several_branches_but_each_once(org, admin):
    person = PersonFactory(organisation=org)
    first, second = BranchFactory(organisation=org), BranchFactory(organisation=org)
    role_grant(actor=admin, person=person, role="branch_lead", branch=first)
    role_grant(actor=admin, person=person, role="branch_lead", branch=second)

    with pytest.raises(ServiceError, match="already has that role"):
        role_grant(actor=admin, person=person, role="branch_lead", branch=first)

    assert RoleAssignment.objects.filter(person=person, role="branch_lead").count() == 2


def test_roles_are_granted_to_persons_of_the_organisation_only(admin, foreign):
    foreigner = PersonFactory(organisation=foreign)

    with pytest.raises(ServiceError, match="person of your own organisation"):
        role_grant(actor=admin, person=foreigner, role="staff")

    assert not RoleAssignment.objects.filter(person=foreigner).exists()


def test_an_unknown_role_is_refused(org, admin):
    with pytest.raises(ServiceError, match="Unknown role"):
        role_grant(actor=admin, person=PersonFactory(organisation=org), role="king")


def test_revoking_a_role_ends_it_and_keeps_the_history(org, admin):
    person = PersonFactory(organisation=org)
    first = role_grant(actor=admin, person=person, role="board")

    role_revoke(actor=admin, assignment=first, reason="Term over")
    second = role_grant(actor=admin, person=person, role="board")

    first.refresh_from_db()
    assert first.ended_at is not None
    assert second.pk != first.pk
    assert second.ended_at is None
    rows = RoleAssignment.objects.filter(person=person, role="board").order_by("id")
    assert [row.ended_at is None for row in rows] == [False, True]
    [entry] = audit_for(first, "role.revoked")
    assert entry.reason == "Term over"
    assert entry.data == {"role": "board"}


def test_a_role_cannot_be_revoked_twice(org, admin):
    assignment = role_grant(actor=admin, person=PersonFactory(organisation=org), role="staff")
    role_revoke(actor=admin, assignment=assignment)
    ended_at = RoleAssignment.objects.get(pk=assignment.pk).ended_at

    with pytest.raises(ServiceError, match="already ended"):
        role_revoke(actor=admin, assignment=assignment)

    assert RoleAssignment.objects.get(pk=assignment.pk).ended_at == ended_at
    assert len(audit_for(assignment, "role.revoked")) == 1


def test_a_role_cannot_be_revoked_twice_through_a_stale_copy(org, admin):
    assignment = role_grant(actor=admin, person=PersonFactory(organisation=org), role="staff")
    first_request = RoleAssignment.objects.get(pk=assignment.pk)
    second_request = RoleAssignment.objects.get(pk=assignment.pk)
    role_revoke(actor=admin, assignment=first_request)

    with pytest.raises(ServiceError, match="already ended"):
        role_revoke(actor=admin, assignment=second_request)

    assert len(audit_for(assignment, "role.revoked")) == 1


def test_another_organisation_cannot_revoke_a_role(org, foreign):
    assignment = RoleAssignmentFactory(person=PersonFactory(organisation=org), role="staff")
    outsider = PersonFactory(organisation=foreign)

    with pytest.raises(ServiceError, match="another organisation"):
        role_revoke(actor=actor_for(outsider, "org_admin"), assignment=assignment)

    assignment.refresh_from_db()
    assert assignment.ended_at is None


def test_the_org_admin_role_opens_and_closes_the_django_admin(org, admin):
    user = UserFactory()
    person = PersonFactory(organisation=org, user=user)
    assert user.is_staff is False

    assignment = role_grant(actor=admin, person=person, role="org_admin")
    user.refresh_from_db()
    assert user.is_staff is True

    role_revoke(actor=admin, assignment=assignment)
    user.refresh_from_db()
    assert user.is_staff is False
