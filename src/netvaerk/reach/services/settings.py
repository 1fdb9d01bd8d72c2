"""The office's reach settings (what counts, the organisation's goal, the health thresholds)
and each network's own goal. Every change is audited, and the audit log bumps the
organisation's content version, so the figures count as stale and the next dashboard view
asks for a refresh: warnings depend on the thresholds, reach on the basis."""

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse, require
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Organisation
from netvaerk.reach.models import NetworkGoal, ReachBasis, ReachSettings
from netvaerk.reach.services.refresh import reach_request_refresh

_PERCENT = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
_HUNDRED = Decimal(100)


def parse_percent(value: str | Decimal | int | float | None, *, field: str) -> Decimal:
    """A percentage from 0 to 100 with at most two decimals, written with a decimal point
    or a Danish decimal comma ("33,4"), with or without a trailing "%"."""
    message = _("Write the share as a number from 0 to 100, for example 33,4.")
    if value is None:
        raise ServiceError(message, field=field)
    if isinstance(value, Decimal | int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ServiceError(message, field=field) from None
    else:
        text = value.strip().rstrip("%").strip().replace("\u2212", "-")
        if text.startswith("-") and _PERCENT.fullmatch(text[1:]):
            raise ServiceError(_("A share cannot be below 0 %."), field=field)
        if not _PERCENT.fullmatch(text):
            raise ServiceError(message, field=field)
        number = Decimal(text.replace(",", "."))
    if not number.is_finite():
        raise ServiceError(message, field=field)
    if number < 0:
        raise ServiceError(_("A share cannot be below 0 %."), field=field)
    if number > _HUNDRED:
        raise ServiceError(_("A share cannot be above 100 %."), field=field)
    if number != number.quantize(Decimal("0.01")):
        raise ServiceError(_("Give the share with at most two decimals."), field=field)
    return number.quantize(Decimal("0.01"))


def same_organisation(actor: Actor, organisation: Organisation) -> None:
    if organisation.pk != actor.organisation.pk:
        raise ServiceError(_("That belongs to another organisation."))


def _refuse_settings(actor: Actor, organisation: Organisation) -> None:
    same_organisation(actor, organisation)
    require(
        actor,
        "reach.manage_settings",
        None,
        _("Only the %(office)s sets the goal for branch reach.")
        % {"office": organisation.office_word},
    )


@transaction.atomic
def reach_settings_update(
    *,
    actor: Actor,
    organisation: Organisation,
    basis: str,
    goal_percent: Decimal | str | None,
    inactive_after_months: int,
    min_meetings_per_year: int,
    max_churn_percent: Decimal | str,
    term_warning_days: int,
) -> ReachSettings:
    """Save the organisation's reach settings; nothing is saved if any value is wrong."""
    _refuse_settings(actor, organisation)
    if basis not in ReachBasis.values:
        raise ServiceError(_("Choose what counts as taking part."), field="basis")
    goal = None
    if goal_percent is not None and goal_percent != "":
        goal = parse_percent(goal_percent, field="goal_percent")
    churn = parse_percent(max_churn_percent, field="max_churn_percent")
    settings, _created = ReachSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    before = {
        "basis": settings.basis,
        "goal_percent": None if settings.goal_percent is None else str(settings.goal_percent),
    }
    settings.basis = basis
    settings.goal_percent = goal
    settings.inactive_after_months = inactive_after_months
    settings.min_meetings_per_year = min_meetings_per_year
    settings.max_churn_percent = churn
    settings.term_warning_days = term_warning_days
    settings.updated_at = timezone.now()
    full_clean_or_refuse(settings, exclude=["organisation"])
    settings.save(
        update_fields=[
            "basis",
            "goal_percent",
            "inactive_after_months",
            "min_meetings_per_year",
            "max_churn_percent",
            "term_warning_days",
            "updated_at",
        ]
    )
    log_action(
        actor=actor,
        organisation=organisation,
        action="reach.settings_updated",
        obj=organisation,
        data={
            "before": before,
            "basis": basis,
            "goal_percent": None if goal is None else str(goal),
            "inactive_after_months": inactive_after_months,
            "min_meetings_per_year": min_meetings_per_year,
            "max_churn_percent": str(churn),
            "term_warning_days": term_warning_days,
        },
    )
    # The warnings depend on the thresholds and the reach on the basis: count again now,
    # not only when the figures' age says so.
    reach_request_refresh(organisation=organisation, force=True)
    return settings


def _refuse_goal(actor: Actor, network: Network) -> None:
    same_organisation(actor, network.organisation)
    require(
        actor,
        "reach.manage_settings",
        network,
        _("Only the %(office)s sets a network's goal for branch reach.")
        % {"office": network.organisation.office_word},
    )
    if network.status != NetworkStatus.ACTIVE:
        raise ServiceError(_("Only an active network has a goal for branch reach."))


@transaction.atomic
def network_goal_set(*, actor: Actor, network: Network, goal_percent: Decimal | str) -> NetworkGoal:
    """Give the network its own goal, over the organisation's."""
    _refuse_goal(actor, network)
    goal = parse_percent(goal_percent, field="goal_percent")
    existing = NetworkGoal.objects.select_for_update().filter(network=network).first()
    before = None if existing is None else str(existing.goal_percent)
    now = timezone.now()
    if existing is None:
        existing = NetworkGoal(organisation=network.organisation, network=network)
        existing.goal_percent = goal
        existing.set_by = actor.person
        existing.set_at = now
        full_clean_or_refuse(existing, exclude=["organisation", "network", "set_by"])
        existing.save()
    else:
        existing.goal_percent = goal
        existing.set_by = actor.person
        existing.set_at = now
        full_clean_or_refuse(existing, exclude=["organisation", "network", "set_by"])
        existing.save(update_fields=["goal_percent", "set_by", "set_at"])
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="reach.network_goal_set",
        obj=network,
        data={"before": before, "goal_percent": str(goal)},
    )
    return existing


@transaction.atomic
def network_goal_clear(*, actor: Actor, network: Network) -> bool:
    """Remove the network's own goal, so the organisation's applies again. False when it
    had none (nothing is written)."""
    _refuse_goal(actor, network)
    existing = NetworkGoal.objects.select_for_update().filter(network=network).first()
    if existing is None:
        return False
    before = str(existing.goal_percent)
    existing.delete()
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="reach.network_goal_cleared",
        obj=network,
        data={"before": before},
    )
    return True
