"""Member data and privacy in the demo (issue 7), the same in both organisations: the data
controller's details for the privacy notice, a login for the data-protection staff
(`privacy@`), consents, retention rules, two requests under the GDPR, and a finished import
from the member system, made by the real engine from a small bundled file with a few defective
rows so that the import history and its report show something.

Built last, so that the random choices of the steps before it stay the same."""

from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netvaerk.core.access import Actor
from netvaerk.core.demo.builder import Builder
from netvaerk.imports import engine
from netvaerk.imports.models import ImportJob, ImportStatus
from netvaerk.imports.services import delete_file, import_check, import_confirm, import_upload
from netvaerk.networks.models import Membership, MembershipStatus, Network
from netvaerk.networks.selectors import MEMBER_PAGE_SIZE
from netvaerk.organisations.models import OrgRole, RoleAssignment
from netvaerk.people.models import Person
from netvaerk.privacy.access import record_access, record_export
from netvaerk.privacy.models import AccessKind, Channel, ConsentKind, RequestKind, RetentionKind
from netvaerk.privacy.services.consents import consent_record
from netvaerk.privacy.services.requests import request_create, request_done
from netvaerk.privacy.services.retention import retention_rule_set
from netvaerk.privacy.services.settings import privacy_settings_save

# A member system's export: semicolons, Danish headings, branches by municipality code. Rows
# 6, 7, 8 and 10 are defective (a date that does not exist, a broken e-mail, no member number,
# a member number given twice).
MEMBER_FILE = Path(__file__).with_name("medlemsudtraek.csv")

# Months each kind is kept: ended memberships as long as the reach trend looks back (the
# shortest allowed), an unconfirmed login a quarter, the access log five years.
RETENTION_MONTHS = {
    RetentionKind.ENDED_MEMBERSHIPS: 36,
    RetentionKind.PAST_REGISTRATIONS: 48,
    RetentionKind.UNCONFIRMED_ACCOUNTS: 3,
    RetentionKind.INACTIVE_CONTACTS: 24,
    RetentionKind.CLOSED_SPARRING: 24,
    RetentionKind.ACCESS_LOG: 60,
}

CONSENT_TEXTS = {
    ConsentKind.NEWSLETTER: "Ja tak, send mig nyhedsbrevet.",
    ConsentKind.COMPETENCE_LIST: (
        "Jeg vil gerne stå på kompetencelisten, så andre medlemmer kan finde mig og bede om "
        "sparring."
    ),
    ConsentKind.CONTACT_DETAILS: (
        "Min e-mail og mit telefonnummer må vises, hvor jeg er kontaktperson."
    ),
}


@dataclass(frozen=True)
class Controller:
    """The data controller's details, invented (example.org, no real address, CVR number or
    phone: the demo has no phone numbers at all, lest one be somebody's)."""

    name: str
    address: str
    cvr: str
    notice: str


def build(
    b: Builder, controller: Controller, *, staff: Person, network: Network, chair: Person
) -> None:
    privacy = b.login("privacy", branch=staff.branch or b.random_branch())
    b.grant(privacy, OrgRole.DATA_PROTECTION)
    office = Actor(organisation=b.org, person=privacy, roles=frozenset({OrgRole.DATA_PROTECTION}))
    privacy_settings_save(
        actor=office,
        controller_name=controller.name,
        controller_address=controller.address,
        controller_email=f"kontakt@{b.org.slug}.example.org",
        controller_cvr=controller.cvr,
        dpo_name=privacy.name,
        dpo_email=privacy.email,
        notice_text=controller.notice,
    )
    for kind, months in RETENTION_MONTHS.items():
        retention_rule_set(actor=office, kind=kind, months=months, active=True)
    _consents(b, office)
    _requests(b, office)
    office_staff = Actor(
        organisation=b.org, user=staff.user, person=staff, roles=frozenset({OrgRole.STAFF})
    )
    _import(b, office_staff)
    _looks(b, network=network, chair=chair, staff=office_staff)


