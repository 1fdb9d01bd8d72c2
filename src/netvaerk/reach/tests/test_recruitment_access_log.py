"""The recruitment list and its exports name who is on each branch: the access log records
those persons for the one who saw them (privacy.access)."""

import pytest
from django.urls import reverse

from netvaerk.privacy.models import AccessedPerson, AccessEntry, AccessKind
from netvaerk.reach.tests.factories import RecruitmentEntryFactory
from netvaerk.reach.tests.recruitment_helpers import build_branches

pytestmark = pytest.mark.django_db


def _persons_seen(entry: AccessEntry) -> set[int]:
    return set(AccessedPerson.objects.filter(entry=entry).values_list("person_id", flat=True))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("recruitment", AccessKind.LIST),
        ("recruitment_csv", AccessKind.EXPORT),
        ("recruitment_xlsx", AccessKind.EXPORT),
    ],
)
def test_the_owners_named_are_recorded_for_the_viewer(world, client_as, name, kind):
    branches = build_branches(world)
    owner = world.persons["chair"]
    RecruitmentEntryFactory(
        network=world.network, branch=branches["odder"], stage="contacted", owner=owner
    )
    url = reverse(f"reach:{name}", kwargs={"org": "org", "network": world.network.slug})
    response = client_as("staff").get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    entry = AccessEntry.objects.get(view_name=f"reach:{name}")
    assert entry.kind == kind
    assert entry.viewer_person == world.persons["staff"]
    assert _persons_seen(entry) == {owner.pk}


def test_the_owner_looking_at_their_own_branches_is_not_recorded(world, client_as):
    branches = build_branches(world)
    RecruitmentEntryFactory(
        network=world.network,
        branch=branches["odder"],
        stage="contacted",
        owner=world.persons["chair"],
    )
    url = reverse("reach:recruitment", kwargs={"org": "org", "network": world.network.slug})
    assert client_as("chair").get(url).status_code == 200
    assert not AccessEntry.objects.exists()
