"""The office's decision on a conference budget reaches the network's leads over real SMTP
(aiosmtpd) through the worker, each in their own language, with every line's outcome."""

from decimal import Decimal

import pytest

from netvaerk.core.access import Actor
from netvaerk.meetings.models import BudgetStatus
from netvaerk.meetings.services import conference as svc
from netvaerk.meetings.tests.factories import (
    BudgetLineFactory,
    ConferenceBudgetFactory,
    EventFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.notifications.models import Notification
from netvaerk.organisations.tests.factories import OrganisationFactory, RoleAssignmentFactory
from netvaerk.people.tests.factories import PersonFactory


@pytest.fixture
def submitted(transactional_db):
    # The worker closes connections between tasks, so this test commits for real.
    org = OrganisationFactory(slug="testorg", name="Testpartiet")
    network = NetworkFactory(organisation=org, name="Boligpolitisk netværk", slug="bolig")
    chair = PersonFactory(organisation=org, name="Søs Formand", email="sos@example.org")
    lead = PersonFactory(
        organisation=org, name="Emma Lead", email="emma@example.org", language="en"
    )
    member = PersonFactory(organisation=org, name="Mads Medlem", email="mads@example.org")
    MembershipFactory(network=network, person=chair, role="chair")
    MembershipFactory(network=network, person=lead, role="coordination")
    MembershipFactory(network=network, person=member)
    staff = PersonFactory(organisation=org, name="Sara Sekretariat", email="sara@example.org")
    RoleAssignmentFactory(person=staff, role="staff")
    event = EventFactory(conference=True, network=network, title="Årskonference 2025")
    budget = ConferenceBudgetFactory(event=event, status=BudgetStatus.SUBMITTED)
    venue = BudgetLineFactory(budget=budget, description="Leje af sal", amount=Decimal("12500"))
    catering = BudgetLineFactory(
        budget=budget, category="catering", description="Frokost", amount=Decimal("8000")
    )
    BudgetLineFactory(
        budget=budget,
        category="travel",
        description="Togbilletter",
        coverage="not_covered",
        amount=Decimal("4000"),
    )
    actor = Actor(organisation=org, person=staff, roles=frozenset({"staff"}))
    return event, venue, catering, actor


def test_the_decision_reaches_the_leads_over_smtp_in_their_language(smtp, run_worker, submitted):
    event, venue, catering, actor = submitted
    svc.budget_decide(
        actor=actor,
        event=event,
        decisions={
            venue.pk: svc.LineChoice(svc.APPROVE),
            catering.pk: svc.LineChoice(svc.ADJUST, amount="6.000", note="Enklere frokost"),
        },
    )
    run_worker()
    by_recipient = {rcpts[0]: message for rcpts, message in smtp.messages}
    # The chair and the coordination group; not the ordinary member.
    assert set(by_recipient) == {"sos@example.org", "emma@example.org"}
    english = by_recipient["emma@example.org"]
    assert english["Subject"] == "The office has decided on the budget of Årskonference 2025"
    body = english.get_content()
    assert "Leje af sal (Venue hire, DKK 12,500.00): approved" in body
    assert "Frokost (Catering, DKK 8,000.00): approved with DKK 6,000.00 – Enklere frokost" in body
    assert "Togbilletter (Travel, DKK 4,000.00): not covered centrally" in body
    assert f"/testorg/events/{event.pk}/budget/" in body
    danish = by_recipient["sos@example.org"].get_content()
    assert "12.500,00 kr." in danish
    assert "6.000,00 kr." in danish
    assert Notification.objects.filter(url=f"/testorg/events/{event.pk}/budget/").count() == 2
