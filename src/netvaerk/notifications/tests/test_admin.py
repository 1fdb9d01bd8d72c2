"""The outbox in the Django admin: an organisation admin sees their organisations' e-mails
only, cannot change or delete them, and can queue failed ones again (audited)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from netvaerk.core.models import AuditEntry
from netvaerk.notifications.models import EmailStatus, OutgoingEmail
from netvaerk.organisations.tests.factories import OrganisationFactory

CHANGELIST = "admin:notifications_outgoingemail_changelist"


@pytest.fixture
def org_admin_client(client, world):
    user = world.users["org_admin"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return client


def outgoing(organisation, subject, status=EmailStatus.FAILED) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        organisation=organisation,
        to_address="someone@example.org",
        subject=subject,
        body="Body",
        status=status,
        attempts=8 if status == EmailStatus.FAILED else 0,
        last_error="builtins.ConnectionRefusedError: [Errno 111] Connection refused",
    )


@pytest.mark.django_db
def test_it_lists_only_the_admins_organisations_outbox(org_admin_client, world):
    outgoing(world.organisation, "Ours")
    outgoing(OrganisationFactory(slug="foreign"), "Theirs")
    outgoing(None, "Nobody's")

    body = org_admin_client.get(reverse(CHANGELIST)).content.decode()

    assert "Ours" in body
    assert "Theirs" not in body
    assert "Nobody&#x27;s" not in body


@pytest.mark.django_db
def test_it_shows_an_email_read_only_and_never_deletes_it(org_admin_client, world):
    email = outgoing(world.organisation, "Ours")
    change = reverse("admin:notifications_outgoingemail_change", args=[email.pk])

    response = org_admin_client.get(change)
    assert response.status_code == 200
    assert "Connection refused" in response.content.decode()
    org_admin_client.post(change, {"subject": "Changed"})
    delete = reverse("admin:notifications_outgoingemail_delete", args=[email.pk])
    assert org_admin_client.post(delete, {"post": "yes"}).status_code == 403
    email.refresh_from_db()
    assert email.subject == "Ours"
    add = reverse("admin:notifications_outgoingemail_add")
    assert org_admin_client.get(add).status_code == 403


@pytest.mark.django_db
def test_retry_now_queues_the_failed_ones_again_and_logs_it(org_admin_client, world):
    failed = outgoing(world.organisation, "Failed")
    sent = outgoing(world.organisation, "Sent", status=EmailStatus.SENT)
    foreign = outgoing(OrganisationFactory(slug="foreign"), "Theirs")

    response = org_admin_client.post(
        reverse(CHANGELIST),
        {"action": "retry_now", "_selected_action": [failed.pk, sent.pk, foreign.pk]},
    )

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == EmailStatus.QUEUED
    assert failed.attempts == 0
    assert "Connection refused" in failed.last_error  # kept until it is sent
    sent.refresh_from_db()
    assert sent.status == EmailStatus.SENT
    foreign.refresh_from_db()
    assert foreign.status == EmailStatus.FAILED
    [entry] = AuditEntry.objects.filter(action="outgoing_email.retried")
    assert entry.object_id == str(failed.pk)
    assert entry.actor_user == world.users["org_admin"]
    assert entry.organisation == world.organisation


@pytest.mark.django_db
def test_retry_now_queues_the_task_after_commit(
    org_admin_client, world, django_capture_on_commit_callbacks
):
    failed = outgoing(world.organisation, "Failed")
    with django_capture_on_commit_callbacks(execute=True):
        org_admin_client.post(
            reverse(CHANGELIST), {"action": "retry_now", "_selected_action": [failed.pk]}
        )
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"] == {"email_id": failed.pk}


@pytest.mark.django_db
def test_members_have_no_outbox(client, world):
    client.force_login(world.users["member"])
    assert client.get(reverse(CHANGELIST)).status_code == 302
