import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from netvaerk.imports.models import ImportMapping
from netvaerk.imports.tests.factories import FIXTURES
from netvaerk.people.models import Person

pytestmark = pytest.mark.django_db


def call(*args):
    out = io.StringIO()
    call_command("import_members", *map(str, args), "--no-progress", stdout=out)
    return out.getvalue()


def test_it_imports_a_file_and_remembers_the_mapping(world):
    out = call(FIXTURES / "good_semicolon.csv", "--organisation", "org")
    assert "created: 3" in out
    assert "member_number <- Medlemsnr" in out
    assert Person.objects.filter(organisation=world.organisation, member_number="0001").exists()
    assert ImportMapping.objects.get(organisation=world.organisation).headings["medlemsnr"] == (
        "member_number"
    )


def test_a_dry_run_changes_nothing(world):
    before = Person.objects.count()
    out = call(FIXTURES / "good_semicolon.csv", "--organisation", "org", "--dry-run")
    assert "created: 3" in out
    assert Person.objects.count() == before


def test_it_exits_with_1_and_lists_the_problems_of_rows(world):
    with pytest.raises(CommandError) as raised:
        call(FIXTURES / "duplicates.csv", "--organisation", "org")
    assert raised.value.returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        (FIXTURES / "image.png", "--organisation", "org"),
        (FIXTURES / "missing_columns.csv", "--organisation", "org"),
        (FIXTURES / "good_semicolon.csv", "--organisation", "nowhere"),
        (FIXTURES / "good_comma.csv", "--organisation", "org", "--map", "email=Nope"),
    ],
)
def test_it_refuses_with_2_and_the_reason(world, args):
    with pytest.raises(CommandError) as raised:
        call(*args)
    assert raised.value.returncode == 2
    assert str(raised.value)


def test_the_console_script_knows_the_hyphenated_name():
    result = subprocess.run(
        [sys.executable, "-m", "netvaerk", "import-members", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--dry-run" in result.stdout
