"""A person with data in every app, for the erasure and my-data tests, and small helpers."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.competences.models import SparringEvent, SparringRequest
from netvaerk.competences.services.profiles import profile_save
from netvaerk.competences.tests.factories import SparringRequestFactory
from netvaerk.competences.tests.factories_profiles import tag
from netvaerk.core.audit import log_action
from netvaerk.governance.models import Proposal, ProposalStatus
from netvaerk.governance.tests.factories import ProposalFactory
from netvaerk.imports.models import ImportJob, ImportRowIssue
from netvaerk.meetings.models import Attendance, Event, Registration
from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory, RegistrationFactory
from netvaerk.networks.models import Membership
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory
from netvaerk.notifications.models import OutgoingEmail
from netvaerk.notifications.tests.factories import NotificationFactory
from netvaerk.people.models import Person
from netvaerk.people.services import person_create
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import Channel, ConsentKind, DataRequest, RequestKind
from netvaerk.privacy.services.consents import consent_record
from netvaerk.programmes.tests.factories import SupportedBranchFactory
from netvaerk.testing import World, actor_for

NAME = "Zebulon Quixmore"
EMAIL = "zebulon.quixmore@example.org"
MEMBER_NUMBER = "QX-770011"


@dataclass
class Subject:
    person: Person
    past_event: Event
    proposal: Proposal
    sparring_asked: SparringRequest
    sparring_received: SparringRequest


def subject_with_everything(world: World) -> Subject:
    """A person (with a login) who has left a trace in every app: made through the services
    where they exist, so that the audit log and the search index hold them as in real use."""
    org = world.organisation
    office = world.actor("data_protection")
    user = UserFactory(email=EMAIL)
    person = person_create(
        actor=office,
        name=NAME,
        email=EMAIL,
        phone="+45 11 22 33 44",
        branch=world.branch,
        member_number=MEMBER_NUMBER,
        user=user,
    )
    me = actor_for(person)
    other = world.persons["member"]

    # Networks: an active membership, an ended one as chair, a coordinator mandate.
    MembershipFactory(network=world.network, person=person)
    MembershipFactory(
        network=world.other_network,
        person=person,
        role="chair",
        status="left",
        joined_at=timezone.now() - datetime.timedelta(days=800),
        left_at=timezone.now() - datetime.timedelta(days=100),
    )
    MandateFactory(network=world.network, person=person)

    # Meetings: a past event they attended, a coming one they registered for.
    past = EventFactory(network=world.network, past=True)
    RegistrationFactory(event=past, person=person, name=NAME, email=EMAIL)
    AttendanceFactory(event=past, person=person, name=NAME)
    AttendanceFactory(event=past, person=other)
    coming = EventFactory(network=world.network, created_by=person)
    RegistrationFactory(event=coming, person=person, answers={"note": f"{NAME} is vegan"})

    # Competences: a profile with tags (indexed), sparring both ways with a note.
    press = tag(org, "Pressearbejde", "Medier")
    profile_save(actor=me, tags=[press], summary="I write press releases.")
    asked = SparringRequestFactory(
        requester=person, recipient=other, question=f"Hello, this is {NAME}."
    )
    received = SparringRequestFactory(requester=other, recipient=person)
    SparringEvent.objects.create(
        organisation=org, request=received, kind="accepted", by=person, note="Gladly."
    )

    # Governance: a proposal they wrote and the board decided.
    proposal = ProposalFactory(
        network=world.network,
        created_by=person,
        submitted_by=person,
        status=ProposalStatus.ADOPTED,
        decided_by=world.persons["board"],
    )

    # Focused support: they are a branch's contact.
    SupportedBranchFactory(organisation=org, branch=world.branch, contact=person)

    # Privacy: consents, a request, access-log rows both ways, a notice.
    consent_record(
        actor=me,
        person=person,
        kind=ConsentKind.NEWSLETTER,
        given=True,
        channel=Channel.WEB,
        text="Receive the newsletter",
        text_version="1",
    )
    DataRequest.objects.create(
        organisation=org,
        person=person,
        kind=RequestKind.ACCESS,
        channel=Channel.PHONE,
        details=f"{NAME} called and asked for a copy.",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    record_access(
        actor=world.actor("staff"),
        request=None,
        kind="search",
        person_ids=[person.pk],
        view_name="people:search",
        path=f"/org/people/?q={NAME.replace(' ', '+')}",
    )
    record_access(
        actor=me, request=None, kind="person", person_ids=[other.pk], view_name="x", path="/x/"
    )

    # Notifications and e-mails: to them, and to others about them.
    NotificationFactory(person=person)
    NotificationFactory(person=other, title=f"{NAME} asks you for sparring")
    OutgoingEmail.objects.create(
        organisation=org, to_address=EMAIL, recipient=person, subject="Hello", body=f"Dear {NAME}"
    )
    OutgoingEmail.objects.create(
        organisation=org,
        to_address=other.email,
        recipient=other,
        subject=f"{NAME} asks you",
        body=f"{NAME} ({EMAIL}) asks you for sparring.",
    )

    # The import that brought them in reported a warning on their row.
    job = ImportJob.objects.create(organisation=org, original_name="members.csv", file_format="csv")
    ImportRowIssue.objects.create(job=job, row=2, outcome="warning", member_number=MEMBER_NUMBER)

    # An audit entry whose data names them.
    log_action(
        actor=office, organisation=org, action="test.named", data={"who": NAME, "mail": EMAIL}
    )
    return Subject(
        person=person,
        past_event=past,
        proposal=proposal,
        sparring_asked=asked,
        sparring_received=received,
    )


def counts(world: World, subject: Subject) -> dict[str, int]:
    """The aggregates an erasure must leave as they were."""
    return {
        "memberships": Membership.objects.filter(organisation=world.organisation).count(),
        "network_history": Membership.objects.filter(network=world.network).count(),
        "attendance": Attendance.objects.filter(event=subject.past_event).count(),
        "registrations": Registration.objects.filter(event=subject.past_event).count(),
        "decided": Proposal.objects.filter(decided_by__isnull=False).count(),
        "authored": Proposal.objects.filter(created_by__isnull=False).count(),
        "sparring": SparringRequest.objects.count(),
        "requests": DataRequest.objects.count(),
    }


def hits(needle: str) -> list[str]:
    """Every table and column (all tables of the database, the full-text tables included)
    whose text holds the needle, case-insensitively."""
    found = []
    introspection = connection.introspection
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            for column in introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE LOWER(CAST({name} AS TEXT)) LIKE %s",
                    [f"%{needle.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found
