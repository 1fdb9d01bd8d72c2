"""The inactive-contacts rule erases the way a person asking for it is erased: the contacts'
old registrations, attendance and sparring go on counting under stand-ins, and no table
names them any more."""

import pytest

from netvaerk.competences.models import Profile, SparringRequest, Tag
from netvaerk.competences.services.profiles import profile_save
from netvaerk.competences.tests.factories import SparringRequestFactory
from netvaerk.competences.tests.factories_profiles import tag
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.models import Attendance, Registration
from netvaerk.meetings.tests.factories import AttendanceFactory, RegistrationFactory
from netvaerk.people.models import Person
from netvaerk.privacy.models import Erasure, RetentionKind
from netvaerk.privacy.services import retention
from netvaerk.privacy.services.retention import retention_apply, retention_preview
from netvaerk.privacy.tests import factories_retention as f
from netvaerk.privacy.tests.factories import hits
from netvaerk.testing import actor_for

pytestmark = pytest.mark.django_db

CONTACTS = [
    ("Ottilia Brackwater", "ottilia.brackwater@example.org", "BW-550101"),
    ("Peregrin Hollowmere", "peregrin.hollowmere@example.org", "HM-550102"),
    ("Quenby Ashdownley", "quenby.ashdownley@example.org", "AD-550103"),
]


def _contact_with_a_past(world, name, email, member_number, event):
    """A contact added four years ago who registered for and came to an event three years
    ago, asked for sparring then and wrote a competence profile, untouched since."""
    long_ago = f.years_ago(3)
    person = f.contact(
        world.organisation,
        added=f.years_ago(4),
        name=name,
        email=email,
        member_number=member_number,
        branch=world.branch,
    )
    registration = RegistrationFactory(event=event, person=person, registered_at=long_ago)
    AttendanceFactory(event=event, person=person, registration=registration, recorded_at=long_ago)
    SparringRequestFactory(
        requester=person,
        recipient=world.persons["member"],
        question=f"Hello, this is {name}.",
        status="closed",
        created_at=long_ago,
        closed_at=long_ago,
    )
    press = Tag.objects.filter(organisation=world.organisation, name="Pressearbejde").first()
    press = press or tag(world.organisation, "Pressearbejde", "Medier")
    profile_save(actor=actor_for(person), tags=[press], summary=f"{name} writes press releases.")
    Profile.objects.filter(person=person).update(updated_at=long_ago)
    return person


def test_the_retention_run_erases_inactive_contacts_everywhere_keeping_the_counts(
    world, monkeypatch
):
    org = world.organisation
    event = f.past_event(world.network, ended=f.years_ago(3))
    contacts = [_contact_with_a_past(world, *details, event) for details in CONTACTS]
    AttendanceFactory(event=event, person=world.persons["member"])
    f.rule(org, RetentionKind.INACTIVE_CONTACTS, 24)
    for needle in (name for details in CONTACTS for name in details):
        assert hits(needle), f"the test's contact should be found before: {needle}"
    before = {
        "registrations": Registration.objects.filter(event=event).count(),
        "attendance": Attendance.objects.filter(event=event).count(),
        "came": Attendance.objects.filter(event=event).values("person").distinct().count(),
        "sparring": SparringRequest.objects.filter(organisation=org).count(),
    }
    preview = next(iter(retention_preview(organisation=org)))
    assert preview.count == len(CONTACTS)
    # Two batches: the run goes on after the first.
    monkeypatch.setattr(retention, "ERASE_BATCH", 2)

    run = retention_apply(organisation=org, trigger="schedule")

    assert run.removed == {RetentionKind.INACTIVE_CONTACTS: len(CONTACTS)}
    assert not Person.objects.filter(pk__in=[c.pk for c in contacts]).exists()
    for needle in (name for details in CONTACTS for name in details):
        assert hits(needle) == [], needle
    assert {
        "registrations": Registration.objects.filter(event=event).count(),
        "attendance": Attendance.objects.filter(event=event).count(),
        "came": Attendance.objects.filter(event=event).values("person").distinct().count(),
        "sparring": SparringRequest.objects.filter(organisation=org).count(),
    } == before
    stand_ins = Erasure.objects.filter(organisation=org).values_list("stand_in", flat=True)
    assert len(stand_ins) == len(CONTACTS)
    assert set(Registration.objects.filter(event=event).values_list("person", flat=True)) == set(
        stand_ins
    )
    assert not Profile.objects.filter(person__in=stand_ins).exists()
    erased = AuditEntry.objects.filter(action="person.erased")
    assert erased.count() == len(CONTACTS)
    assert {entry.actor_person_id for entry in erased} == {None}
    # Written in the organisation's language, as the log is the organisation's record.
    assert org.language == "da"
    assert {entry.reason for entry in erased} == {"Sletteregel: inaktive kontakter."}


def test_a_stand_in_is_never_erased_again(world):
    org = world.organisation
    event = f.past_event(world.network, ended=f.years_ago(3))
    _contact_with_a_past(world, *CONTACTS[0], event)
    f.rule(org, RetentionKind.INACTIVE_CONTACTS, 24)
    retention_apply(organisation=org, trigger="schedule")
    stand_in = Erasure.objects.get().stand_in
    # Years later the stand-in is as old and idle as the contact was.
    Person.objects.filter(pk=stand_in.pk).update(created_at=f.years_ago(4))

    run = retention_apply(organisation=org, trigger="schedule")

    assert run.removed == {RetentionKind.INACTIVE_CONTACTS: 0}
    assert Person.objects.filter(pk=stand_in.pk).exists()


def test_a_contact_whose_profile_changed_since_the_cut_off_stays(world):
    org = world.organisation
    event = f.past_event(world.network, ended=f.years_ago(3))
    person = _contact_with_a_past(world, *CONTACTS[0], event)
    Profile.objects.filter(person=person).update(updated_at=f.years_ago(0.5))
    f.rule(org, RetentionKind.INACTIVE_CONTACTS, 24)

    run = retention_apply(organisation=org, trigger="schedule")

    assert run.removed == {RetentionKind.INACTIVE_CONTACTS: 0}
    assert Person.objects.filter(pk=person.pk).exists()
