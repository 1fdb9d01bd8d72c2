import pytest
from django.utils import translation

from netvaerk.testing import add_role_persona


@pytest.fixture(autouse=True)
def _in_english(request, settings):
    """These tests read messages and pages in English (services speak the active language,
    pages the signed-in user's saved one, cleared here); e-mails still go out in each
    recipient's own language, and the tests that read them say which they expect."""
    settings.LANGUAGE_CODE = "en"
    if "world" in request.fixturenames:
        from netvaerk.accounts.models import User

        world = request.getfixturevalue("world")
        if "data_protection" not in world.users:
            add_role_persona(world, "data_protection", "data_protection")
        User.objects.update(language="")
    with translation.override("en"):
        yield
