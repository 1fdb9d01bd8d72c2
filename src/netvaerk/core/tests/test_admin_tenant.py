import pytest
from django.urls import reverse

from netvaerk.core.access import Actor
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.services import role_grant, role_revoke


@pytest.fixture
def org_admin_client(client, world):
    user = world.users["org_admin"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_it_lists_only_the_admins_own_organisations_networks(org_admin_client, world):
    foreign = NetworkFactory(name="Fremmed netværk", slug="fremmed")
    response = org_admin_client.get(reverse("admin:networks_network_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.network.name in body
    assert foreign.name not in body


@pytest.mark.django_db
def test_it_refuses_another_organisations_row_in_the_admin(org_admin_client, world):
    foreign = NetworkFactory(slug="fremmed")
    url = reverse("admin:networks_network_change", args=[foreign.pk])
    assert org_admin_client.get(url).status_code in (302, 403, 404)


@pytest.mark.django_db
def test_it_keeps_members_and_staff_out_of_the_admin(client, world):
    for persona in ("member", "staff", "board"):
        client.force_login(world.users[persona])
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, persona


@pytest.mark.django_db
def test_granting_and_revoking_org_admin_opens_and_closes_the_admin(world):
    person = world.persons["member"]
    actor = Actor(organisation=world.organisation, person=world.persons["org_admin"])
    assignment = role_grant(actor=actor, person=person, role="org_admin")
    person.user.refresh_from_db()
    assert person.user.is_staff
    role_revoke(actor=actor, assignment=assignment)
    person.user.refresh_from_db()
    assert not person.user.is_staff


@pytest.mark.django_db
def test_it_writes_admin_changes_to_the_audit_log(org_admin_client, world):
    from netvaerk.core.models import AuditEntry

    url = reverse("admin:organisations_region_change", args=[world.region.pk])
    response = org_admin_client.post(
        url,
        {"organisation": world.organisation.pk, "name": "Region Nord", "slug": "nord", "code": ""},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.region.changed")
    assert entry.organisation == world.organisation
    assert entry.actor_user == world.users["org_admin"]
