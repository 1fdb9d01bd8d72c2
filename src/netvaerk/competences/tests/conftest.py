import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _competences_in_english(request, settings):
    """The competence tests read messages and pages in English: services speak the active
    language, pages the visitor's (the default, here English) or the signed-in user's saved
    one. E-mails still go out in each recipient's own language (Danish for the personas), and
    the tests that read them say which they expect."""
    settings.LANGUAGE_CODE = "en"
    if "world" in request.fixturenames:
        from netvaerk.accounts.models import User

        request.getfixturevalue("world")
        User.objects.update(language="")
    with translation.override("en"):
        yield
