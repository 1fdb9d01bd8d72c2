"""A network's member list as CSV and XLSX, for those who may see the list. Contact details
follow the page's rule: the office sees them, the network's leads where the member agreed."""

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netvaerk.core.access import Actor, org_view, today
from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.http import HttpRequest
from netvaerk.networks import selectors
from netvaerk.networks.access import access_network_for
from netvaerk.networks.models import LEAD_ROLES, MembershipStatus, Network
from netvaerk.privacy.access import record_export


def _header(network: Network) -> list[str]:
    return [
        _("Name"),
        _("Member number"),
        _("Role"),
        network.organisation.branch_word.capitalize(),
        _("Region"),
        _("E-mail"),
        _("Phone"),
        _("Joined"),
    ]


def _rows(memberships: Any, *, office: bool, lead: bool) -> Iterator[list[Any]]:
    for membership in memberships.iterator(chunk_size=1000):
        person = membership.person
        shown = office or (lead and membership.share_contact_with_leads)
        yield [
            person.name,
            person.member_number,
            membership.get_role_display(),
            person.branch.name if person.branch else "",
            person.region.name if person.region else "",
            person.email if shown else "",
            person.phone if shown else "",
            timezone.localdate(membership.joined_at) if membership.joined_at else None,
        ]


def _export(
    request: HttpRequest, actor: Actor, network: str, file_format: str
) -> tuple[Network, Iterator[list[Any]]]:
    net = access_network_for(actor, network, "networks.view_members")
    q = request.GET.get("q", "")[:200]
    memberships = selectors.network_members(network=net, status=MembershipStatus.ACTIVE, q=q)
    # Recorded before the file is streamed: every person in it, in one list of ids.
    record_export(
        actor=actor,
        request=request,
        action="networks.members_exported",
        obj=net,
        person_ids=memberships.values_list("person_id", flat=True),
        subject=net.name,
        data={"format": file_format, "q": q},
    )
    rows = _rows(
        memberships,
        office=actor.has_role("staff", "org_admin"),
        lead=actor.network_role(net) in LEAD_ROLES,
    )
    return net, rows


def _filename(network: Network, extension: str) -> str:
    return f"{_('members')}-{network.slug}-{today().isoformat()}.{extension}"


@require_GET
@org_view
def members_csv(request: HttpRequest, actor: Actor, network: str) -> StreamingHttpResponse:
    net, rows = _export(request, actor, network, "csv")
    return csv_response(_filename(net, "csv"), _header(net), rows)


@require_GET
@org_view
def members_xlsx(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net, rows = _export(request, actor, network, "xlsx")
    return xlsx_response(_filename(net, "xlsx"), _("Members"), _header(net), rows)
