"""The only ways views fetch annual reports: scoped to the actor's organisation, refusing
what the actor may not see."""

from django.http import Http404

from netvaerk.core.access import Actor, ensure, today
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network
from netvaerk.reports import selectors
from netvaerk.reports.models import AnnualReport


def access_year(year: int | str) -> int:
    """A year a report can be about, else 404 (not a number, before 2000, in the future)."""
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise Http404 from None
    if not selectors.valid_report_year(value, today=today()):
        raise Http404
    return value


def access_report_network(actor: Actor, slug: str) -> Network:
    """The network, if the actor may see its reports at all (login first, then 403)."""
    network = access_network(actor, slug)
    ensure(actor, "reports.view_network_reports", network)
    return network


def access_report(actor: Actor, network: Network, year: int) -> AnnualReport | None:
    """The network's report on the year, None if not started. Those who may not read it —
    a network member and a draft — get a 404, as if there were none."""
    report = selectors.report_for(network=network, year=access_year(year))
    if report is None:
        if not actor.can("reports.view_drafts", network):
            raise Http404
        return None
    if not actor.can("reports.view_report", report):
        raise Http404
    return report


def access_existing_report(actor: Actor, network: Network, year: int) -> AnnualReport:
    report = access_report(actor, network, year)
    if report is None:
        raise Http404
    return report
