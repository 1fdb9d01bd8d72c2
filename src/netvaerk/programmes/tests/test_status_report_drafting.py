"""A status report's figures and drafted narrative, compared with what the hand-built seed
says they must be; and the refusals of bad input (a reversed period, nothing to report,
contacts who may not be named)."""

import datetime

import pytest
from django.utils.formats import date_format

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.programmes.models import StatusReport
from netvaerk.programmes.selectors import report_data
from netvaerk.programmes.services import reports as services
from netvaerk.programmes.tests.factories import ProgrammeFactory
from netvaerk.programmes.tests.status_report_data import (
    CRITERIA,
    DESCRIPTION,
    GOALS,
    PURPOSE,
    Seed,
    build_seed,
    day,
)
from netvaerk.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(world: World) -> Seed:
    return build_seed(world)


def _d(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _create(world: World, seed: Seed, **kwargs) -> StatusReport:
    values = {
        "actor": world.actor("staff"),
        "programme": seed.programme,
        "date": day(0),
        "item_number": "5.1",
        "board_meeting": "Hovedbestyrelsen – møde d. 1. november 2023",
        "period_start": seed.start,
        "period_end": seed.end,
        "contacts": [seed.owner, seed.staff],
    }
    values.update(kwargs)
    return services.status_report_create(**values)


def test_the_workshop_figures_count_registered_came_and_members_at_the_time(seed):
    figures = report_data.workshop_figures(seed.programme, seed.start, seed.end)
    assert figures["held"] == [
        {
            "date": day(-60).isoformat(),
            "title": "Kommunalvalget 2025",
            "registered": 2,
            "came": 1,
            "members": 1,
            "others": 0,
            "guests": 0,
        },
        {
            # Horsens joined the network after this workshop: counted as another activist.
            "date": day(-20).isoformat(),
            "title": "Midtvejsseminar for lokalpolitikere",
            "registered": 4,
            "came": 3,
            "members": 1,
            "others": 1,
            "guests": 1,
        },
    ]
    assert figures["upcoming"] == [day(25).isoformat(), day(110).isoformat()]


def test_the_reach_figures_are_the_network_against_its_own_goal(seed):
    reach = report_data.reach_figures(seed.programme, seed.end)
    assert reach is not None
    assert (reach["total"], reach["counted"], reach["unrepresented"]) == (9, 3, 6)
    assert reach["percent"] == 33.3
    assert reach["goal"] == 33.4
    assert reach["recruitment"] == {
        "not_contacted": 2,
        "contacted": 1,
        "interested": 1,
        "joined": 0,
        "declined": 0,
    }
    # Odder joined 100 days ago, Horsens 10 days ago, the personas today.
    assert reach["trend"][-1]["branches"] == 3
    assert reach["trend"][0]["branches"] == 1
    assert len(reach["trend"]) in (4, 5)


def test_the_support_figures_list_branches_criteria_and_the_periods_case_log(seed):
    support = report_data.support_figures(seed.programme, seed.start, seed.end)
    assert [(b["name"], b["status"]) for b in support["branches"]] == [
        ("DN Aabenraa", "hesitant"),
        ("DN Horsens", "accepted"),
        ("DN Ikast-Brande", "accepted"),
        ("DN Odder", "accepted"),
        ("DN Vejle", "hesitant"),
    ]
    assert support["criteria"] == CRITERIA
    assert [case["branch"] for case in support["cases"]] == ["DN Odder"]


def test_a_new_report_is_drafted_from_live_data(world, seed):
    report = _create(world, seed)
    assert report.title == "Status on lokalpolitisk interessevaretagelse"
    assert report.introduction == (
        f"{DESCRIPTION}\n\nThe purpose of the programme: {PURPOSE}.\n\n"
        f"Its goals are:\n- {GOALS[0]}\n- {GOALS[1]}"
    )
    assert "Et delmål" not in report.introduction
    assert report.general_support == (
        f"In the period from {_d(seed.start)} to {_d(seed.end)}, 2 workshops were held. "
        f"The latest workshop was held on {_d(day(-20))}: Midtvejsseminar for lokalpolitikere."
        "\n\n6 registered for the workshops and 4 came. Of those who came, 2 were members of "
        "Boligpolitisk netværk and 2 were other activists or guests."
        f"\n\nThe coming workshops will be held on {_d(day(25))} and {_d(day(110))}."
    )
    assert report.focused_support == (
        "5 branches have been invited to take part in the focused support.\n\n"
        f"The branches were selected by these criteria:\n- {CRITERIA[0]}\n- {CRITERIA[1]}\n\n"
        "At present 3 branches take part (DN Horsens, DN Ikast-Brande and DN Odder). "
        "2 are hesitant about committing to the support (DN Aabenraa and DN Vejle).\n\n"
        "The focus theme of the support: Mærkesagerne for 2024–25.\n\n"
        f"From the case log:\n- {_d(day(-15))}, DN Odder: Aftalt at afdelingen holder et "
        "midtvejsseminar for lokalpolitikerne."
    )
    assert report.network_text == (
        "3 of the 9 branches (33.3 %) take part in Boligpolitisk netværk. The goal is 33.4 %: "
        "1 more branch must take part to reach it.\n\n"
        "6 branches are not represented in the network at present.\n\n"
        "The network's recruitment of branches, by stage:\n- Not contacted: 2\n"
        "- Contacted: 1\n- Interested: 1"
    )
    assert set(report.contacts.all()) == {seed.owner, seed.staff}
    assert report.is_draft
    assert report.snapshot == {}
    assert AuditEntry.objects.filter(
        action="programmes.status_report.created", object_id=str(report.pk)
    ).exists()


def test_the_draft_uses_the_organisations_words(world, seed):
    org = world.organisation
    org.term_branch, org.term_branches = "afdeling", "afdelinger"
    org.save(update_fields=["term_branch", "term_branches"])
    seed.programme.organisation.refresh_from_db()
    report = _create(world, seed)
    assert "At present 3 afdelinger take part" in report.focused_support
    assert "3 of the 9 afdelinger (33.3 %)" in report.network_text
    assert "1 more afdeling must take part" in report.network_text


def test_the_goal_reached_and_no_recruitment_read_as_such(world, seed):
    seed.programme.network.reach_goal.delete()
    from netvaerk.reach.services.refresh import settings_for

    reach_settings = settings_for(world.organisation)
    reach_settings.goal_percent = 30
    reach_settings.save(update_fields=["goal_percent"])
    world.network.recruitment.all().delete()
    report = _create(world, seed)
    assert "The goal is 30 %, and it has been reached." in report.network_text
    assert "recruitment" not in report.network_text


def test_a_period_that_ends_before_it_starts_is_refused(world, seed):
    with pytest.raises(ServiceError) as error:
        _create(world, seed, period_start=day(-1), period_end=day(-2))
    assert error.value.field == "period_end"
    assert StatusReport.objects.count() == 0


def test_a_period_with_nothing_to_report_is_refused_saying_what_is_missing(world):
    programme = ProgrammeFactory(organisation=world.organisation, slug="tom")
    with pytest.raises(ServiceError) as error:
        services.status_report_create(
            actor=world.actor("staff"),
            programme=programme,
            date=day(0),
            period_start=day(-30),
            period_end=day(0),
        )
    message = error.value.message
    assert "There is nothing to report on" in message
    assert "No workshop of the programme's series was held in the period." in message
    assert "No branches have been selected for focused support." in message
    assert "The programme has no network to report on." in message
    assert StatusReport.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="programmes.status_report").exists()


