"""The focused-support track: selecting branches (never twice, never another organisation's),
contacts, status transitions and the case log."""

import datetime

import pytest

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.tests.factories import BranchFactory, OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.programmes.models import CaseEntry, CaseEntryKind, SupportedBranch, SupportStatus
from netvaerk.programmes.services.support import (
    branch_select,
    case_entry_add,
    criterion_add,
    supported_set_status,
    supported_update,
)
from netvaerk.programmes.tests.factories import ProgrammeFactory, SupportedBranchFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 10)


@pytest.fixture
def staff(world):
    return world.actor("staff")


@pytest.fixture
def programme(world):
    return ProgrammeFactory(organisation=world.organisation)


@pytest.fixture
def odder(world):
    return BranchFactory(organisation=world.organisation, region=world.region, name="DN Odder")


def test_a_selected_branch_is_invited_with_criteria_and_a_log_entry(staff, programme, odder):
    backs = criterion_add(actor=staff, programme=programme, text="Ledelsen bakker op")
    criterion_add(actor=staff, programme=programme, text="En aktuel sag")
    supported = branch_select(
        actor=staff,
        programme=programme,
        branch=odder,
        criteria=[backs],
        selection_reason="Står over for en lokalplan.",
        focus_theme="Mærkesagerne 2024–25",
        today=TODAY,
    )
    assert supported.status == SupportStatus.INVITED
    assert list(supported.criteria.all()) == [backs]
    assert supported.case_entries.get().kind == CaseEntryKind.STATUS
    assert AuditEntry.objects.filter(action="programmes.support_select").count() == 1


def test_it_refuses_a_branch_selected_twice(staff, programme, odder):
    branch_select(actor=staff, programme=programme, branch=odder, today=TODAY)
    with pytest.raises(ServiceError, match=r"DN Odder is already in the focused support\.") as e:
        branch_select(
            actor=staff, programme=programme, branch=odder, focus_theme="Nyt", today=TODAY
        )
    assert e.value.field == "branch"
    assert SupportedBranch.objects.filter(programme=programme).count() == 1
    assert CaseEntry.objects.count() == 1


def test_it_refuses_a_branch_of_another_organisation(staff, programme):
    foreign = BranchFactory(organisation=OrganisationFactory(), name="Fremmed")
    with pytest.raises(ServiceError, match="organisation's own"):
        branch_select(actor=staff, programme=programme, branch=foreign, today=TODAY)
    assert not SupportedBranch.objects.exists()


def test_it_refuses_a_criterion_of_another_programme_and_a_duplicate_criterion(
    staff, programme, odder, world
):
    other = ProgrammeFactory(organisation=world.organisation)
    foreign = criterion_add(actor=staff, programme=other, text="Andet")
    with pytest.raises(ServiceError, match="this programme's criteria"):
        branch_select(
            actor=staff, programme=programme, branch=odder, criteria=[foreign], today=TODAY
        )
    criterion_add(actor=staff, programme=programme, text="Ledelsen bakker op")
    with pytest.raises(ServiceError, match="already has the criterion"):
        criterion_add(actor=staff, programme=programme, text="ledelsen bakker op")
    assert not SupportedBranch.objects.exists()


def test_the_contact_is_found_by_e_mail_in_the_branch_only(staff, programme, odder, world):
    contact = PersonFactory(organisation=world.organisation, branch=odder, email="ida@example.org")
    PersonFactory(organisation=world.organisation, branch=world.branch, email="bo@example.org")
    with pytest.raises(ServiceError, match="No person of DN Odder") as refusal:
        branch_select(
            actor=staff,
            programme=programme,
            branch=odder,
            contact_email="bo@example.org",
            today=TODAY,
        )
    assert refusal.value.field == "contact_email"
    supported = branch_select(
        actor=staff,
        programme=programme,
        branch=odder,
        contact_email="IDA@example.org",
        today=TODAY,
    )
    assert supported.contact == contact


def test_a_contact_of_another_branch_is_refused_on_update(staff, programme, odder, world):
    supported = SupportedBranchFactory(programme=programme, branch=odder)
    with pytest.raises(ServiceError, match="is not a person of DN Odder"):
        supported_update(
            actor=staff,
            supported=supported,
            criteria=[],
            selection_reason="",
            focus_theme="",
            contact=world.persons["member"],
            starts_on=None,
            ends_on=None,
        )


