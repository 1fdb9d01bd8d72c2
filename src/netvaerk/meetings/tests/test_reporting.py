"""The "Meetings and conference" section of a network's annual report."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from netvaerk.meetings.models import AttendanceSource, LineDecision, RegistrationStatus
from netvaerk.meetings.tests.factories import (
    AttendanceFactory,
    BudgetLineFactory,
    ConferenceBudgetFactory,
    EventFactory,
    RegistrationFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reports.drafting import ReportScope, annual_report_document, collect_figures
from netvaerk.reports.tests.helpers import at

YEAR = 2025
HOURS = datetime.timedelta(hours=2)


@pytest.fixture
def year_of_events(db):
    org = OrganisationFactory(slug="moeder", language="en")
    network = NetworkFactory(organisation=org, name="Kommunalpolitisk netværk")
    anna, bent, carl = (PersonFactory(organisation=org, name=n) for n in ("Anna", "Bent", "Carl"))
    MembershipFactory(network=network, person=anna, joined_at=at(YEAR - 1, 5, 1))
    # Bent left before the second webinar: there he came as another member.
    MembershipFactory(
        network=network,
        person=bent,
        joined_at=at(YEAR - 1, 5, 1),
        left_at=at(YEAR, 6, 1),
        status="left",
    )

    def event(title, start, **kwargs):
        return EventFactory(
            organisation=org,
            network=network,
            title=title,
            starts_at=start,
            ends_at=start + HOURS,
            **kwargs,
        )

    first = event("Webinar 1", at(YEAR, 3, 12, 19), status="held", headcount=3)
    second = event("Webinar 2", at(YEAR, 9, 25, 19), status="held")
    meeting = event("Netværksmøde", at(YEAR, 11, 2, 19), kind="meeting", headcount=7)
    event("Aflyst webinar", at(YEAR, 4, 1, 19), status="cancelled")
    event("Sidste års webinar", at(YEAR - 1, 12, 31, 19), status="held")
    conference = event("Årsmøde 2025", at(YEAR, 10, 4, 10), kind="conference", format="physical")
    for who in (anna, bent, carl):
        RegistrationFactory(event=first, person=who, name="", email="")
        AttendanceFactory(event=first, person=who, name="")
    RegistrationFactory(event=second, person=anna, name="", email="")
    RegistrationFactory(
        event=second, person=carl, name="", email="", status=RegistrationStatus.CANCELLED
    )
    AttendanceFactory(event=second, person=bent, name="")
    AttendanceFactory(event=second, name="Gæst Hansen", source=AttendanceSource.IMPORT)
    budget = ConferenceBudgetFactory(event=conference)
    BudgetLineFactory(
        budget=budget,
        amount=Decimal("10000"),
        decision=LineDecision.APPROVED,
        actual_amount=Decimal("9500"),
    )
    BudgetLineFactory(
        budget=budget,
        category="catering",
        amount=Decimal("6000"),
        decision=LineDecision.ADJUSTED,
        approved_amount=Decimal("5000"),
        actual_amount=Decimal("5200"),
    )
    BudgetLineFactory(
        budget=budget, category="travel", coverage="not_covered", amount=Decimal("3000")
    )
    return network, meeting


def _scope(network):
    return ReportScope(organisation=network.organisation, network=network, year=YEAR)


def test_it_counts_the_events_of_the_year_and_who_came(year_of_events):
    network, _meeting = year_of_events
    figures = collect_figures(_scope(network))["meetings"]
    assert [e["title"] for e in figures["events"]] == [
        "Webinar 1",
        "Aflyst webinar",
        "Webinar 2",
        "Årsmøde 2025",
        "Netværksmøde",
    ]
    first = figures["events"][0]
    assert (first["registered"], first["attended"]) == (3, 3)
    second = figures["events"][2]
    # The cancelled registration does not count; the guest does.
    assert (second["registered"], second["attended"]) == (1, 2)
    # No attendance recorded: the organiser's headcount stands in.
    assert figures["events"][4]["attended"] == 7
    assert (figures["planned"], figures["held"]) == (5, 2)
    # Webinar 1: Anna and Bent members, Carl another member; webinar 2: Bent had left.
    assert figures["attendance"] == {"members": 2, "others": 2, "guests": 1}


def test_it_compares_the_conference_budget_with_its_cost(year_of_events):
    network, _meeting = year_of_events
    (conference,) = collect_figures(_scope(network))["meetings"]["conferences"]
    assert Decimal(conference["planned"]) == Decimal("19000")
    # Approved: 10,000 as asked, catering adjusted to 5,000; travel is not covered.
    assert Decimal(conference["approved"]) == Decimal("15000")
    assert Decimal(conference["actual"]) == Decimal("14700")


def test_the_figures_freeze_as_json(year_of_events):
    network, _meeting = year_of_events
    figures = collect_figures(_scope(network))
    assert json.loads(json.dumps(figures)) == figures


def test_the_section_reads_the_figures_in_the_report(year_of_events):
    network, _meeting = year_of_events
    with translation.override("en"):
        document = annual_report_document(_scope(network))
    section = next(s for s in document.sections if s.heading == "Meetings and conference")
    text = section.blocks[0].text
    assert "planned 5 events, of which 2 were held" in text
    assert "5 attendances were recorded: 2 by the network's members" in text
    tables = [b for b in section.blocks if hasattr(b, "rows")]
    assert ["Årsmøde 2025", "19,000.00 kr.", "15,000.00 kr.", "14,700.00 kr."] in tables[-1].rows


def test_a_year_without_events_says_so(db):
    network = NetworkFactory(organisation=OrganisationFactory(language="en"))
    with translation.override("en"):
        document = annual_report_document(_scope(network))
    section = next(s for s in document.sections if s.heading == "Meetings and conference")
    assert section.blocks[0].text == "The network held no meetings or events in Netværk this year."


def test_a_report_frozen_before_meetings_were_recorded_says_so(year_of_events):
    from netvaerk.meetings.reporting import render_meetings

    network, _meeting = year_of_events
    with translation.override("en"):
        (section,) = render_meetings(_scope(network), None)
    assert "were not recorded in Netværk when this report was submitted" in section.blocks[0].text


def test_collecting_costs_the_same_with_more_events(year_of_events):
    from netvaerk.meetings.reporting import collect_meetings

    network, meeting = year_of_events
    scope = _scope(network)
    with CaptureQueriesContext(connection) as few:
        collect_meetings(scope)
    for day in range(1, 20):
        extra = EventFactory(
            organisation=network.organisation,
            network=network,
            starts_at=at(YEAR, 5, day, 19),
            ends_at=at(YEAR, 5, day, 21),
        )
        AttendanceFactory(
            event=extra,
            person=meeting.created_by or PersonFactory(organisation=network.organisation),
            name="",
        )
    with CaptureQueriesContext(connection) as many:
        collect_meetings(scope)
    assert len(many) == len(few)
