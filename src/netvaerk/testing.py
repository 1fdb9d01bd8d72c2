"""Personas for tests: one organisation with a person in every role, built from factories."""

import email
import email.policy
import functools
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.test import override_settings

from netvaerk.accounts.models import User
from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.networks.models import Network
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.organisations.tests.factories import (
    BranchFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
)
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory

if TYPE_CHECKING:
    from netvaerk.core.access import Actor


def settings_for_tests() -> dict[str, Any]:
    """Settings every test runs with: fast hashing, and static files served from the source
    tree as in development, on every database."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "WHITENOISE_USE_FINDERS": True,
        "WHITENOISE_AUTOREFRESH": True,
        # Uploads go to a folder of the test run, never into var/.
        "MEDIA_ROOT": _test_media_root(),
    }


@functools.cache
def _test_media_root() -> str:
    import atexit
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="netvaerk-test-media-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def as_in_conftest() -> override_settings:
    """The same settings for module-scoped setup, which runs before per-test fixtures."""
    return override_settings(**settings_for_tests())


# Every persona a permission test walks through; "visitor" has no login at all.
PERSONAS = (
    "visitor",
    "outsider",
    "member",
    "chair",
    "coordination",
    "coordinator",
    "branch_lead",
    "board",
    "staff",
    "org_admin",
    "other_org_staff",
)


@dataclass
class World:
    organisation: Organisation
    region: Region
    branch: Branch
    network: Network
    other_network: Network
    users: dict[str, User] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)

    def actor(self, persona: str) -> "Actor":
        """The persona as the services see them: the same Actor a request would resolve."""
        from netvaerk.core.access import Actor
        from netvaerk.organisations.models import RoleAssignment

        person = self.persons.get(persona)
        roles: frozenset[str] = frozenset()
        if person is not None:
            roles = frozenset(
                RoleAssignment.objects.filter(person=person, ended_at__isnull=True).values_list(
                    "role", flat=True
                )
            )
        return Actor(
            organisation=self.organisation, user=self.users.get(persona), person=person, roles=roles
        )


def make_world(slug: str = "org", *, other_slug: str = "other") -> World:
    org = OrganisationFactory(slug=slug, name=f"Organisation {slug}")
    region = RegionFactory(organisation=org, name=f"Region Hovedstaden {slug}", slug="hovedstaden")
    branch = BranchFactory(organisation=org, region=region, name="Branch Gladsaxe", slug="gladsaxe")
    network = NetworkFactory(
        organisation=org, name="Boligpolitisk netværk", slug="bolig", region=region
    )
    other_network = NetworkFactory(organisation=org, name="Kulturpolitisk netværk", slug="kultur")
    world = World(
        organisation=org, region=region, branch=branch, network=network, other_network=other_network
    )

    def login(persona: str) -> Person:
        user = UserFactory(email=f"{persona}@{slug}.example.org")
        person = PersonFactory(
            organisation=org,
            branch=branch,
            user=user,
            name=f"{persona.title()} Person",
            email=user.email,
        )
        world.users[persona] = user
        world.persons[persona] = person
        return person

    # "outsider": a login with no person here; "other_org_staff": staff of another organisation.
    world.users["outsider"] = UserFactory(email=f"outsider@{slug}.example.org")
    MembershipFactory(network=network, person=login("member"))
    MembershipFactory(network=network, person=login("chair"), role="chair")
    MembershipFactory(network=network, person=login("coordination"), role="coordination")
    MandateFactory(network=network, person=login("coordinator"))
    RoleAssignmentFactory(person=login("branch_lead"), role="branch_lead", branch=branch)
    for role in ("board", "staff", "org_admin"):
        RoleAssignmentFactory(person=login(role), role=role)

    other = OrganisationFactory(slug=other_slug, name=f"Organisation {other_slug}")
    other_user = UserFactory(email=f"staff@{other_slug}-of-{slug}.example.org")
    other_person = PersonFactory(organisation=other, user=other_user, email=other_user.email)
    RoleAssignmentFactory(person=other_person, role="staff")
    world.users["other_org_staff"] = other_user
    return world


def add_role_persona(world: World, persona: str, role: str) -> Person:
    """Another login of the world's organisation holding one organisation role (e.g. the
    "data_protection" persona of the privacy tests), added to `world.users`/`persons`."""
    slug = world.organisation.slug
    user = UserFactory(email=f"{persona}@{slug}.example.org")
    person = PersonFactory(
        organisation=world.organisation,
        branch=world.branch,
        user=user,
        name=f"{persona.replace('_', ' ').title()} Person",
        email=user.email,
    )
    RoleAssignmentFactory(person=person, role=role)
    world.users[persona] = user
    world.persons[persona] = person
    return person


# --- permission matrices -----------------------------------------------------------------
# Each app writes its policy down as a table: (url name, method) -> one answer per persona.

LOGIN = "login"  # 302 to the login page
REDIRECT = "redirect"  # 302 elsewhere: a POST done, or refused with a message


def matrix(
    table: dict[tuple[str, str], tuple[Any, ...]], personas: tuple[str, ...] = PERSONAS
) -> dict[tuple[str, str], dict[str, Any]]:
    return {key: dict(zip(personas, row, strict=True)) for key, row in table.items()}


# The privacy and import tables add the data-protection persona (`add_role_persona`).
PERSONAS_WITH_DATA_PROTECTION = (*PERSONAS, "data_protection")


def matrix_cells(expected: dict[tuple[str, str], dict[str, Any]]) -> list[Any]:
    import pytest

    return [
        pytest.param(name, method, persona, answer, id=f"{name}-{method}-{persona}")
        for (name, method), row in expected.items()
        for persona, answer in row.items()
    ]


def named_urls(namespaces: tuple[str, ...]) -> set[str]:
    """Every named URL in the given namespaces."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace in namespaces:
                yield f"{namespace}:{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def assert_matrix_complete(
    expected: dict[tuple[str, str], dict[str, Any]],
    namespaces: tuple[str, ...],
    *,
    exclude: frozenset[str] | set[str] = frozenset(),
    personas: tuple[str, ...] = PERSONAS,
) -> None:
    """The table has a row for every URL of the namespaces (but those another table covers),
    none for a URL that is gone, and an answer for every persona."""
    names = named_urls(namespaces) - exclude
    rows = {(name, method) for name in names for method in ("GET", "POST")}
    missing = sorted(rows - expected.keys())
    assert not missing, f"add these to the permission table: {missing}"
    stale = sorted(expected.keys() - rows)
    assert not stale, f"these table rows name no URL: {stale}"
    for key, row in expected.items():
        assert tuple(row) == personas, key
        for answer in row.values():
            assert answer in (200, LOGIN, 403, 404, 405, REDIRECT), key


