import pytest


@pytest.mark.django_db
def test_directory_lists_the_network(client, world):
    response = client.get("/org/networks/")
    assert response.status_code == 200
    assert "Boligpolitisk netværk" in response.content.decode()


@pytest.mark.django_db
def test_network_page_shows_chair(client, world):
    response = client.get("/org/networks/bolig/")
    assert response.status_code == 200
    assert "Chair Person" in response.content.decode()
