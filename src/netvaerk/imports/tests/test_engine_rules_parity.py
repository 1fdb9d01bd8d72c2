"""Every cell a member system may hand us is read by the rules of `normalise` — on PostgreSQL
the reading is SQL (shape tests instead of regular expressions), so these rows, each with one
awkward cell, are imported and compared with what the Python rules say of the same cell."""

import csv

import pytest

from netvaerk.imports.engine import run
from netvaerk.imports.engine.rows import read_row
from netvaerk.imports.models import ImportRowIssue
from netvaerk.imports.tests.factories import job_for
from netvaerk.people.models import Person

pytestmark = pytest.mark.django_db

HEADINGS = ["Medlemsnr", "Fornavn", "Efternavn", "E-mail", "Mobil", "Medlemsstatus", "Indmeldt"]
BASE = ["", "Anna", "Berg", "", "", "", ""]

AWKWARD = {
    "Indmeldt": [
        "24-12-2020",
        "1-2-2020",
        "24.12.2020",
        "24/12/2020",
        "24.12-2020",
        "2020-12-24",
        "2020-1-2",
        "2020-12-24 10:30:00",
        "2020-12-24T10:30",
        "2020-12-24x",
        "2020/12/24",
        "29-02-2020",
        "29-02-2021",
        "29-02-1900",
        "29-02-2000",
        "31-04-2020",
        "31-12-1799",
        "01-01-1800",
        "31-12-2200",
        "01-01-2201",
        "00-01-2020",
        "01-13-2020",
        "44190",
        "4419",
        "441900",
        "24-12-20",
        "1-2-20",
        "24-12-202",
        "123-12-2020",
        "i går",
        "  24-12-2020 ",
        "24-12-2020\u00a0",
    ],
    "Mobil": [
        "12345678",
        "12 34 56 78",
        "12-34-56-78",
        "(12) 34.56.78",
        "+4512345678",
        "+45 12 34 56 78",
        "004512345678",
        "0045 1234 5678",
        "+46701234567",
        "0046701234567",
        "+123456",
        "+12345",
        "+1234567890123456",
        "+12345678901234567",
        "00123456",
        "0012345",
        "1234567",
        "123456789",
        "12345678a",
        "+45123456789",
        "++4512345678",
        "\t12345678",
        "12\u00a034\u00a056\u00a078",
    ],
    "E-mail": [
        "anna@example.org",
        "  Anna@Example.ORG ",
        "anna@example",
        "anna@.org",
        "anna@example.",
        "@example.org",
        "anna@@example.org",
        "anna@ex@ample.org",
        "an na@example.org",
        "a@b.c",
        "a@b..c",
        "a@.b.c",
        "an\u00a0na@example.org",
        "anna@example.org\u00a0",
    ],
    "Medlemsnr": [
        "0001",
        "A-17",
        "x" * 40,
        "x" * 41,
        "12 34",
        "12/34",
        "æ12",
        "  0009 ",
        "\u00a00010\u202f",
    ],
    "Fornavn": [
        "Anna  Marie",
        " Anna",
        "Anna\tMarie",
        "Søren",
        "",
        # A spreadsheet's no-break spaces and the other whitespace PostgreSQL's [[:space:]]
        # does not know.
        "Anna\u00a0Marie",
        "Anna \u00a0 Marie",
        "\u202fAnna\u2007Marie\u0085",
        "Anna\u001fMarie",
    ],
    "Medlemsstatus": ["Medlem", "KONTAKT", "ikke  medlem", "Aktivt medlem", "måske"],
}


def _rows() -> list[list[str]]:
    rows = []
    for column, values in AWKWARD.items():
        index = HEADINGS.index(column)
        for value in values:
            row = list(BASE)
            row[index] = value
            if column != "Medlemsnr":
                # Apart from the member numbers of the table above.
                row[0] = f"R{len(rows) + 1:04d}"
            rows.append(row)
    return rows


def test_the_rows_are_read_as_the_python_rules_read_them(world, tmp_path):
    rows = _rows()
    path = tmp_path / "awkward.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    org = world.organisation
    job = job_for(org, path)
    run(job, apply=True)
    issues = {issue.row: issue for issue in ImportRowIssue.objects.filter(job=job)}
    positions = {field: HEADINGS.index(column) for field, column in job.mapping.items()}
    for number, record in enumerate(rows, 2):
        expected = read_row(
            number, record, positions=positions, width=len(HEADINGS), own_names=frozenset()
        )
        codes = [p["code"] for p in expected.problems]
        if codes:
            issue = issues.get(number)
            assert issue is not None, (record, codes)
            assert [p["code"] for p in issue.problems] == codes, record
            continue
        assert number not in issues or issues[number].outcome != "reject", record
        person = Person.objects.get(organisation=org, member_number=expected.member_number)
        assert (
            person.name,
            person.email,
            person.phone,
            person.is_member,
            person.member_since,
        ) == (
            expected.name,
            expected.email,
            expected.phone,
            True if expected.is_member is None else expected.is_member,
            expected.member_since,
        ), record
