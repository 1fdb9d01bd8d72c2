"""Network, membership and role services: what each one writes, and what it refuses."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from netvaerk.accounts.tests.factories import UserFactory
from netvaerk.core.access import Actor
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry
from netvaerk.networks.models import (
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.networks.selectors import network_directory
from netvaerk.networks.services import (
    ChannelData,
    membership_add,
    membership_decide,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_contact_sharing,
    membership_set_role,
    membership_withdraw_request,
    network_create,
    network_update,
)
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.organisations.tests.factories import OrganisationFactory, RegionFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import actor_for, queued_mail


def audit_for(obj, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_id=str(obj.pk)))


def chairs(network: Network) -> list[Membership]:
    return list(
        Membership.objects.filter(
            network=network, status=MembershipStatus.ACTIVE, role=MembershipRole.CHAIR
        )
    )


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English wording."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="testorg", name="Testorganisation")


@pytest.fixture
def staff(org):
    return actor_for(PersonFactory(organisation=org, name="Office Person"), "staff")


@pytest.fixture
def newcomer(org):
    return PersonFactory(organisation=org, name="Nina Newcomer")


def edit(network: Network, **changes):
    """network_update's keyword arguments for the network as it stands, with changes."""
    fields = {
        "name": network.name,
        "kind": network.kind,
        "central": network.central,
        "region": network.region,
        "purpose": network.purpose,
        "audience": network.audience,
        "contact_email": network.contact_email,
        "join_policy": network.join_policy,
        "status": network.status,
    }
    return {**fields, **changes}


# --- Joining ------------------------------------------------------------------------------


def test_joining_an_open_network_makes_one_an_active_member_at_once(
    org, newcomer, django_capture_on_commit_callbacks
):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.OPEN)

    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_join(actor=actor_for(newcomer), network=network)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.role == MembershipRole.MEMBER
    assert membership.joined_at is not None
    assert membership.decided_at is not None
    assert membership.organisation == org
    [entry] = audit_for(membership, "membership.joined")
    assert entry.actor_person == newcomer
    assert entry.organisation == org
    assert queued_mail() == []


def test_asking_to_join_an_approval_network_notifies_its_leads_after_commit(
    org, newcomer, django_capture_on_commit_callbacks
):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR).person
    coordination = MembershipFactory(network=network, role=MembershipRole.COORDINATION).person
    MembershipFactory(network=network)  # a plain member is not asked
    MembershipFactory(network=network, role=MembershipRole.COORDINATION, status="left")

    with django_capture_on_commit_callbacks() as callbacks:
        membership = membership_join(
            actor=actor_for(newcomer), network=network, message="  I work on housing.  "
        )
    # Nothing is queued until the transaction commits.
    assert queued_mail() == []
    assert len(callbacks) == 1
    callbacks[0]()

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.joined_at is None
    assert membership.request_message == "I work on housing."
    assert len(audit_for(membership, "membership.requested")) == 1
    mails = queued_mail()
    assert sorted(mail["to"] for mail in mails) == sorted([chair.email, coordination.email])
    assert all(newcomer.name in mail["subject"] for mail in mails)


def test_it_rejects_join_twice(org, newcomer):
    network = NetworkFactory(organisation=org)
    membership_join(actor=actor_for(newcomer), network=network)

    with pytest.raises(ServiceError, match="already a member"):
        membership_join(actor=actor_for(newcomer), network=network)

    assert Membership.objects.filter(network=network, person=newcomer).count() == 1


def test_it_rejects_a_second_request_to_join(org, newcomer):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    membership_join(actor=actor_for(newcomer), network=network)

    with pytest.raises(ServiceError, match="already asked"):
        membership_join(actor=actor_for(newcomer), network=network)

    assert Membership.objects.filter(network=network, person=newcomer).count() == 1


@pytest.mark.parametrize("status", [NetworkStatus.CLOSED, NetworkStatus.PROPOSED])
def test_it_refuses_to_join_a_network_that_is_not_active(org, newcomer, status):
    network = NetworkFactory(organisation=org, status=status)

    with pytest.raises(ServiceError, match="not open for new members"):
        membership_join(actor=actor_for(newcomer), network=network)

    assert not Membership.objects.filter(network=network).exists()


