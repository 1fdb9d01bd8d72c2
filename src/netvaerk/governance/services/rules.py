"""Rules of procedure: drafted by the network's leads, approved or returned by the board."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse, require, same_organisation
from netvaerk.governance import selectors
from netvaerk.governance.models import (
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.governance.services.common import (
    _notify,
    _text,
)
from netvaerk.networks.models import Network


@transaction.atomic
def rules_draft_save(
    *, actor: Actor, network: Network, text: str, change_summary: str = ""
) -> RulesOfProcedure:
    """Start or edit the network's draft. Only one version is open at a time; while one is
    with the board it cannot be edited."""
    same_organisation(actor, network)
    require(
        actor,
        "governance.draft_rules",
        network,
        _("Only the chair and coordination group of an active network draft its rules."),
    )
    text = _text(text, field="text", message=_("Write the rules of procedure before saving."))
    now = timezone.now()
    version = (
        RulesOfProcedure.objects.select_for_update()
        .filter(network=network, status__in=(RulesStatus.DRAFT, RulesStatus.SUBMITTED))
        .first()
    )
    if version is not None and version.status == RulesStatus.SUBMITTED:
        raise ServiceError(
            _("The rules are with the board. Withdraw them first if you need to change them.")
        )
    if version is None:
        version = RulesOfProcedure(
            organisation=network.organisation,
            network=network,
            drafted_by=actor.person,
            created_at=now,
        )
    version.text = text
    version.change_summary = change_summary.strip()
    version.updated_at = now
    full_clean_or_refuse(version, exclude=["network", "organisation", "drafted_by"])
    created = version.pk is None
    if created:
        version.save()
    else:
        version.save(update_fields=["text", "change_summary", "updated_at"])
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="rules.drafted" if created else "rules.edited",
        obj=version,
        data={"network": network.slug},
    )
    return version


def _lock_rules(version: RulesOfProcedure) -> RulesOfProcedure:
    return RulesOfProcedure.objects.select_for_update().select_related("network").get(pk=version.pk)


@transaction.atomic
def rules_submit(*, actor: Actor, version: RulesOfProcedure) -> RulesOfProcedure:
    same_organisation(actor, version)
    version = _lock_rules(version)
    require(
        actor,
        "governance.draft_rules",
        version.network,
        _("Only the chair and coordination group submit the network's rules."),
    )
    if version.status != RulesStatus.DRAFT:
        raise ServiceError(_("Only a draft can be submitted to the board."))
    version.status = RulesStatus.SUBMITTED
    version.submitted_at = timezone.now()
    version.submitted_by = actor.person
    version.save(update_fields=["status", "submitted_at", "submitted_by"])
    log_action(
        actor=actor, organisation=version.organisation, action="rules.submitted", obj=version
    )
    _notify(
        selectors.board_and_office(organisation=version.organisation),
        "rules_submitted",
        about=version,
        version=version,
        network=version.network,
    )
    return version


@transaction.atomic
def rules_withdraw(*, actor: Actor, version: RulesOfProcedure, reason: str = "") -> None:
    same_organisation(actor, version)
    version = _lock_rules(version)
    require(
        actor,
        "governance.draft_rules",
        version.network,
        _("Only the chair and coordination group withdraw the network's rules."),
    )
    if version.status not in (RulesStatus.DRAFT, RulesStatus.SUBMITTED):
        raise ServiceError(_("These rules have already been decided on."))
    was_submitted = version.status == RulesStatus.SUBMITTED
    version.status = RulesStatus.WITHDRAWN
    version.updated_at = timezone.now()
    version.save(update_fields=["status", "updated_at"])
    log_action(
        actor=actor,
        organisation=version.organisation,
        action="rules.withdrawn",
        obj=version,
        reason=reason.strip(),
    )
    if was_submitted:
        _notify(
            selectors.board_and_office(organisation=version.organisation),
            "rules_withdrawn",
            about=version,
            version=version,
            network=version.network,
            reason=reason.strip(),
        )


@transaction.atomic
def rules_decide(
    *,
    actor: Actor,
    version: RulesOfProcedure,
    approve: bool,
    reason: str = "",
    reference: str = "",
) -> RulesOfProcedure:
    """The board approves the rules (they become the network's current rules, numbered) or
    returns them with its reasons."""
    same_organisation(actor, version)
    version = _lock_rules(version)
    require(
        actor,
        "governance.decide_rules",
        version,
        _("Only the board, or the office on its behalf, decides on rules of procedure."),
    )
    if version.status != RulesStatus.SUBMITTED:
        raise ServiceError(_("These rules are not waiting for a decision."))
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError(
            _("Say why the rules are returned, so that the network can revise them."),
            field="reason",
        )
    if approve:
        highest = RulesOfProcedure.objects.filter(network=version.network).aggregate(
            n=Max("number")
        )["n"]
        version.number = (highest or 0) + 1
        version.status = RulesStatus.APPROVED
    else:
        version.status = RulesStatus.RETURNED
    version.decided_at = timezone.now()
    version.decided_by = actor.person
    version.decision_reason = reason
    version.decision_reference = reference.strip()[:200]
    version.save(
        update_fields=[
            "number",
            "status",
            "decided_at",
            "decided_by",
            "decision_reason",
            "decision_reference",
        ]
    )
    log_action(
        actor=actor,
        organisation=version.organisation,
        action="rules.approved" if approve else "rules.returned",
        obj=version,
        data={"number": version.number, "reference": version.decision_reference},
        reason=reason,
    )
    _notify(
        selectors.network_leads_and_coordinator(network=version.network, today=today()),
        "rules_decided",
        about=version,
        version=version,
        network=version.network,
    )
    return version
