"""A person's "who has seen my data": the entries they were among, who and what."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.privacy.models import AccessEntry
from netvaerk.privacy.tests.factories_access import seen


def _url(world):
    return reverse("seenby:index", kwargs={"org": world.organisation.slug})


def test_it_shows_who_saw_the_person_with_their_role_and_what(client_as, world):
    seen(world, "staff", [world.persons["member"]], subject="Boligpolitisk netværk")
    seen(world, "chair", [world.persons["board"]], subject="Not about the member")
    body = client_as("member").get(_url(world)).content.decode()
    assert "Staff Person" in body
    assert "(Staff)" in body
    assert "A list of people: Boligpolitisk netværk" in body
    assert "Not about the member" not in body
    assert "Data Protection Agency" in body


def test_it_says_when_nobody_has_looked(client_as, world):
    body = client_as("member").get(_url(world)).content.decode()
    assert "Nobody else has seen your data yet." in body


def test_looking_at_it_records_nothing(client_as, world):
    seen(world, "staff", [world.persons["member"]])
    client_as("member").get(_url(world))
    assert AccessEntry.objects.count() == 1


def test_the_my_data_page_links_to_it(client_as, world):
    body = client_as("member").get(reverse("people:me", kwargs={"org": "org"})).content.decode()
    assert _url(world) in body


def test_the_page_costs_the_same_for_few_and_many_entries(client_as, world):
    client = client_as("member")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(world)).status_code == 200
        return len(captured)

    viewers = ["staff", "chair", "board"]
    for index in range(3):
        seen(world, viewers[index % 3], [world.persons["member"]])
    few = queries()
    for index in range(27):
        seen(world, viewers[index % 3], [world.persons["member"]])
    assert queries() == few
