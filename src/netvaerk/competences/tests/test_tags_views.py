"""The office's pages of the vocabulary and the limits: the list, bad input on every form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.competences.models import Tag, TagStatus
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.tests.factories_profiles import profile_of, suggested, tag
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"competences:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def test_the_list_shows_suggestions_first_with_counts_without_hidden_profiles(client_as, world):
    press = tag(world.organisation, "Pressearbejde")
    suggested(world.organisation, "Zoneplaner", by=world.persons["member"])
    profile_of(world.persons["member"], press, visibility="organisation")
    profile_of(world.persons["chair"], press, visibility="networks")
    profile_of(world.persons["board"], press, visibility="nobody")
    page = client_as("staff").get(_url(world, "tags"))
    content = page.content.decode()
    assert content.index("Zoneplaner") < content.index("Pressearbejde")
    rows = {tag.name: tag.profile_count for tag in page.context["page"].object_list}
    assert rows == {"Pressearbejde": 2, "Zoneplaner": 0}
    assert "by Member Person" in content


def test_the_list_filters_by_status_and_names_a_bad_one(client_as, world):
    tag(world.organisation, "Pressearbejde")
    tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    client = client_as("staff")
    retired = client.get(_url(world, "tags"), {"status": "retired"}).content.decode()
    assert "Gammeldags" in retired
    assert "Pressearbejde" not in retired
    bad = client.get(_url(world, "tags"), {"status": "<x>", "page": "zz"})
    assert bad.status_code == 200
    assert "There is no such status" in bad.content.decode()
    assert "Gammeldags" in bad.content.decode()


def test_the_list_answers_htmx_with_the_results_only(client_as, world):
    tag(world.organisation, "Pressearbejde")
    response = client_as("staff").get(
        _url(world, "tags"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tag-results"
    )
    content = response.content.decode()
    assert "Pressearbejde" in content
    assert "<html" not in content


def test_the_list_costs_the_same_queries_however_many_tags(
    client_as, world, django_assert_num_queries
):
    client = client_as("staff")
    tag(world.organisation, "Første")
    client.get(_url(world, "tags"))  # settle sessions and caches
    with CaptureQueriesContext(connection) as few:
        client.get(_url(world, "tags"))
    for n in range(60):
        made = tag(world.organisation, f"Emne {n:02d}")
        if n % 3 == 0:
            suggested(world.organisation, f"Forslag {n:02d}", by=world.persons["member"])
        if n < 10:
            person = PersonFactory(organisation=world.organisation)
            profile_of(person, made, visibility="organisation")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(_url(world, "tags"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "x" * 81}, "at most 80"),
        ({"name": "PRESSEARBEJDE"}, "already a competence"),
        ({"name": "Valgkamp", "synonyms": "Medier"}, "another word for"),
        ({"name": "Valgkamp", "synonyms": "pressearbejde"}, "already a competence"),
        ({"name": "Valgkamp", "description": "x" * 1001}, "at most 1000"),
    ],
)
def test_bad_input_when_adding_a_tag_is_named_and_nothing_saved(client_as, world, data, message):
    tag(world.organisation, "Pressearbejde", "Medier")
    response = client_as("staff").post(_url(world, "tags"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Tag.objects.count() == 1


def test_adding_and_editing_a_tag(client_as, world):
    client = client_as("staff")
    response = client.post(_url(world, "tags"), {"name": "Valgkamp", "synonyms": "Kampagne\n\n"})
    made = Tag.objects.get(name="Valgkamp")
    assert response["Location"] == _url(world, "tag", tag=made.slug)
    response = client.post(
        _url(world, "tag", tag=made.slug), {"name": "Valgkampe", "synonyms": "Kampagne\nValg"}
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.name == "Valgkampe"
    assert sorted(made.synonyms.values_list("term", flat=True)) == ["Kampagne", "Valg"]


def test_a_synonym_clash_on_the_edit_page_is_named(client_as, world):
    tag(world.organisation, "Valgkamp", "Kampagne")
    press = tag(world.organisation, "Pressearbejde")
    response = client_as("staff").post(
        _url(world, "tag", tag=press.slug), {"name": "Pressearbejde", "synonyms": "kampagne"}
    )
    assert response.status_code == 400
    assert "another word for “Valgkamp”" in response.content.decode()
    assert not press.synonyms.exists()


def test_unknown_tags_and_tags_of_another_organisation_are_not_there(client_as, world):
    foreign = tag(OrganisationFactory(), "Fremmed", slug="fremmed")
    client = client_as("staff")
    for slug in (foreign.slug, "nowhere"):
        assert client.get(_url(world, "tag", tag=slug)).status_code == 404
        assert (
            client.post(_url(world, "tag_status", tag=slug), {"status": "retired"}).status_code
            == 404
        )
    foreign.refresh_from_db()
    assert foreign.status == TagStatus.ACTIVE


def test_merging_through_the_page_and_bad_targets(client_as, world):
    old = tag(world.organisation, "Presse")
    target = tag(world.organisation, "Pressearbejde")
    retired = tag(world.organisation, "Gammeldags", status=TagStatus.RETIRED)
    foreign = tag(OrganisationFactory(), "Fremmed")
    client = client_as("staff")
    url = _url(world, "tag_merge", tag=old.slug)
    for bad in ("", "abc", str(retired.pk), str(foreign.pk), str(old.pk)):
        response = client.post(url, {"into": bad})
        assert response.status_code == 400, bad
    old.refresh_from_db()
    assert old.status == TagStatus.ACTIVE
    response = client.post(url, {"into": target.pk})
    assert response["Location"] == _url(world, "tag", tag=target.slug)
    old.refresh_from_db()
    assert old.merged_into == target


def test_approving_and_rejecting_suggestions_and_refused_moves(client_as, world):
    one = suggested(world.organisation, "Klimatilpasning")
    two = suggested(world.organisation, "Kagebagning")
    client = client_as("staff")
    client.post(_url(world, "tag_status", tag=one.slug), {"status": "active"})
    client.post(_url(world, "tag_status", tag=two.slug), {"status": "retired"})
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (TagStatus.ACTIVE, TagStatus.RETIRED)
    bad = client.post(_url(world, "tag_status", tag=one.slug), {"status": "bogus"})
    assert bad.status_code == 400
    assert "There is no such status." in bad.content.decode()
    refused = client.post(
        _url(world, "tag_status", tag=one.slug), {"status": "suggested"}, follow=True
    )
    assert "cannot go from" in refused.content.decode()
    one.refresh_from_db()
    assert one.status == TagStatus.ACTIVE


@pytest.mark.parametrize(
    "data",
    [
        {"open_requests_per_person": "0", "sometimes_per_year": "4", "requests_per_day": "5"},
        {"open_requests_per_person": "101", "sometimes_per_year": "4", "requests_per_day": "5"},
        {"open_requests_per_person": "3", "sometimes_per_year": "x", "requests_per_day": "5"},
        {"open_requests_per_person": "3", "sometimes_per_year": "4"},
    ],
)
def test_bad_limits_are_named_and_nothing_saved(client_as, world, data):
    response = client_as("staff").post(_url(world, "settings"), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    settings = competence_settings(world.organisation)
    assert (settings.open_requests_per_person, settings.sometimes_per_year) == (3, 4)


def test_the_office_saves_the_limits(client_as, world):
    client = client_as("org_admin")
    page = client.get(_url(world, "settings")).content.decode()
    assert "Open requests per person" in page
    response = client.post(
        _url(world, "settings"),
        {"open_requests_per_person": "8", "sometimes_per_year": "2", "requests_per_day": "9"},
    )
    assert response.status_code == 302
    assert competence_settings(world.organisation).requests_per_day == 9
