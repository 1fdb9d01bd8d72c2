"""The erasure of a person: no trace of them in any table, the counts as they were."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from netvaerk.accounts.models import User
from netvaerk.competences.models import Profile
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.people.models import Person
from netvaerk.privacy.models import AccessEntry, DataRequest, Erasure
from netvaerk.privacy.services.erasure import (
    CLEAR,
    DELETE,
    REPOINT,
    SPECIAL,
    field_key,
    person_erase,
    person_foreign_keys,
)
from netvaerk.privacy.tests.factories import (
    EMAIL,
    MEMBER_NUMBER,
    NAME,
    counts,
    hits,
    subject_with_everything,
)

pytestmark = pytest.mark.django_db(transaction=False)


def test_every_foreign_key_to_a_person_is_handled_by_the_erasure():
    keys = {field_key(field) for field in person_foreign_keys()}
    handled = REPOINT | DELETE | CLEAR | SPECIAL
    assert not keys - handled, f"say what erasure does with: {sorted(keys - handled)}"
    assert not handled - keys, f"these name no foreign key: {sorted(handled - keys)}"
    assert len(REPOINT) + len(DELETE) + len(CLEAR) + len(SPECIAL) == len(handled)


def test_erasure_leaves_no_trace_of_the_person_in_any_table(world):
    subject = subject_with_everything(world)
    for needle in (NAME, EMAIL, MEMBER_NUMBER):
        assert hits(needle), f"the test's person should be found before: {needle}"
    before = counts(world, subject)

    stand_in = person_erase(
        actor=world.actor("data_protection"), person=subject.person, reason="Asked by letter."
    )

    for needle in (NAME, EMAIL, MEMBER_NUMBER, "Quixmore"):
        assert hits(needle) == [], needle
    assert counts(world, subject) == before
    assert not Person.objects.filter(pk=subject.person.pk).exists()
    assert not User.objects.filter(email=EMAIL).exists()
    with translation.override(world.organisation.language):
        assert stand_in.name == gettext("Erased person")
    assert (stand_in.email, stand_in.phone, stand_in.member_number) == ("", "", "")
    assert stand_in.user_id is None
    assert Erasure.objects.filter(stand_in=stand_in).exists()


def test_erasure_keeps_decisions_and_history_on_the_stand_in(world):
    subject = subject_with_everything(world)
    stand_in = person_erase(
        actor=world.actor("data_protection"), person=subject.person, reason="Asked."
    )
    subject.proposal.refresh_from_db()
    assert subject.proposal.created_by_id == stand_in.pk
    assert subject.proposal.decided_by_id == world.persons["board"].pk
    subject.sparring_received.refresh_from_db()
    assert subject.sparring_received.recipient_id == stand_in.pk
    assert not stand_in.memberships.filter(status="active").exists()
    assert stand_in.memberships.count() == 2
    assert not Profile.objects.filter(person=stand_in).exists()
    # The request is kept as done, but says no more whose it was.
    assert DataRequest.objects.filter(person__isnull=True).count() == 1
    # The staff's view of the person stays in the log; the person's own views lose the viewer.
    assert AccessEntry.objects.filter(viewer_person__isnull=True).count() == 1
    entry = AuditEntry.objects.filter(action="person.erased").get()
    assert entry.object_id == str(stand_in.pk)
    assert entry.actor_person_id == world.persons["data_protection"].pk


def test_a_shared_login_is_only_unlinked(world):
    subject = subject_with_everything(world)
    user = subject.person.user
    from netvaerk.organisations.tests.factories import OrganisationFactory
    from netvaerk.people.tests.factories import PersonFactory

    elsewhere = PersonFactory(organisation=OrganisationFactory(slug="third"), user=user)
    person_erase(actor=world.actor("data_protection"), person=subject.person, reason="Asked.")
    assert User.objects.filter(pk=user.pk).exists()
    assert Person.objects.get(pk=elsewhere.pk).user_id == user.pk


def test_it_refuses_erasure_by_anyone_but_the_data_protection_staff(world):
    subject = subject_with_everything(world)
    for persona in ("org_admin", "staff", "board", "member"):
        with pytest.raises(ServiceError):
            person_erase(actor=world.actor(persona), person=subject.person, reason="No.")
    assert Person.objects.filter(pk=subject.person.pk).exists()


def test_it_refuses_a_person_of_another_organisation_and_an_empty_reason(world):
    from netvaerk.people.tests.factories import PersonFactory

    stranger = PersonFactory()
    actor = world.actor("data_protection")
    with pytest.raises(ServiceError):
        person_erase(actor=actor, person=stranger, reason="Asked.")
    with pytest.raises(ServiceError) as refused:
        person_erase(actor=actor, person=world.persons["member"], reason="  ")
    assert refused.value.field == "reason"


def test_it_refuses_to_erase_a_stand_in_again(world):
    actor = world.actor("data_protection")
    stand_in = person_erase(actor=actor, person=world.persons["member"], reason="Asked.")
    with pytest.raises(ServiceError):
        person_erase(actor=actor, person=stand_in, reason="Again.")
