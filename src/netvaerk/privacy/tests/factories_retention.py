"""Old data of every kind a retention rule covers, dated as the tests need."""

import datetime

from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import timezone

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.competences.tests.factories import SparringRequestFactory
from netvaerk.meetings.tests.factories import AttendanceFactory, EventFactory, RegistrationFactory
from netvaerk.networks.models import Network
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessEntry, RetentionRule
from netvaerk.reach.models import TREND_MONTHS  # noqa: F401  (the tests read it from here)


def years_ago(years: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=round(365.25 * years))


def rule(organisation: Organisation, kind: str, months: int, active: bool = True) -> RetentionRule:
    return RetentionRule.objects.create(
        organisation=organisation, kind=kind, months=months, active=active
    )


def ended_membership(network: Network, *, ended: datetime.datetime, status: str = "left"):
    return MembershipFactory(
        network=network,
        status=status,
        joined_at=ended - datetime.timedelta(days=400) if status == "left" else None,
        left_at=ended if status == "left" else None,
        decided_at=None if status == "left" else ended,
        requested_at=ended - datetime.timedelta(days=500),
    )


def past_event(network: Network, *, ended: datetime.datetime):
    return EventFactory(
        network=network, starts_at=ended - datetime.timedelta(hours=2), ends_at=ended
    )


def registered_and_came(event, person: Person):
    registration = RegistrationFactory(event=event, person=person)
    return registration, AttendanceFactory(event=event, person=person, registration=registration)


def contact(organisation: Organisation, *, added: datetime.datetime, **kwargs) -> Person:
    return PersonFactory(
        organisation=organisation, created_at=added, **{"is_member": False, **kwargs}
    )


def unconfirmed_login(organisation: Organisation, *, made: datetime.datetime, **kwargs):
    user = UserFactory(date_joined=made, last_login=None)
    EmailAddress.objects.filter(user=user).update(verified=False)
    PersonFactory(organisation=organisation, user=user, **{"is_member": False, **kwargs})
    return user


def closed_sparring(organisation: Organisation, *, closed: datetime.datetime):
    requester = PersonFactory(organisation=organisation)
    return SparringRequestFactory(
        requester=requester, status="closed", created_at=closed, closed_at=closed
    )


def access_entry(actor, person_ids, *, at: datetime.datetime) -> AccessEntry:
    entry = record_access(
        actor=actor, request=None, kind="list", person_ids=person_ids, view_name="x", path="/x/"
    )
    assert entry is not None
    # The log refuses updates; the test dates the row the way time would have.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AccessEntry._meta.db_table} SET at = %s WHERE id = %s", [at, entry.pk]
        )
    return entry