def test_it_refuses_to_join_another_organisations_network(org, newcomer):
    foreign = NetworkFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="another organisation"):
        membership_join(actor=actor_for(newcomer), network=foreign)

    assert not Membership.objects.filter(network=foreign).exists()


def test_it_refuses_to_join_for_a_login_without_a_person_here(org):
    network = NetworkFactory(organisation=org)
    actor = Actor(organisation=org, user=UserFactory())

    with pytest.raises(ServiceError, match="not registered"):
        membership_join(actor=actor, network=network)


# --- Leaving --------------------------------------------------------------------------------


def test_leaving_keeps_history_and_joining_again_opens_a_new_row(org, newcomer):
    network = NetworkFactory(organisation=org)
    first = membership_join(actor=actor_for(newcomer), network=network)

    left = membership_leave(actor=actor_for(newcomer), network=network)
    again = membership_join(actor=actor_for(newcomer), network=network)

    first.refresh_from_db()
    assert left.pk == first.pk
    assert first.status == MembershipStatus.LEFT
    assert first.left_at is not None
    assert first.joined_at is not None
    assert again.pk != first.pk
    assert again.status == MembershipStatus.ACTIVE
    rows = Membership.objects.filter(network=network, person=newcomer).order_by("id")
    assert [row.status for row in rows] == [MembershipStatus.LEFT, MembershipStatus.ACTIVE]
    assert len(audit_for(first, "membership.left")) == 1


def test_it_refuses_to_let_a_non_member_leave(org, newcomer):
    network = NetworkFactory(organisation=org)

    with pytest.raises(ServiceError, match="not a member"):
        membership_leave(actor=actor_for(newcomer), network=network)


def test_the_chair_cannot_leave_without_a_successor(org):
    network = NetworkFactory(organisation=org)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)

    with pytest.raises(ServiceError, match="Hand the chair"):
        membership_leave(actor=actor_for(chair.person), network=network)

    chair.refresh_from_db()
    assert chair.status == MembershipStatus.ACTIVE
    assert chair.role == MembershipRole.CHAIR


def test_the_chair_leaving_with_a_successor_hands_over_the_chair(org):
    network = NetworkFactory(organisation=org)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)
    successor = MembershipFactory(network=network)

    membership_leave(actor=actor_for(chair.person), network=network, successor=successor)

    chair.refresh_from_db()
    successor.refresh_from_db()
    assert successor.role == MembershipRole.CHAIR
    assert successor.status == MembershipStatus.ACTIVE
    assert chair.status == MembershipStatus.LEFT
    assert chair.left_at is not None
    assert chair.role != MembershipRole.CHAIR
    assert chairs(network) == [successor]
    [handover] = audit_for(successor, "membership.chair_handed_over")
    assert handover.data == {"from_membership": chair.pk}


def test_the_chair_cannot_hand_over_to_someone_outside_the_network(org):
    network = NetworkFactory(organisation=org)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)
    elsewhere = MembershipFactory(network=NetworkFactory(organisation=org))
    former = MembershipFactory(network=network, status=MembershipStatus.LEFT)

    for successor in (elsewhere, former, chair):
        with pytest.raises(ServiceError):
            membership_leave(actor=actor_for(chair.person), network=network, successor=successor)

    chair.refresh_from_db()
    assert chair.status == MembershipStatus.ACTIVE
    assert chairs(network) == [chair]


# --- Requests -----------------------------------------------------------------------------


def test_withdrawing_a_request_closes_it_and_allows_a_new_one(org, newcomer):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    request = membership_join(actor=actor_for(newcomer), network=network)

    membership_withdraw_request(actor=actor_for(newcomer), network=network)

    request.refresh_from_db()
    assert request.status == MembershipStatus.WITHDRAWN
    assert request.decided_at is not None
    assert len(audit_for(request, "membership.withdrawn")) == 1
    with pytest.raises(ServiceError, match="no request"):
        membership_withdraw_request(actor=actor_for(newcomer), network=network)
    again = membership_join(actor=actor_for(newcomer), network=network)
    assert again.pk != request.pk
    assert again.status == MembershipStatus.REQUESTED


