"""The audit log: what log_action records, and that an entry once written stays as it is."""

import pytest
from django.contrib.contenttypes.models import ContentType

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.models import AuditEntry
from netvaerk.networks.models import Network
from netvaerk.networks.tests.factories import NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="testorg", name="Testorganisation")


@pytest.fixture
def entry(org):
    return log_action(actor=None, organisation=org, action="test.done", reason="Because")


def test_log_action_records_who_did_what_to_which_object_and_why(org):
    user = UserFactory()
    person = PersonFactory(organisation=org, user=user)
    network = NetworkFactory(organisation=org, name="Boligpolitisk netværk")
    actor = Actor(organisation=org, user=user, person=person, roles=frozenset({"staff"}))

    entry = log_action(
        actor=actor,
        organisation=org,
        action="network.updated",
        obj=network,
        data={"before": {"status": "active"}},
        reason="Board decision",
    )

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.organisation == org
    assert entry.actor_user == user
    assert entry.actor_person == person
    assert entry.action == "network.updated"
    assert entry.content_type == ContentType.objects.get_for_model(Network)
    assert entry.object_id == str(network.pk)
    assert entry.object_repr == "Boligpolitisk netværk"
    assert entry.data == {"before": {"status": "active"}}
    assert entry.reason == "Board decision"
    assert entry.created_at is not None


def test_log_action_without_actor_or_object_leaves_those_fields_blank(org):
    entry = log_action(actor=None, organisation=None, action="system.ran")

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.organisation is None
    assert (entry.actor_user, entry.actor_person) == (None, None)
    assert (entry.content_type, entry.object_id, entry.object_repr) == (None, "", "")
    assert entry.data == {}
    assert entry.reason == ""


def test_an_anonymous_actor_is_recorded_without_a_user_or_person(org):
    entry = log_action(actor=Actor(organisation=org), organisation=org, action="page.viewed")

    assert (entry.actor_user, entry.actor_person) == (None, None)


def test_the_object_description_is_cut_to_fit(org):
    network = NetworkFactory(organisation=org, name="N" * 150)
    network.name = "N" * 250  # as a longer __str__ would be; never saved

    entry = log_action(actor=None, organisation=org, action="network.updated", obj=network)

    assert AuditEntry.objects.get(pk=entry.pk).object_repr == "N" * 200


def test_an_entry_cannot_be_changed_once_written(entry):
    entry.reason = "Rewritten"

    with pytest.raises(ValueError, match="append-only"):
        entry.save()

    assert AuditEntry.objects.get(pk=entry.pk).reason == "Because"


def test_a_fresh_copy_of_an_entry_cannot_be_saved_over_it_either(entry):
    copy = AuditEntry.objects.get(pk=entry.pk)
    copy.action = "test.undone"

    with pytest.raises(ValueError, match="append-only"):
        copy.save(update_fields=["action"])

    assert AuditEntry.objects.get(pk=entry.pk).action == "test.done"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_deleted_in_bulk(entry):
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_erasing_a_person_keeps_their_entries_without_the_link(org):
    user = UserFactory()
    person = PersonFactory(organisation=org, user=user)
    entry = log_action(
        actor=Actor(organisation=org, user=user, person=person), organisation=org, action="x.y"
    )

    person.delete()
    user.delete()

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.actor_person, entry.actor_user, entry.action) == (None, None, "x.y")


@pytest.mark.django_db
def test_an_audited_read_is_logged_but_keeps_the_public_pages_cached(world):
    from netvaerk.core.audit import log_action
    from netvaerk.organisations.models import Organisation

    before = Organisation.objects.get(pk=world.organisation.pk).content_version
    log_action(actor=None, organisation=world.organisation, action="thing.downloaded", read=True)
    assert Organisation.objects.get(pk=world.organisation.pk).content_version == before
    assert AuditEntry.objects.filter(action="thing.downloaded").count() == 1
