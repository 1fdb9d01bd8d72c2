"""The data-protection staff's pages: the list of requests, recording one made by other
means, acting on it (download, correct, erase, refuse, done) and a person's data."""

import datetime

from django.urls import reverse
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory
from netvaerk.privacy.models import AccessedPerson, AccessEntry, DataRequest, RequestStatus


def _url(world, name: str, **kwargs) -> str:
    return reverse(f"privacy:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def _request(world, person=None, *, days_left: int = 30, status=RequestStatus.OPEN, kind="erasure"):
    return DataRequest.objects.create(
        organisation=world.organisation,
        person=person or world.persons["member"],
        kind=kind,
        channel="letter",
        status=status,
        due_on=timezone.localdate() + datetime.timedelta(days=days_left),
    )


def test_the_list_shows_open_requests_first_and_marks_the_overdue(client_as, world):
    _request(world, status=RequestStatus.DONE, days_left=-50)
    overdue = _request(world, world.persons["chair"], days_left=-2)
    later = _request(world, world.persons["board"], days_left=20)
    response = client_as("data_protection").get(_url(world, "requests"))
    rows = list(response.context["page"].object_list)
    assert [row.pk for row in rows[:2]] == [overdue.pk, later.pk]
    assert rows[2].status == RequestStatus.DONE
    assert response.content.decode().count("Overdue") == 1


def test_the_list_records_the_persons_it_showed(client_as, world):
    _request(world)
    client_as("data_protection").get(_url(world, "requests"))
    entry = AccessEntry.objects.get(view_name="privacy:requests")
    assert entry.person_count == 1
    assert AccessedPerson.objects.filter(entry=entry, person=world.persons["member"]).exists()


def test_the_list_costs_the_same_queries_for_3_or_30_requests(client_as, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("data_protection")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(world, "requests")).status_code == 200
        return len(captured)

    for _n in range(3):
        _request(world, PersonFactory(organisation=world.organisation), kind="access")
    client.get(_url(world, "requests"))
    few = queries()
    for _n in range(27):
        _request(world, PersonFactory(organisation=world.organisation), kind="access")
    assert queries() == few


def test_a_page_number_out_of_range_or_malformed_gives_a_page(client_as, world):
    client = client_as("data_protection")
    for page in ("999", "x", "-1"):
        assert client.get(_url(world, "requests"), {"page": page}).status_code == 200


def test_staff_find_a_person_and_record_a_request_made_by_phone(client_as, world):
    client = client_as("data_protection")
    member = world.persons["member"]
    found = client.get(_url(world, "request_new"), {"q": "member pers"})
    assert member in found.context["found"]
    response = client.post(
        _url(world, "request_new"),
        {"person": member.pk, "kind": "access", "channel": "phone", "details": "Called."},
    )
    made = DataRequest.objects.get()
    assert response["Location"] == _url(world, "request", request_id=made.pk)
    assert (made.person, made.channel, made.kind) == (member, "phone", "access")


def test_recording_a_request_for_a_person_of_another_organisation_is_refused(client_as, world):
    stranger = PersonFactory()
    response = client_as("data_protection").post(
        _url(world, "request_new"), {"person": stranger.pk, "kind": "access", "channel": "phone"}
    )
    assert response.status_code == 400
    assert not DataRequest.objects.exists()


def test_recording_a_request_with_bad_input_says_so(client_as, world):
    response = client_as("data_protection").post(
        _url(world, "request_new"), {"person": "x", "kind": "nonsense", "channel": "import"}
    )
    assert response.status_code == 400
    assert {"person", "kind", "channel"} <= set(response.context["form"].errors)


def test_staff_download_the_persons_data_as_an_export_in_the_log(client_as, world):
    request = _request(world)
    client = client_as("data_protection")
    response = client.get(_url(world, "request_json", request_id=request.pk))
    assert response.status_code == 200
    assert b"Member Person" in response.content
    assert AccessEntry.objects.filter(kind="export").count() == 1
    assert client.get(_url(world, "request_pdf", request_id=request.pk)).content[:4] == b"%PDF"


def test_staff_erase_the_person_only_with_the_name_typed(client_as, world):
    request = _request(world)
    member = world.persons["member"]
    client = client_as("data_protection")
    client.post(
        _url(world, "request_erase", request_id=request.pk),
        {"typed_name": "Someone Else", "reason": "Asked."},
    )
    assert Person.objects.filter(pk=member.pk).exists()
    client.post(
        _url(world, "request_erase", request_id=request.pk),
        {"typed_name": "member person", "reason": "Asked by letter."},
    )
    assert not Person.objects.filter(pk=member.pk).exists()
    request.refresh_from_db()
    assert (request.status, request.person) == (RequestStatus.DONE, None)
    page = client.get(_url(world, "request", request_id=request.pk))
    assert page.status_code == 200
    assert "Erased person" in page.content.decode()
    assert client.get(_url(world, "request_json", request_id=request.pk)).status_code == 404


def test_staff_refuse_with_a_reason_and_mark_done(client_as, world):
    refused = _request(world)
    done = _request(world, world.persons["chair"], kind="access")
    client = client_as("data_protection")
    client.post(_url(world, "request_refuse", request_id=refused.pk), {"reason": ""})
    refused.refresh_from_db()
    assert refused.status == RequestStatus.OPEN
    client.post(_url(world, "request_refuse", request_id=refused.pk), {"reason": "Legal hold."})
    client.post(_url(world, "request_done", request_id=done.pk), {"outcome": "Sent by post."})
    refused.refresh_from_db()
    done.refresh_from_db()
    assert (refused.status, refused.outcome) == (RequestStatus.REFUSED, "Legal hold.")
    assert (done.status, done.handled_by) == (RequestStatus.DONE, world.persons["data_protection"])
    client.post(_url(world, "request_done", request_id=done.pk), {"outcome": "Again."})
    done.refresh_from_db()
    assert done.outcome == "Sent by post."


def test_an_outcome_too_long_says_so_and_leaves_the_request_open(client_as, world):
    found = _request(world, kind="access")
    response = client_as("data_protection").post(
        _url(world, "request_done", request_id=found.pk), {"outcome": "x" * 4001}, follow=True
    )
    found.refresh_from_db()
    assert found.status == RequestStatus.OPEN
    assert "Say what was done in at most 4,000 characters." in response.content.decode()


def test_the_request_page_gives_each_field_its_own_id(client_as, world):
    found = _request(world)
    body = client_as("data_protection").get(_url(world, "request", request_id=found.pk))
    html = body.content.decode()
    assert html.count('id="id_reason"') == 1
    assert html.count('id="id_erase_reason"') == 1


def test_staff_correct_the_persons_data(client_as, world):
    request = _request(world, kind="correction")
    client_as("data_protection").post(
        _url(world, "request_correct", request_id=request.pk),
        {"name": "Member Corrected", "email": "m@example.org", "language": "da"},
    )
    assert Person.objects.get(pk=world.persons["member"].pk).name == "Member Corrected"
    assert AuditEntry.objects.filter(action="person.corrected").exists()


def test_a_persons_data_page_is_recorded_in_the_access_log(client_as, world):
    member = world.persons["member"]
    response = client_as("data_protection").get(_url(world, "person", person_id=member.pk))
    assert response.status_code == 200
    entry = AccessEntry.objects.get(view_name="privacy:person")
    assert entry.kind == "person"
    assert AccessedPerson.objects.filter(entry=entry, person=member).exists()


def test_ids_of_another_organisation_or_unknown_are_not_there(client_as, world):
    client = client_as("data_protection")
    stranger = PersonFactory()
    assert client.get(_url(world, "person", person_id=stranger.pk)).status_code == 404
    assert client.get(_url(world, "request", request_id=99999)).status_code == 404
