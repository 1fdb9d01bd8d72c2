"""Creating and changing programmes. The office creates them; the office and a programme's
owners change them. Owners are persons holding the staff, admin or board role."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.meetings.models import EventSeries
from netvaerk.networks.models import Network
from netvaerk.organisations.models import slug_validator
from netvaerk.people.models import Person
from netvaerk.programmes.models import Programme, ProgrammeStatus
from netvaerk.programmes.selectors.programmes import owner_candidates


def _refuse_unless(actor: Actor, permission: str, obj: Any = None) -> None:
    if not actor.can(permission, obj):
        raise ServiceError(_("You may not do this."))


def _check(
    actor: Actor,
    *,
    slug: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    status: str,
    owners: Iterable[Person],
    network: Network | None,
    series: Iterable[EventSeries],
    programme: Programme | None = None,
) -> tuple[list[Person], list[EventSeries]]:
    organisation = actor.organisation
    if not name.strip():
        raise ServiceError(_("Give the programme a name."), field="name")
    try:
        slug_validator(slug)
    except Exception:
        raise ServiceError(
            _("The address may hold only lower-case letters, digits and hyphens."), field="slug"
        ) from None
    same = Programme.objects.filter(organisation=organisation, slug=slug)
    if programme is not None:
        same = same.exclude(pk=programme.pk)
    if same.exists():
        raise ServiceError(
            _("Another programme already has the address %(slug)s.") % {"slug": slug},
            field="slug",
        )
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError(_("The programme cannot end before it starts."), field="ends_on")
    if status not in ProgrammeStatus.values:
        raise ServiceError(_("Choose one of the statuses offered."), field="status")
    owners = list(owners)
    allowed = set(
        owner_candidates(organisation)
        .filter(pk__in=[p.pk for p in owners])
        .values_list("pk", flat=True)
    )
    for person in owners:
        if person.pk not in allowed:
            raise ServiceError(
                _("%(person)s cannot own a programme: owners hold the staff, admin or board role.")
                % {"person": person.name},
                field="owners",
            )
    if network is not None and network.organisation_id != organisation.pk:
        raise ServiceError(_("Choose one of the organisation's networks."), field="network")
    series = list(series)
    if any(s.organisation_id != organisation.pk for s in series):
        raise ServiceError(_("Choose the organisation's own series."), field="series")
    return owners, series


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    slug: str,
    name: str,
    description: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    status: str = ProgrammeStatus.ACTIVE,
    owners: Iterable[Person] = (),
    network: Network | None = None,
    series: Iterable[EventSeries] = (),
) -> Programme:
    _refuse_unless(actor, "programmes.create")
    owners, series = _check(
        actor,
        slug=slug,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        owners=owners,
        network=network,
        series=series,
    )
    programme = Programme.objects.create(
        organisation=actor.organisation,
        slug=slug,
        name=name.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        network=network,
        created_by=actor.person,
    )
    programme.owners.set(owners)
    programme.series.set(series)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="programmes.create",
        obj=programme,
        data={"slug": slug, "owners": [p.pk for p in owners], "series": [s.pk for s in series]},
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Actor,
    programme: Programme,
    slug: str,
    name: str,
    description: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    status: str,
    owners: Iterable[Person],
    network: Network | None,
    series: Iterable[EventSeries],
) -> Programme:
    _refuse_unless(actor, "programmes.edit", programme)
    owners, series = _check(
        actor,
        slug=slug,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        owners=owners,
        network=network,
        series=series,
        programme=programme,
    )
    programme.slug = slug
    programme.name = name.strip()
    programme.description = description.strip()
    programme.starts_on = starts_on
    programme.ends_on = ends_on
    programme.status = status
    programme.network = network
    programme.updated_at = timezone.now()
    programme.save(
        update_fields=[
            "slug",
            "name",
            "description",
            "starts_on",
            "ends_on",
            "status",
            "network",
            "updated_at",
        ]
    )
    programme.owners.set(owners)
    programme.series.set(series)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="programmes.update",
        obj=programme,
        data={"slug": slug, "owners": [p.pk for p in owners], "series": [s.pk for s in series]},
    )
    return programme
