"""The notification list: newest first, paginated, unread ones marked in words, opening an
item marks it read and goes to it (never off this site), a fixed number of queries however
many there are, and the header's unread badge."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from netvaerk.notifications.models import Notification
from netvaerk.notifications.tests.factories import NotificationFactory
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.testing import make_world

LIST = "/org/notifications/"


@pytest.fixture
def member(world):
    return world.persons["member"]


def make_notifications(person, count: int) -> list[Notification]:
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            organisation_id=person.organisation_id,
            person=person,
            title=f"Notification {i:03d}",
            url="/org/networks/bolig/",
            created_at=now - datetime.timedelta(minutes=i),
            read_at=now if i % 2 else None,
        )
        for i in range(count)
    )


def test_the_list_lives_at_the_stable_address(world):
    assert reverse("notifications:list", kwargs={"org": "org"}) == LIST


def test_it_lists_ones_notifications_newest_first_and_marks_the_unread_in_words(client_as, member):
    older = NotificationFactory(
        person=member,
        title="Older, read",
        created_at=timezone.now() - datetime.timedelta(days=1),
        read_at=timezone.now(),
    )
    newer = NotificationFactory(person=member, title="Newer, unread", body="Something happened.")

    response = client_as("member").get(LIST)

    assert list(response.context["page"].object_list) == [newer, older]
    body = response.content.decode()
    assert body.index("Newer, unread") < body.index("Older, read")
    # One "Unread" label (in words, whatever the language), on the unread one only.
    assert body.count('<span class="badge badge-warning">') == 1
    assert body.index('<span class="badge badge-warning">') < body.index("Newer, unread")
    assert "Something happened." in body
    assert f"/org/notifications/{newer.pk}/read/" in body
    assert f"/org/notifications/{older.pk}/read/" not in body  # read already
    assert reverse("notifications:mark_all_read", kwargs={"org": "org"}) in body


def test_it_shows_25_a_page(client_as, member):
    make_notifications(member, 60)
    response = client_as("member").get(LIST, {"page": "3"})
    page = response.context["page"]
    assert page.paginator.count == 60
    assert len(page.object_list) == 10
    assert page.object_list[0].title == "Notification 050"
    assert client_as("member").get(LIST, {"page": "x"}).status_code == 200
    assert client_as("member").get(LIST, {"page": "99"}).context["page"].number == 3


@pytest.mark.parametrize("count", [5, 60])
def test_the_list_costs_the_same_queries_for_5_and_60_notifications(
    client_as, member, count, django_assert_num_queries
):
    make_notifications(member, count)
    client = client_as("member")
    client.get(LIST)  # warm-up: content types, templates
    # session, user, organisation, person, roles, unread badge, count, page
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 25)


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client_as, member):
    notification = NotificationFactory(person=member, url="/org/networks/bolig/")

    response = client_as("member").get(f"/org/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/org/networks/bolig/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_one_without_a_link_marks_it_read_and_returns_to_the_list(client_as, member):
    notification = NotificationFactory(person=member, url="")
    response = client_as("member").get(f"/org/notifications/{notification.pk}/")
    assert response["Location"] == LIST
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.org/",
        "//evil.example.org/",
        "/\\evil.example.org",
        "///evil.example.org",
        "javascript:alert(1)",
        "http:/evil.example.org",
    ],
)
def test_a_link_off_this_site_is_never_followed(client_as, member, url):
    # Written past notify_persons (which refuses such links), as if the row had been altered.
    notification = NotificationFactory(person=member, url=url)
    response = client_as("member").get(f"/org/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == LIST


def test_marking_one_as_read_returns_to_the_same_page(client_as, member):
    notification = NotificationFactory(person=member)
    response = client_as("member").post(
        f"/org/notifications/{notification.pk}/read/", {"page": "2"}
    )
    assert response["Location"] == f"{LIST}?page=2"
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    # Again: still read, at the first time, and a page that is no number is ignored.
    response = client_as("member").post(
        f"/org/notifications/{notification.pk}/read/", {"page": "//evil"}
    )
    assert response["Location"] == LIST
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_mark_all_as_read_marks_only_this_organisations_and_says_so(client_as, world, member):
    make_notifications(member, 4)
    response = client_as("member").post("/org/notifications/read-all/", follow=True)
    assert not Notification.objects.filter(person=member, read_at__isnull=True).exists()
    assert len(list(response.context["messages"])) == 1
    response = client_as("member").post("/org/notifications/read-all/", follow=True)
    assert len(list(response.context["messages"])) == 1


@pytest.mark.parametrize("notification_id", [0, 999_999])
def test_an_unknown_notification_is_a_404(client_as, world, notification_id):
    client = client_as("member")
    assert client.get(f"/org/notifications/{notification_id}/").status_code == 404
    assert client.post(f"/org/notifications/{notification_id}/read/").status_code == 404


def test_a_non_numeric_id_matches_no_address(client_as, world):
    assert client_as("member").get("/org/notifications/abc/").status_code == 404


def test_another_persons_notification_is_a_404_and_stays_unread(client_as, world):
    theirs = NotificationFactory(person=world.persons["chair"])
    client = client_as("member")
    assert client.get(f"/org/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/org/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_ones_own_notification_in_another_organisation_is_not_shown_here(client, world, member):
    """The same login is a person in two organisations: each list holds only its own."""
    other = make_world("second", other_slug="third")
    other_self = PersonFactory(organisation=other.organisation, user=member.user)
    here = NotificationFactory(person=member, title="Here")
    there = NotificationFactory(person=other_self, title="There")
    client.force_login(member.user)

    assert [n.title for n in client.get(LIST).context["page"].object_list] == ["Here"]
    assert [n.title for n in client.get("/second/notifications/").context["page"]] == ["There"]
    # Its id under the wrong organisation's address is unknown there.
    assert client.get(f"/org/notifications/{there.pk}/").status_code == 404
    assert client.get(f"/second/notifications/{here.pk}/").status_code == 404


def test_a_login_without_a_person_here_gets_an_empty_list_saying_why(client_as, world):
    response = client_as("outsider").get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "Organisation org" in response.content.decode()


def test_the_header_shows_the_unread_count_to_a_signed_in_person(client_as, member):
    make_notifications(member, 5)  # 3 unread
    body = client_as("member").get("/org/networks/").content.decode()
    assert 'class="badge notification-count">3<span class="visually-hidden">' in body
    Notification.objects.update(read_at=timezone.now())
    body = client_as("member").get("/org/networks/").content.decode()
    assert "notification-count" not in body
    assert LIST in body


def test_a_visitor_sees_no_notifications_link(client, world):
    assert LIST not in client.get("/org/networks/").content.decode()
