"""Helpers for the sparring-request tests: profiles for the personas, and requests in any state
with the history the services would have written."""

import datetime
from typing import Any

from django.utils import timezone

from netvaerk.competences.models import (
    Profile,
    RequestEventKind,
    RequestStatus,
    SparringEvent,
    SparringRequest,
)
from netvaerk.competences.tests.factories import ProfileFactory
from netvaerk.networks.models import Network
from netvaerk.people.models import Person
from netvaerk.testing import World


def profile_for(person: Person, **kwargs: Any) -> Profile:
    """The person's profile (made once), visible to the whole organisation unless told."""
    found = Profile.objects.filter(person=person).first()
    if found is not None:
        for name, value in kwargs.items():
            setattr(found, name, value)
        if kwargs:
            found.save()
        return found
    kwargs.setdefault("visibility", "organisation")
    return ProfileFactory(person=person, **kwargs)


def profiles_for(world: World, *personas: str, **kwargs: Any) -> dict[str, Profile]:
    return {persona: profile_for(world.persons[persona], **kwargs) for persona in personas}


_STATUS_EVENTS = {
    RequestStatus.ACCEPTED: RequestEventKind.ACCEPTED,
    RequestStatus.DECLINED: RequestEventKind.DECLINED,
    RequestStatus.WITHDRAWN: RequestEventKind.WITHDRAWN,
    RequestStatus.CLOSED: RequestEventKind.CLOSED,
}


def sparring_request(
    *,
    requester: Person,
    recipient: Person | None = None,
    network: Network | None = None,
    status: str = RequestStatus.OPEN,
    at: datetime.datetime | None = None,
    subject: str = "Høringssvar om lokalplan",
    **kwargs: Any,
) -> SparringRequest:
    """A request as the services leave it: asked (to the recipient, or to the network), and
    if its status says so, answered."""
    at = at or timezone.now()
    sparring = SparringRequest.objects.create(
        organisation_id=requester.organisation_id,
        requester=requester,
        recipient=recipient,
        network=network,
        subject=subject,
        question=kwargs.pop(
            "question", "Kan du kigge på vores udkast til høringssvar om den nye lokalplan?"
        ),
        status=status,
        created_at=at,
        answered_at=at if status != RequestStatus.OPEN else None,
        closed_at=at if status in (RequestStatus.CLOSED, RequestStatus.WITHDRAWN) else None,
        **kwargs,
    )
    SparringEvent.objects.create(
        organisation_id=sparring.organisation_id,
        request=sparring,
        kind=RequestEventKind.ASKED,
        by=requester,
        to=recipient if network is None else None,
        at=at,
    )
    if network is not None and recipient is not None:
        SparringEvent.objects.create(
            organisation_id=sparring.organisation_id,
            request=sparring,
            kind=RequestEventKind.PASSED_ON,
            by=requester,
            to=recipient,
            at=at,
        )
    if status in _STATUS_EVENTS:
        SparringEvent.objects.create(
            organisation_id=sparring.organisation_id,
            request=sparring,
            kind=_STATUS_EVENTS[RequestStatus(status)],
            by=recipient or requester,
            at=at,
        )
    return sparring
