"""Demo data for `netvaerk demo`: a party (seed 000) and a nature NGO (seed 002) side by side,
with invented people at example.org addresses and one login per role in each.

Loading is idempotent per organisation: one whose slug already exists is left as it is."""

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from netvaerk.core.demo import dn, socialdemokratiet
from netvaerk.core.demo.builder import DEMO_PASSWORD, Builder, Login
from netvaerk.core.mail import notifications_suppressed
from netvaerk.organisations.models import Organisation
from netvaerk.reach.services.refresh import reach_refresh

__all__ = ["DEMO_PASSWORD", "ORGANISATIONS", "DemoResult", "Login", "load_demo", "logins"]

# (slug, name, builder) of every demo organisation, in the order they are loaded and printed.
ORGANISATIONS: tuple[tuple[str, str, Callable[..., Builder]], ...] = (
    (socialdemokratiet.SLUG, socialdemokratiet.NAME, socialdemokratiet.build),
    (dn.SLUG, dn.NAME, dn.build),
)

# Each organisation's logins: (local part, role shown, what it is attached to).
_LOGINS = {
    socialdemokratiet.SLUG: (
        ("admin", "org_admin", ""),
        ("staff", "staff", ""),
        ("board", "board", ""),
        ("coordinator", "coordinator", "Boligpolitisk netværk"),
        ("chair", "chair", "Boligpolitisk netværk"),
        ("member", "member", "Boligpolitisk netværk"),
        ("branch", "branch_lead", "Socialdemokratiet i Aarhus"),
        ("privacy", "data_protection", ""),
    ),
    dn.SLUG: (
        ("admin", "org_admin", ""),
        ("staff", "staff", ""),
        ("board", "board", ""),
        ("coordinator", "coordinator", dn.KPN.name),
        ("chair", "chair", dn.KPN.name),
        ("member", "member", dn.KPN.name),
        ("branch", "branch_lead", "DN Odder"),
        ("privacy", "data_protection", ""),
    ),
}


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def logins() -> list[Login]:
    """Every demo login, whether or not it has been loaded yet."""
    return [
        Login(email=f"{local}@{slug}.example.org", role=role, organisation=name, note=note)
        for slug, name, _build in ORGANISATIONS
        for local, role, note in _LOGINS[slug]
    ]


@contextlib.contextmanager
def _without_notifications() -> Iterator[None]:
    """Demo rows are history being seeded, not events: nobody is e-mailed that they were
    appointed coordinator or that someone asked to join. The services queue those e-mails on
    commit, so the commit happens inside the suppression."""

    with notifications_suppressed(), transaction.atomic():
        yield


def load_demo() -> DemoResult:
    result = DemoResult()
    password_hash = ""
    for slug, _name, build in ORGANISATIONS:
        if Organisation.objects.filter(slug=slug).exists():
            result.existing.append(slug)
            continue
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        with _without_notifications():
            build(password_hash=password_hash)
        result.created.append(slug)
    # Count the reach figures now, so the reach pages and the programme's indicators show
    # them at once instead of waiting for the worker.
    for organisation in Organisation.objects.filter(slug__in=result.created):
        reach_refresh(organisation=organisation)
    return result
