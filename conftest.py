import pytest

from netvaerk.testing import World, make_world


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests serve static files from the source tree, as in development, on every database.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


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
