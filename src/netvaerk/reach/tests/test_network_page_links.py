"""The network's own page leads those who may see its reach (and recruit) there."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "reach", "recruitment"),
    [
        ("visitor", False, False),
        ("member", False, False),
        ("chair", True, True),
        ("coordinator", True, True),
        ("board", True, False),
        ("staff", True, True),
    ],
)
def test_the_network_page_links_to_reach_and_recruitment_for_those_who_may(
    client_as, world, persona, reach, recruitment
):
    org, network = world.organisation.slug, world.network.slug
    page = client_as(persona).get(reverse("networks:detail", args=[org, network])).content
    assert (reverse("reach:network", args=[org, network]).encode() in page) is reach
    assert (reverse("reach:recruitment", args=[org, network]).encode() in page) is recruitment