def _looks(b: Builder, *, network: Network, chair: Person, staff: Actor) -> None:
    """What the pages would have written to the access log: the chair opened the network's
    member list, and the office downloaded it, so that the log and each member's "who has
    seen my data" show something."""
    members = list(
        Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .order_by("person__name", "pk")
        .values_list("person_id", flat=True)
    )
    path = reverse("networks:members", kwargs={"org": b.org.slug, "network": network.slug})
    record_access(
        actor=Actor(organisation=b.org, user=chair.user, person=chair),
        request=None,
        kind=AccessKind.LIST,
        person_ids=members[:MEMBER_PAGE_SIZE],
        subject=network.name,
        view_name="networks:members",
        path=path,
    )
    record_export(
        actor=staff,
        request=None,
        action="networks.members_exported",
        obj=network,
        person_ids=members,
        subject=network.name,
        data={"format": "xlsx", "q": ""},
        view_name="networks:members_xlsx",
        path=reverse("networks:members_xlsx", kwargs={"org": b.org.slug, "network": network.slug}),
    )


def _consents(b: Builder, office: Actor) -> None:
    """Those on the competence list gave their consent on this site; most asked for the
    newsletter, two later said no; a few consents came on paper, recorded by the staff."""
    with_profiles = list(
        Person.objects.filter(organisation=b.org, competence_profile__isnull=False).order_by("pk")
    )
    for n, person in enumerate(with_profiles):
        own = Actor(organisation=b.org, person=person)
        _consent(own, person, ConsentKind.COMPETENCE_LIST)
        if n % 3 == 2:
            continue
        _consent(own, person, ConsentKind.NEWSLETTER)
        if n in (4, 10):
            _consent(own, person, ConsentKind.NEWSLETTER, given=False)
    on_paper = Person.objects.filter(
        organisation=b.org, show_contact_details=True, user__isnull=True
    ).order_by("pk")[:3]
    for person in on_paper:
        _consent(office, person, ConsentKind.CONTACT_DETAILS, channel=Channel.LETTER)


def _consent(
    actor: Actor,
    person: Person,
    kind: ConsentKind,
    *,
    given: bool = True,
    channel: str = Channel.WEB,
) -> None:
    consent_record(
        actor=actor,
        person=person,
        kind=kind,
        given=given,
        channel=channel,
        text=CONSENT_TEXTS[kind],
        text_version="1",
    )


def _requests(b: Builder, office: Actor) -> None:
    """An access request answered, and an erasure asked for by phone, waiting for the staff."""
    plain = (
        Person.objects.filter(organisation=b.org, user__isnull=True, is_member=True)
        .exclude(pk__in=RoleAssignment.objects.values("person"))
        .exclude(competence_profile__isnull=False)
        .order_by("pk")
    )
    asked_for_copy, wants_erasure = plain[0], plain[1]
    access = request_create(
        actor=office,
        person=asked_for_copy,
        kind=RequestKind.ACCESS,
        channel=Channel.EMAIL,
        details="Skrev og bad om en kopi af alt, hvad foreningen har registreret om hende.",
    )
    request_done(
        actor=office,
        request=access,
        outcome="Kopi af oplysningerne (PDF) sendt med sikker e-mail.",
    )
    request_create(
        actor=office,
        person=wants_erasure,
        kind=RequestKind.ERASURE,
        channel=Channel.PHONE,
        details="Ringede til sekretariatet og bad om at blive slettet helt. Identitet bekræftet "
        "med medlemsnummer og adresse.",
    )


def _import(b: Builder, staff: Actor) -> ImportJob:
    """The wizard's steps through its services; the two background steps are run here, as
    the tasks `check_import` and `run_import` would (without their progress reports, which
    write through a second connection and would wait for this transaction on PostgreSQL)."""
    upload = SimpleUploadedFile(MEMBER_FILE.name, MEMBER_FILE.read_bytes(), "text/csv")
    job = import_upload(actor=staff, uploaded_file=upload, notify_contacts=False)
    job = import_check(actor=staff, job=job)
    engine.run(job, apply=False)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKED)
    job.refresh_from_db()
    job = import_confirm(actor=staff, job=job)
    engine.run(job, apply=True)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)
    job.refresh_from_db()
    delete_file(job)
    return job