def assert_outcome(response: Any, expected: Any, context: str) -> None:
    from django.urls import reverse

    if expected == LOGIN:
        assert response.status_code == 302, context
        assert response["Location"].startswith(reverse("account_login") + "?next="), context
    elif expected == REDIRECT:
        assert response.status_code == 302, context
        assert not response["Location"].startswith(reverse("account_login")), context
    else:
        assert response.status_code == expected, context


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """A real SMTP server in a thread (aiosmtpd) that keeps every message it is given.

    stop() and start() again take it down and bring it back on the same port; with
    `refusing` set it answers every message with a temporary failure (451)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.port = free_port()
        self.refusing = False
        self.controller: Any = None

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refusing:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def queued_mail() -> list[dict[str, str]]:
    """Every e-mail in the outbox, oldest first: what the services asked to send."""
    from netvaerk.notifications.models import OutgoingEmail

    return [
        {"to": email.to_address, "subject": email.subject, "body": email.body}
        for email in OutgoingEmail.objects.order_by("pk")
    ]


def actor_for(person: Person, *roles: str) -> "Actor":
    """The person as a service sees them, holding exactly the given organisation roles."""
    from netvaerk.core.access import Actor

    return Actor(
        organisation=person.organisation, user=person.user, person=person, roles=frozenset(roles)
    )
