"""The retention rules: what each removes, what it leaves, the preview naming no one, the run's
record, and the rules' own validation."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from netvaerk.accounts.models import User
from netvaerk.competences.models import SparringRequest
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.meetings.models import Attendance, Registration
from netvaerk.networks.models import Membership
from netvaerk.people.models import Person
from netvaerk.privacy.models import AccessedPerson, AccessEntry, RetentionKind, RetentionRun
from netvaerk.privacy.services.retention import (
    ANONYMOUS,
    months_before,
    retention_apply,
    retention_preview,
    retention_rule_set,
)
from netvaerk.privacy.tasks import apply_retention
from netvaerk.privacy.tests import factories_retention as f
from netvaerk.reach.models import TREND_MONTHS, ReachFigure
from netvaerk.reach.services.refresh import reach_refresh

K = RetentionKind
pytestmark = pytest.mark.django_db


def _preview(world, kind):
    return next(
        p for p in retention_preview(organisation=world.organisation) if p.rule.kind == kind
    )


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = datetime.datetime(2024, 3, 31, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2024, 2, 29, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 15).date() == datetime.date(2022, 12, 31)


def test_it_saves_a_rule_and_audits_it(world):
    rule = retention_rule_set(
        actor=world.actor("data_protection"), kind=K.CLOSED_SPARRING, months=24, active=True
    )
    assert (rule.months, rule.active, rule.updated_by) == (
        24,
        True,
        world.persons["data_protection"],
    )
    retention_rule_set(
        actor=world.actor("org_admin"), kind=K.CLOSED_SPARRING, months=12, active=False
    )
    rule.refresh_from_db()
    assert (rule.months, rule.active) == (12, False)
    assert AuditEntry.objects.filter(action="privacy.retention_rule_set").count() == 2


@pytest.mark.parametrize("months", [0, 241, -3, True])
def test_it_refuses_months_outside_one_to_240(world, months):
    with pytest.raises(ServiceError) as error:
        retention_rule_set(
            actor=world.actor("data_protection"), kind=K.ACCESS_LOG, months=months, active=True
        )
    assert error.value.field == "months"
    assert "from 1 to 240" in error.value.message


def test_it_refuses_ended_memberships_kept_shorter_than_the_reach_trend(world):
    with pytest.raises(ServiceError) as error:
        retention_rule_set(
            actor=world.actor("data_protection"),
            kind=K.ENDED_MEMBERSHIPS,
            months=TREND_MONTHS - 1,
            active=True,
        )
    assert f"from {TREND_MONTHS} to 240" in error.value.message


def test_it_refuses_an_unknown_kind_and_the_office(world):
    with pytest.raises(ServiceError):
        retention_rule_set(actor=world.actor("data_protection"), kind="x", months=5, active=True)
    with pytest.raises(ServiceError):
        retention_rule_set(actor=world.actor("staff"), kind=K.ACCESS_LOG, months=5, active=True)


def _trend(org):
    rows = ReachFigure.objects.filter(organisation=org).values_list(
        "network_id", "region_id", "month", "members", "branches_member", "branches_total"
    )
    return {row[:3]: row[3:] for row in rows}


def test_ended_memberships_go_and_the_reach_history_stays(world):
    org = world.organisation
    old = f.ended_membership(world.network, ended=f.years_ago(5))
    declined = f.ended_membership(world.network, ended=f.years_ago(4), status="declined")
    recent = f.ended_membership(world.network, ended=f.years_ago(1))
    f.rule(org, K.ENDED_MEMBERSHIPS, TREND_MONTHS)
    reach_refresh(organisation=org)
    before = _trend(org)
    preview = _preview(world, K.ENDED_MEMBERSHIPS)
    assert preview.count == 2
    assert "Boligpolitisk netværk" in preview.examples[0]
    run = retention_apply(organisation=org, trigger="schedule")
    assert run.removed == {K.ENDED_MEMBERSHIPS: 2}
    assert not Membership.objects.filter(pk__in=[old.pk, declined.pk]).exists()
    assert Membership.objects.filter(pk=recent.pk).exists()
    assert Person.objects.filter(pk=old.person_id).exists()
    reach_refresh(organisation=org)
    after = _trend(org)
    # Every figure counted again is the same; the trend may only start later, at the first
    # join left, where the months before it counted no one anyway.
    assert all(before[key] == value for key, value in after.items())
    assert all(value[:2] == (0, 0) for key, value in before.items() if key not in after)
    assert any(value[0] for value in after.values())


def test_it_refuses_registrations_kept_shorter_than_the_trend_and_its_engagement_year(world):
    with pytest.raises(ServiceError) as error:
        retention_rule_set(
            actor=world.actor("data_protection"),
            kind=K.PAST_REGISTRATIONS,
            months=TREND_MONTHS + 11,
            active=True,
        )
    assert f"from {TREND_MONTHS + 12} to 240" in error.value.message


def _engaged(org):
    rows = ReachFigure.objects.filter(organisation=org).values_list(
        "network_id", "region_id", "month", "engaged_members", "branches_engaged"
    )
    return {row[:3]: row[3:] for row in rows}


def test_past_registrations_go_and_attendance_is_anonymised_keeping_the_count(world):
    org = world.organisation
    # Members for years, so that the trend counts them engaged after the events they came to.
    Membership.objects.filter(network=world.network).update(joined_at=f.years_ago(5))
    old_event = f.past_event(world.network, ended=f.years_ago(4.2))
    kept_event = f.past_event(world.network, ended=f.years_ago(3.5))
    new_event = f.past_event(world.network, ended=f.years_ago(0.1))
    for persona in ("member", "chair"):
        f.registered_and_came(old_event, world.persons[persona])
        f.registered_and_came(kept_event, world.persons[persona])
    f.registered_and_came(new_event, world.persons["member"])
    f.rule(org, K.PAST_REGISTRATIONS, TREND_MONTHS + 12)
    reach_refresh(organisation=org)
    before = _engaged(org)
    assert any(engaged for engaged, _branches in before.values())
    preview = _preview(world, K.PAST_REGISTRATIONS)
    assert preview.count == 4  # two registrations, two attendances
    assert old_event.title in preview.examples[0]
    assert "Person" not in " ".join(preview.examples)
    retention_apply(organisation=org, trigger="schedule")
    assert not Registration.objects.filter(event=old_event).exists()
    came = Attendance.objects.filter(event=old_event)
    assert came.count() == 2
    assert set(came.values_list("person_id", "email", "name")) == {(None, "", ANONYMOUS)}
    assert Registration.objects.filter(event=kept_event).count() == 2
    assert Registration.objects.filter(event=new_event).count() == 1
    assert Attendance.objects.get(event=new_event).person == world.persons["member"]
    assert _preview(world, K.PAST_REGISTRATIONS).count == 0
    # The engaged members of every month of the trend are what they were.
    reach_refresh(organisation=org)
    assert _engaged(org) == before


def test_unconfirmed_logins_of_bare_contacts_go(world):
    org = world.organisation
    stale = f.unconfirmed_login(org, made=f.years_ago(2))
    fresh = f.unconfirmed_login(org, made=f.years_ago(0.1))
    member = f.unconfirmed_login(org, made=f.years_ago(2), is_member=True)
    used = f.unconfirmed_login(org, made=f.years_ago(2))
    User.objects.filter(pk=used.pk).update(last_login=f.years_ago(1.5))
    confirmed = f.unconfirmed_login(org, made=f.years_ago(2))
    EmailAddress.objects.filter(user=confirmed).update(verified=True)
    person = stale.persons.get()
    f.rule(org, K.UNCONFIRMED_ACCOUNTS, 12)
    assert _preview(world, K.UNCONFIRMED_ACCOUNTS).count == 1
    retention_apply(organisation=org, trigger="schedule")
    assert not User.objects.filter(pk=stale.pk).exists()
    assert set(User.objects.filter(pk__in=[fresh.pk, member.pk, used.pk, confirmed.pk])) == {
        fresh,
        member,
        used,
        confirmed,
    }
    person.refresh_from_db()
    assert person.user is None


def test_inactive_contacts_go_and_active_ones_stay(world):
    org = world.organisation
    idle = f.contact(org, added=f.years_ago(4))
    fresh = f.contact(org, added=f.years_ago(0.5))
    member = f.contact(org, added=f.years_ago(4), is_member=True)
    came = f.contact(org, added=f.years_ago(4))
    event = f.past_event(world.network, ended=f.years_ago(0.5))
    f.registered_and_came(event, came)
    f.rule(org, K.INACTIVE_CONTACTS, 24)
    preview = _preview(world, K.INACTIVE_CONTACTS)
    assert preview.count == 1
    assert idle.name not in " ".join(preview.examples)
    retention_apply(organisation=org, trigger="schedule")
    assert not Person.objects.filter(pk=idle.pk).exists()
    assert Person.objects.filter(pk__in=[fresh.pk, member.pk, came.pk]).count() == 3
    # The world's personas (members, roles, memberships) are untouched.
    assert all(Person.objects.filter(pk=p.pk).exists() for p in world.persons.values())


def test_closed_sparring_requests_go(world):
    org = world.organisation
    old = f.closed_sparring(org, closed=f.years_ago(3))
    new = f.closed_sparring(org, closed=f.years_ago(0.2))
    f.rule(org, K.CLOSED_SPARRING, 12)
    run = retention_apply(organisation=org, trigger="schedule")
    assert run.removed == {K.CLOSED_SPARRING: 1}
    assert list(SparringRequest.objects.filter(pk__in=[old.pk, new.pk])) == [new]


def test_old_access_log_entries_go_through_the_one_sanctioned_deletion(world):
    org = world.organisation
    actor = world.actor("data_protection")
    ids = [world.persons["member"].pk, world.persons["chair"].pk]
    old = f.access_entry(actor, ids, at=f.years_ago(3))
    new = f.access_entry(actor, ids, at=f.years_ago(0.5))
    with pytest.raises(ValueError, match="append-only"):
        AccessEntry.objects.filter(pk=old.pk).delete()
    f.rule(org, K.ACCESS_LOG, 24)
    assert _preview(world, K.ACCESS_LOG).count == 1
    run = retention_apply(organisation=org, trigger="schedule")
    assert run.removed == {K.ACCESS_LOG: 1}
    assert list(AccessEntry.objects.filter(organisation=org)) == [new]
    assert AccessedPerson.objects.filter(entry_id=old.pk).count() == 0
    assert AccessedPerson.objects.filter(entry=new).count() == 2


def test_an_inactive_rule_removes_nothing_and_another_organisation_is_untouched(world):
    from netvaerk.testing import make_world

    other = make_world("second", other_slug="third")
    theirs = f.closed_sparring(other.organisation, closed=f.years_ago(3))
    ours = f.closed_sparring(world.organisation, closed=f.years_ago(3))
    f.rule(world.organisation, K.CLOSED_SPARRING, 12, active=False)
    assert retention_preview(organisation=world.organisation) == []
    f.rule(other.organisation, K.ACCESS_LOG, 12)
    run = retention_apply(organisation=world.organisation, trigger="schedule")
    assert run.removed == {}
    assert SparringRequest.objects.filter(pk__in=[theirs.pk, ours.pk]).count() == 2


def test_a_run_is_recorded_and_audited(world):
    f.rule(world.organisation, K.CLOSED_SPARRING, 12)
    f.closed_sparring(world.organisation, closed=f.years_ago(3))
    run = retention_apply(
        organisation=world.organisation, trigger="staff", actor=world.actor("data_protection")
    )
    run.refresh_from_db()
    assert run.finished_at is not None
    assert run.trigger == "staff"
    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert entry.data == {"trigger": "staff", "removed": {K.CLOSED_SPARRING: 1}}
    assert entry.actor_person == world.persons["data_protection"]


def test_the_office_may_not_apply_the_rules(world):
    with pytest.raises(ServiceError):
        retention_apply(
            organisation=world.organisation, trigger="staff", actor=world.actor("staff")
        )


def test_the_task_applies_every_organisation_with_active_rules(world):
    f.rule(world.organisation, K.CLOSED_SPARRING, 12)
    f.closed_sparring(world.organisation, closed=f.years_ago(3))
    done = apply_retention.call()
    assert done == {world.organisation.slug: {K.CLOSED_SPARRING: 1}}
    assert RetentionRun.objects.get().trigger == "schedule"


def test_the_command_previews_in_a_dry_run_and_applies_otherwise(world, capsys):
    f.rule(world.organisation, K.CLOSED_SPARRING, 12)
    f.closed_sparring(world.organisation, closed=f.years_ago(3))
    call_command("apply_retention", "--dry-run", "--organisation", world.organisation.slug)
    out = capsys.readouterr().out
    assert "closed_sparring" in out
    assert "1 would be removed" in out
    assert SparringRequest.objects.count() == 1
    assert not RetentionRun.objects.exists()
    call_command("apply_retention")
    assert "removed closed_sparring 1" in capsys.readouterr().out
    assert SparringRequest.objects.count() == 0
    assert RetentionRun.objects.get().trigger == "command"


def test_the_command_refuses_an_unknown_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apply_retention", "--organisation", "nowhere")