def test_an_active_member_has_no_request_to_withdraw(org, newcomer):
    network = NetworkFactory(organisation=org)
    membership_join(actor=actor_for(newcomer), network=network)

    with pytest.raises(ServiceError, match="no request"):
        membership_withdraw_request(actor=actor_for(newcomer), network=network)


def test_approving_a_request_makes_a_member_and_tells_them_after_commit(
    org, newcomer, django_capture_on_commit_callbacks
):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR).person
    request = membership_join(actor=actor_for(newcomer), network=network)

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(
            actor=actor_for(chair), membership=request, approve=True, reason="Welcome"
        )

    request.refresh_from_db()
    assert request.status == MembershipStatus.ACTIVE
    assert request.joined_at is not None
    assert request.decided_at is not None
    assert request.decided_by == chair
    [entry] = audit_for(request, "membership.approved")
    assert entry.reason == "Welcome"
    assert entry.actor_person == chair
    assert [mail["to"] for mail in queued_mail()] == [newcomer.email]


def test_declining_a_request_records_the_reason(org, newcomer, django_capture_on_commit_callbacks):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR).person
    request = membership_join(actor=actor_for(newcomer), network=network)

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(
            actor=actor_for(chair), membership=request, approve=False, reason="Members only"
        )

    request.refresh_from_db()
    assert request.status == MembershipStatus.DECLINED
    assert request.joined_at is None
    assert request.decided_by == chair
    [entry] = audit_for(request, "membership.declined")
    assert entry.reason == "Members only"
    assert [mail["to"] for mail in queued_mail()] == [newcomer.email]


@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("second", [True, False])
def test_a_request_cannot_be_answered_twice(org, newcomer, first, second):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR).person
    request = membership_join(actor=actor_for(newcomer), network=network)
    membership_decide(actor=actor_for(chair), membership=request, approve=first)

    with pytest.raises(ServiceError, match="already been answered"):
        membership_decide(actor=actor_for(chair), membership=request, approve=second)

    request.refresh_from_db()
    expected = MembershipStatus.ACTIVE if first else MembershipStatus.DECLINED
    assert request.status == expected


def test_another_organisation_cannot_answer_a_request(org, newcomer):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    request = membership_join(actor=actor_for(newcomer), network=network)
    outsider = PersonFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="another organisation"):
        membership_decide(actor=actor_for(outsider, "staff"), membership=request, approve=True)

    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED


# --- Roles ----------------------------------------------------------------------------------


def test_a_member_can_be_put_in_the_coordination_group(org, staff):
    network = NetworkFactory(organisation=org)
    member = MembershipFactory(network=network)

    membership_set_role(actor=staff, membership=member, role=MembershipRole.COORDINATION)

    member.refresh_from_db()
    assert member.role == MembershipRole.COORDINATION
    [entry] = audit_for(member, "membership.role_changed")
    assert entry.data == {"from": "member", "to": "coordination"}


def test_making_a_member_chair_hands_the_chair_over(org, staff):
    network = NetworkFactory(organisation=org)
    old_chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)
    member = MembershipFactory(network=network)

    membership_set_role(actor=staff, membership=member, role=MembershipRole.CHAIR)

    old_chair.refresh_from_db()
    member.refresh_from_db()
    assert member.role == MembershipRole.CHAIR
    assert old_chair.role == MembershipRole.COORDINATION
    assert old_chair.status == MembershipStatus.ACTIVE
    assert chairs(network) == [member]

    # And back again: still exactly one chair.
    membership_set_role(actor=staff, membership=old_chair, role=MembershipRole.CHAIR)
    assert chairs(network) == [old_chair]
    member.refresh_from_db()
    assert member.role == MembershipRole.COORDINATION


def test_a_network_without_a_chair_gets_one(org, staff):
    network = NetworkFactory(organisation=org)
    member = MembershipFactory(network=network)

    membership_set_role(actor=staff, membership=member, role=MembershipRole.CHAIR)

    assert chairs(network) == [member]


def test_the_database_holds_one_active_chair_per_network(org):
    network = NetworkFactory(organisation=org)
    MembershipFactory(network=network, role=MembershipRole.CHAIR)
    # A former chair does not count.
    MembershipFactory(network=network, role=MembershipRole.CHAIR, status=MembershipStatus.LEFT)

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(network=network, role=MembershipRole.CHAIR)

    assert len(chairs(network)) == 1


