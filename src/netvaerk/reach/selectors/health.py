"""Reads of each network's health (see services.refresh `_health` and `health_warnings`),
and the warning codes it stores said as whole sentences."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Organisation
from netvaerk.reach.models import NetworkHealth, ReachSettings

# How many networks with warnings the dashboard lists before saying how many more there are.
OVERDUE_SHOWN = 15


def _no_recent_meeting(health: NetworkHealth, settings: ReachSettings) -> str:
    if health.last_meeting_on is None:
        return ngettext(
            "The network has held no meeting, and it has existed for more than %(months)s "
            "month: it is becoming inactive.",
            "The network has held no meeting, and it has existed for more than %(months)s "
            "months: it is becoming inactive.",
            settings.inactive_after_months,
        ) % {"months": settings.inactive_after_months}
    return ngettext(
        "No meeting for %(months)s month (the last was on %(date)s): the network is "
        "becoming inactive.",
        "No meeting for %(months)s months (the last was on %(date)s): the network is "
        "becoming inactive.",
        settings.inactive_after_months,
    ) % {
        "months": settings.inactive_after_months,
        "date": date_format(health.last_meeting_on, "DATE_FORMAT"),
    }


def _few_meetings(health: NetworkHealth, settings: ReachSettings) -> str:
    return ngettext(
        "Only %(count)s meeting in the last twelve months; at least %(minimum)s are expected.",
        "Only %(count)s meetings in the last twelve months; at least %(minimum)s are expected.",
        health.meetings_12m,
    ) % {"count": health.meetings_12m, "minimum": settings.min_meetings_per_year}


def _no_chair(health: NetworkHealth, settings: ReachSettings) -> str:
    return _("The network has no chair.")


def _no_coordinator(health: NetworkHealth, settings: ReachSettings) -> str:
    return _("The network has no coordinator: the post is vacant.")


def _term_ending(health: NetworkHealth, settings: ReachSettings) -> str:
    if health.coordinator_term_ends_on is None:
        return _("The coordinator's term ends soon.")
    return _("The coordinator's term ends on %(date)s.") % {
        "date": date_format(health.coordinator_term_ends_on, "DATE_FORMAT")
    }


def churn_percent(health: NetworkHealth) -> Decimal | None:
    if not health.members_year_ago:
        return None
    return (Decimal(health.left_12m * 100) / health.members_year_ago).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _churn(health: NetworkHealth, settings: ReachSettings) -> str:
    return _(
        "%(left)s of the %(members)s members a year ago have left (%(percent)s %%), more than "
        "the %(limit)s %% allowed."
    ) % {
        "left": health.left_12m,
        "members": health.members_year_ago,
        "percent": floatformat(churn_percent(health), -1),
        "limit": floatformat(settings.max_churn_percent, -1),
    }


def _requests_overdue(health: NetworkHealth, settings: ReachSettings) -> str:
    return ngettext(
        "%(count)s request from the board is past its deadline without an answer.",
        "%(count)s requests from the board are past their deadline without an answer.",
        health.requests_overdue,
    ) % {"count": health.requests_overdue}


def _proposals_overdue(health: NetworkHealth, settings: ReachSettings) -> str:
    return ngettext(
        "%(count)s proposal to the board is past the date it was promised an answer.",
        "%(count)s proposals to the board are past the date they were promised an answer.",
        health.proposals_overdue,
    ) % {"count": health.proposals_overdue}


# Warning code (as stored in NetworkHealth.warnings) → the sentence that says it, with the
# thresholds of the organisation's settings and the network's own numbers filled in.
WARNINGS: dict[str, Callable[[NetworkHealth, ReachSettings], str]] = {
    "no_recent_meeting": _no_recent_meeting,
    "few_meetings": _few_meetings,
    "no_chair": _no_chair,
    "no_coordinator": _no_coordinator,
    "term_ending": _term_ending,
    "churn": _churn,
    "requests_overdue": _requests_overdue,
    "proposals_overdue": _proposals_overdue,
}


def warning_messages(health: NetworkHealth, settings: ReachSettings) -> list[str]:
    """The network's warnings as sentences, in order of weight; an unknown code (from a
    newer version) is skipped rather than shown raw."""
    return [WARNINGS[code](health, settings) for code in health.warnings if code in WARNINGS]


def network_health(network: Network) -> NetworkHealth | None:
    """The network's health as of the last refresh; None before the first one."""
    return NetworkHealth.objects.filter(network=network).first()


@dataclass(frozen=True)
class Warned:
    network: Network
    health: NetworkHealth
    messages: list[str]


@dataclass(frozen=True)
class Overdue:
    shown: list[Warned]
    more: int
    # Network id → how many warnings it has, for the networks table.
    counts: dict[int, int]


def overdue(organisation: Organisation, settings: ReachSettings) -> Overdue:
    """The active networks with warnings, the inactive first, then by how many warnings:
    the first OVERDUE_SHOWN of them, and how many more there are. One query (a row per
    network, however many)."""
    every = list(
        NetworkHealth.objects.filter(
            organisation=organisation, network__status=NetworkStatus.ACTIVE
        ).select_related("network")
    )
    rows = [health for health in every if health.warnings]
    rows.sort(key=lambda h: (not h.inactive, -len(h.warnings), h.network.name.casefold()))
    shown = [
        Warned(network=health.network, health=health, messages=warning_messages(health, settings))
        for health in rows[:OVERDUE_SHOWN]
    ]
    return Overdue(
        shown=shown,
        more=max(0, len(rows) - OVERDUE_SHOWN),
        counts={health.network_id: len(health.warnings) for health in every},
    )
