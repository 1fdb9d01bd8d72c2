import zipfile

import pytest

from netvaerk.imports.engine import ImportFileError, guess_mapping, inspect, mapping_errors
from netvaerk.imports.tests.factories import FIXTURES


def info(name, **kwargs):
    return inspect(FIXTURES / name, original_name=name, max_bytes=kwargs.get("max_bytes"))


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("good_semicolon.csv", "utf-8", ";"),
        ("good_comma.csv", "utf-8", ","),
        ("bom_utf8.csv", "utf-8-sig", ";"),
        ("cp1252.csv", "cp1252", ";"),
        ("latin1.csv", "latin-1", ";"),
    ],
)
def test_it_detects_the_encoding_and_delimiter_of_a_csv(name, encoding, delimiter):
    found = info(name)
    assert (found.format, found.encoding, found.delimiter) == ("csv", encoding, delimiter)
    assert found.columns[0] in {"Medlemsnr", "member number"}


def test_it_reads_danish_letters_of_a_cp1252_file_as_columns():
    assert info("cp1252.csv").columns == ["Medlemsnr", "Navn", "Afdeling", "Region"]


def test_it_recognises_an_xlsx_by_its_content_whatever_its_name(tmp_path):
    renamed = tmp_path / "members.csv"
    renamed.write_bytes((FIXTURES / "dates.xlsx").read_bytes())
    found = inspect(renamed, original_name="members.csv", max_bytes=None)
    assert found.format == "xlsx"
    assert found.columns[:2] == ["Medlemsnummer", "Navn"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("image.png", "not a CSV or XLSX"),
        ("pdf_renamed.csv", "not a CSV or XLSX"),
        ("document.docx", "not a spreadsheet"),
        ("empty.csv", "is empty"),
        ("header_only.csv", "no rows of persons"),
    ],
)
def test_it_refuses_a_file_it_cannot_import_with_the_reason(name, words):
    with pytest.raises(ImportFileError, match=words):
        info(name)


def test_it_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    big = tmp_path / "big.csv"
    # A sparse file of 200 MB: it costs no disk, and inspect must not read it to refuse it.
    with big.open("wb") as file:
        file.write(b"Medlemsnr;Navn\n")
        file.truncate(200 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="up to 100 MB"):
        inspect(big, original_name="big.csv", max_bytes=100_000_000)


def test_it_refuses_a_password_protected_spreadsheet(tmp_path):
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le")
    )
    with pytest.raises(ImportFileError, match="password"):
        inspect(locked, original_name="locked.xlsx", max_bytes=None)


def test_it_refuses_a_zip_that_is_not_a_spreadsheet(tmp_path):
    archive = tmp_path / "x.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError, match="not a spreadsheet"):
        inspect(archive, original_name="x.xlsx", max_bytes=None)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("Medlemsnr;;Navn\n1;2;3\n", "Column 2 has no heading"),
        ("Medlemsnr;Navn;navn\n1;2;3\n", "Two columns have the heading"),
        ("\n1;2\n", "no heading row"),
    ],
)
def test_it_refuses_empty_or_duplicate_headings(tmp_path, content, words):
    path = tmp_path / "x.csv"
    path.write_text(content)
    with pytest.raises(ImportFileError, match=words):
        inspect(path, original_name="x.csv", max_bytes=None)


def test_it_guesses_the_mapping_from_danish_headings():
    columns = info("good_semicolon.csv").columns
    assert guess_mapping(columns, {}) == {
        "member_number": "Medlemsnr",
        "name": "Navn",
        "email": "E-mail",
        "phone": "Telefon",
        "branch": "Afdeling",
        "region": "Region",
        "is_member": "Medlem",
        "member_since": "Indmeldt",
    }


def test_a_remembered_heading_wins_over_the_known_ones():
    mapping = guess_mapping(
        ["Nr", "Navn", "Kaldenavn"], {"nr": "member_number", "kaldenavn": "name"}
    )
    assert mapping == {"member_number": "Nr", "name": "Kaldenavn"}


def test_first_and_last_names_stand_in_for_the_whole_name():
    mapping = guess_mapping(["member number", "first name", "last name"], {})
    assert mapping_errors(mapping, ["member number", "first name", "last name"]) == []


def test_it_names_every_mistake_of_a_mapping():
    errors = mapping_errors({"email": "Nope", "phone": "Navn", "language": "Navn"}, ["Navn"])
    text = " ".join(errors)
    assert "no column “Nope”" in text
    assert "member number" in text
    assert "the name" in text
    assert "is chosen for both" in text