def test_the_chair_cannot_be_demoted_before_someone_else_is_chair(org, staff):
    network = NetworkFactory(organisation=org)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)

    for role in (MembershipRole.MEMBER, MembershipRole.COORDINATION):
        with pytest.raises(ServiceError, match="always keeps its chair"):
            membership_set_role(actor=staff, membership=chair, role=role)

    assert chairs(network) == [chair]


def test_setting_the_role_refuses_unknown_roles_and_inactive_members(org, staff):
    network = NetworkFactory(organisation=org)
    member = MembershipFactory(network=network)
    former = MembershipFactory(network=network, status=MembershipStatus.LEFT)

    with pytest.raises(ServiceError, match="Unknown role"):
        membership_set_role(actor=staff, membership=member, role="president")
    with pytest.raises(ServiceError, match="Only active members"):
        membership_set_role(actor=staff, membership=former, role=MembershipRole.CHAIR)

    assert chairs(network) == []


def test_another_organisation_cannot_set_roles(org):
    network = NetworkFactory(organisation=org)
    member = MembershipFactory(network=network)
    outsider = PersonFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="another organisation"):
        membership_set_role(
            actor=actor_for(outsider, "staff"), membership=member, role=MembershipRole.CHAIR
        )


# --- Removing and adding members ----------------------------------------------------------


def test_removing_the_chair_is_refused(org, staff):
    network = NetworkFactory(organisation=org)
    chair = MembershipFactory(network=network, role=MembershipRole.CHAIR)

    with pytest.raises(ServiceError, match="before removing the chair"):
        membership_remove(actor=staff, membership=chair)

    chair.refresh_from_db()
    assert chair.status == MembershipStatus.ACTIVE


def test_removing_a_member_keeps_the_row_with_the_reason_logged(org, staff):
    network = NetworkFactory(organisation=org)
    member = MembershipFactory(network=network)

    membership_remove(actor=staff, membership=member, reason="Asked to be removed")

    member.refresh_from_db()
    assert member.status == MembershipStatus.LEFT
    assert member.left_at is not None
    [entry] = audit_for(member, "membership.removed")
    assert entry.reason == "Asked to be removed"
    with pytest.raises(ServiceError, match="not an active member"):
        membership_remove(actor=staff, membership=member)


def test_adding_a_person_of_another_organisation_is_refused(org, staff):
    network = NetworkFactory(organisation=org)
    foreigner = PersonFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="your own organisation"):
        membership_add(actor=staff, network=network, person=foreigner)

    assert not Membership.objects.filter(network=network).exists()


def test_adding_to_another_organisations_network_is_refused(org, staff):
    foreign_org = OrganisationFactory(slug="foreign")
    network = NetworkFactory(organisation=foreign_org)
    person = PersonFactory(organisation=foreign_org)

    with pytest.raises(ServiceError, match="your own organisation"):
        membership_add(actor=staff, network=network, person=person)


def test_adding_a_person_makes_an_active_member_with_the_given_role(org, staff, newcomer):
    network = NetworkFactory(organisation=org)

    membership = membership_add(
        actor=staff, network=network, person=newcomer, role=MembershipRole.COORDINATION
    )

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.role == MembershipRole.COORDINATION
    assert membership.decided_by == staff.person
    assert len(audit_for(membership, "membership.added")) == 1
    with pytest.raises(ServiceError, match="already a member"):
        membership_add(actor=staff, network=network, person=newcomer)


def test_adding_a_person_who_asked_to_join_accepts_their_request(org, staff, newcomer):
    network = NetworkFactory(organisation=org, join_policy=JoinPolicy.APPROVAL)
    request = membership_join(actor=actor_for(newcomer), network=network)

    membership = membership_add(actor=staff, network=network, person=newcomer)

    assert membership.pk == request.pk
    request.refresh_from_db()
    assert request.status == MembershipStatus.ACTIVE
    assert request.joined_at is not None
    assert Membership.objects.filter(network=network, person=newcomer).count() == 1


# --- Contact sharing ----------------------------------------------------------------------


