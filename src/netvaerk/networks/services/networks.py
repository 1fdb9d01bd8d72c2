"""Setting networks up and changing them: the office's writes."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.networks.models import (
    RESERVED_NETWORK_SLUGS,
    ChannelKind,
    JoinPolicy,
    Network,
    NetworkChannel,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.organisations.models import Region


@dataclass(frozen=True)
class ChannelData:
    kind: str
    url: str
    label: str = ""


def _check_network_fields(
    *, actor: Actor, slug: str, kind: str, central: Network | None, region: Region | None
) -> None:
    org = actor.organisation
    if slug in RESERVED_NETWORK_SLUGS:
        raise ServiceError(_("That address is reserved. Choose another."), field="slug")
    if kind not in NetworkKind.values:
        raise ServiceError(_("Choose central or regional."), field="kind")
    if region is not None and region.organisation_id != org.pk:
        raise ServiceError(_("Choose a region of your own organisation."), field="region")
    if kind == NetworkKind.REGIONAL and region is None:
        raise ServiceError(_("A regional network must belong to a region."), field="region")
    if central is not None:
        if kind != NetworkKind.REGIONAL:
            raise ServiceError(
                _("Only a regional network can mirror a central one."), field="central"
            )
        if central.organisation_id != org.pk or central.kind != NetworkKind.CENTRAL:
            raise ServiceError(_("Choose one of your central networks."), field="central")


@transaction.atomic
def network_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    kind: str = NetworkKind.CENTRAL,
    central: Network | None = None,
    region: Region | None = None,
    purpose: str = "",
    audience: str = "",
    contact_email: str = "",
    join_policy: str = JoinPolicy.OPEN,
    status: str = NetworkStatus.ACTIVE,
    channels: list[ChannelData] | None = None,
) -> Network:
    _check_network_fields(actor=actor, slug=slug, kind=kind, central=central, region=region)
    org = actor.organisation
    if Network.objects.filter(organisation=org, slug=slug).exists():
        raise ServiceError(_("Another network already has that address."), field="slug")
    network = Network(
        organisation=org,
        name=name.strip(),
        slug=slug,
        kind=kind,
        central=central,
        region=region,
        purpose=purpose.strip(),
        audience=audience.strip(),
        contact_email=contact_email.strip(),
        join_policy=join_policy,
        status=status,
    )
    full_clean_or_refuse(network)
    network.save()
    if channels:
        _replace_channels(network, channels)
    log_action(actor=actor, organisation=org, action="network.created", obj=network)
    return network


@transaction.atomic
def network_update(
    *,
    actor: Actor,
    network: Network,
    name: str,
    kind: str,
    central: Network | None,
    region: Region | None,
    purpose: str,
    audience: str,
    contact_email: str,
    join_policy: str,
    status: str,
    channels: list[ChannelData] | None = None,
) -> Network:
    _check_network_fields(actor=actor, slug=network.slug, kind=kind, central=central, region=region)
    if central is not None and central.pk == network.pk:
        raise ServiceError(_("A network cannot mirror itself."), field="central")
    if kind == NetworkKind.REGIONAL and network.regional_counterparts.exists():
        raise ServiceError(
            _("This network has regional counterparts, so it must stay central."), field="kind"
        )
    before = {
        "name": network.name,
        "kind": network.kind,
        "status": network.status,
        "join_policy": network.join_policy,
    }
    network.name = name.strip()
    network.kind = kind
    network.central = central
    network.region = region
    network.purpose = purpose.strip()
    network.audience = audience.strip()
    network.contact_email = contact_email.strip()
    network.join_policy = join_policy
    if status != network.status:
        network.closed_at = timezone.now() if status == NetworkStatus.CLOSED else None
    network.status = status
    full_clean_or_refuse(network, validate_unique=False)
    network.save(
        update_fields=[
            "name",
            "kind",
            "central",
            "region",
            "purpose",
            "audience",
            "contact_email",
            "join_policy",
            "status",
            "closed_at",
        ]
    )
    if channels is not None:
        _replace_channels(network, channels)
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="network.updated",
        obj=network,
        data={"before": before},
    )
    return network


def _replace_channels(network: Network, channels: list[ChannelData]) -> None:
    for channel in channels:
        if channel.kind not in ChannelKind.values:
            raise ServiceError(_("Unknown kind of channel."), field="channels")
    network.channels.all().delete()
    NetworkChannel.objects.bulk_create(
        NetworkChannel(
            organisation_id=network.organisation_id,
            network=network,
            kind=c.kind,
            url=c.url,
            label=c.label.strip(),
        )
        for c in channels
    )
