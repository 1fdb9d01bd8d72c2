"""A branch's pipeline entry: the page, updating stage, owner and next step (the entry made on
first use), notes, who may be put on it, the audit log, htmx, and bad input changing nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.networks.tests.factories import MandateFactory, MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory, RoleAssignmentFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.reach.models import RecruitmentEntry, RecruitmentNote
from netvaerk.reach.selectors.recruitment import eligible_owners
from netvaerk.reach.services.recruitment import recruitment_entry_update, recruitment_note_add
from netvaerk.reach.tests.factories import RecruitmentEntryFactory, RecruitmentNoteFactory
from netvaerk.reach.tests.recruitment_helpers import build_branches


@pytest.fixture
def branches(world):
    return build_branches(world)


def _entry_url(world, branch="odder", network=None):
    return reverse(
        "reach:recruitment_entry",
        kwargs={"org": "org", "network": network or world.network.slug, "branch": branch},
    )


def _note_url(world, branch="odder", network=None):
    return reverse(
        "reach:recruitment_note",
        kwargs={"org": "org", "network": network or world.network.slug, "branch": branch},
    )


def _post(world, **overrides):
    data = {"stage": "contacted", "owner": "", "next_step": "", "next_step_on": "", "note": ""}
    data.update(overrides)
    return data


def _audits(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- the page ------------------------------------------------------------------------------


def test_the_page_of_a_branch_nobody_has_worked_on_shows_its_facts_and_not_contacted(
    world, branches, client_as
):
    response = client_as("chair").get(_entry_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Recruiting Odder to Boligpolitisk netværk" in page
    assert "Region Midtjylland" in page
    facts = page.split('id="facts-heading"')[1].split("</section>")[0]
    assert "<dt>Persons</dt><dd>3</dd>" in facts
    assert "<dt>Members</dt><dd>2</dd>" in facts
    assert "<dt>Networks it takes part in</dt><dd>1</dd>" in facts
    assert "Nobody yet" in facts
    assert "Not contacted" in page
    assert "No notes yet." in page
    assert not RecruitmentEntry.objects.exists()


def test_the_page_shows_the_notes_newest_first(world, branches, client_as):
    entry = RecruitmentEntryFactory(network=world.network, branch=branches["odder"])
    now = timezone.now()
    RecruitmentNoteFactory(
        entry=entry, text="Første kontakt", created_at=now - datetime.timedelta(2)
    )
    RecruitmentNoteFactory(entry=entry, text="Opfølgning", created_at=now)
    page = client_as("staff").get(_entry_url(world)).content.decode()
    assert page.index("Opfølgning") < page.index("Første kontakt")


def test_the_page_hints_when_the_branch_is_represented_but_not_joined(world, branches, client_as):
    RecruitmentEntryFactory(
        network=world.network, branch=branches["ikast-brande"], stage="contacted"
    )
    page = client_as("staff").get(_entry_url(world, "ikast-brande")).content.decode()
    assert "Represented: 1 member" in page
    assert "its stage is not “Joined”" in page


# --- updating --------------------------------------------------------------------------------


def test_the_first_update_makes_the_entry_records_the_stage_as_a_note_and_audits(
    world, branches, client_as
):
    chair = world.persons["chair"]
    day = timezone.localdate() + datetime.timedelta(days=14)
    client = client_as("coordination")
    response = client.post(
        _entry_url(world),
        _post(
            world,
            stage="contacted",
            owner=chair.pk,
            next_step="Møde med formanden",
            next_step_on=day.isoformat(),
            note="Formanden er positiv.",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == _entry_url(world)
    entry = RecruitmentEntry.objects.get()
    assert (entry.network, entry.branch, entry.organisation) == (
        world.network,
        branches["odder"],
        world.organisation,
    )
    assert (entry.stage, entry.owner, entry.next_step, entry.next_step_on) == (
        "contacted",
        chair,
        "Møde med formanden",
        day,
    )
    note = RecruitmentNote.objects.get()
    assert (note.stage, note.text, note.author) == (
        "contacted",
        "Formanden er positiv.",
        world.persons["coordination"],
    )
    [audit] = _audits("reach.recruitment_entry_created")
    assert audit.actor_person == world.persons["coordination"]
    assert audit.organisation == world.organisation
    assert audit.object_id == str(entry.pk)
    assert audit.data["changed"]["stage"] == {"from": "not_contacted", "to": "contacted"}
    assert audit.data["changed"]["next_step_on"]["to"] == day.isoformat()
    page = client.get(response["Location"]).content.decode()
    assert "The recruitment of Odder has been updated." in page
    assert "Moved to Contacted" in page


def test_changing_only_the_next_step_leaves_no_stage_note(world, branches):
    actor = world.actor("staff")
    odder = branches["odder"]
    entry = recruitment_entry_update(
        actor=actor, network=world.network, branch=odder, stage="contacted",
        owner=None, next_step="", next_step_on=None,
    )  # fmt: skip
    entry = recruitment_entry_update(
        actor=actor, network=world.network, branch=odder, stage="contacted",
        owner=world.persons["staff"], next_step="Send materiale", next_step_on=None,
    )  # fmt: skip
    assert RecruitmentNote.objects.filter(entry=entry).count() == 1
    entry.refresh_from_db()
    assert (entry.owner, entry.next_step) == (world.persons["staff"], "Send materiale")
    [audit] = _audits("reach.recruitment_entry_updated")
    assert set(audit.data["changed"]) == {"owner", "next_step"}


def test_moving_on_records_each_stage_and_when_it_changed(world, branches):
    actor = world.actor("chair")
    odder = branches["odder"]
    first = recruitment_entry_update(
        actor=actor, network=world.network, branch=odder, stage="contacted",
        owner=None, next_step="", next_step_on=None,
    )  # fmt: skip
    changed_at = first.stage_changed_at
    entry = recruitment_entry_update(
        actor=actor, network=world.network, branch=odder, stage="interested",
        owner=None, next_step="", next_step_on=None, note="Vil gerne høre mere",
    )  # fmt: skip
    assert entry.stage_changed_at > changed_at
    assert list(entry.notes.values_list("stage", "text")) == [
        ("interested", "Vil gerne høre mere"),
        ("contacted", ""),
    ]


def test_saving_again_without_a_change_writes_nothing(world, branches):
    actor = world.actor("chair")
    kwargs = dict(
        actor=actor, network=world.network, branch=branches["odder"], stage="contacted",
        owner=None, next_step="", next_step_on=None,
    )  # fmt: skip
    recruitment_entry_update(**kwargs)
    audits = AuditEntry.objects.count()
    recruitment_entry_update(**kwargs)
    assert AuditEntry.objects.count() == audits
    assert RecruitmentNote.objects.count() == 1


def test_a_note_is_added_on_its_own_making_the_entry_on_first_use(world, branches, client_as):
    response = client_as("coordinator").post(_note_url(world), {"text": "Ringede, ingen svar."})
    assert response.status_code == 302
    assert response["Location"] == _entry_url(world)
    note = RecruitmentNote.objects.get()
    assert (note.text, note.stage, note.author) == (
        "Ringede, ingen svar.",
        "",
        world.persons["coordinator"],
    )
    assert note.entry.stage == "not_contacted"
    [audit] = _audits("reach.recruitment_note_added")
    assert audit.data == {"network": "bolig", "branch": "odder", "note": note.pk, "created": True}


# --- who may be put on it -----------------------------------------------------------------------


def test_the_owner_choices_are_the_networks_leads_coordinator_and_the_office_staff(world, branches):
    # Not: a chair who left, a coordinator whose term is over, staff whose role ended, staff of
    # another organisation, a coordination member of another network.
    left = PersonFactory(organisation=world.organisation, branch=world.branch)
    MembershipFactory(
        network=world.network, person=left, role="coordination", status="left",
        left_at=timezone.now(),
    )  # fmt: skip
    past = PersonFactory(organisation=world.organisation, branch=world.branch)
    MandateFactory(
        network=world.network,
        person=past,
        term_start=timezone.localdate() - datetime.timedelta(days=800),
        term_end=timezone.localdate() - datetime.timedelta(days=1),
    )
    former_staff = PersonFactory(organisation=world.organisation, branch=world.branch)
    RoleAssignmentFactory(person=former_staff, role="staff", ended_at=timezone.now())
    elsewhere = PersonFactory(organisation=world.organisation, branch=world.branch)
    MembershipFactory(network=world.other_network, person=elsewhere, role="coordination")
    owners = set(eligible_owners(network=world.network, today=timezone.localdate()))
    assert owners == {world.persons[p] for p in ("chair", "coordination", "coordinator", "staff")}


def test_the_owner_select_offers_only_the_eligible(world, branches, client_as):
    form = client_as("staff").get(_entry_url(world)).context["form"]
    offered = {person.name for person in form.fields["owner"].queryset}
    assert offered == {"Chair Person", "Coordination Person", "Coordinator Person", "Staff Person"}


def test_the_service_refuses_an_owner_who_is_not_eligible(world, branches):
    with pytest.raises(ServiceError) as refused:
        recruitment_entry_update(
            actor=world.actor("staff"), network=world.network, branch=branches["odder"],
            stage="contacted", owner=world.persons["member"], next_step="", next_step_on=None,
        )  # fmt: skip
    assert refused.value.field == "owner"
    assert "Member Person cannot be put on it" in refused.value.message
    assert not RecruitmentEntry.objects.exists()


def test_the_service_refuses_a_branch_of_another_organisation(world, branches):
    from netvaerk.organisations.models import Organisation

    foreign = BranchFactory(organisation=Organisation.objects.get(slug="other"))
    with pytest.raises(ServiceError):
        recruitment_entry_update(
            actor=world.actor("staff"), network=world.network, branch=foreign,
            stage="contacted", owner=None, next_step="", next_step_on=None,
        )  # fmt: skip
    with pytest.raises(ServiceError):
        recruitment_note_add(
            actor=world.actor("staff"), network=world.network, branch=foreign, text="x"
        )
    assert not RecruitmentEntry.objects.exists()


def test_the_service_refuses_a_stage_not_among_the_choices(world, branches):
    with pytest.raises(ServiceError) as refused:
        recruitment_entry_update(
            actor=world.actor("staff"), network=world.network, branch=branches["odder"],
            stage="won", owner=None, next_step="", next_step_on=None,
        )  # fmt: skip
    assert refused.value.field == "stage"


# --- bad input changes nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"stage": "evil"}, "Select a valid choice"),
        ({"stage": ""}, "This field is required"),
        ({"owner": "member"}, "Select a valid choice"),
        ({"owner": "board"}, "Select a valid choice"),
        ({"owner": "other_org"}, "Select a valid choice"),
        ({"owner": "abc"}, "Select a valid choice"),
        ({"owner": "999999"}, "Select a valid choice"),
        ({"next_step_on": "31-02-2024"}, "Enter a valid date"),
        ({"next_step_on": "2024-02-31"}, "Enter a valid date"),
        ({"next_step_on": "abc"}, "Enter a valid date"),
        ({"next_step_on": "0001-01-01"}, "Choose a date between"),
        ({"next_step": "x" * 301}, "at most 300 characters"),
        ({"note": "x" * 20000}, "at most 5000 characters"),
    ],
)
def test_bad_input_to_the_entry_form_is_named_and_saves_nothing(
    world, branches, client_as, overrides, message
):
    from netvaerk.people.models import Person

    if overrides.get("owner") in ("member", "board"):
        overrides = {"owner": world.persons[overrides["owner"]].pk}
    elif overrides.get("owner") == "other_org":
        overrides = {"owner": Person.objects.exclude(organisation=world.organisation).first().pk}
    audits = AuditEntry.objects.count()
    response = client_as("staff").post(_entry_url(world), _post(world, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RecruitmentEntry.objects.exists()
    assert not RecruitmentNote.objects.exists()
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize(
    ("text", "message"),
    [("x" * 20000, "at most 5000 characters"), ("", "This field is required"), ("   ", "required")],
)
def test_a_bad_note_is_named_and_saves_nothing(world, branches, client_as, text, message):
    response = client_as("staff").post(_note_url(world), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RecruitmentNote.objects.exists()
    assert not RecruitmentEntry.objects.exists()


def test_a_note_of_exactly_five_thousand_characters_is_kept(world, branches, client_as):
    response = client_as("staff").post(_note_url(world), {"text": "æ" * 5000})
    assert response.status_code == 302
    assert len(RecruitmentNote.objects.get().text) == 5000


def test_the_service_refuses_a_note_over_five_thousand_characters(world, branches):
    with pytest.raises(ServiceError) as refused:
        recruitment_note_add(
            actor=world.actor("staff"), network=world.network, branch=branches["odder"],
            text="x" * 5001,
        )  # fmt: skip
    assert "at most 5000 characters" in refused.value.message


@pytest.mark.parametrize(
    ("network", "branch"),
    [("bolig", "nowhere"), ("nowhere", "odder"), ("bolig", "Odder"), ("bolig", "fremmed")],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_branch_or_network_is_not_found(
    world, branches, client_as, network, branch, method
):
    from netvaerk.organisations.models import Organisation

    BranchFactory(organisation=Organisation.objects.get(slug="other"), slug="fremmed")
    client = client_as("staff")
    response = getattr(client, method)(_entry_url(world, branch, network), _post(world))
    assert response.status_code == 404
    response = client.post(_note_url(world, branch, network), {"text": "x"})
    assert response.status_code == 404
    assert not RecruitmentEntry.objects.exists()


def test_a_closed_network_has_no_recruitment(world, branches, client_as):
    world.network.status = "closed"
    world.network.save(update_fields=["status"])
    assert client_as("staff").get(_entry_url(world)).status_code == 404


# --- htmx ----------------------------------------------------------------------------------


def test_with_htmx_an_update_answers_with_the_pipeline_in_place(world, branches, client_as):
    response = client_as("chair").post(
        _entry_url(world), _post(world, stage="interested"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="pipeline">')
    assert "<html" not in page
    assert "The recruitment of Odder has been updated." in page
    assert "Moved to Interested" in page
    assert RecruitmentEntry.objects.get().stage == "interested"


def test_with_htmx_a_problem_shows_in_the_swapped_in_form(world, branches, client_as):
    response = client_as("chair").post(
        _entry_url(world), _post(world, next_step_on="abc"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="pipeline">')
    assert "Enter a valid date" in page
    assert not RecruitmentEntry.objects.exists()


def test_with_htmx_a_note_answers_with_the_notes_in_place(world, branches, client_as):
    response = client_as("chair").post(
        _note_url(world), {"text": "Aftalt møde"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Aftalt møde" in response.content.decode()
    assert "<html" not in response.content.decode()
