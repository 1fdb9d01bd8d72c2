"""E-mail of proposals end to end: a visitor's proposal, through the task queue and the worker,
reaches a real SMTP server in the language the form was used in, with the private link; the
office hears of it in each staff member's own language."""

import pytest
from django.conf import settings
from django.urls import reverse

from netvaerk.core.mail import render_email
from netvaerk.networks import founding
from netvaerk.networks.models import NetworkProposal
from netvaerk.networks.tests.founding_helpers import form_data
from netvaerk.organisations.tests.factories import OrganisationFactory, RoleAssignmentFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def organisation(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real.
    org = OrganisationFactory(slug="testorg", name="Testorganisation")
    staff = PersonFactory(
        organisation=org, name="Sekretær Søs", email="sos@example.org", language="da"
    )
    RoleAssignmentFactory(person=staff, role="staff")
    return org


def test_a_visitors_proposal_is_acknowledged_over_smtp_in_the_forms_language(
    client,
    organisation,
    smtp,
    run_worker,
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("networks:propose", kwargs={"org": organisation.slug})
    response = client.post(url, form_data(proposer_email="emma@example.org"))
    assert response.status_code == 302
    proposal = NetworkProposal.objects.get()
    assert smtp.messages == []  # queued, not yet sent

    run_worker()

    received = {tuple(rcpt): message for rcpt, message in smtp.messages}
    assert set(received) == {("emma@example.org",), ("sos@example.org",)}
    ack = received[("emma@example.org",)]
    assert ack["Subject"] == "Your proposal for a new network: Klimapolitisk netværk"
    body = ack.get_content()
    assert "Dear Vera Visitor," in body
    assert f"{settings.SITE_URL}{founding.founding_status_path(proposal)}" in body
    # The staff member reads Danish, whatever language the proposer used.
    to_staff = received[("sos@example.org",)]
    staff = Person.objects.get(email="sos@example.org")
    da_subject, da_body = render_email(
        template="networks/email/founding_new",
        context={
            "proposal": proposal,
            "recipient": staff,
            "detail_path": f"/testorg/networks/proposals/{proposal.pk}/",
        },
        language="da",
    )
    assert to_staff["Subject"] == da_subject
    assert to_staff.get_content().replace("\r\n", "\n") == da_body
    assert f"/testorg/networks/proposals/{proposal.pk}/" in da_body