def test_the_support_cannot_end_before_it_starts(staff, programme, odder):
    with pytest.raises(ServiceError, match="end before it starts"):
        branch_select(
            actor=staff,
            programme=programme,
            branch=odder,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
            today=TODAY,
        )


def test_a_status_change_follows_the_transitions_and_is_logged(staff, programme, odder):
    supported = SupportedBranchFactory(programme=programme, branch=odder)
    supported_set_status(
        actor=staff, supported=supported, status=SupportStatus.HESITANT, note="Tøvende", today=TODAY
    )
    supported_set_status(
        actor=staff, supported=supported, status=SupportStatus.ACCEPTED, today=TODAY
    )
    supported.refresh_from_db()
    assert supported.status == SupportStatus.ACCEPTED
    texts = list(supported.case_entries.order_by("pk").values_list("kind", "text"))
    assert texts[0] == ("status", "Status changed from Invited to Hesitant.\n\nTøvende")
    assert texts[1] == ("status", "Status changed from Hesitant to Accepted.")
    assert AuditEntry.objects.filter(action="programmes.support_status").count() == 2


def test_it_refuses_a_jump_from_declined_to_completed_saying_what_is_possible(
    staff, programme, odder
):
    supported = SupportedBranchFactory(
        programme=programme, branch=odder, status=SupportStatus.DECLINED
    )
    with pytest.raises(ServiceError) as refusal:
        supported_set_status(
            actor=staff, supported=supported, status=SupportStatus.COMPLETED, today=TODAY
        )
    assert refusal.value.message == (
        "A branch cannot go from Declined to Completed. From Declined it can go to: Invited."
    )
    supported.refresh_from_db()
    assert supported.status == SupportStatus.DECLINED
    assert not supported.case_entries.exists()


def test_completed_is_final_and_a_status_cannot_be_set_again(staff, programme, odder):
    done = SupportedBranchFactory(programme=programme, branch=odder, status=SupportStatus.COMPLETED)
    with pytest.raises(ServiceError, match="final"):
        supported_set_status(actor=staff, supported=done, status=SupportStatus.INVITED, today=TODAY)
    invited = SupportedBranchFactory(programme=programme)
    with pytest.raises(ServiceError, match="already has the status"):
        supported_set_status(
            actor=staff, supported=invited, status=SupportStatus.INVITED, today=TODAY
        )
    with pytest.raises(ServiceError, match="statuses offered"):
        supported_set_status(actor=staff, supported=invited, status="lost", today=TODAY)


def test_the_case_log_takes_past_entries_of_the_kinds_people_write(staff, programme, odder):
    supported = SupportedBranchFactory(programme=programme, branch=odder)
    entry = case_entry_add(
        actor=staff,
        supported=supported,
        kind=CaseEntryKind.AGREEMENT,
        happened_on=TODAY,
        text="Aftalt et midtvejsseminar.",
        today=TODAY,
    )
    assert entry.author == staff.person
    with pytest.raises(ServiceError, match="earlier day"):
        case_entry_add(
            actor=staff,
            supported=supported,
            kind=CaseEntryKind.NOTE,
            happened_on=TODAY + datetime.timedelta(days=1),
            text="Fremtid",
            today=TODAY,
        )
    with pytest.raises(ServiceError, match="kinds offered"):
        case_entry_add(
            actor=staff,
            supported=supported,
            kind=CaseEntryKind.STATUS,
            happened_on=TODAY,
            text="Snyd",
            today=TODAY,
        )
    with pytest.raises(ServiceError, match="Write what happened"):
        case_entry_add(
            actor=staff,
            supported=supported,
            kind=CaseEntryKind.NOTE,
            happened_on=TODAY,
            text="  ",
            today=TODAY,
        )
    assert supported.case_entries.count() == 1


def test_the_board_and_a_branch_lead_may_not_change_the_support(world, programme):
    supported = SupportedBranchFactory(programme=programme, branch=world.branch)
    for persona in ("board", "branch_lead"):
        with pytest.raises(ServiceError):
            supported_set_status(
                actor=world.actor(persona),
                supported=supported,
                status=SupportStatus.ACCEPTED,
                today=TODAY,
            )


def test_a_branch_lead_may_not_see_the_support_track_of_a_whole_programme(world):
    programme = ProgrammeFactory(organisation=world.organisation)
    supported = SupportedBranchFactory(programme=programme, branch=world.branch)
    lead = world.actor("branch_lead")
    assert lead.can("programmes.view_support", supported)
    assert not lead.can("programmes.view_support", programme)
