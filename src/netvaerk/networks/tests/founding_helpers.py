"""Shared helpers for the tests of proposals to start a new network."""

from typing import Any

from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.networks import founding
from netvaerk.networks.models import NetworkProposal
from netvaerk.organisations.models import Organisation
from netvaerk.testing import World, queued_mail

# The roles each persona of netvaerk.testing holds in the world's organisation.
PERSONA_ROLES = {
    "board": frozenset({"board"}),
    "staff": frozenset({"staff"}),
    "org_admin": frozenset({"org_admin"}),
}


def actor_of(world: World, persona: str) -> Actor:
    """The actor a request by the persona resolves to; "visitor" has no login."""
    if persona == "visitor":
        return Actor(organisation=world.organisation)
    if persona in ("outsider", "other_org_staff"):
        return Actor(organisation=world.organisation, user=world.users[persona])
    person = world.persons[persona]
    return Actor(
        organisation=world.organisation,
        user=person.user,
        person=person,
        roles=PERSONA_ROLES.get(persona, frozenset()),
    )


def visitor(organisation: Organisation) -> Actor:
    return Actor(organisation=organisation)


def form_data(**overrides: Any) -> dict[str, Any]:
    """What a visitor types into the proposal form."""
    return {
        "name": "Klimapolitisk netværk",
        "purpose": "Klimaet fylder i alle kommuner, men ingen afdeling kan løfte det alene.",
        "helpers": "Mig selv og tre fra afdelingen i Gladsaxe.",
        "kind": "central",
        "region": "",
        "proposer_name": "Vera Visitor",
        "proposer_email": "vera@example.org",
        "proposer_phone": "",
        "consent": "on",
        "website": "",
        **overrides,
    }


def submit(
    organisation: Organisation,
    *,
    actor: Actor | None = None,
    email: str = "vera@example.org",
    client_ip: str = "192.0.2.10",
    language: str = "da",
    **overrides: Any,
) -> NetworkProposal:
    fields: dict[str, Any] = {
        "name": "Klimapolitisk netværk",
        "purpose": "Klimaet fylder i alle kommuner.",
        "helpers": "Mig selv og tre andre.",
        "kind": "central",
        "region": None,
        "proposer_name": "Vera Visitor",
        "proposer_email": email,
        "proposer_phone": "",
        "language": language,
        "consent": True,
        "client_ip": client_ip,
        **overrides,
    }
    return founding.founding_submit(actor=actor or visitor(organisation), **fields)


def mail_to(address: str) -> list[dict]:
    return [mail for mail in queued_mail() if mail["to"] == address]


def refer(world: World, proposal: NetworkProposal, slug: str = "klima") -> NetworkProposal:
    return founding.founding_refer(
        actor=actor_of(world, "staff"),
        proposal=proposal,
        name=proposal.name,
        slug=slug,
        kind=proposal.kind,
        region=proposal.region,
        purpose=proposal.purpose,
        note="Recommended: no network covers climate.",
    )


def now() -> Any:
    return timezone.now()
