"""The access log's pages: search, one entry, the exports, bad input, the cost of a page,
and the log refusing to be changed."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netvaerk.core.models import AuditEntry
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.privacy.models import AccessedPerson, AccessEntry, AccessKind
from netvaerk.privacy.tests.factories_access import pia, seen


def _url(world, name="accesslog:index", **kwargs):
    return reverse(name, kwargs={"org": world.organisation.slug, **kwargs})


def _body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def test_it_lists_the_entries_newest_first(client_as, world):
    seen(world, "chair", [world.persons["member"]], subject="Older subject")
    seen(world, "staff", [world.persons["member"]], subject="Newer subject")
    body = client_as("data_protection").get(_url(world)).content.decode()
    assert body.index("Newer subject") < body.index("Older subject")
    assert "Chair Person" in body
    assert "Staff Person" in body


def test_it_finds_the_entries_that_showed_a_person_by_name_and_by_member_number(client_as, world):
    person = pia(world)
    seen(world, "chair", [person], subject="Pia was here")
    seen(world, "staff", [world.persons["member"]], subject="Only the member")
    client = client_as("data_protection")
    for text in ("privatsen", "P-4711"):
        body = client.get(_url(world), {"person": text}).content.decode()
        assert "Pia was here" in body
        assert "Only the member" not in body


def test_a_search_for_a_person_is_itself_recorded(client_as, world):
    person = pia(world)
    client_as("data_protection").get(_url(world), {"person": "Pia Privatsen"})
    entry = AccessEntry.objects.get(kind=AccessKind.SEARCH)
    assert entry.viewer_person == world.persons["data_protection"]
    assert list(entry.persons.values_list("person_id", flat=True)) == [person.pk]
    assert entry.view_name == "accesslog:index"


def test_it_filters_by_viewer_kind_and_dates(client_as, world):
    seen(world, "chair", [world.persons["member"]], subject="By the chair")
    seen(
        world, "staff", [world.persons["member"]], subject="Staff download", kind=AccessKind.EXPORT
    )
    client = client_as("data_protection")
    body = client.get(_url(world), {"viewer": "chair"}).content.decode()
    assert "By the chair" in body
    assert "Staff download" not in body
    body = client.get(_url(world), {"kind": "export"}).content.decode()
    assert "Staff download" in body
    assert "By the chair" not in body
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    body = client.get(_url(world), {"date_from": tomorrow.isoformat()}).content.decode()
    assert "By the chair" not in body
    assert "No entries match." in body
    body = client.get(_url(world), {"date_to": timezone.localdate().isoformat()}).content.decode()
    assert "By the chair" in body


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "31-02-2024"},
        {"date_from": "2024-05-02", "date_to": "2024-05-01"},
        {"kind": "everything"},
        {"person": "x" * 500},
    ],
)
def test_it_explains_bad_search_input_and_changes_nothing(client_as, world, query):
    seen(world, "chair", [world.persons["member"]])
    before = AccessEntry.objects.count()
    client = client_as("data_protection")
    response = client.get(_url(world), query)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    for name in ("accesslog:csv", "accesslog:xlsx"):
        response = client.get(_url(world, name), query)
        assert response.status_code == 400
    assert AccessEntry.objects.count() == before
    assert not AuditEntry.objects.filter(action="privacy.access_log_exported").exists()


def test_a_page_number_out_of_range_gives_a_page(client_as, world):
    seen(world, "chair", [world.persons["member"]])
    response = client_as("data_protection").get(_url(world), {"page": "abc"})
    assert response.status_code == 200


def test_an_entry_shows_its_persons_and_is_itself_recorded(client_as, world):
    person = pia(world)
    entry = seen(world, "chair", [person, world.persons["member"]])
    response = client_as("data_protection").get(_url(world, "accesslog:entry", entry_id=entry.pk))
    body = response.content.decode()
    assert "Pia Privatsen" in body
    assert "P-4711" in body
    assert "Member Person" in body
    again = AccessEntry.objects.exclude(pk=entry.pk).get()
    assert again.view_name == "accesslog:entry"
    assert set(again.persons.values_list("person_id", flat=True)) == {
        person.pk,
        world.persons["member"].pk,
    }


def test_an_unknown_entry_is_not_found(client_as, world):
    response = client_as("data_protection").get(_url(world, "accesslog:entry", entry_id=999999))
    assert response.status_code == 404


def test_a_viewer_since_erased_is_named_so(client_as, world):
    viewer = PersonFactory(organisation=world.organisation, name="Gone Viewer")
    world.persons["gone"] = viewer
    seen(world, "gone", [world.persons["member"]], subject="Seen by someone gone")
    viewer.delete()
    body = client_as("data_protection").get(_url(world)).content.decode()
    assert "A person since erased" in body
    assert "Gone Viewer" not in body


def test_the_exports_hold_the_filtered_log_and_are_audited(client_as, world):
    seen(world, "chair", [world.persons["member"]], subject='=HYPERLINK("http://x")')
    seen(world, "staff", [world.persons["member"]], subject="By the staff")
    client = client_as("data_protection")
    response = client.get(_url(world, "accesslog:csv"), {"viewer": "chair"})
    assert response.status_code == 200
    assert response.streaming
    text = _body(response)
    assert "Chair Person" in text
    assert "By the staff" not in text
    assert "'=HYPERLINK" in text
    response = client.get(_url(world, "accesslog:xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {row[1] for row in rows[1:]} == {"Chair Person", "Staff Person"}
    audited = AuditEntry.objects.filter(action="privacy.access_log_exported")
    assert sorted(entry.data["format"] for entry in audited) == ["csv", "xlsx"]


def test_the_log_page_costs_the_same_for_few_and_many_entries(client_as, world):
    client = client_as("data_protection")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(world), {"person": "member"}).status_code == 200
        return len(captured)

    for index in range(3):
        seen(world, "chair", [world.persons["member"], pia(world, member_number=f"A{index}")])
    few = queries()
    for index in range(27):
        seen(world, "chair", [world.persons["member"], pia(world, member_number=f"B{index}")])
    assert queries() == few


def test_the_log_refuses_to_be_changed_or_deleted(world):
    entry = seen(world, "chair", [world.persons["member"]])
    entry.subject = "Changed"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    with pytest.raises(ValueError, match="append-only"):
        AccessEntry.objects.filter(pk=entry.pk).update(subject="Changed")
    with pytest.raises(ValueError, match="append-only"):
        AccessEntry.objects.all().delete()
    assert AccessEntry.objects.get().subject == "Boligpolitisk netværk"
    assert AccessedPerson.objects.count() == 1
