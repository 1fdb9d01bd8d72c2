import pytest
from django.core.cache import caches

from netvaerk.testing import World, make_world, settings_for_tests


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for name, value in settings_for_tests().items():
        setattr(settings, name, value)
    # Rolled-back tests reuse primary keys on SQLite, so a page cached by one test could
    # otherwise be served to the next under the same organisation id and version.
    caches["pages"].clear()


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
