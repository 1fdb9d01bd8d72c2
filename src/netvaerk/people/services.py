"""Writes to persons."""

from django.db import transaction
from django.utils.translation import gettext as _

from netvaerk.accounts.models import User
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, full_clean_or_refuse
from netvaerk.organisations.models import Branch, Region
from netvaerk.people.models import Person


def _check_place(actor: Actor, branch: Branch | None, region: Region | None) -> Region | None:
    org = actor.organisation
    if branch is not None and branch.organisation_id != org.pk:
        raise ServiceError(
            _("Choose a %(branch)s of your own organisation.") % {"branch": org.branch_word},
            field="branch",
        )
    if region is not None and region.organisation_id != org.pk:
        raise ServiceError(_("Choose a region of your own organisation."), field="region")
    if branch is not None:
        if region is not None and region.pk != branch.region_id:
            raise ServiceError(
                _("The %(branch)s lies in another region.") % {"branch": org.branch_word},
                field="region",
            )
        return branch.region
    return region


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    name: str,
    email: str = "",
    phone: str = "",
    branch: Branch | None = None,
    region: Region | None = None,
    is_member: bool = True,
    member_number: str = "",
    language: str = "da",
    show_contact_details: bool = False,
    user: User | None = None,
) -> Person:
    org = actor.organisation
    region = _check_place(actor, branch, region)
    if not name.strip():
        raise ServiceError(_("A person needs a name."), field="name")
    if (
        member_number
        and Person.objects.filter(organisation=org, member_number=member_number).exists()
    ):
        raise ServiceError(
            _("Another person already has that member number."), field="member_number"
        )
    if user is not None and Person.objects.filter(organisation=org, user=user).exists():
        raise ServiceError(_("That login already belongs to a person here."), field="user")
    person = Person(
        organisation=org,
        user=user,
        name=name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        branch=branch,
        region=region,
        is_member=is_member,
        member_number=member_number,
        language=language,
        show_contact_details=show_contact_details,
    )
    full_clean_or_refuse(person, validate_constraints=False)
    person.save()
    log_action(actor=actor, organisation=org, action="person.created", obj=person)
    return person


@transaction.atomic
def person_update_contact_consent(*, actor: Actor, show_contact_details: bool) -> Person:
    """A person decides whether their e-mail and phone may be shown where they are a contact:
    a consent, recorded as one (with the text shown) by `privacy.services.consents`, which
    keeps `show_contact_details` in step."""
    from netvaerk.privacy.models import Channel, ConsentKind
    from netvaerk.privacy.selectors.notice import notice_version
    from netvaerk.privacy.services.consents import consent_record

    person = actor.person
    if person is None:
        raise ServiceError(_("You are not registered in this organisation."))
    consent_record(
        actor=actor,
        person=person,
        kind=ConsentKind.CONTACT_DETAILS,
        given=show_contact_details,
        channel=Channel.WEB,
        text=str(ConsentKind.CONTACT_DETAILS.label),
        text_version=str(notice_version(actor.organisation)),
    )
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="person.contact_consent_changed",
        obj=person,
        data={"show_contact_details": show_contact_details},
    )
    return person
