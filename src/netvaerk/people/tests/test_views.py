"""A person's own pages: /<org>/me/ and /<org>/me/networks/ show the signed-in person's data
and nobody else's; the contact-consent choice is saved and logged."""

import html

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.networks.tests.factories import MembershipFactory, NetworkFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory

ME = reverse("people:me", kwargs={"org": "org"})
MY_NETWORKS = reverse("people:my_networks", kwargs={"org": "org"})
CONSENT = reverse("people:contact_consent", kwargs={"org": "org"})


@pytest.fixture
def as_(client_as):
    def login(persona: str, lang: str = "da"):
        client = client_as(persona)
        if lang == "en":
            # The site ignores Accept-Language; the language switch sets this cookie.
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- my data ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["da", "en"])
def test_it_shows_the_signed_in_persons_own_data(as_, world, lang):
    Person.objects.filter(pk=world.persons["member"].pk).update(
        phone="+45 11 22 33 44", member_number="M-17"
    )
    body = _text(as_("member", lang).get(ME))
    assert "Member Person" in body
    assert "member@org.example.org" in body
    assert "+45 11 22 33 44" in body
    assert "M-17" in body
    assert world.branch.name in body


@pytest.mark.django_db
def test_it_shows_no_other_persons_data_on_my_data(as_, world):
    Person.objects.filter(pk=world.persons["chair"].pk).update(phone="+45 99 88 77 66")
    body = _text(as_("member").get(ME))
    for persona in ("chair", "coordination", "coordinator", "staff", "board"):
        assert world.persons[persona].name not in body, persona
        assert world.persons[persona].email not in body, persona
    assert "+45 99 88 77 66" not in body


@pytest.mark.django_db
def test_it_tells_a_login_without_a_person_that_it_is_not_registered(as_, world):
    response = as_("outsider", "en").get(ME)
    body = _text(response)
    assert response.status_code == 200
    assert (
        "Your login is not registered as a member of Organisation org. "
        "Contact the office to be registered." in body
    )
    assert 'name="show_contact_details"' not in body  # no consent form without a person


@pytest.mark.django_db
def test_it_tells_staff_of_another_organisation_they_are_not_registered_here(as_, world):
    other_staff = Person.objects.get(user=world.users["other_org_staff"])
    response = as_("other_org_staff", "en").get(ME)
    body = _text(response)
    assert "Your login is not registered as a member of Organisation org." in body
    assert other_staff.email not in body
    assert other_staff.name not in body


@pytest.mark.django_db
def test_it_shows_the_person_of_this_organisation_to_a_login_in_two(as_, world):
    other = Person.objects.get(user=world.users["other_org_staff"]).organisation
    PersonFactory(
        organisation=other,
        user=world.users["member"],
        name="Member Elsewhere",
        email="member-elsewhere@example.org",
    )
    body = _text(as_("member").get(ME))
    assert "Member Person" in body
    assert "Member Elsewhere" not in body
    assert "member-elsewhere@example.org" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("url", [ME, MY_NETWORKS])
def test_it_sends_a_visitor_to_log_in(as_, world, url):
    response = as_("visitor").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=" + url)


# --- my networks -----------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_only_the_signed_in_persons_own_memberships(as_, world):
    MembershipFactory(network=world.other_network, person=world.persons["chair"], role="chair")
    response = as_("member").get(MY_NETWORKS)
    body = _text(response)
    assert response.status_code == 200
    assert world.network.name in body
    assert world.other_network.name not in body
    memberships = list(response.context["memberships"])
    assert [m.person_id for m in memberships] == [world.persons["member"].pk]


@pytest.mark.django_db
def test_it_lists_no_other_persons_in_my_networks(as_, world):
    body = _text(as_("member").get(MY_NETWORKS))
    for persona in ("chair", "coordination", "coordinator"):
        assert world.persons[persona].name not in body, persona
        assert world.persons[persona].email not in body, persona


