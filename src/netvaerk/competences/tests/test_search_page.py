"""The competence search page: the form, the results, the landing state and bad input."""

import pytest
from django.urls import reverse

from netvaerk.competences.tests.factories_search import profile, tag

pytestmark = pytest.mark.django_db


def url(world, **query):
    from urllib.parse import urlencode

    base = reverse("competences:search", kwargs={"org": world.organisation.slug})
    return f"{base}?{urlencode(query)}" if query else base


def test_it_lists_the_people_found_with_their_matched_tags(world, client_as):
    planning = tag(world.organisation, "Kommuneplanlægning")
    press = tag(world.organisation, "Pressearbejde")
    found = profile(
        world.organisation, "Anna Andersen", tags=[planning, press], summary="Lokalplaner"
    )
    response = client_as("member").get(url(world, q="kommuneplan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Andersen" in html
    assert reverse("competences:profile", kwargs={"org": "org", "profile": found.pk}) in html
    assert "<mark>Kommuneplanlægning</mark>" in html
    assert "<mark>Pressearbejde</mark>" not in html
    assert "1 person found" in html


def test_without_words_or_filters_it_shows_the_most_used_competences(world, client_as):
    planning = tag(world.organisation, "Kommuneplanlægning")
    press = tag(world.organisation, "Pressearbejde")
    tag(world.organisation, "Ubrugt")
    for name in ("A", "B"):
        profile(world.organisation, f"Person {name}", tags=[planning, press])
    profile(world.organisation, "Person C", tags=[planning])
    html = client_as("member").get(url(world)).content.decode()
    assert "Type what you are looking for, or choose a competence." in html
    assert html.index("Kommuneplanlægning</a>") < html.index("Pressearbejde</a>")
    assert "(3 people)" in html
    assert "(2 people)" in html
    assert "Ubrugt</a>" not in html
    assert "Person A" not in html


def test_an_empty_search_asks_for_words(world, client_as):
    response = client_as("member").get(url(world, q="   "))
    assert response.status_code == 200
    assert 'class="notice">Type what you are looking for, or choose a competence.' in (
        response.content.decode()
    )


def test_a_filter_alone_lists_the_matching_profiles(world, client_as):
    planning = tag(world.organisation, "Kommuneplanlægning")
    profile(world.organisation, "Anna", tags=[planning])
    profile(world.organisation, "Bo", summary="Kommuneplaner")
    html = client_as("member").get(url(world, tag=planning.slug)).content.decode()
    assert "Anna" in html
    assert ">Bo<" not in html
    assert "1 person found" in html


def test_region_network_and_branch_filters(world, client_as):
    from netvaerk.organisations.tests.factories import BranchFactory

    org = world.organisation
    elsewhere = BranchFactory(organisation=org, slug="aarhus", name="Aarhus")
    profile(org, "Here", summary="Valgkamp", person__branch=world.branch, network=world.network)
    profile(org, "There", summary="Valgkamp", person__branch=elsewhere)
    client = client_as("member")

    def found(**query):
        html = client.get(url(world, q="valgkamp", **query)).content.decode()
        return {name for name in ("Here", "There") if f">{name}</a>" in html}

    assert found() == {"Here", "There"}
    assert found(region=world.region.slug) == {"Here"}
    assert found(region=elsewhere.region.slug) == {"There"}
    assert found(network=world.network.slug) == {"Here"}
    assert found(network=world.other_network.slug) == set()
    assert found(branch="aarhus") == {"There"}


def test_the_chosen_filters_stay_chosen_and_a_new_branch_is_offered_at_once(world, client_as):
    from netvaerk.organisations.services import branch_create

    client = client_as("member")
    html = client.get(url(world, q="valgkamp", branch="gladsaxe")).content.decode()
    assert '<option value="gladsaxe" selected>Branch Gladsaxe</option>' in html
    assert html.count(" selected>") == 1
    branch_create(actor=world.actor("org_admin"), name="Aarhus", slug="aarhus", region=world.region)
    html = client.get(url(world, q="valgkamp")).content.decode()
    assert '<option value="aarhus">Aarhus</option>' in html
    assert " selected>" not in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tag", "findes-ikke", "There is no competence called “findes-ikke” in the list."),
        ("region", "atlantis", "There is no region called “atlantis”."),
        ("network", "ingen", "There is no active network called “ingen”."),
        ("branch", "ingen", "There is no branch called “ingen”."),
        ("tag", "x" * 5000, "There is no competence called “" + "x" * 60 + "…” in the list."),
        ("region", "<script>", "There is no region called “&lt;script&gt;”."),
    ],
)
def test_an_unknown_filter_is_said_and_nothing_is_guessed(world, client_as, field, value, message):
    profile(world.organisation, "Anna", summary="Valgkamp")
    response = client_as("member").get(url(world, q="valgkamp", **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Anna" not in html
    assert "found" not in html


def test_another_organisations_slugs_are_unknown_here(world, client_as):
    from netvaerk.networks.tests.factories import NetworkFactory
    from netvaerk.organisations.models import Organisation

    other = Organisation.objects.get(slug="other")
    foreign_tag = tag(other, "Fremmed")
    foreign_network = NetworkFactory(organisation=other, slug="fremmed")
    profile(other, "Foreigner", tags=[foreign_tag], network=foreign_network, summary="Valgkamp")
    client = client_as("member")
    html = client.get(url(world, tag=foreign_tag.slug)).content.decode()
    assert "There is no competence called “fremmed” in the list." in html
    html = client.get(url(world, q="valgkamp", network="fremmed")).content.decode()
    assert "There is no active network called “fremmed”." in html
    html = client.get(url(world, q="valgkamp")).content.decode()
    assert "Foreigner" not in html
    assert "0 people found" in html


@pytest.mark.parametrize(
    "q",
    [
        '"kommuneplan" OR 1=1; --',
        "a & b | !c",
        "kommuneplan:*",
        "kommune <-> plan",
        "kommuneplan')) OR ((1=1",
        'NEAR("kommune" "plan") * ^ {tags} : x',
        "kommuneplan\x00",
    ],
)
def test_quotes_and_operators_are_only_separators(world, client_as, q):
    profile(world.organisation, "Anna", summary="Kommuneplaner og lokalplaner")
    response = client_as("member").get(url(world, q=q))
    assert response.status_code == 200


def test_operator_characters_around_a_word_still_find_it(world, client_as):
    profile(world.organisation, "Anna", summary="Kommuneplaner og lokalplaner")
    client = client_as("member")
    for q in ('"kommuneplan" OR 1=1; --', "kommuneplan:*", "(kommuneplan) & !lokal"):
        html = client.get(url(world, q=q)).content.decode()
        # "or", "1", "lokal": every word must match; "1" does not, so nothing is found.
        assert ("Anna" in html) == (q == "kommuneplan:*" or q.startswith("(")), q


@pytest.mark.parametrize("q", [":*", "<->", "&|!():*", "---", "«»"])
def test_signs_alone_are_refused_with_a_message(world, client_as, q):
    response = client_as("member").get(url(world, q=q))
    assert response.status_code == 200
    assert "Search with words of letters or digits" in response.content.decode()


def test_ten_thousand_characters_are_refused_with_a_message(world, client_as):
    response = client_as("member").get(url(world, q="kommuneplan " * 900))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Search with at most 200 characters" in html
    assert "found" not in html


def test_only_stop_words_are_refused_with_a_message(world, client_as):
    response = client_as("member").get(url(world, q="og i at det"))
    assert response.status_code == 200
    assert "has only common words" in response.content.decode()


def test_more_than_ten_words_uses_the_first_ten_and_says_so(world, client_as):
    profile(world.organisation, "Anna", summary=" ".join(f"ord{n}" for n in range(10)))
    q = " ".join(f"ord{n}" for n in range(12))
    html = client_as("member").get(url(world, q=q)).content.decode()
    assert "Only the first 10 words were searched for; 2 words were left out." in html
    assert "Anna" in html


@pytest.mark.parametrize("number", ["0", "-1", "999", "abc", "1.5", "9" * 40, ""])
def test_any_page_number_gives_a_page(world, client_as, number):
    for n in range(3):
        profile(world.organisation, f"Person {n}", summary="Valgkamp")
    response = client_as("member").get(url(world, q="valgkamp", page=number))
    assert response.status_code == 200
    assert "3 people found" in response.content.decode()


def test_paused_people_come_last_and_are_marked(world, client_as):
    profile(world.organisation, "Aase Paused", summary="Valgkamp", availability="paused")
    profile(world.organisation, "Zelma Open", summary="Valgkamp")
    html = client_as("member").get(url(world, q="valgkamp")).content.decode()
    assert html.index("Zelma Open") < html.index("Aase Paused")
    assert html.count("Not taking requests") == 1
    html = client_as("member").get(url(world, q="valgkamp", open="1")).content.decode()
    assert "Aase Paused" not in html
    assert "Zelma Open" in html


def test_htmx_gets_only_the_results(world, client_as):
    profile(world.organisation, "Anna", summary="Valgkamp")
    response = client_as("member").get(
        url(world, q="valgkamp"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results"
    )
    html = response.content.decode()
    assert "1 person found" in html
    assert "<form" not in html
    assert "<html" not in html


def test_the_page_has_a_plain_get_form_and_a_polite_live_region(world, client_as):
    html = client_as("member").get(url(world, q="valgkamp")).content.decode()
    assert 'method="get"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="search-results" aria-live="polite"' in html
    for field in ("id_q", "id_tag", "id_region", "id_network", "id_branch", "id_open"):
        assert f'for="{field}"' in html
        assert f'id="{field}"' in html


def test_the_page_costs_the_same_queries_for_3_or_30_profiles(
    world, client_as, django_assert_num_queries
):
    planning = tag(world.organisation, "Kommuneplanlægning", "Planlægning")
    press = tag(world.organisation, "Pressearbejde")
    client = client_as("member")

    def make(count):
        for n in range(count):
            profile(
                world.organisation,
                f"P{n}",
                tags=[planning, press],
                summary="Kommuneplaner",
                visibility="networks" if n % 2 else "organisation",
                network=world.network,
            )

    make(3)
    query = url(world, q="kommuneplan", network=world.network.slug)
    client.get(query)  # session, caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(query).status_code == 200
    make(27)
    with django_assert_num_queries(len(small.captured_queries)):
        html = client.get(query).content.decode()
    assert "20 people found" not in html
    assert "30 people found" in html


def test_a_broad_search_ranks_the_most_recently_updated_matches_and_says_more_match(
    world, client_as, monkeypatch
):
    """The work of one search is bounded: past CANDIDATES matches, only the most recently
    updated are ranked, and the page says so rather than counting them all."""
    import datetime

    from django.utils import timezone

    from netvaerk.competences.models import Profile
    from netvaerk.competences.selectors import search as selectors

    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    planning = tag(world.organisation, "Kommuneplanlægning")
    made = [profile(world.organisation, f"Person {n}", tags=[planning]) for n in range(5)]
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Profile.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(updated_at=long_ago)
    html = client_as("member").get(url(world, q="kommuneplan")).content.decode()
    assert "More than 3 people match" in html
    for recent in made[2:]:
        assert f"/competences/people/{recent.pk}/" in html
    for old in made[:2]:
        assert f"/competences/people/{old.pk}/" not in html


def test_a_search_within_the_bound_counts_every_match(world, client_as, monkeypatch):
    from netvaerk.competences.selectors import search as selectors

    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    planning = tag(world.organisation, "Kommuneplanlægning")
    for n in range(3):
        profile(world.organisation, f"Person {n}", tags=[planning])
    html = client_as("member").get(url(world, q="kommuneplan")).content.decode()
    assert "3 people found" in html
    assert "More than" not in html