def test_a_period_with_only_some_data_is_drafted_and_says_what_is_missing(world, seed):
    report = _create(world, seed, period_start=day(-10), period_end=day(-5))
    assert report.general_support.startswith(
        f"No workshop of the programme's series was held in the period from {_d(day(-10))} "
        f"to {_d(day(-5))}."
    )
    assert "From the case log" not in report.focused_support


def test_a_network_without_figures_yet_is_said_so(world, seed):
    from netvaerk.reach.models import ReachFigure

    ReachFigure.objects.filter(organisation=world.organisation).delete()
    report = _create(world, seed)
    assert report.network_text == (
        "There are no figures yet for the branches taking part in Boligpolitisk netværk."
    )


def test_a_contact_who_is_neither_owner_nor_staff_is_refused(world, seed):
    with pytest.raises(ServiceError) as error:
        _create(world, seed, contacts=[seed.owner, world.persons["member"]])
    assert error.value.field == "contacts"
    assert "Member Person" in error.value.message
    assert StatusReport.objects.count() == 0


def test_only_the_office_and_owners_create_a_report(world, seed):
    for persona in ("board", "chair", "member"):
        with pytest.raises(ServiceError):
            _create(world, seed, actor=world.actor(persona))
    assert _create(world, seed, actor=world.actor("coordinator")).created_by == seed.owner
