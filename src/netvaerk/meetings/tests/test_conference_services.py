"""The conference's programme and budget through the services, per role, with bad input and
comparison figures worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.models import (
    BudgetLine,
    BudgetStatus,
    ConferenceBudget,
    ConferenceSession,
    Coverage,
    LineDecision,
)
from netvaerk.meetings.services import conference as svc
from netvaerk.meetings.services.conference import LineChoice, format_dkk, parse_amount
from netvaerk.meetings.tests.factories import EventFactory, in_days
from netvaerk.testing import queued_mail

D = Decimal


# --- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.500,50", "12500.50"),
        ("12500.50", "12500.50"),
        ("12 500", "12500.00"),
        ("12.500", "12500.00"),
        ("12,500", "12500.00"),
        ("12,5", "12.50"),
        ("1.250.000,75", "1250000.75"),
        ("1,250,000.75", "1250000.75"),
        ("12.500 kr.", "12500.00"),
        ("kr. 800,-", "800.00"),
        ("DKK 950", "950.00"),
        ("0", "0.00"),
        ("10.000.000", "10000000.00"),
    ],
)
def test_amounts_are_read_the_danish_way_and_the_plain_way(text, expected):
    assert parse_amount(text) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-500", "cannot be negative"),
        ("−500", "cannot be negative"),
        ("tolv tusind", "as a number"),
        ("", "as a number"),
        ("12.50.3", "as a number"),
        ("12500.505", "as a number"),
        ("1e5", "as a number"),
        ("10.000.000,01", "check it"),
        ("250000000", "check it"),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(text, message):
    with pytest.raises(ServiceError) as refusal:
        parse_amount(text)
    assert message in refusal.value.message
    assert refusal.value.field == "amount"


def test_amounts_are_written_the_danish_way_in_danish_and_sensibly_in_english():
    assert format_dkk(D("12500"), "da") == "12.500,00 kr."
    assert format_dkk(D("1250000.5"), "da") == "1.250.000,50 kr."
    assert format_dkk(D("-300"), "da") == "-300,00 kr."
    assert format_dkk(D("12500"), "en") == "DKK 12,500.00"
    assert format_dkk(None, "da") == "—"


# --- the programme ------------------------------------------------------------------------


@pytest.fixture
def conference(world):
    # 10:00–17:00 local time, 90 days from now.
    return EventFactory(conference=True, network=world.network)


def _at(event, hour, minute=0, days=0):
    day = event.local_start.date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=event.tz)


def test_the_chair_plans_the_programme_with_speakers_in_order(world, conference):
    chair = world.actor("chair")
    session = svc.session_add(
        actor=chair,
        event=conference,
        title="  Velkomst  ",
        starts_at=_at(conference, 10),
        ends_at=_at(conference, 10, 30),
        room="Sal A",
    )
    assert session.title == "Velkomst"
    member = svc.speaker_add(actor=chair, session=session, person=world.persons["member"])
    guest = svc.speaker_add(
        actor=chair, session=session, name="Ida Forsker", affiliation="Aalborg Universitet"
    )
    svc.speaker_move(actor=chair, speaker=guest, direction="up")
    assert [str(s) for s in session.speakers.all()] == ["Ida Forsker", str(member)]
    svc.speaker_remove(actor=chair, speaker=member)
    assert session.speakers.count() == 1
    svc.session_update(
        actor=chair,
        session=session,
        title="Velkomst og kaffe",
        starts_at=_at(conference, 9),
        ends_at=_at(conference, 10),
    )
    session.refresh_from_db()
    assert session.starts_at == _at(conference, 9)
    svc.session_remove(actor=chair, session=session)
    assert not ConferenceSession.objects.filter(event=conference).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "conference.session_added",
        "conference.speaker_added",
        "conference.speaker_moved",
        "conference.speaker_removed",
        "conference.session_updated",
        "conference.session_removed",
    } <= actions


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ((14, 0, 0), (13, 0, 0), "must end after it starts"),
        ((14, 0, 0), (14, 0, 0), "must end after it starts"),
        ((10, 0, -1), (11, 0, -1), "on the day of the conference"),
        ((10, 0, 1), (11, 0, 1), "on the day of the conference"),
    ],
)
def test_a_programme_item_outside_the_conference_or_ending_before_it_starts_is_refused(
    world, conference, start, end, message
):
    with pytest.raises(ServiceError) as refusal:
        svc.session_add(
            actor=world.actor("chair"),
            event=conference,
            title="Debat",
            starts_at=_at(conference, start[0], start[1], start[2]),
            ends_at=_at(conference, end[0], end[1], end[2]),
        )
    assert message in refusal.value.message
    assert not ConferenceSession.objects.exists()


def test_a_conference_over_two_days_takes_items_on_its_second_day(world):
    start = in_days(60, hour=10)
    event = EventFactory(
        conference=True,
        network=world.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=6),
    )
    svc.session_add(
        actor=world.actor("chair"),
        event=event,
        title="Dag 2",
        starts_at=_at(event, 9, days=1),
        ends_at=_at(event, 12, days=1),
    )
    with pytest.raises(ServiceError) as refusal:
        svc.session_add(
            actor=world.actor("chair"),
            event=event,
            title="Dag 3",
            starts_at=_at(event, 9, days=2),
            ends_at=_at(event, 12, days=2),
        )
    assert "within the days of the conference" in refusal.value.message


@pytest.mark.parametrize("persona", ["member", "board", "branch_lead"])
def test_only_those_who_run_the_conference_change_its_programme(world, conference, persona):
    with pytest.raises(ServiceError):
        svc.session_add(
            actor=world.actor(persona),
            event=conference,
            title="Debat",
            starts_at=_at(conference, 13),
            ends_at=_at(conference, 14),
        )


def test_a_speaker_is_a_person_or_a_named_guest_not_both_nor_neither(world, conference):
    chair = world.actor("chair")
    session = svc.session_add(
        actor=chair,
        event=conference,
        title="Debat",
        starts_at=_at(conference, 13),
        ends_at=_at(conference, 14),
    )
    with pytest.raises(ServiceError, match="not both"):
        svc.speaker_add(actor=chair, session=session, person=world.persons["member"], name="X")
    with pytest.raises(ServiceError, match="name a guest"):
        svc.speaker_add(actor=chair, session=session, name="  ")
    svc.speaker_add(actor=chair, session=session, person=world.persons["member"])
    with pytest.raises(ServiceError, match="already speaks"):
        svc.speaker_add(actor=chair, session=session, person=world.persons["member"])


def test_only_a_conference_has_a_programme(world):
    webinar = EventFactory(network=world.network)
    with pytest.raises(ServiceError, match="Only a conference"):
        svc.session_add(
            actor=world.actor("chair"),
            event=webinar,
            title="Debat",
            starts_at=webinar.starts_at,
            ends_at=webinar.ends_at,
        )


# --- the budget ---------------------------------------------------------------------------


def _draft(world, conference):
    chair = world.actor("chair")
    venue = svc.budget_line_add(
        actor=chair, event=conference, category="venue", description="Sal", amount="12.500"
    )
    catering = svc.budget_line_add(
        actor=chair,
        event=conference,
        category="catering",
        description="Frokost",
        amount="8000,00",
    )
    travel = svc.budget_line_add(
        actor=chair, event=conference, category="travel", description="Tog", amount="6 000"
    )
    speakers = svc.budget_line_add(
        actor=chair,
        event=conference,
        category="speakers",
        description="Honorar",
        amount="3000",
        coverage=Coverage.CENTRAL,
    )
    return venue, catering, travel, speakers


def test_the_budget_is_created_on_first_need_and_coverage_follows_the_category(world, conference):
    assert not ConferenceBudget.objects.filter(event=conference).exists()
    venue, catering, travel, speakers = _draft(world, conference)
    assert conference.budget.status == BudgetStatus.DRAFT
    assert [venue.coverage, catering.coverage, travel.coverage, speakers.coverage] == [
        Coverage.CENTRAL,
        Coverage.CENTRAL,
        Coverage.NOT_COVERED,
        Coverage.CENTRAL,
    ]
    assert venue.amount == D("12500.00")


def test_travel_can_never_be_covered_centrally(world, conference):
    with pytest.raises(ServiceError) as refusal:
        svc.budget_line_add(
            actor=world.actor("chair"),
            event=conference,
            category="travel",
            description="Tog",
            amount="500",
            coverage=Coverage.CENTRAL,
        )
    assert "Travel is not covered centrally" in refusal.value.message
    assert refusal.value.field == "coverage"
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("amount", ["-1", "mange penge", "99.999.999"])
def test_a_line_with_a_bad_amount_is_refused_and_nothing_saved(world, conference, amount):
    with pytest.raises(ServiceError) as refusal:
        svc.budget_line_add(
            actor=world.actor("chair"),
            event=conference,
            category="venue",
            description="Sal",
            amount=amount,
        )
    assert refusal.value.field == "amount"
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("persona", ["member", "board", "branch_lead"])
def test_only_those_who_run_the_conference_draft_its_budget(world, conference, persona):
    with pytest.raises(ServiceError, match="Only those who run"):
        svc.budget_line_add(
            actor=world.actor(persona),
            event=conference,
            category="venue",
            description="Sal",
            amount="100",
        )


def test_submitting_tells_the_office_and_locks_the_lines(
    world, conference, django_capture_on_commit_callbacks
):
    venue, *_rest = _draft(world, conference)
    chair = world.actor("chair")
    with pytest.raises(ServiceError, match="at least one line"):
        svc.budget_submit(actor=chair, event=EventFactory(conference=True, network=world.network))
    with pytest.raises(ServiceError, match="Only those who run"):
        svc.budget_submit(actor=world.actor("member"), event=conference)
    with django_capture_on_commit_callbacks(execute=True):
        svc.budget_submit(actor=chair, event=conference)
    assert [m["to"] for m in queued_mail()] == [world.persons["staff"].email]
    # In the recipient's language: the personas read Danish.
    assert "afventer sekretariatets beslutning" in queued_mail()[0]["subject"]
    with pytest.raises(ServiceError, match="can no longer be changed"):
        svc.budget_line_update(
            actor=chair, line=venue, category="venue", description="Sal", amount="1"
        )
    with pytest.raises(ServiceError, match="can no longer be changed"):
        svc.budget_line_add(
            actor=chair, event=conference, category="venue", description="Sal 2", amount="1"
        )
    with pytest.raises(ServiceError, match="can no longer be changed"):
        svc.budget_line_remove(actor=chair, line=venue)
    # Not even the office edits a submitted budget: it decides on it or returns it.
    with pytest.raises(ServiceError, match="can no longer be changed"):
        svc.budget_line_remove(actor=world.actor("staff"), line=venue)


def _submitted(world, conference):
    lines = _draft(world, conference)
    svc.budget_submit(actor=world.actor("chair"), event=conference)
    return lines


def test_a_partial_decision_is_refused_as_a_whole(world, conference):
    venue, catering, travel, speakers = _submitted(world, conference)
    staff = world.actor("staff")
    with pytest.raises(ServiceError) as refusal:
        svc.budget_decide(
            actor=staff,
            event=conference,
            decisions={venue.pk: LineChoice(svc.APPROVE), catering.pk: LineChoice(svc.APPROVE)},
        )
    assert "Honorar" in refusal.value.message
    assert "nothing has been saved" in refusal.value.message
    # An adjustment without its note, after an approval already checked: nothing half-saved.
    with pytest.raises(ServiceError, match="Say why the office adjusts"):
        svc.budget_decide(
            actor=staff,
            event=conference,
            decisions={
                venue.pk: LineChoice(svc.APPROVE),
                catering.pk: LineChoice(svc.ADJUST, amount="6.000"),
                speakers.pk: LineChoice(svc.REJECT, note="Ingen honorarer"),
            },
        )
    with pytest.raises(ServiceError, match="cannot be negative"):
        svc.budget_decide(
            actor=staff,
            event=conference,
            decisions={
                venue.pk: LineChoice(svc.APPROVE),
                catering.pk: LineChoice(svc.ADJUST, amount="-6.000", note="For dyrt"),
                speakers.pk: LineChoice(svc.REJECT, note="Ingen honorarer"),
            },
        )
    with pytest.raises(ServiceError, match="Say why the office rejects"):
        svc.budget_decide(
            actor=staff,
            event=conference,
            decisions={
                venue.pk: LineChoice(svc.APPROVE),
                catering.pk: LineChoice(svc.APPROVE),
                speakers.pk: LineChoice(svc.REJECT),
            },
        )
    # Travel is not covered and takes no decision.
    with pytest.raises(ServiceError, match="covered centrally"):
        svc.budget_decide(
            actor=staff,
            event=conference,
            decisions={
                venue.pk: LineChoice(svc.APPROVE),
                catering.pk: LineChoice(svc.APPROVE),
                speakers.pk: LineChoice(svc.APPROVE),
                travel.pk: LineChoice(svc.APPROVE),
            },
        )
    assert set(BudgetLine.objects.values_list("decision", flat=True)) == {LineDecision.PENDING}
    assert ConferenceBudget.objects.get().status == BudgetStatus.SUBMITTED


@pytest.mark.parametrize("persona", ["chair", "coordinator", "board", "member"])
def test_only_the_office_decides(world, conference, persona):
    venue, catering, _travel, speakers = _submitted(world, conference)
    with pytest.raises(ServiceError, match="Only the office"):
        svc.budget_decide(
            actor=world.actor(persona),
            event=conference,
            decisions={line.pk: LineChoice(svc.APPROVE) for line in (venue, catering, speakers)},
        )


def _decided(world, conference):
    venue, catering, travel, speakers = _submitted(world, conference)
    svc.budget_decide(
        actor=world.actor("staff"),
        event=conference,
        decisions={
            venue.pk: LineChoice(svc.APPROVE),
            catering.pk: LineChoice(svc.ADJUST, amount="6.000,00", note="Enklere frokost"),
            speakers.pk: LineChoice(svc.REJECT, note="Vi betaler ikke honorarer"),
        },
        note="God fornøjelse",
    )
    return venue, catering, travel, speakers


def test_the_office_approves_adjusts_and_rejects_and_the_leads_are_told(
    world, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        venue, catering, travel, speakers = _decided(world, conference)
    budget = ConferenceBudget.objects.get()
    assert budget.status == BudgetStatus.DECIDED
    assert budget.decided_by == world.persons["staff"]
    lines = {line.pk: line for line in BudgetLine.objects.all()}
    assert (lines[venue.pk].decision, lines[venue.pk].approved_amount) == ("approved", D("12500"))
    assert (lines[catering.pk].decision, lines[catering.pk].approved_amount) == (
        "adjusted",
        D("6000"),
    )
    assert (lines[speakers.pk].decision, lines[speakers.pk].approved_amount) == ("rejected", 0)
    assert lines[travel.pk].decision == LineDecision.PENDING
    decided = [m for m in queued_mail() if "har truffet beslutning" in m["subject"]]
    # The chair and the coordination group.
    assert sorted(m["to"] for m in decided) == sorted(
        [world.persons["chair"].email, world.persons["coordination"].email]
    )
    body = decided[0]["body"]
    assert "Frokost" in body
    assert "6.000,00 kr." in body
    assert "Enklere frokost" in body
    assert "Vi betaler ikke honorarer" in body


def test_the_office_returns_the_budget_to_draft_and_decisions_lapse(
    world, conference, django_capture_on_commit_callbacks
):
    venue, *_rest = _decided(world, conference)
    with pytest.raises(ServiceError, match="Tell the network"):
        svc.budget_return(actor=world.actor("staff"), event=conference, note=" ")
    with pytest.raises(ServiceError, match="Only the office"):
        svc.budget_return(actor=world.actor("chair"), event=conference, note="Nej")
    with django_capture_on_commit_callbacks(execute=True):
        svc.budget_return(actor=world.actor("staff"), event=conference, note="Billigere sal")
    budget = ConferenceBudget.objects.get()
    assert budget.status == BudgetStatus.DRAFT
    assert budget.office_note == "Billigere sal"
    assert set(BudgetLine.objects.values_list("decision", flat=True)) == {LineDecision.PENDING}
    assert any("har sendt budgettet" in m["subject"] for m in queued_mail())
    # A draft again: the chair changes it and submits anew.
    svc.budget_line_update(
        actor=world.actor("chair"), line=venue, category="venue", description="Sal", amount="9000"
    )
    svc.budget_submit(actor=world.actor("chair"), event=conference)


def test_actual_costs_are_refused_before_the_conference(world, conference):
    venue, *_rest = _decided(world, conference)
    with pytest.raises(ServiceError, match="once the conference has begun"):
        svc.budget_actuals_record(
            actor=world.actor("chair"), event=conference, amounts={venue.pk: "12000"}
        )
    with pytest.raises(ServiceError, match="once the conference has begun"):
        svc.budget_unbudgeted_add(
            actor=world.actor("chair"),
            event=conference,
            category="other",
            description="Taxa",
            actual="300",
        )
    assert BudgetLine.objects.filter(actual_amount__isnull=False).count() == 0


def test_a_bad_actual_cost_names_its_line_and_saves_nothing(world, conference):
    venue, catering, _travel, _speakers = _decided(world, conference)
    after = conference.starts_at + datetime.timedelta(days=1)
    with pytest.raises(ServiceError) as refusal:
        svc.budget_actuals_record(
            actor=world.actor("chair"),
            event=conference,
            amounts={venue.pk: "12000", catering.pk: "-5"},
            at=after,
        )
    assert "Frokost" in refusal.value.message
    assert "negative" in refusal.value.message
    assert BudgetLine.objects.filter(actual_amount__isnull=False).count() == 0
    with pytest.raises(ServiceError, match="Only those who run"):
        svc.budget_actuals_record(
            actor=world.actor("board"), event=conference, amounts={venue.pk: "1"}, at=after
        )


def test_the_comparison_per_line_category_and_total_as_worked_out_by_hand(world, conference):
    venue, catering, travel, speakers = _decided(world, conference)
    chair = world.actor("chair")
    after = conference.starts_at + datetime.timedelta(hours=8)
    svc.budget_actuals_record(
        actor=chair,
        event=conference,
        amounts={
            venue.pk: "12.000",  # approved 12.500: 500 under
            catering.pk: "7.000",  # adjusted to 6.000: 1.000 over
            travel.pk: "5.500",  # planned 6.000, not covered: 500 under
            speakers.pk: "",  # rejected, not known
        },
        at=after,
    )
    svc.budget_unbudgeted_add(
        actor=chair,
        event=conference,
        category="catering",
        description="Kaffe om aftenen",
        actual="400",
        at=after,
    )
    result = svc.comparison(budget=ConferenceBudget.objects.get())
    rows = {row.line.description: row for row in result.lines}
    assert (rows["Sal"].approved, rows["Sal"].actual, rows["Sal"].difference) == (
        D("12500"),
        D("12000"),
        D("-500"),
    )
    assert not rows["Sal"].over_budget
    assert rows["Frokost"].difference == D("1000")
    assert rows["Frokost"].over_budget
    assert rows["Tog"].approved is None
    assert rows["Tog"].difference == D("-500")
    assert rows["Honorar"].approved == 0
    assert rows["Honorar"].difference is None
    assert rows["Kaffe om aftenen"].difference == D("400")
    assert rows["Kaffe om aftenen"].over_budget
    assert rows["Kaffe om aftenen"].line.coverage == Coverage.NOT_COVERED

    categories = {value: figures for value, _label, figures in result.categories}
    # Catering: planned 8.000 (+0 unbudgeted), approved 6.000, actual 7.000 + 400,
    # compared with 6.000 + 0: 1.400 over.
    assert categories["catering"].planned == D("8000")
    assert categories["catering"].approved == D("6000")
    assert categories["catering"].actual == D("7400")
    assert categories["catering"].difference == D("1400")
    assert categories["catering"].over_budget
    assert categories["venue"].difference == D("-500")
    assert categories["speakers"].difference is None

    # Planned 12.500 + 8.000 + 6.000 + 3.000 = 29.500; approved 12.500 + 6.000 + 0 = 18.500;
    # actual 12.000 + 7.000 + 5.500 + 400 = 24.900 against 12.500 + 6.000 + 6.000 + 0 = 24.500.
    total = result.total
    assert (total.planned, total.approved, total.actual) == (D("29500"), D("18500"), D("24900"))
    assert total.difference == D("400")
    assert total.over_budget
    assert not result.complete
    # The organisation: 18.500 approved; actually min(12.000, 12.500) + min(7.000, 6.000)
    # = 18.000 capped, 12.000 + 7.000 = 19.000 in full. The rest is carried by others.
    assert result.organisation_approved == D("18500")
    assert result.organisation_actual_capped == D("18000")
    assert result.organisation_actual_full == D("19000")
    assert result.others_capped == D("6900")
    assert result.others_full == D("5900")


def test_a_cost_not_in_the_budget_is_removed_by_those_who_record_costs(world, conference):
    _decided(world, conference)
    after = conference.starts_at + datetime.timedelta(hours=8)
    line = svc.budget_unbudgeted_add(
        actor=world.actor("coordinator"),
        event=conference,
        category="other",
        description="Taxa",
        actual="300",
        at=after,
    )
    with pytest.raises(ServiceError, match="give its actual cost or remove it"):
        svc.budget_actuals_record(
            actor=world.actor("chair"), event=conference, amounts={line.pk: ""}, at=after
        )
    with pytest.raises(ServiceError, match="Only those who run"):
        svc.budget_line_remove(actor=world.actor("board"), line=line)
    svc.budget_line_remove(actor=world.actor("chair"), line=line)
    assert not BudgetLine.objects.filter(pk=line.pk).exists()


def test_seeded_history_takes_explicit_timestamps(world):
    start = timezone.now() - datetime.timedelta(days=200)
    event = EventFactory(
        conference=True,
        network=world.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
    )
    line = svc.budget_line_add(
        actor=world.actor("chair"), event=event, category="venue", description="Sal", amount="5000"
    )
    submitted = start - datetime.timedelta(days=60)
    budget = svc.budget_submit(actor=world.actor("chair"), event=event, at=submitted)
    assert budget.submitted_at == submitted
    svc.budget_decide(
        actor=world.actor("staff"),
        event=event,
        decisions={line.pk: LineChoice(svc.APPROVE)},
        at=submitted + datetime.timedelta(days=3),
    )
    svc.budget_actuals_record(
        actor=world.actor("chair"),
        event=event,
        amounts={line.pk: "4800"},
        at=start + datetime.timedelta(days=1),
    )
    assert BudgetLine.objects.get().actual_amount == D("4800")
