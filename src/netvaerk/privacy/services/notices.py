"""The information notice (GDPR art. 14) to a person whose data reached us from elsewhere:
an imported contact who is not a member is told, in their own language, who holds their data,
why, and where to read more and use their rights (`/<org>/privacy/`)."""

from django.db import transaction

from netvaerk.core.mail import notify_address
from netvaerk.imports.models import ImportJob
from netvaerk.people.models import Person
from netvaerk.privacy.models import NoticeDelivery, PrivacySettings


@transaction.atomic
def notice_send(*, person: Person, job: ImportJob | None = None) -> NoticeDelivery | None:
    """Queue the notice to the person's e-mail (once committed) and record it. None if the
    person has no e-mail to send it to."""
    if not person.email:
        return None
    organisation = person.organisation
    privacy, _created = PrivacySettings.objects.get_or_create(organisation=organisation)
    delivery = NoticeDelivery.objects.create(
        organisation=organisation,
        person=person,
        notice_version=privacy.notice_version,
        import_job=job,
    )
    context = {
        "organisation": organisation,
        "privacy": privacy,
        "person_name": person.name,
        # The notice's address is one of the stable ones (DESIGN.md).
        "notice_path": f"/{organisation.slug}/privacy/",
    }
    address, language = person.email, person.language
    transaction.on_commit(
        lambda: notify_address(
            to=address,
            language=language,
            template="privacy/mail/notice",
            context=context,
            organisation=organisation,
        )
    )
    return delivery
