from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"


def entries() -> list[str]:
    return PO.read_text(encoding="utf-8").split("\n\n")[1:]


def test_the_danish_catalogue_has_no_fuzzy_entries():
    assert not [entry for entry in entries() if "#, fuzzy" in entry]


def test_every_danish_entry_is_translated():
    untranslated = []
    for entry in entries():
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        for part in text.split("msgstr")[1:]:
            value = "".join(line.strip().strip('"') for line in part.split("\n") if '"' in line)
            if not value:
                untranslated.append(text.splitlines()[0])
    assert untranslated == []


def test_the_compiled_catalogue_is_newer_than_the_source():
    assert PO.with_suffix(".mo").stat().st_mtime >= PO.stat().st_mtime - 1


@pytest.mark.django_db
def test_a_page_is_danish_by_default(client, world):
    body = client.get("/org/networks/").content.decode()
    with translation.override("da"):
        assert translation.gettext("All regions") == "Alle regioner"
    assert "Alle regioner" in body
    assert "All regions" not in body
