"""One's own profile form, the profile page per visibility and persona, and the options list."""

import pytest
from django.urls import reverse

from netvaerk.competences.models import Profile, Tag, TagStatus
from netvaerk.competences.tests.factories import ProfileFactory
from netvaerk.competences.tests.factories_profiles import (
    profile_data,
    profile_of,
    suggested,
    tag,
)
from netvaerk.competences.tests.test_search_index import matching
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import OrganisationFactory, RegionFactory
from netvaerk.testing import PERSONAS

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"competences:{name}", kwargs={"org": world.organisation.slug, **kwargs})


# --- the profile page per visibility -----------------------------------------------------

PERSONS = [p for p in PERSONAS if p not in ("visitor", "outsider", "other_org_staff")]
# The member is in the network "bolig" with the chair and the coordination group.
SEES = {
    "organisation": set(PERSONS),
    "networks": {"member", "chair", "coordination"},
    "nobody": {"member"},
}


@pytest.mark.parametrize("visibility", sorted(SEES))
def test_the_profile_page_follows_the_owners_visibility(client_as, world, visibility):
    profile = profile_of(world.persons["member"], visibility=visibility)
    url = _url(world, "profile", profile=profile.pk)
    for persona in PERSONS:
        status = client_as(persona).get(url).status_code
        assert status == (200 if persona in SEES[visibility] else 404), (visibility, persona)


def test_a_profile_of_another_organisation_or_unknown_is_not_there(client_as, world):
    foreign = ProfileFactory(visibility="organisation")
    client = client_as("staff")
    assert client.get(_url(world, "profile", profile=foreign.pk)).status_code == 404
    assert client.get(_url(world, "profile", profile=999999)).status_code == 404


def test_the_profile_page_shows_what_the_owner_shares_and_only_shared_networks(client_as, world):
    member, chair = world.persons["member"], world.persons["chair"]
    member.email, member.phone = "member.secret@example.org", "+45 12 34 56 78"
    member.save(update_fields=["email", "phone"])
    MembershipFactory(network=world.other_network, person=member)
    press = tag(world.organisation, "Pressearbejde")
    retired = tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    waiting = suggested(world.organisation, "Klimatilpasning", by=member)
    profile = profile_of(
        member,
        press,
        retired,
        waiting,
        visibility="organisation",
        languages=["da", "de"],
        contact_preference="phone",
        summary="Jeg kan hjælpe med pressemeddelelser.",
    )
    page = client_as("chair").get(_url(world, "profile", profile=profile.pk)).content.decode()
    assert "Member Person" in page
    assert "Pressearbejde" in page
    assert "Gammeldags" not in page
    assert "Klimatilpasning" not in page
    assert "German" in page
    assert "Phone call" in page
    assert "member.secret@example.org" not in page
    assert "12 34 56 78" not in page
    assert world.network.name in page  # shared with the chair
    assert world.other_network.name not in page  # only the member's
    assert _url(world, "ask_person", profile=profile.pk) in page
    assert chair.name not in page
    own = client_as("member").get(_url(world, "profile", profile=profile.pk)).content.decode()
    assert "Edit my profile" in own
    assert _url(world, "ask_person", profile=profile.pk) not in own


def test_no_ask_button_while_paused(client_as, world):
    profile = profile_of(world.persons["member"], availability="paused")
    page = client_as("chair").get(_url(world, "profile", profile=profile.pk)).content.decode()
    assert _url(world, "ask_person", profile=profile.pk) not in page
    assert "Not taking requests for now." in page


# --- one's own profile --------------------------------------------------------------------


