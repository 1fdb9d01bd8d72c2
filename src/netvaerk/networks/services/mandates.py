"""Coordinator mandates: appointed by the board for a term, ended early, reminded before
they run out."""

import datetime
import functools

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.mail import notify_persons
from netvaerk.networks.models import (
    CoordinatorMandate,
    Network,
)
from netvaerk.networks.selectors import mandates_needing_reminder
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person


@transaction.atomic
def mandate_appoint(
    *,
    actor: Actor,
    network: Network,
    person: Person,
    decision_reference: str,
    term_start: datetime.date,
    term_end: datetime.date,
) -> CoordinatorMandate:
    """The board appoints a coordinator. A current mandate ends the day before the new term."""
    org = actor.organisation
    if network.organisation_id != org.pk:
        raise ServiceError(_("That network belongs to another organisation."))
    if person.organisation_id != org.pk:
        raise ServiceError(
            _("The coordinator must be a person of your own organisation."), field="person"
        )
    if not decision_reference.strip():
        raise ServiceError(
            _("Name the board decision behind the appointment."), field="decision_reference"
        )
    if term_end < term_start:
        raise ServiceError(_("The term must end after it starts."), field="term_end")
    overlapping = list(
        CoordinatorMandate.objects.select_for_update()
        .filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=term_start),
            network=network,
            term_end__gte=term_start,
        )
        # A mandate cancelled before it began (ended the day before its start) holds nothing.
        .exclude(ended_on__lt=F("term_start"))
    )
    for mandate in overlapping:
        if mandate.term_start >= term_start:
            raise ServiceError(
                _("Another coordinator's term starts on %(date)s; end it first.")
                % {"date": date_format(mandate.term_start, "DATE_FORMAT")},
                field="term_start",
            )
        mandate.ended_on = term_start - datetime.timedelta(days=1)
        mandate.end_reason = _("Succeeded by %(person)s.") % {"person": person.name}
        mandate.save(update_fields=["ended_on", "end_reason"])
        log_action(
            actor=actor,
            organisation=org,
            action="mandate.ended",
            obj=mandate,
            reason=mandate.end_reason,
        )
    mandate = CoordinatorMandate.objects.create(
        organisation=org,
        network=network,
        person=person,
        decision_reference=decision_reference.strip(),
        appointed_by=actor.person,
        term_start=term_start,
        term_end=term_end,
    )
    log_action(
        actor=actor,
        organisation=org,
        action="mandate.appointed",
        obj=mandate,
        data={"term_start": term_start.isoformat(), "term_end": term_end.isoformat()},
        reason=mandate.decision_reference,
    )
    transaction.on_commit(
        lambda: notify_persons(
            persons=[person],
            template="networks/email/coordinator_appointed",
            context={"network": network, "mandate": mandate},
        )
    )
    return mandate


@transaction.atomic
def mandate_end(
    *, actor: Actor, mandate: CoordinatorMandate, ended_on: datetime.date, reason: str
) -> CoordinatorMandate:
    mandate = CoordinatorMandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.organisation_id != actor.organisation.pk:
        raise ServiceError(_("That mandate belongs to another organisation."))
    if mandate.ended_on is not None:
        raise ServiceError(_("This mandate has already ended."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for ending the mandate early."), field="reason")
    # Ending on the day before the start cancels a mandate that has not begun.
    if (mandate.term_start - ended_on).days > 1 or ended_on > mandate.term_end:
        raise ServiceError(_("The end date must lie within the term."), field="ended_on")
    mandate.ended_on = ended_on
    mandate.end_reason = reason.strip()
    mandate.save(update_fields=["ended_on", "end_reason"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="mandate.ended",
        obj=mandate,
        reason=reason,
    )
    return mandate


def mandates_send_term_reminders(*, on: datetime.date | None = None) -> int:
    """Tell each organisation's board about coordinator terms that end soon. Run daily."""
    day = on or today()
    sent = 0
    for mandate in mandates_needing_reminder(
        today=day, days_ahead=settings.COORDINATOR_TERM_REMINDER_DAYS
    ):
        with transaction.atomic():
            locked = CoordinatorMandate.objects.select_for_update().get(pk=mandate.pk)
            if locked.reminder_sent_at is not None:
                continue
            board = list(
                Person.objects.filter(
                    organisation=mandate.organisation,
                    role_assignments__role=OrgRole.BOARD,
                    role_assignments__ended_at__isnull=True,
                ).distinct()
            )
            locked.reminder_sent_at = timezone.now()
            locked.save(update_fields=["reminder_sent_at"])
            log_action(
                actor=None,
                organisation=mandate.organisation,
                action="mandate.term_reminder_sent",
                obj=locked,
                data={"recipients": len(board)},
            )
            transaction.on_commit(
                functools.partial(
                    notify_persons,
                    persons=board,
                    template="networks/email/coordinator_term_ending",
                    context={"network": mandate.network, "mandate": mandate},
                )
            )
            sent += 1
    return sent
