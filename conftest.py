import pytest

from netvaerk.testing import World, make_world, settings_for_tests


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for name, value in settings_for_tests().items():
        setattr(settings, name, value)


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def client_as(client, world):
    """client_as("chair") logs the test client in as that persona (or out, for "visitor")."""

    def login(persona: str):
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return login
