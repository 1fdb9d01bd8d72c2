"""Sparring-request e-mail end to end: a request asked on the page, and its acceptance, go
through the outbox and the worker to a real SMTP server, each in the recipient's own language,
with the link to the request's page and no contact details."""

import pytest
from django.conf import settings
from django.urls import reverse

from netvaerk.competences.models import SparringRequest
from netvaerk.competences.tests.factories_requests import profile_for
from netvaerk.core.mail import render_email


@pytest.fixture
def committed(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    return None


def test_a_request_and_its_acceptance_reach_each_side_over_smtp(
    committed, world, client_as, smtp, run_worker
):
    member, chair = world.persons["member"], world.persons["chair"]
    member.phone = "+45 12 34 56 78"
    member.save()
    profile = profile_for(member)
    url = reverse(
        "competences:ask_person", kwargs={"org": world.organisation.slug, "profile": profile.pk}
    )
    response = client_as("chair").post(
        url, {"subject": "Høringssvar & lokalplan", "question": "Kan du kigge på udkastet?"}
    )
    assert response.status_code == 302
    sparring = SparringRequest.objects.get()
    path = f"/{world.organisation.slug}/competences/requests/{sparring.pk}/"
    assert smtp.messages == []  # queued, not yet sent

    run_worker()

    [(to, message)] = smtp.messages
    assert to == [member.email]
    # The member reads Danish (the personas' language), whatever the asker's page said.
    subject, body = render_email(
        template="competences/emails/request_new",
        context={"sparring": sparring, "recipient": member, "request_path": path},
        language="da",
    )
    assert message["Subject"] == subject
    assert message.get_content().replace("\r\n", "\n") == body
    assert "Høringssvar & lokalplan" in subject  # plain text, not HTML-escaped
    assert f"{settings.SITE_URL}{path}" in body
    assert body.startswith("Kære Member Person\n")  # Danish letters have no comma after the name

    smtp.messages.clear()
    client_as("member").post(
        reverse(
            "competences:request_accept",
            kwargs={"org": world.organisation.slug, "sparring_id": sparring.pk},
        )
    )
    run_worker()
    [(to, message)] = smtp.messages
    assert to == [chair.email]
    content = message.get_content()
    assert f"{settings.SITE_URL}{path}" in content
    # Contact details are on the request's page for the two sides, never in the mail.
    assert member.phone not in content
    assert member.email not in content
