"""The drafted figures, on a history built by hand, and their cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netvaerk.governance.models import BoardRequest, Proposal, RulesOfProcedure
from netvaerk.networks.models import Membership
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import (
    BranchFactory,
    OrganisationFactory,
    RegionFactory,
)
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reports import selectors
from netvaerk.reports.drafting import ReportScope, annual_report_document, collect_figures
from netvaerk.reports.tests.helpers import at

YEAR = 2025


@pytest.fixture
def history(db):
    org = OrganisationFactory(slug="hist", language="en")
    nord = RegionFactory(organisation=org, name="Region Nordjylland")
    syd = RegionFactory(organisation=org, name="Region Syddanmark")
    aalborg = BranchFactory(organisation=org, region=nord, name="Aalborg")
    odense = BranchFactory(organisation=org, region=syd, name="Odense")
    network = NetworkFactory(organisation=org, name="Kirkepolitisk netværk")

    def person(name, branch):
        return PersonFactory(
            organisation=org, name=name, branch=branch, region=branch.region if branch else None
        )

    def spell(who, joined, left=None, status=None):
        return MembershipFactory(
            network=network,
            person=who,
            joined_at=joined,
            left_at=left,
            status=status or ("left" if left else "active"),
        )

    anna, bent, carl = person("Anna", aalborg), person("Bent", aalborg), person("Carl", odense)
    dora = person("Dora", None)  # no branch, no region
    erik, finn, gerd = person("Erik", aalborg), person("Finn", odense), person("Gerd", odense)
    spell(anna, at(2024, 6, 1))  # member all year
    spell(bent, at(2024, 3, 1), at(YEAR, 4, 10))  # leaves in April
    spell(carl, at(YEAR, 2, 1))  # joins in February
    spell(dora, at(YEAR, 1, 15), at(YEAR, 3, 1))  # joins, leaves…
    spell(dora, at(YEAR, 6, 1))  # …and rejoins
    spell(erik, at(YEAR, 12, 31, 23, 30))  # joins on New Year's Eve
    spell(finn, at(YEAR + 1, 1, 1, 0, 0))  # joins at the first instant of next year
    spell(gerd, at(YEAR - 1, 1, 1), at(YEAR - 1, 12, 31, 23, 59))  # left before the year
    Membership.objects.create(
        organisation=org, network=network, person=person("Hans", odense), status="requested"
    )
    return network


def test_members_at_the_start_and_end_of_the_year(history):
    figures = selectors.membership_figures(network=history, year=YEAR)
    assert figures["members_start"] == 2  # Anna, Bent
    assert figures["members_end"] == 4  # Anna, Carl, Dora, Erik
    assert figures["joined"] == 4  # Carl, Dora twice, Erik
    assert figures["left"] == 2  # Bent, Dora
    assert figures["members_start"] + figures["joined"] - figures["left"] == figures["members_end"]


def test_members_at_the_end_of_each_month(history):
    figures = selectors.membership_figures(network=history, year=YEAR)
    assert figures["members_by_month"] == [3, 4, 3, 2, 2, 3, 3, 3, 3, 3, 3, 4]


def test_joins_and_leaves_by_region_and_branch_with_unknown_last(history):
    figures = selectors.membership_figures(network=history, year=YEAR)
    assert figures["by_region"] == [
        {"name": "Region Nordjylland", "joined": 1, "left": 1},  # Erik, Bent
        {"name": "Region Syddanmark", "joined": 1, "left": 0},  # Carl
        {"name": None, "joined": 2, "left": 1},  # Dora
    ]
    assert figures["by_branch"] == [
        {"name": "Aalborg", "joined": 1, "left": 1},
        {"name": "Odense", "joined": 1, "left": 0},
        {"name": None, "joined": 2, "left": 1},
    ]


def test_coordinators_whose_term_overlapped_the_year(history):
    MandateFactory(
        network=history,
        person=PersonFactory(organisation=history.organisation, name="Ida"),
        term_start=datetime.date(YEAR - 1, 6, 1),
        term_end=datetime.date(YEAR, 5, 31),
    )
    MandateFactory(
        network=history,
        person=PersonFactory(organisation=history.organisation, name="Jens"),
        term_start=datetime.date(YEAR - 2, 1, 1),
        term_end=datetime.date(YEAR + 1, 1, 1),
        ended_on=datetime.date(YEAR - 1, 12, 31),
    )
    figures = selectors.coordination_figures(network=history, year=YEAR)
    assert [c["name"] for c in figures["coordinators"]] == ["Ida"]
    assert figures["coordinators"][0]["to"] == f"{YEAR}-05-31"


def test_proposals_requests_and_rules_of_the_year(history):
    org = history.organisation

    def proposal(title, status, submitted, decided=None):
        return Proposal.objects.create(
            organisation=org,
            network=history,
            kind="statement",
            title=title,
            text="…",
            status=status,
            submitted_at=submitted,
            decided_at=decided,
        )

    proposal("Adopted", "adopted", at(YEAR, 2, 1), at(YEAR, 3, 1))
    proposal("Rejected", "rejected", at(YEAR, 5, 1), at(YEAR, 6, 1))
    proposal("Waiting", "submitted", at(YEAR, 11, 1))
    proposal("Last year", "adopted", at(YEAR - 1, 12, 31, 23, 0))
    proposal("Draft", "draft", None)

    def request(status, created, deadline, answered=None):
        return BoardRequest.objects.create(
            organisation=org,
            network=history,
            kind="advice",
            title="?",
            text="…",
            status=status,
            created_at=created,
            deadline=deadline,
            answered_at=answered,
        )

    request("answered", at(YEAR, 1, 10), datetime.date(YEAR, 3, 1), at(YEAR, 3, 1, 23, 30))
    request("answered", at(YEAR, 1, 10), datetime.date(YEAR, 3, 1), at(YEAR, 3, 5))
    request("open", at(YEAR, 9, 1), datetime.date(YEAR + 1, 3, 1))
    request("withdrawn", at(YEAR, 9, 1), datetime.date(YEAR, 10, 1))
    request("answered", at(YEAR - 1, 9, 1), datetime.date(YEAR, 1, 5), at(YEAR, 1, 2))
    RulesOfProcedure.objects.create(
        organisation=org,
        network=history,
        text="§1",
        status="approved",
        number=1,
        decided_at=at(YEAR, 5, 1),
    )

    figures = selectors.governance_figures(network=history, year=YEAR)
    proposals = figures["proposals"]
    assert proposals["submitted"] == 3
    assert proposals["outcomes"]["adopted"] == 1
    assert proposals["outcomes"]["rejected"] == 1
    assert proposals["outcomes"]["submitted"] == 1
    assert [p["title"] for p in proposals["listed"]] == ["Adopted", "Rejected", "Waiting"]
    assert figures["requests"] == {
        "received": 4,
        "answered_on_time": 1,  # late in the evening of the deadline is still on time
        "answered_late": 1,
        "open": 1,
        "withdrawn": 1,
    }
    assert figures["rules_approved"] == [{"number": 1, "decided": f"{YEAR}-05-01"}]


def test_the_figures_can_be_frozen_as_json(history):
    import json

    scope = ReportScope(organisation=history.organisation, network=history, year=YEAR)
    figures = collect_figures(scope)
    assert json.loads(json.dumps(figures)) == figures


# --- cost ------------------------------------------------------------------------------------


def _organisation(slug: str, networks: int, members_each: int):
    org = OrganisationFactory(slug=slug)
    region = RegionFactory(organisation=org)
    branch = BranchFactory(organisation=org, region=region)
    persons = [
        PersonFactory(organisation=org, branch=branch, region=region) for _ in range(members_each)
    ]
    made = []
    for n in range(networks):
        network = NetworkFactory(organisation=org)
        for index, who in enumerate(persons):
            MembershipFactory(
                network=network,
                person=who,
                role="chair" if index == 0 else "member",
                joined_at=at(YEAR, 1 + index % 12, 1),
            )
        MandateFactory(network=network, person=persons[-1])
        made.append(network)
        if n == 0:
            Proposal.objects.create(
                organisation=org,
                network=network,
                kind="statement",
                title="x",
                text="x",
                status="adopted",
                submitted_at=at(YEAR, 2, 1),
            )
    return org, made


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


@pytest.mark.django_db
def test_drafting_and_the_overview_cost_the_same_at_5_and_40_networks():
    costs = {}
    for slug, networks, members in (("small", 5, 3), ("large", 40, 12)):
        org, made = _organisation(slug, networks, members)
        scope = ReportScope(organisation=org, network=made[0], year=YEAR)
        drafting = _queries(lambda scope=scope: annual_report_document(scope))
        overview = selectors.overview(organisation=org, year=YEAR, today=datetime.date.today())
        listing = _queries(
            lambda overview=overview: (
                list(overview[: selectors.OVERVIEW_PAGE_SIZE]),
                selectors.overview_counts(overview),
            )
        )
        costs[slug] = (drafting, listing)
    assert costs["small"] == costs["large"]
    assert costs["small"][1] == 2
