"""The information notice (GDPR art. 14) end to end: a file goes through the wizard, the
worker checks and imports it, and the notice reaches each new contact who is not a member over
a real SMTP server, in the contact's own language, with the data controller's details and the
link to the organisation's privacy notice. A contact without e-mail and a member get none."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netvaerk.core.mail import render_email
from netvaerk.imports.models import ImportJob, ImportStatus
from netvaerk.people.models import Person
from netvaerk.privacy.models import NoticeDelivery, PrivacySettings

EXPORT = (
    "Medlemsnr;Navn;E-mail;Medlem;Sprog\n"
    "8001;Dorthe Dansk;dorthe@example.org;kontakt;dansk\n"
    "8002;Emily English;emily@example.org;kontakt;engelsk\n"
    "8003;Uden Mail;;kontakt;dansk\n"
    "8004;Mette Medlem;mette@example.org;medlem;dansk\n"
)


@pytest.fixture
def committed(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    return None


def _url(world, name, job=None):
    kwargs = {"org": world.organisation.slug}
    if job is not None:
        kwargs["job"] = job.pk
    return reverse(f"imports:{name}", kwargs=kwargs)


def _import(client, world, run_worker, *, notify=True) -> ImportJob:
    form = {"file": SimpleUploadedFile("kontakter.csv", EXPORT.encode())}
    if notify:
        form["notify_contacts"] = "on"
    assert client.post(_url(world, "index"), form).status_code == 302
    job = ImportJob.objects.latest("pk")
    assert client.post(_url(world, "check", job)).status_code == 302
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert client.post(_url(world, "confirm", job)).status_code == 302
    # Once for the import (which queues the notices), once more for the queued e-mails.
    run_worker()
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    return job


def test_the_notice_reaches_each_new_contact_over_smtp_in_their_language(
    committed, world, client_as, smtp, run_worker
):
    org = world.organisation
    PrivacySettings.objects.create(
        organisation=org,
        controller_name="Foreningen Netværk",
        controller_address="Vestergade 1, 8000 Aarhus C",
        controller_email="persondata@example.org",
        controller_cvr="12345678",
        dpo_email="dpo@example.org",
    )
    job = _import(client_as("staff"), world, run_worker)

    by_address = {to[0]: message for to, message in smtp.messages}
    assert sorted(by_address) == ["dorthe@example.org", "emily@example.org"]
    assert job.counts["notices"] == 2
    privacy = PrivacySettings.objects.get(organisation=org)
    notice_url = f"{settings.SITE_URL}/{org.slug}/privacy/"
    for address, language, greeting in (
        ("dorthe@example.org", "da", "Kære Dorthe Dansk\n"),
        ("emily@example.org", "en", "Dear Emily English,\n"),
    ):
        person = Person.objects.get(organisation=org, email=address)
        assert person.language == language
        subject, body = render_email(
            template="privacy/mail/notice",
            context={
                "organisation": org,
                "privacy": privacy,
                "person_name": person.name,
                "notice_path": f"/{org.slug}/privacy/",
            },
            language=language,
        )
        message = by_address[address]
        content = message.get_content().replace("\r\n", "\n")
        assert message["Subject"] == subject
        assert content == body
        assert content.startswith(greeting)
        for detail in (
            "Foreningen Netværk",
            "Vestergade 1, 8000 Aarhus C",
            "persondata@example.org",
            "12345678",
            "dpo@example.org",
            notice_url,
        ):
            assert detail in content, f"{detail!r} is missing from the notice to {address}"

    notified = NoticeDelivery.objects.filter(import_job=job).values_list(
        "person__member_number", flat=True
    )
    assert sorted(notified) == ["8001", "8002"]
    # The contact without e-mail and the member were imported, and told nothing.
    assert Person.objects.filter(organisation=org, member_number__in=["8003", "8004"]).count() == 2


def test_importing_the_same_file_again_sends_no_second_notice(
    committed, world, client_as, smtp, run_worker
):
    client = client_as("staff")
    _import(client, world, run_worker)
    assert len(smtp.messages) == 2
    smtp.messages.clear()

    job = _import(client, world, run_worker)

    assert smtp.messages == []
    assert job.counts["notices"] == 0
    assert NoticeDelivery.objects.count() == 2


def test_no_notice_goes_out_when_the_office_unticks_it(
    committed, world, client_as, smtp, run_worker
):
    job = _import(client_as("staff"), world, run_worker, notify=False)

    assert smtp.messages == []
    assert job.counts["notices"] == 0
    assert not NoticeDelivery.objects.exists()