def test_a_member_can_share_and_unshare_contact_details_with_the_leads(org, newcomer):
    network = NetworkFactory(organisation=org)
    membership = membership_join(actor=actor_for(newcomer), network=network)
    assert membership.share_contact_with_leads is False

    membership_set_contact_sharing(actor=actor_for(newcomer), network=network, share=True)
    membership.refresh_from_db()
    assert membership.share_contact_with_leads is True

    membership_set_contact_sharing(actor=actor_for(newcomer), network=network, share=False)
    membership.refresh_from_db()
    assert membership.share_contact_with_leads is False
    entries = audit_for(membership, "membership.contact_sharing_changed")
    assert sorted(entry.data["share"] for entry in entries) == [False, True]


def test_contact_sharing_needs_a_membership(org, newcomer):
    network = NetworkFactory(organisation=org)

    with pytest.raises(ServiceError, match="not a member"):
        membership_set_contact_sharing(actor=actor_for(newcomer), network=network, share=True)


# --- Creating and editing networks --------------------------------------------------------


def test_creating_a_network_stores_it_with_its_channels_and_logs_it(org, staff):
    region = RegionFactory(organisation=org)

    network = network_create(
        actor=staff,
        name="  Boligpolitisk netværk ",
        slug="bolig",
        region=region,
        purpose=" Housing for all ",
        join_policy=JoinPolicy.APPROVAL,
        channels=[ChannelData(kind="facebook", url="https://facebook.com/groups/x", label=" FB ")],
    )

    network.refresh_from_db()
    assert network.organisation == org
    assert network.name == "Boligpolitisk netværk"
    assert network.purpose == "Housing for all"
    assert network.kind == NetworkKind.CENTRAL
    assert network.status == NetworkStatus.ACTIVE
    assert network.join_policy == JoinPolicy.APPROVAL
    assert [(c.kind, c.label) for c in network.channels.all()] == [("facebook", "FB")]
    assert len(audit_for(network, "network.created")) == 1


@pytest.mark.parametrize("slug", ["new", "propose", "embed"])
def test_creating_a_network_on_a_reserved_address_is_refused(org, staff, slug):
    with pytest.raises(ServiceError, match="reserved") as refusal:
        network_create(actor=staff, name="Shadow", slug=slug)

    assert refusal.value.field == "slug"
    assert not Network.objects.filter(organisation=org).exists()


def test_creating_a_network_on_a_taken_address_is_refused(org, staff):
    NetworkFactory(organisation=org, slug="bolig")
    # The same address in another organisation is no obstacle.
    NetworkFactory(organisation=OrganisationFactory(slug="foreign"), slug="kultur")

    with pytest.raises(ServiceError, match="already has that address") as refusal:
        network_create(actor=staff, name="Bolig 2", slug="bolig")

    assert refusal.value.field == "slug"
    assert network_create(actor=staff, name="Kultur", slug="kultur").organisation == org


def test_a_regional_network_needs_a_region(org, staff):
    with pytest.raises(ServiceError, match="must belong to a region") as refusal:
        network_create(actor=staff, name="Regional", slug="regional", kind=NetworkKind.REGIONAL)

    assert refusal.value.field == "region"


def test_a_regional_network_cannot_mirror_another_regional_one(org, staff):
    region = RegionFactory(organisation=org)
    regional = NetworkFactory(organisation=org, kind=NetworkKind.REGIONAL, region=region)

    with pytest.raises(ServiceError, match="central networks") as refusal:
        network_create(
            actor=staff,
            name="Mirror",
            slug="mirror",
            kind=NetworkKind.REGIONAL,
            region=region,
            central=regional,
        )

    assert refusal.value.field == "central"


def test_only_a_regional_network_can_mirror_a_central_one(org, staff):
    central = NetworkFactory(organisation=org)

    with pytest.raises(ServiceError, match="Only a regional network") as refusal:
        network_create(actor=staff, name="Mirror", slug="mirror", central=central)

    assert refusal.value.field == "central"


def test_a_regional_network_can_mirror_a_central_one_of_its_own_organisation(org, staff):
    region = RegionFactory(organisation=org)
    central = NetworkFactory(organisation=org)
    foreign_central = NetworkFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="central networks"):
        network_create(
            actor=staff,
            name="Mirror",
            slug="mirror",
            kind=NetworkKind.REGIONAL,
            region=region,
            central=foreign_central,
        )
    regional = network_create(
        actor=staff,
        name="Mirror",
        slug="mirror",
        kind=NetworkKind.REGIONAL,
        region=region,
        central=central,
    )

    assert list(central.regional_counterparts.all()) == [regional]


