"""The competence list in the demo (issue 6): both organisations' vocabularies and profiles,
KPN's list covering the seed's competences, sparring requests in every state, and the search
index holding the profiles. The demo is loaded once for the module, as in test_demo.py."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from netvaerk.accounts.models import User
from netvaerk.competences.models import (
    Availability,
    Profile,
    ProfileTag,
    RequestEventKind,
    RequestStatus,
    SparringRequest,
    Tag,
    TagStatus,
    Visibility,
)
from netvaerk.competences.search.index import FTS_TABLE
from netvaerk.competences.search.text import stems
from netvaerk.competences.selectors.requests import network_queue, networks_run_by
from netvaerk.core.access import Actor
from netvaerk.core.demo import DEMO_PASSWORD, logins
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

ORGANISATIONS = ("socialdemokratiet", "dn")
CHAIRED = {"socialdemokratiet": "bolig", "dn": "kpn"}
SEED_COMPETENCES = (
    "Kommuneplanlægning",
    "Naturbeskyttelsesloven",
    "Pressearbejde",
    "Kommunalvalgkamp",
)


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module, and roll it back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                run_demo()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def matching(word: str) -> set[int]:
    """Profile ids whose search document holds a stem beginning with the word's stem (as in
    competences/tests/test_search_index.py)."""
    (stem,) = stems(word, "danish")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM competences_profile "
                "WHERE search_vector @@ to_tsquery('danish', %s)",
                [f"{stem}:*"],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f'"{stem}"*']
            )
        return {row[0] for row in cursor.fetchall()}


def login(slug: str, local: str) -> Person:
    return Person.objects.get(organisation__slug=slug, email=f"{local}@{slug}.example.org")


def actor(person: Person) -> Actor:
    return Actor(organisation=person.organisation, person=person)


def network(slug: str) -> Network:
    return Network.objects.get(organisation__slug=slug, slug=CHAIRED[slug])


def network_tags(slug: str) -> set[str]:
    """The competences on the visible profiles of the network's active members."""
    return set(
        ProfileTag.objects.filter(
            profile__person__memberships__network=network(slug),
            profile__person__memberships__status="active",
            tag__status=TagStatus.ACTIVE,
        )
        .exclude(profile__visibility=Visibility.NOBODY)
        .values_list("tag__name", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_both_organisations_have_a_curated_vocabulary_with_one_suggestion_waiting(demo, slug):
    tags = Tag.objects.filter(organisation__slug=slug)
    active = tags.filter(status=TagStatus.ACTIVE)
    assert active.count() >= 15
    assert active.filter(synonyms__isnull=False).distinct().count() >= 12
    assert "Pressearbejde" in set(active.values_list("name", flat=True))
    suggested = tags.get(status=TagStatus.SUGGESTED)
    assert suggested.suggested_by is not None
    assert suggested.profiles.filter(person=suggested.suggested_by).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_both_organisations_have_varied_profiles(demo, slug):
    profiles = Profile.objects.filter(organisation__slug=slug)
    assert 30 <= profiles.count() <= 45
    for local in ("chair", "coordinator", "member"):
        profile = Profile.objects.get(person=login(slug, local))
        assert 1 <= profile.tags.count() <= 5
        assert profile.summary.startswith("Jeg ")
    for profile in profiles.prefetch_related("tags"):
        assert 1 <= len(profile.tags.all()) <= 5
        assert profile.summary
        assert "{" not in profile.summary
        assert "da" in profile.languages
        assert profile.region_id == profile.person.region_id
    availability = list(profiles.values_list("availability", flat=True))
    assert availability.count(Availability.OPEN) > len(availability) / 2
    assert 1 <= availability.count(Availability.PAUSED) <= 3
    assert availability.count(Availability.SOMETIMES) >= 2
    visibility = list(profiles.values_list("visibility", flat=True))
    assert visibility.count(Visibility.ORGANISATION) > len(visibility) / 2
    assert visibility.count(Visibility.NETWORKS) >= 1
    assert 1 <= visibility.count(Visibility.NOBODY) <= 2
    assert len(set(profiles.values_list("region", flat=True))) == 5
    assert len(set(profiles.values_list("summary", flat=True))) == profiles.count()


@pytest.mark.django_db
def test_kpns_list_covers_the_seed_competences_and_is_thin_elsewhere(demo):
    covered = network_tags("dn")
    assert set(SEED_COMPETENCES) <= covered
    vocabulary = set(
        Tag.objects.filter(organisation__slug="dn", status=TagStatus.ACTIVE).values_list(
            "name", flat=True
        )
    )
    thin = vocabulary - covered
    assert thin == {"Vandplaner", "Naturformidling"}
    # Other networks' members know what KPN lacks.
    assert Profile.objects.filter(organisation__slug="dn", tags__name="Vandplaner").exists()
    kpn_profiles = Profile.objects.filter(
        person__memberships__network=network("dn"), person__memberships__status="active"
    )
    assert 20 <= kpn_profiles.count() <= 35
    assert kpn_profiles.values("region").distinct().count() == 5
    # Most of the coordination group is on the list.
    leads = network("dn").memberships.filter(status="active", role="coordination")
    assert Profile.objects.filter(person__in=leads.values("person")).count() >= 3


@pytest.mark.django_db
def test_the_party_network_has_its_own_list(demo):
    assert "Boligpolitik" in network_tags("socialdemokratiet")
    networks_with_profiles = (
        Network.objects.filter(
            organisation__slug="socialdemokratiet",
            memberships__status="active",
            memberships__person__competence_profile__isnull=False,
        )
        .distinct()
        .count()
    )
    assert networks_with_profiles >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_every_request_state_is_present(demo, slug):
    requests = SparringRequest.objects.filter(organisation__slug=slug)
    assert set(requests.values_list("status", flat=True)) == set(RequestStatus.values)
    member, chair = login(slug, "member"), login(slug, "chair")
    assert requests.filter(recipient=member, status=RequestStatus.OPEN).exists()
    assert requests.filter(requester=member, status=RequestStatus.ACCEPTED).exists()
    closed = requests.get(recipient=chair, status=RequestStatus.CLOSED)
    assert closed.outcome
    assert closed.events.filter(kind=RequestEventKind.ACCEPTED).exists()
    passed = requests.get(events__kind=RequestEventKind.PASSED_ON)
    assert passed.network == network(slug)
    assert passed.status == RequestStatus.OPEN
    assert passed.recipient is not None
    assert requests.filter(status=RequestStatus.DECLINED, network__isnull=True).exists()
    assert requests.filter(status=RequestStatus.WITHDRAWN).exists()
    for sparring in requests:
        assert sparring.requester_id != sparring.recipient_id
        assert sparring.subject
        assert sparring.question


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_chair_and_coordinator_see_the_network_queue(demo, slug):
    queued = network_queue(network=network(slug))
    assert len(queued) == 1
    for local in ("chair", "coordinator"):
        runs = networks_run_by(actor=actor(login(slug, local)))
        assert [(n.slug, n.waiting) for n in runs] == [(CHAIRED[slug], 1)]
        assert actor(login(slug, local)).can("competences.assign_request", queued[0])
    assert not actor(login(slug, "member")).can("competences.view_request", queued[0])


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ORGANISATIONS)
def test_the_logins_find_their_requests_on_the_requests_page(client, demo, slug):
    client.force_login(User.objects.get(email=f"member@{slug}.example.org"))
    received = client.get(f"/{slug}/competences/requests/")
    assert received.status_code == 200
    assert len(received.context["page"].object_list) == 1
    sent = client.get(f"/{slug}/competences/requests/?tab=sent")
    assert [r.status for r in sent.context["page"].object_list] == [RequestStatus.ACCEPTED]
    client.force_login(User.objects.get(email=f"chair@{slug}.example.org"))
    queue = client.get(f"/{slug}/competences/requests/?network={CHAIRED[slug]}")
    assert queue.status_code == 200
    (waiting,) = queue.context["page"].object_list
    assert waiting.subject in queue.content.decode()
    closed = SparringRequest.objects.get(
        organisation__slug=slug, recipient__user__email=f"chair@{slug}.example.org"
    )
    page = client.get(f"/{slug}/competences/requests/{closed.pk}/")
    assert page.status_code == 200
    assert closed.outcome in page.content.decode()


@pytest.mark.django_db
def test_the_search_index_holds_the_profiles(demo):
    dn = set(Profile.objects.filter(organisation__slug="dn").values_list("pk", flat=True))
    party = set(
        Profile.objects.filter(organisation__slug="socialdemokratiet").values_list("pk", flat=True)
    )
    planners = matching("kommuneplan")
    assert len(planners & dn) >= 5
    assert not planners & party
    # A synonym of a tag finds its profiles, and so does a word of a summary.
    assert len(matching("presse") & dn) >= 4
    assert matching("valgkamp") & party
    assert len(matching("almene") & party) >= 3
    assert matching("høringssvar") & dn
    assert all(Profile.objects.get(pk=pk).search_tags for pk in dn | party)


@pytest.mark.django_db
def test_the_demo_logins_still_work(demo):
    for entry in logins():
        user = authenticate(email=entry.email, password=DEMO_PASSWORD)
        assert user is not None, entry.email


@pytest.mark.django_db
def test_running_the_demo_twice_changes_nothing(demo, settings):
    settings.DEBUG = True
    before = {model._meta.label: model.objects.count() for model in apps.get_models()}
    assert "already exists" in run_demo()
    after = {model._meta.label: model.objects.count() for model in apps.get_models()}
    assert after == before
    assert Organisation.objects.filter(slug__in=ORGANISATIONS).count() == 2
