"""The dashboard's programme indicators and overdue items: what they show, and that their
cost is bounded however many programmes and recruitment entries there are."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.models import IndicatorSource, IndicatorUnit, ProgrammeStatus
from netvaerk.programmes.tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
)
from netvaerk.reach.models import RecruitmentStage
from netvaerk.reach.services.refresh import reach_refresh
from netvaerk.reach.tests.factories import RecruitmentEntryFactory

pytestmark = pytest.mark.django_db


def _dashboard(world) -> str:
    return reverse("reach:dashboard", kwargs={"org": world.organisation.slug})


def _programme(world, name: str, **kwargs):
    return ProgrammeFactory(
        organisation=world.organisation, name=name, network=world.network, **kwargs
    )


def test_the_dashboard_shows_the_running_programmes_indicators(client_as, world):
    # Two of the world's branches: the world's own (the personas') and one more.
    BranchFactory(organisation=world.organisation, region=world.region)
    programme = _programme(world, "Lokalpolitisk interessevaretagelse")
    reach = IndicatorFactory(
        goal__programme=programme,
        name="Afdelinger i KPN",
        unit=IndicatorUnit.PERCENT,
        source=IndicatorSource.NETWORK_REACH,
        target=Decimal("33.4"),
    )
    manual = IndicatorFactory(
        goal__programme=programme, name="Midtvejsseminarer", target=Decimal("20")
    )
    IndicatorValueFactory(indicator=manual, value=Decimal("5"))
    _programme(world, "Et afsluttet projekt", status=ProgrammeStatus.COMPLETED)
    reach_refresh(organisation=world.organisation)

    page = client_as("board").get(_dashboard(world)).content.decode()

    assert "Lokalpolitisk interessevaretagelse" in page
    assert reach.name in page
    assert "50 %" in page  # 1 of 2 branches
    assert manual.name in page
    assert "25 %" in page  # 5 of 20
    assert "Et afsluttet projekt" not in page


def test_the_dashboard_lists_indicators_past_their_date_and_overdue_recruitment(client_as, world):
    programme = _programme(world, "Lokalpolitik")
    IndicatorFactory(
        goal__programme=programme,
        name="Fem afdelinger i fokus",
        target=Decimal("5"),
        target_date=datetime.date(2024, 12, 31),
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for stage in (RecruitmentStage.CONTACTED, RecruitmentStage.INTERESTED):
        RecruitmentEntryFactory(network=world.network, stage=stage, next_step_on=yesterday)
    # Not overdue: declined is done with, and a step in the future is not late.
    RecruitmentEntryFactory(
        network=world.network, stage=RecruitmentStage.DECLINED, next_step_on=yesterday
    )
    RecruitmentEntryFactory(
        network=world.network,
        stage=RecruitmentStage.CONTACTED,
        next_step_on=yesterday + datetime.timedelta(days=10),
    )
    reach_refresh(organisation=world.organisation)

    page = client_as("staff").get(_dashboard(world)).content.decode()

    assert 'Lokalpolitik: "Fem afdelinger i fokus" was to be met by' in page
    assert "Boligpolitisk netværk: 2 recruitment steps are overdue." in page
    link = reverse("reach:recruitment", args=[world.organisation.slug, "bolig"])
    assert link in page
    # The board reads that steps are late, without a link to notes it may not see.
    board_page = client_as("board").get(_dashboard(world)).content.decode()
    assert "Boligpolitisk netværk: 2 recruitment steps are overdue." in board_page
    assert link not in board_page


def test_more_programmes_cost_no_more_queries_past_the_five_shown(
    client_as, world, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for n in range(count):
            programme = _programme(world, f"Program {n}")
            IndicatorFactory(goal__programme=programme, source=IndicatorSource.NETWORK_MEMBERS)
            MembershipFactory(
                network=world.network, person=PersonFactory(organisation=world.organisation)
            )

    add(5)
    reach_refresh(organisation=world.organisation)
    client = client_as("staff")
    with CaptureQueriesContext(connection) as five:
        client.get(_dashboard(world))
    add(7)
    reach_refresh(organisation=world.organisation)
    with django_assert_max_num_queries(len(five)):
        page = client.get(_dashboard(world)).content.decode()
    assert "See all 12 running programmes." in page