def test_a_network_cannot_be_placed_in_another_organisations_region(org, staff):
    foreign_region = RegionFactory(organisation=OrganisationFactory(slug="foreign"))

    with pytest.raises(ServiceError, match="region of your own organisation") as refusal:
        network_create(
            actor=staff,
            name="Regional",
            slug="regional",
            kind=NetworkKind.REGIONAL,
            region=foreign_region,
        )

    assert refusal.value.field == "region"
    assert not Network.objects.filter(organisation=org).exists()


def test_a_network_must_be_central_or_regional(org, staff):
    with pytest.raises(ServiceError, match="central or regional"):
        network_create(actor=staff, name="Odd", slug="odd", kind="global")


def test_closing_a_network_records_when_and_reopening_clears_it(org, staff):
    network = NetworkFactory(organisation=org)

    network_update(actor=staff, network=network, **edit(network, status=NetworkStatus.CLOSED))
    network.refresh_from_db()
    assert network.status == NetworkStatus.CLOSED
    assert network.closed_at is not None
    [entry] = audit_for(network, "network.updated")
    assert entry.data["before"]["status"] == NetworkStatus.ACTIVE

    network_update(actor=staff, network=network, **edit(network, status=NetworkStatus.ACTIVE))
    network.refresh_from_db()
    assert network.closed_at is None


def test_a_central_network_with_regional_counterparts_cannot_become_regional(org, staff):
    region = RegionFactory(organisation=org)
    central = NetworkFactory(organisation=org)
    NetworkFactory(organisation=org, kind=NetworkKind.REGIONAL, region=region, central=central)

    with pytest.raises(ServiceError, match="must stay central") as refusal:
        network_update(
            actor=staff,
            network=central,
            **edit(central, kind=NetworkKind.REGIONAL, region=region),
        )

    assert refusal.value.field == "kind"
    central.refresh_from_db()
    assert central.kind == NetworkKind.CENTRAL


def test_a_network_cannot_mirror_itself(org, staff):
    region = RegionFactory(organisation=org)
    network = NetworkFactory(organisation=org)

    with pytest.raises(ServiceError, match="cannot mirror itself"):
        network_update(
            actor=staff,
            network=network,
            **edit(network, kind=NetworkKind.REGIONAL, region=region, central=network),
        )


# --- Search text --------------------------------------------------------------------------


def names_found(org, q: str) -> list[str]:
    return [network.name for network in network_directory(organisation=org, q=q)]


def test_a_new_network_is_found_by_part_of_a_word_in_its_name(org, staff):
    network_create(actor=staff, name="Kirkepolitisk netværk", slug="kirke")
    network_create(actor=staff, name="Kulturpolitisk netværk", slug="kultur")

    assert names_found(org, "kirke") == ["Kirkepolitisk netværk"]
    assert names_found(org, "KIRKE") == ["Kirkepolitisk netværk"]


def test_editing_a_network_keeps_its_search_text_in_step(org, staff):
    network = network_create(actor=staff, name="Kirkepolitisk netværk", slug="kirke")

    network_update(
        actor=staff,
        network=network,
        **edit(network, name="Trosnetværket", purpose="Tro og samfund"),
    )

    assert names_found(org, "kirke") == []
    assert names_found(org, "trosnet") == ["Trosnetværket"]
    assert names_found(org, "samfund") == ["Trosnetværket"]


@pytest.mark.parametrize("q", ["æld", "ÆLD", "Ældre", "NETVÆRK", "ØST", "østjy", "GÅRD"])
def test_searching_folds_danish_letters_on_every_database(org, staff, q):
    network_create(
        actor=staff,
        name="Ældrepolitisk netværk",
        slug="aeldre",
        purpose="Østjyske ældre på plejehjem og i egen gård",
    )
    network_create(actor=staff, name="Kulturpolitisk", slug="kultur")

    assert names_found(org, q) == ["Ældrepolitisk netværk"]
