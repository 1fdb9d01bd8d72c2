import datetime

import pytest

from netvaerk.core.models import AuditEntry
from netvaerk.imports.engine import report_rows, run
from netvaerk.imports.models import ImportRowIssue
from netvaerk.imports.tests.factories import job_for
from netvaerk.organisations.models import Branch, Region
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def snapshot(org):
    return (
        list(Person.objects.filter(organisation=org).order_by("pk").values()),
        list(Branch.objects.filter(organisation=org).order_by("pk").values()),
        list(Region.objects.filter(organisation=org).order_by("pk").values()),
    )


def problems(job):
    return {
        issue.row: (issue.outcome, [p["code"] for p in issue.problems])
        for issue in ImportRowIssue.objects.filter(job=job)
    }


def test_the_dry_run_reports_what_would_happen_and_writes_no_person(world):
    org = world.organisation
    before = snapshot(org)
    job = job_for(org, "good_semicolon.csv")
    counts = run(job, apply=False)
    assert snapshot(org) == before
    assert counts["created"] == 3
    assert (counts["rejected"], counts["duplicates"]) == (0, 0)
    assert (counts["branches_created"], counts["regions_created"]) == (2, 2)
    job.refresh_from_db()
    assert job.total_rows == 3
    assert job.counts["created"] == 3
    assert not AuditEntry.objects.filter(action="imports.imported").exists()


def test_the_import_creates_persons_with_normalised_values(world):
    org = world.organisation
    job = job_for(org, "good_semicolon.csv")
    counts = run(job, apply=True)
    assert counts["created"] == 3
    soren = Person.objects.get(organisation=org, member_number="0001")
    assert soren.name == "Søren Østergaard"
    assert soren.search_name == "søren østergaard"
    assert soren.email == "soren@example.org"
    assert soren.phone == "+45 12 34 56 78"
    assert soren.is_member
    assert soren.member_since == datetime.date(2020, 12, 24)
    assert soren.branch.name == "Gladsaxe"
    assert soren.region.name == "Region Hovedstaden"
    assert soren.branch.region == soren.region
    ase = Person.objects.get(organisation=org, member_number="0002")
    assert not ase.is_member
    assert ase.phone == "+45 87 65 43 21"
    assert ase.member_since == datetime.date(2019, 3, 1)
    bo = Person.objects.get(organisation=org, member_number="0003")
    assert bo.phone == "+46701234567"
    assert bo.member_since == datetime.date(2018, 2, 1)
    assert (bo.branch, bo.region) == (None, None)
    assert counts["new_contacts"] == [ase.pk]
    entry = AuditEntry.objects.get(action="imports.imported")
    assert entry.data["created"] == 3


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world):
    org = world.organisation
    run(job_for(org, "good_semicolon.csv"), apply=True)
    after_first = snapshot(org)
    second = job_for(org, "good_semicolon.csv")
    counts = run(second, apply=True)
    assert snapshot(org) == after_first
    assert counts["unchanged"] == 3
    assert (counts["created"], counts["updated"]) == (0, 0)
    assert (counts["branches_created"], counts["regions_created"]) == (0, 0)
    assert counts["new_contacts"] == []


def test_it_updates_only_what_the_file_says_differently(world):
    org = world.organisation
    PersonFactory(
        organisation=org,
        member_number="A-7",
        name="Anna Andersen",
        email="old@example.org",
        phone="+45 99 99 99 99",
    )
    kept = PersonFactory(organisation=org, member_number="A-8", name="Bent Bentsen", email="b@x.dk")
    counts = run(job_for(org, "good_comma.csv"), apply=True)
    assert (counts["updated"], counts["unchanged"]) == (1, 1)
    assert counts["changed_fields"] == {"email": 1, "phone": 1}
    anna = Person.objects.get(organisation=org, member_number="A-7")
    assert (anna.email, anna.phone) == ("anna@example.org", "+45 12 34 56 78")
    kept.refresh_from_db()
    assert kept.email == "b@x.dk"  # a blank cell never erases what is known


def test_it_never_touches_a_person_of_another_organisation_with_the_same_number(world):
    other = PersonFactory(member_number="A-7", name="Someone Else", email="else@example.org")
    run(job_for(world.organisation, "good_comma.csv"), apply=True)
    other.refresh_from_db()
    assert (other.name, other.email) == ("Someone Else", "else@example.org")
    assert Person.objects.filter(organisation=world.organisation, member_number="A-7").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "broken_dates.csv",
            {
                2: ("reject", ["invalid_date"]),
                3: ("reject", ["ambiguous_date"]),
                4: ("reject", ["invalid_date"]),
            },
        ),
        (
            "broken_emails.csv",
            {2: ("reject", ["invalid_email"]), 3: ("reject", ["invalid_email"])},
        ),
        (
            "broken_member_numbers.csv",
            {
                2: ("reject", ["missing"]),
                3: ("reject", ["invalid_member_number"]),
                4: ("reject", ["invalid_member_number"]),
            },
        ),
        ("duplicates.csv", {4: ("duplicate", ["duplicate"])}),
        ("other_organisation.csv", {3: ("reject", ["other_organisation"])}),
        ("long_fields.csv", {2: ("reject", ["too_long"]), 3: ("reject", ["too_long"])}),
        ("ragged.csv", {3: ("reject", ["wrong_field_count"])}),
    ],
)
def test_it_reports_each_broken_row_and_imports_the_others(world, name, expected):
    org = world.organisation
    before = snapshot(org)
    job = job_for(org, name)
    dry = run(job, apply=False)
    assert snapshot(org) == before
    assert problems(job) == expected
    counts = run(job, apply=True)
    assert problems(job) == expected
    rejected = sum(1 for outcome, _ in expected.values() if outcome == "reject")
    assert counts["rejected"] == dry["rejected"] == rejected
    assert counts["created"] == dry["created"] == dry["rows"] - len(expected)
    assert Person.objects.filter(organisation=org).count() == len(before[0]) + counts["created"]