def test_the_form_starts_with_the_persons_region_and_lists_the_vocabulary(client_as, world):
    member = world.persons["member"]
    member.region = world.region
    member.save(update_fields=["region"])
    tag(world.organisation, "Pressearbejde")
    tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    response = client_as("member").get(_url(world, "my_profile"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{world.region.pk}" selected>' in page
    assert "Pressearbejde" in page
    assert "Gammeldags" not in page
    assert 'hx-get="' + _url(world, "tag_options") in page


def test_saving_the_form_makes_the_profile_and_a_suggestion(client_as, world):
    press = tag(world.organisation, "Pressearbejde")
    response = client_as("member").post(
        _url(world, "my_profile"),
        profile_data(tags=[press.pk], suggestion="Klimatilpasning", region=world.region.pk),
    )
    profile = Profile.objects.get(person=world.persons["member"])
    assert response.status_code == 302
    assert response["Location"] == _url(world, "profile", profile=profile.pk)
    assert sorted(profile.tags.values_list("name", flat=True)) == [
        "Klimatilpasning",
        "Pressearbejde",
    ]
    assert profile.region == world.region
    assert profile.pk in matching("pressearbejde")
    assert profile.pk not in matching("klimatilpasning")
    # Shown again, the suggestion is on the form, marked as waiting.
    page = client_as("member").get(_url(world, "my_profile")).content.decode()
    assert "awaiting approval" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tags": ["999999"]}, "not in the list"),
        ({"tags": ["abc"]}, "not a competence"),
        ({"languages": ["xx"]}, "not a language offered"),
        ({"summary": "x" * 2001}, "2000"),
        ({"visibility": "everyone"}, "Select a valid choice"),
        ({"availability": ""}, "This field is required"),
        ({"open_requests_limit": "4"}, "organisation&#x27;s limit of 3"),
        ({"open_requests_limit": "zwei"}, "Enter a whole number"),
        ({"suggestion": "x" * 81}, "at most 80"),
    ],
)
def test_bad_input_on_the_profile_form_shows_a_message_and_saves_nothing(
    client_as, world, changes, message
):
    response = client_as("member").post(_url(world, "my_profile"), profile_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.exists()


def test_tags_and_regions_of_another_organisation_and_retired_tags_are_refused(client_as, world):
    other = OrganisationFactory()
    foreign_tag = tag(other, "Fremmed")
    retired = tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    client = client_as("member")
    for changes in (
        {"tags": [foreign_tag.pk]},
        {"tags": [retired.pk]},
        {"region": RegionFactory(organisation=other).pk},
    ):
        response = client.post(_url(world, "my_profile"), profile_data(**changes))
        assert response.status_code == 400, changes
    assert not Profile.objects.exists()


def test_deleting_asks_first_then_deletes(client_as, world):
    profile = profile_of(world.persons["member"], summary="Kommuneplaner")
    client = client_as("member")
    assert "Yes, delete my profile" in client.get(_url(world, "delete_profile")).content.decode()
    assert Profile.objects.exists()
    response = client.post(_url(world, "delete_profile"))
    assert response.status_code == 302
    assert not Profile.objects.exists()
    assert profile.pk not in matching("kommuneplan")


# --- the options -------------------------------------------------------------------------


def test_the_options_match_names_and_synonyms_of_tags_in_use(client_as, world):
    tag(world.organisation, "Pressearbejde", "Mediekontakt")
    tag(world.organisation, "Kommuneplanlægning")
    tag(world.organisation, "Pressefoto", status=TagStatus.RETIRED)
    suggested(world.organisation, "Presseetik")
    tag(OrganisationFactory(), "Presse udenfor")
    client = client_as("member")
    page = client.get(_url(world, "tag_options"), {"q": "PRESSE"}).content.decode()
    assert "Pressearbejde" in page
    for absent in ("Kommuneplanlægning", "Pressefoto", "Presseetik", "Presse udenfor"):
        assert absent not in page
    assert (
        "Pressearbejde" in client.get(_url(world, "tag_options"), {"q": "medie"}).content.decode()
    )
    empty = client.get(_url(world, "tag_options"), {"q": '"; DROP <b>'}).content.decode()
    assert "No competence in the list matches" in empty
    assert "<b>" not in empty


def test_the_options_keep_ticked_tags_leave_out_own_ones_and_stop_at_20(client_as, world):
    many = [tag(world.organisation, f"Emne {n:02d}") for n in range(30)]
    profile_of(world.persons["member"], many[0])
    response = client_as("member").get(
        _url(world, "tag_options"), {"q": "emne", "tags": [str(many[29].pk), "x", "-1"]}
    )
    page = response.content.decode()
    assert page.count('name="tags"') == 21  # the ticked one and 20 matches
    assert f'value="{many[29].pk}" id="tag-option-{many[29].pk}" checked' in page
    assert f'value="{many[0].pk}"' not in page
    long = client_as("member").get(_url(world, "tag_options"), {"q": "e" * 10000})
    assert long.status_code == 200


def test_a_new_suggestion_is_not_offered_to_others(client_as, world):
    client_as("member").post(_url(world, "my_profile"), profile_data(suggestion="Klimatilpasning"))
    assert Tag.objects.get(name="Klimatilpasning").status == TagStatus.SUGGESTED
    page = client_as("chair").get(_url(world, "tag_options"), {"q": "klima"}).content.decode()
    assert "Klimatilpasning" not in page


def test_the_pages_have_unique_ids_and_labelled_inputs(client_as, world):
    import re

    press = tag(world.organisation, "Pressearbejde")
    suggested(world.organisation, "Klimatilpasning")
    profile = profile_of(world.persons["staff"], press)
    client = client_as("staff")
    for url in (
        _url(world, "my_profile"),
        _url(world, "profile", profile=profile.pk),
        _url(world, "tags"),
        _url(world, "tag", tag=press.slug),
        _url(world, "settings"),
    ):
        page = client.get(url).content.decode()
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), url
        for input_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
            assert f'for="{input_id}"' in page, (url, input_id)
