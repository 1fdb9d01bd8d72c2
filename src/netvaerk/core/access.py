"""Who is asking, in which organisation, with which roles — resolved once per request.

Views never look tenant data up with a bare .objects.get(); they go through the access_*
helpers here or in each app's access module, which always scope by the organisation."""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.organisations.models import OFFICER_ROLES, Organisation, RoleAssignment

if TYPE_CHECKING:
    from netvaerk.accounts.models import User
    from netvaerk.networks.models import Network
    from netvaerk.people.models import Person


class LoginRequired(Exception):
    """Raised where an anonymous visitor asks for something that needs a login."""


@dataclass
class Actor:
    organisation: Organisation
    user: "User | None" = None
    person: "Person | None" = None
    roles: frozenset[str] = frozenset()
    # Officer roles the person holds but may not use until they set up two-factor login.
    pending_mfa_roles: frozenset[str] = frozenset()
    _network_roles: dict[int, str | None] = field(default_factory=dict, repr=False)
    _coordinated: dict[int, bool] = field(default_factory=dict, repr=False)
    _led_branches: frozenset[int] | None = field(default=None, repr=False)
    _network_ids: frozenset[int] | None = field(default=None, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def network_role(self, network: "Network") -> str | None:
        """The person's role in an active membership of the network, or None."""
        if self.person is None:
            return None
        if network.pk not in self._network_roles:
            from netvaerk.networks.models import Membership, MembershipStatus

            self._network_roles[network.pk] = (
                Membership.objects.filter(
                    network=network, person=self.person, status=MembershipStatus.ACTIVE
                )
                .values_list("role", flat=True)
                .first()
            )
        return self._network_roles[network.pk]

    def coordinates(self, network: "Network") -> bool:
        """True while the person holds a current coordinator mandate for the network."""
        if self.person is None:
            return False
        if network.pk not in self._coordinated:
            from netvaerk.networks.selectors import current_mandate_filter

            self._coordinated[network.pk] = network.mandates.filter(
                current_mandate_filter(today()), person=self.person
            ).exists()
        return self._coordinated[network.pk]

    def network_ids(self) -> frozenset[int]:
        """The networks the person is an active member of (any role), looked up once."""
        if self.person is None:
            return frozenset()
        if self._network_ids is None:
            from netvaerk.networks.models import Membership, MembershipStatus

            self._network_ids = frozenset(
                Membership.objects.filter(
                    person=self.person, status=MembershipStatus.ACTIVE
                ).values_list("network_id", flat=True)
            )
        return self._network_ids

    def leads_branch(self, branch_id: int | None) -> bool:
        """True while the person holds the branch-lead role for that branch."""
        if self.person is None or branch_id is None or "branch_lead" not in self.roles:
            return False
        if self._led_branches is None:
            self._led_branches = frozenset(
                RoleAssignment.objects.filter(
                    person=self.person, role="branch_lead", ended_at__isnull=True
                ).values_list("branch_id", flat=True)
            )
        return branch_id in self._led_branches

    def can(self, permission: str, obj: Any = None) -> bool:
        return rules.test_rule(permission, self, obj)


def today() -> datetime.date:
    return timezone.localdate()


def access_organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def resolve_actor(request: HttpRequest, organisation: Organisation) -> Actor:
    from netvaerk.people.models import Person

    user = request.user if request.user.is_authenticated else None
    if user is None:
        return Actor(organisation=organisation)
    person = Person.objects.filter(organisation=organisation, user=user).first()
    if person is None:
        return Actor(organisation=organisation, user=user)
    roles = frozenset(
        RoleAssignment.objects.filter(person=person, ended_at__isnull=True).values_list(
            "role", flat=True
        )
    )
    pending: frozenset[str] = frozenset()
    officer = roles & OFFICER_ROLES
    if officer and organisation.require_mfa_for_officers and not _has_totp(user):
        pending = officer
        roles = roles - officer
    return Actor(
        organisation=organisation,
        user=user,
        person=person,
        roles=roles,
        pending_mfa_roles=pending,
    )


def _has_totp(user: "User") -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def ensure(actor: Actor, permission: str, obj: Any = None) -> None:
    """Refuse unless the actor may; an anonymous visitor is sent to log in instead."""
    if actor.can(permission, obj):
        return
    if not actor.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


OrgView = Callable[..., HttpResponseBase]


def org_view(view: OrgView) -> Callable[..., HttpResponseBase]:
    """Resolve /<org>/ into (organisation, actor), and handle refusals the same way everywhere."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        organisation = access_organisation(org)
        actor = resolve_actor(request, organisation)
        request.organisation = organisation  # type: ignore[attr-defined]
        request.actor = actor  # type: ignore[attr-defined]
        if actor.pending_mfa_roles:
            messages.warning(
                request,
                _(
                    "%(organisation)s requires two-factor authentication for your role. "
                    "Set up an authenticator app to continue."
                )
                % {"organisation": organisation.name},
            )
            return redirect("mfa_activate_totp")
        try:
            return view(request, actor, *args, **kwargs)
        except LoginRequired:
            return redirect_to_login(request.get_full_path())

    return wrapper
