"""Consents: each given or withdrawn consent is a new record (the text the person saw, its
version, how it reached us), and the switches that act on it follow in the same transaction:
contact details ↔ `Person.show_contact_details`, the competence list ↔ the competence
profile's visibility. The newsletter reads the records themselves
(`meetings.services.outreach.newsletter_recipients`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, same_organisation
from netvaerk.people.models import Person
from netvaerk.privacy.models import Channel, ConsentKind, ConsentRecord

TEXT_MAX = 2000


def may_record_for(actor: Actor, person: Person, channel: str) -> bool:
    """A person records their own consents; the data-protection staff record one that reached
    the organisation by other means (a paper form, a phone call); whoever may import members
    records the consents the member system holds (channel import)."""
    own = actor.person is not None and actor.person.pk == person.pk
    if channel == Channel.IMPORT:
        return actor.can("imports.import_members")
    return own or actor.can("privacy.handle_requests")


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    given: bool,
    channel: str,
    text: str,
    text_version: str,
    recorded_by: Person | None = None,
) -> ConsentRecord:
    same_organisation(actor, person, recorded_by)
    if not may_record_for(actor, person, channel):
        raise ServiceError(_("You can only record your own consents."))
    if kind not in ConsentKind.values:
        raise ServiceError(_("Choose one of the consents offered."), field="kind")
    if channel not in Channel.values:
        raise ServiceError(_("Choose how the consent reached you."), field="channel")
    text = (text or "").strip()
    if not text or len(text) > TEXT_MAX:
        raise ServiceError(_("A consent needs the text the person was shown."), field="text")
    own = actor.person is not None and actor.person.pk == person.pk
    if recorded_by is None and not own:
        recorded_by = actor.person
    record = ConsentRecord.objects.create(
        organisation=actor.organisation,
        person=person,
        kind=kind,
        given=given,
        text=text,
        text_version=str(text_version)[:40],
        channel=channel,
        recorded_at=timezone.now(),
        recorded_by=recorded_by,
    )
    if kind == ConsentKind.CONTACT_DETAILS and person.show_contact_details != given:
        person.show_contact_details = given
        person.save(update_fields=["show_contact_details"])
    if kind == ConsentKind.COMPETENCE_LIST and not given:
        from netvaerk.competences.services.profiles import profile_hide

        profile_hide(actor=actor, person=person)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="privacy.consent_given" if given else "privacy.consent_withdrawn",
        obj=record,
        data={"kind": kind, "channel": channel, "text_version": record.text_version},
    )
    return record
