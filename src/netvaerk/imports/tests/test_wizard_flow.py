"""The wizard end to end (upload, map, check, report, confirm, import, the notice), its bad
input, and its refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netvaerk.imports.models import ImportJob, ImportStatus
from netvaerk.imports.tasks import check_import, run_import
from netvaerk.imports.tests.factories import FIXTURES
from netvaerk.people.models import Person
from netvaerk.privacy.models import NoticeDelivery
from netvaerk.testing import queued_mail

pytestmark = pytest.mark.django_db


def _url(world, name, job=None):
    kwargs = {"org": world.organisation.slug}
    if job is not None:
        kwargs["job"] = job.pk
    return reverse(f"imports:{name}", kwargs=kwargs)


def _upload(client, world, name="good_semicolon.csv", content=None, notify=True):
    data = content if content is not None else (FIXTURES / name).read_bytes()
    form = {"file": SimpleUploadedFile(name, data)}
    if notify:
        form["notify_contacts"] = "on"
    return client.post(_url(world, "index"), form)


def test_a_file_goes_from_upload_to_import_with_the_notice_to_new_contacts(
    client_as, world, django_capture_on_commit_callbacks
):
    client = client_as("staff")
    response = _upload(client, world)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(world, "mapping", job)
    page = client.get(_url(world, "mapping", job)).content.decode()
    assert "Søren" in page  # the preview of mapped columns
    mapping = {key: value for key, value in job.mapping.items()}
    assert client.post(_url(world, "mapping", job), mapping).status_code == 302
    client.post(_url(world, "check", job))
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKING
    check_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert not Person.objects.filter(organisation=world.organisation, member_number="0001").exists()
    report = client.get(_url(world, "report", job)).content.decode()
    assert "What the import would do" in report
    assert "Import " in report
    client.post(_url(world, "confirm", job))
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    with django_capture_on_commit_callbacks(execute=True):
        run_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert not job.file
    assert Person.objects.filter(organisation=world.organisation, member_number="0001").exists()
    contacts = NoticeDelivery.objects.filter(import_job=job)
    assert contacts.count() == job.counts["notices"] >= 1
    assert all(not d.person.is_member for d in contacts)
    mail = queued_mail()
    assert len(mail) == contacts.count()
    assert all(f"/{world.organisation.slug}/privacy/" in m["body"] for m in mail)
    done = client.get(_url(world, "job", job)).content.decode()
    assert "The import is done." in done


def test_no_notice_is_sent_when_the_staff_say_so(client_as, world):
    client = client_as("staff")
    _upload(client, world, notify=False)
    job = ImportJob.objects.get()
    client.post(_url(world, "check", job))
    check_import.call(job.pk)
    client.post(_url(world, "confirm", job))
    run_import.call(job.pk)
    assert not NoticeDelivery.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("image.png", "not a CSV or XLSX"),
        ("pdf_renamed.csv", "not a CSV or XLSX"),
        ("empty.csv", "empty"),
        ("header_only.csv", ""),
    ],
)
def test_it_refuses_a_bad_file_on_the_form_and_keeps_nothing(client_as, world, name, message):
    response = _upload(client_as("staff"), world, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_refuses_a_file_over_the_limit(client_as, world, settings):
    settings.IMPORT_MAX_BYTES = 50
    response = _upload(client_as("staff"), world)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_limit_is_checked_before_the_file_is_read(world, settings):
    from netvaerk.core.errors import ServiceError
    from netvaerk.imports.services import import_upload

    class Unreadable(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("read")

        def chunks(self, *args, **kwargs):
            raise AssertionError("read")

    upload = Unreadable("big.csv", b"x")
    upload.size = 200 * 1024 * 1024
    with pytest.raises(ServiceError, match="larger than 100 MB"):
        import_upload(actor=world.actor("staff"), uploaded_file=upload, notify_contacts=True)


def test_it_shows_mapping_errors_and_changes_nothing(client_as, world):
    client = client_as("staff")
    _upload(client, world)
    job = ImportJob.objects.get()
    before = dict(job.mapping)
    response = client.post(_url(world, "mapping", job), {"name": before["name"]})
    assert response.status_code == 400
    assert "member number" in response.content.decode()
    job.refresh_from_db()
    assert job.mapping == before
    response = client.post(_url(world, "mapping", job), {"member_number": "No such column"})
    assert response.status_code == 400


def test_it_refuses_to_confirm_an_unchecked_job(client_as, world):
    client = client_as("staff")
    _upload(client, world)
    job = ImportJob.objects.get()
    response = client.post(_url(world, "confirm", job), follow=True)
    assert "Check the file before you import it." in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_cancelling_deletes_the_file(client_as, world, django_capture_on_commit_callbacks):
    client = client_as("staff")
    _upload(client, world)
    job = ImportJob.objects.get()
    path = job.file.path
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "cancel", job))
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    import os

    assert not os.path.exists(path)


def test_another_organisations_job_is_not_found(client_as, world):
    from netvaerk.imports.tests.factories import job_for
    from netvaerk.organisations.tests.factories import OrganisationFactory

    theirs = job_for(OrganisationFactory(slug="third"), "good_semicolon.csv")
    client = client_as("staff")
    for name in ("job", "mapping", "report", "progress"):
        assert client.get(_url(world, name, theirs)).status_code == 404
    assert client.post(_url(world, "confirm", theirs)).status_code == 404


def test_the_progress_fragment_shows_a_bar_while_checking(client_as, world):
    client = client_as("staff")
    _upload(client, world)
    job = ImportJob.objects.get()
    client.post(_url(world, "check", job))
    fragment = client.get(_url(world, "progress", job)).content.decode()
    assert "<progress" in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert "<html" not in fragment


def test_the_job_list_costs_the_same_for_3_and_30_jobs(client_as, world, django_assert_num_queries):
    from netvaerk.imports.tests.factories import ImportJobFactory

    client = client_as("staff")

    def count(n):
        ImportJob.objects.all().delete()
        ImportJobFactory.create_batch(
            n, organisation=world.organisation, created_by=world.persons["staff"]
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(world, "index")).status_code == 200
        return len(ctx)

    assert count(3) == count(30)
