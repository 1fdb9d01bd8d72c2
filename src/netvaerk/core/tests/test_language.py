import pytest

from netvaerk.people.models import Person


@pytest.mark.django_db
def test_pages_are_danish_even_for_an_english_browser(client, world):
    response = client.get("/org/networks/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "da"


@pytest.mark.django_db
def test_the_language_switch_turns_pages_english(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": "/org/networks/"})
    response = client.get("/org/networks/")
    assert response["Content-Language"] == "en"
    assert "Networks in Organisation org" in response.content.decode()


@pytest.mark.django_db
def test_switching_language_saves_it_for_the_persons_mail(client, world):
    client.force_login(world.users["member"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/org/networks/"})
    assert Person.objects.get(pk=world.persons["member"].pk).language == "en"
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "en"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client, world):
    client.force_login(world.users["member"])
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/org/networks/"})
    assert response.status_code == 302
    assert Person.objects.get(pk=world.persons["member"].pk).language == "da"
