"""Persons: where they belong, their member numbers, and their consent to show contact details."""

import pytest
from django.utils import translation

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.core.access import Actor
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.tests.factories import (
    BranchFactory,
    OrganisationFactory,
    RegionFactory,
)
from netvaerk.people.models import Person
from netvaerk.people.services import person_create, person_update_contact_consent
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for


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
def staff(org):
    return actor_for(PersonFactory(organisation=org, name="Office Person"), "staff")


@pytest.fixture
def branch(org):
    return BranchFactory(organisation=org, name="Aalborg", region=RegionFactory(organisation=org))


def test_creating_a_person_derives_the_region_from_the_branch(org, staff, branch):
    person = person_create(
        actor=staff,
        name="  Karen Jensen ",
        email=" Karen.Jensen@Example.ORG ",
        phone=" 12 34 56 78 ",
        branch=branch,
        member_number="1001",
        language="en",
    )

    person.refresh_from_db()
    assert person.organisation == org
    assert person.name == "Karen Jensen"
    assert person.email == "karen.jensen@example.org"
    assert person.phone == "12 34 56 78"
    assert person.branch == branch
    assert person.region == branch.region
    assert person.language == "en"
    assert person.show_contact_details is False
    [entry] = AuditEntry.objects.filter(action="person.created", object_id=str(person.pk))
    assert entry.actor_person == staff.person


def test_a_person_may_belong_to_a_region_without_a_branch(org, staff):
    region = RegionFactory(organisation=org)

    person = person_create(actor=staff, name="Regional Contact", region=region, is_member=False)

    assert (person.branch, person.region, person.is_member) == (None, region, False)


def test_a_person_with_a_branch_and_its_own_region_is_accepted(staff, branch):
    person = person_create(actor=staff, name="Karen", branch=branch, region=branch.region)

    assert person.region == branch.region


def test_a_person_cannot_be_placed_in_another_organisations_branch(org, staff, foreign):
    with pytest.raises(ServiceError, match="afdeling of your own organisation") as refusal:
        person_create(actor=staff, name="Karen", branch=BranchFactory(organisation=foreign))

    assert refusal.value.field == "branch"
    assert not Person.objects.filter(name="Karen").exists()


def test_a_person_cannot_be_placed_in_another_organisations_region(staff, foreign):
    with pytest.raises(ServiceError, match="region of your own organisation") as refusal:
        person_create(actor=staff, name="Karen", region=RegionFactory(organisation=foreign))

    assert refusal.value.field == "region"


def test_a_branch_in_another_region_than_the_one_given_is_refused(org, staff, branch):
    elsewhere = RegionFactory(organisation=org)

    with pytest.raises(ServiceError, match="afdeling lies in another region") as refusal:
        person_create(actor=staff, name="Karen", branch=branch, region=elsewhere)

    assert refusal.value.field == "region"
    assert not Person.objects.filter(name="Karen").exists()


def test_a_member_number_is_unique_within_the_organisation(org, staff, foreign):
    PersonFactory(organisation=foreign, member_number="1001")
    person_create(actor=staff, name="First", member_number="1001")

    with pytest.raises(ServiceError, match="already has that member number") as refusal:
        person_create(actor=staff, name="Second", member_number="1001")

    assert refusal.value.field == "member_number"
    assert Person.objects.filter(organisation=org, member_number="1001").count() == 1


def test_persons_without_a_member_number_do_not_clash(org, staff):
    person_create(actor=staff, name="First")
    person_create(actor=staff, name="Second")

    blank = Person.objects.filter(organisation=org, member_number="", name__in=["First", "Second"])
    assert blank.count() == 2


def test_a_person_needs_a_name(staff):
    with pytest.raises(ServiceError, match="needs a name") as refusal:
        person_create(actor=staff, name="   ")

    assert refusal.value.field == "name"


def test_a_login_belongs_to_one_person_per_organisation(org, staff, foreign):
    user = UserFactory()
    PersonFactory(organisation=foreign, user=user)
    person_create(actor=staff, name="Karen", user=user)

    with pytest.raises(ServiceError, match="already belongs to a person") as refusal:
        person_create(actor=staff, name="Karen again", user=user)

    assert refusal.value.field == "user"
    assert Person.objects.filter(organisation=org, user=user).count() == 1


def test_a_person_decides_whether_to_show_their_contact_details(org):
    person = PersonFactory(organisation=org, show_contact_details=False)

    person_update_contact_consent(actor=actor_for(person), show_contact_details=True)
    person.refresh_from_db()
    assert person.show_contact_details is True

    person_update_contact_consent(actor=actor_for(person), show_contact_details=False)
    person.refresh_from_db()
    assert person.show_contact_details is False
    entries = AuditEntry.objects.filter(
        action="person.contact_consent_changed", object_id=str(person.pk)
    )
    assert sorted(entry.data["show_contact_details"] for entry in entries) == [False, True]
    assert {entry.actor_person for entry in entries} == {person}


def test_a_login_without_a_person_has_no_consent_to_give(org):
    with pytest.raises(ServiceError, match="not registered"):
        person_update_contact_consent(
            actor=Actor(organisation=org, user=UserFactory()), show_contact_details=True
        )