def test_the_dates_of_a_file_are_read_the_danish_way(world):
    org = world.organisation
    run(job_for(org, "broken_dates.csv"), apply=True)
    # An Excel serial number: 44190 days after 1899-12-30 is Christmas Day 2020.
    assert Person.objects.get(organisation=org, member_number="4").member_since == (
        datetime.date(2020, 12, 25)
    )


def test_leading_zeros_of_a_member_number_are_kept(world):
    run(job_for(world.organisation, "broken_member_numbers.csv"), apply=True)
    assert Person.objects.filter(organisation=world.organisation, member_number="007").exists()


def test_a_duplicate_names_the_row_it_repeats(world):
    job = job_for(world.organisation, "duplicates.csv")
    run(job, apply=False)
    assert list(report_rows(job)) == [
        (4, "duplicate", "5", "The same member number is also on row 2.")
    ]


def test_a_row_of_another_organisation_is_refused_and_this_ones_slug_accepted(world):
    job = job_for(world.organisation, "other_organisation.csv")
    counts = run(job, apply=True)
    assert counts["created"] == 2
    assert list(report_rows(job)) == [
        (3, "reject", "2", "The row belongs to another organisation (Andet Parti).")
    ]


def test_a_formula_is_stored_as_text(world):
    org = world.organisation
    run(job_for(org, "formula.csv"), apply=True)
    person = Person.objects.get(organisation=org, member_number="1")
    assert person.name == '=HYPERLINK("http://evil.example","klik")'
    assert person.branch.name == "=1+1"


@pytest.mark.parametrize(
    ("name", "number", "person_name"),
    [
        ("cp1252.csv", "1", "Jens Hæsbæk – formand"),
        ("latin1.csv", "1", "Kåre Ærø"),
        ("bom_utf8.csv", "1", "Bjørn Ødegård"),
    ],
)
def test_danish_letters_survive_every_encoding(world, name, number, person_name):
    run(job_for(world.organisation, name), apply=True)
    person = Person.objects.get(organisation=world.organisation, member_number=number)
    assert person.name == person_name


def test_an_existing_branch_is_found_by_name_whatever_the_case(world, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Medlemsnr;Navn;Afdeling\n1;Anna A;branch GLADSAXE\n")
    counts = run(job_for(world.organisation, path), apply=True)
    person = Person.objects.get(organisation=world.organisation, member_number="1")
    assert (person.branch, person.region) == (world.branch, world.region)
    assert counts["branches_created"] == 0


def test_a_new_branch_without_a_region_rejects_the_row(world, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Medlemsnr;Navn;Afdeling\n1;Anna A;Nowhere\n")
    job = job_for(world.organisation, path)
    run(job, apply=True)
    assert [row[3] for row in report_rows(job)] == [
        "The branch “Nowhere” does not exist, and the row names no region to create it in."
    ]


def test_an_unknown_language_is_a_warning_and_the_row_is_imported(world, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Medlemsnr;Navn;Sprog\n1;Anna A;klingon\n2;Bo B;Engelsk\n")
    job = job_for(world.organisation, path)
    counts = run(job, apply=True)
    assert (counts["created"], counts["warnings"]) == (2, 1)
    assert problems(job) == {2: ("create", ["unknown_language"])}
    assert Person.objects.get(organisation=world.organisation, member_number="2").language == "en"


def test_an_xlsx_with_date_cells_and_numbers_is_read_like_a_csv(world):
    org = world.organisation
    job = job_for(org, "dates.xlsx")
    counts = run(job, apply=True)
    assert counts["created"] == 4
    karen = Person.objects.get(organisation=org, member_number="101")
    assert karen.member_since == datetime.date(2020, 12, 24)
    assert karen.phone == "+45 12 34 56 78"
    niels = Person.objects.get(organisation=org, member_number="0102")
    assert (niels.member_since, niels.is_member) == (datetime.date(2001, 5, 17), False)
    tycho = Person.objects.get(organisation=org, member_number="103")
    assert tycho.member_since == datetime.date(2020, 12, 25)
    formula = Person.objects.get(organisation=org, member_number="104")
    assert formula.name.startswith("=HYPERLINK(")


def test_progress_is_reported_up_to_the_total(world):
    calls = []
    run(
        job_for(world.organisation, "good_semicolon.csv"),
        apply=False,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (3, 3)


def test_progress_moves_before_the_end_on_a_large_file(world, tmp_path):
    path = tmp_path / "many.csv"
    lines = ["Medlemsnr;Navn"] + [f"{n};Person {n}" for n in range(1, 5001)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls = []
    run(
        job_for(world.organisation, path),
        apply=True,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (5000, 5000)
    moving = [done for done, total in calls[:-1] if 0 < done < total]
    assert len(moving) >= 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