@pytest.mark.django_db
def test_it_lists_my_past_and_pending_memberships_with_their_status(as_, world):
    person = world.persons["member"]
    gone = NetworkFactory(organisation=world.organisation, name="Tidligere netværk", slug="tidl")
    asked = NetworkFactory(organisation=world.organisation, name="Ventende netværk", slug="vent")
    MembershipFactory(network=gone, person=person, status="left")
    MembershipFactory(network=asked, person=person, status="requested", joined_at=None)
    response = as_("member", "en").get(MY_NETWORKS)
    body = _text(response)
    assert "Tidligere netværk" in body
    assert "Ventende netværk" in body
    assert "Left" in body
    assert "Requested" in body
    statuses = sorted(m.status for m in response.context["memberships"])
    assert statuses == ["active", "left", "requested"]


@pytest.mark.django_db
def test_it_shows_the_chair_their_role(as_, world):
    response = as_("chair", "en").get(MY_NETWORKS)
    assert "Chair" in _text(response)
    assert [m.role for m in response.context["memberships"]] == ["chair"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "other_org_staff", "staff"])
def test_it_says_someone_without_memberships_is_in_no_network(as_, world, persona):
    response = as_(persona, "en").get(MY_NETWORKS)
    assert response.status_code == 200
    assert "You are not in any network yet." in _text(response)
    assert list(response.context["memberships"]) == []


@pytest.mark.django_db
def test_it_leaves_other_organisations_networks_out_of_my_networks(as_, world):
    foreign = NetworkFactory(name="Fremmed netværk", slug="fremmed")
    other_self = PersonFactory(organisation=foreign.organisation, user=world.users["member"])
    MembershipFactory(network=foreign, person=other_self)
    body = _text(as_("member").get(MY_NETWORKS))
    assert "Fremmed netværk" not in body


# --- contact consent -------------------------------------------------------------------


def _consent_entries(person: Person):
    return AuditEntry.objects.filter(
        action="person.contact_consent_changed", object_id=str(person.pk)
    ).order_by("id")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["da", "en"])
def test_it_saves_the_contact_consent_and_logs_it(as_, world, lang):
    person = world.persons["member"]
    assert person.show_contact_details is False
    response = as_("member", lang).post(CONSENT, {"show_contact_details": "on"})
    assert response.status_code == 302
    assert response["Location"] == ME
    person.refresh_from_db()
    assert person.show_contact_details is True
    entry = _consent_entries(person).get()
    assert entry.organisation_id == world.organisation.pk
    assert entry.actor_user_id == world.users["member"].pk
    assert entry.actor_person_id == person.pk
    assert entry.data == {"show_contact_details": True}
    if lang == "en":
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "Your choice has been saved."
        ]


@pytest.mark.django_db
def test_it_withdraws_the_contact_consent_and_logs_that_too(as_, world):
    person = world.persons["member"]
    client = as_("member")
    client.post(CONSENT, {"show_contact_details": "on"})
    client.post(CONSENT, {})
    person.refresh_from_db()
    assert person.show_contact_details is False
    assert [e.data for e in _consent_entries(person)] == [
        {"show_contact_details": True},
        {"show_contact_details": False},
    ]


@pytest.mark.django_db
def test_it_shows_the_saved_consent_on_my_data(as_, world):
    client = as_("member")
    client.post(CONSENT, {"show_contact_details": "on"})
    body = client.get(ME).content.decode()
    assert 'name="show_contact_details" checked' in body


@pytest.mark.django_db
def test_it_changes_only_the_signed_in_persons_consent(as_, world):
    as_("member").post(CONSENT, {"show_contact_details": "on", "person": world.persons["chair"].pk})
    world.persons["chair"].refresh_from_db()
    assert world.persons["chair"].show_contact_details is False
    assert not _consent_entries(world.persons["chair"]).exists()


@pytest.mark.django_db
def test_it_refuses_consent_from_a_login_without_a_person(as_, world):
    before = AuditEntry.objects.count()
    response = as_("outsider", "en").post(CONSENT, {"show_contact_details": "on"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You are not registered in this organisation."
    ]
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_it_sends_a_visitor_who_posts_consent_to_log_in(as_, world):
    before = AuditEntry.objects.count()
    response = as_("visitor").post(CONSENT, {"show_contact_details": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_it_refuses_to_change_consent_by_get(as_, world):
    response = as_("member").get(CONSENT, {"show_contact_details": "on"})
    assert response.status_code == 405
    world.persons["member"].refresh_from_db()
    assert world.persons["member"].show_contact_details is False
