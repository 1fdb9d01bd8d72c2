"""A person's own data: the page, the downloads, correction, consents, erasure requests."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from netvaerk.competences.models import Profile, Visibility
from netvaerk.core.models import AuditEntry
from netvaerk.people.models import Person
from netvaerk.privacy.models import ConsentKind, ConsentRecord, DataRequest, RequestStatus
from netvaerk.privacy.selectors.subject import (
    EXCLUDED,
    GENERIC,
    SECTIONS,
    subject_data,
)
from netvaerk.privacy.services.erasure import field_key, person_foreign_keys
from netvaerk.privacy.tests.factories import EMAIL, NAME, subject_with_everything


def _url(world, name: str) -> str:
    return reverse(f"mydata:{name}", kwargs={"org": world.organisation.slug})


def test_every_foreign_key_to_a_person_is_collected_or_deliberately_left_out():
    keys = {field_key(field) for field in person_foreign_keys()}
    missing = keys - SECTIONS - GENERIC - set(EXCLUDED)
    assert not missing, f"add these to subject_data or EXCLUDED: {sorted(missing)}"
    assert not (SECTIONS | set(EXCLUDED)) - keys


def test_subject_data_holds_every_kind_of_data(world):
    subject = subject_with_everything(world)
    data = subject_data(subject.person)
    assert data["person"]["name"] == NAME
    assert data["login"]["email"] == EMAIL
    assert len(data["network_memberships"]) == 2
    assert data["competence_profile"]["tags"] == ["Pressearbejde"]
    assert {row["asked_by_me"] for row in data["sparring_requests"]} == {True, False}
    assert len(data["proposals"]) == 1
    assert data["consents"][0]["kind"] == ConsentKind.NEWSLETTER
    assert len(data["data_requests"]) == 1
    records = {(row["record"], row["as"]) for row in data["other_records"]}
    assert ("events", "created by") in {(r.lower(), a.lower()) for r, a in records}
    json.dumps(data)  # plain values only


def test_the_page_shows_the_persons_data(client_as, world):
    response = client_as("member").get(_url(world, "index"))
    assert response.status_code == 200
    assert "Member Person" in response.content.decode()


def test_the_json_download_is_indented_utf8_with_stable_keys_and_audited(client_as, world):
    member = world.persons["member"]
    member.name = "Søren Østergaard"
    member.save(update_fields=["name"])
    response = client_as("member").get(_url(world, "json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode("utf-8")
    assert "Søren Østergaard" in text
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    assert AuditEntry.objects.filter(action="privacy.data_downloaded_json").count() == 1


def test_the_pdf_download_is_a_pdf_and_audited(client_as, world):
    response = client_as("member").get(_url(world, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="privacy.data_downloaded_pdf").count() == 1


def test_a_correction_changes_the_data_and_moves_the_region_with_the_branch(client_as, world):
    from netvaerk.organisations.tests.factories import BranchFactory

    elsewhere = BranchFactory(organisation=world.organisation)
    response = client_as("member").post(
        _url(world, "correct"),
        {
            "name": "Member Renamed",
            "email": "NEW@example.org",
            "phone": "",
            "branch": elsewhere.pk,
            "language": "en",
        },
    )
    assert response.status_code == 302
    member = Person.objects.get(pk=world.persons["member"].pk)
    assert (member.name, member.email, member.branch_id) == (
        "Member Renamed",
        "new@example.org",
        elsewhere.pk,
    )
    assert member.region_id == elsewhere.region_id


def test_a_correction_with_bad_input_says_so_per_field_and_changes_nothing(client_as, world):
    from netvaerk.organisations.tests.factories import BranchFactory, OrganisationFactory

    foreign = BranchFactory(organisation=OrganisationFactory(slug="elsewhere"))
    response = client_as("member").post(
        _url(world, "correct"),
        {"name": " ", "email": "not-an-address", "branch": foreign.pk, "language": "xx"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name", "email", "branch", "language"} <= set(errors)
    assert Person.objects.get(pk=world.persons["member"].pk).name == "Member Person"


def test_a_name_change_reaches_the_competence_search(world):
    from netvaerk.competences.tests.factories_profiles import profile_of
    from netvaerk.privacy.services.requests import person_correct
    from netvaerk.testing import actor_for

    member = world.persons["member"]
    profile_of(member)
    person_correct(actor=actor_for(member), person=member, name="Ingeborg Quist", language="da")
    from netvaerk.competences.search.index import is_postgresql

    if not is_postgresql():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM competences_profile_fts")
            assert "quist" in " ".join(row[0] for row in cursor.fetchall()).lower()


def test_consents_are_given_and_withdrawn_and_keep_the_switches_in_step(client_as, world):
    from netvaerk.competences.tests.factories_profiles import profile_of

    member = world.persons["member"]
    profile_of(member, visibility=Visibility.ORGANISATION)
    client = client_as("member")
    client.post(_url(world, "consents"), {"kind": ConsentKind.CONTACT_DETAILS, "given": "1"})
    assert Person.objects.get(pk=member.pk).show_contact_details is True
    client.post(_url(world, "consents"), {"kind": ConsentKind.CONTACT_DETAILS, "given": "0"})
    assert Person.objects.get(pk=member.pk).show_contact_details is False
    client.post(_url(world, "consents"), {"kind": ConsentKind.COMPETENCE_LIST, "given": "0"})
    assert Profile.objects.get(person=member).visibility == Visibility.NOBODY
    records = ConsentRecord.objects.filter(person=member)
    assert records.count() == 3
    assert all(record.text and record.text_version == "1" for record in records)
    page = client.get(_url(world, "consents")).content.decode()
    assert "You consent to: “Receive the newsletter”, as described in the privacy notice" in page


def test_a_bad_consent_post_says_so_and_records_nothing(client_as, world):
    response = client_as("member").post(_url(world, "consents"), {"kind": "marketing"})
    assert response.status_code == 302
    assert not ConsentRecord.objects.exists()


def test_an_erasure_request_is_made_confirmed_and_can_be_taken_back(client_as, world):
    client = client_as("member")
    refused = client.post(_url(world, "erase"), {})
    assert refused.status_code == 400
    assert "confirm" in refused.context["form"].errors
    assert not DataRequest.objects.exists()
    assert client.post(_url(world, "erase"), {"confirm": "on"}).status_code == 302
    made = DataRequest.objects.get()
    assert (made.kind, made.channel, made.status) == ("erasure", "web", RequestStatus.OPEN)
    # The month to answer runs from the day it was received where the organisation is.
    assert (made.due_on - timezone.localdate(made.received_at)).days == 30
    client.post(_url(world, "erase_cancel"))
    made.refresh_from_db()
    assert made.status == RequestStatus.CANCELLED


def test_it_refuses_a_second_open_erasure_request(client_as, world):
    client = client_as("member")
    client.post(_url(world, "erase"), {"confirm": "on"})
    client.post(_url(world, "erase"), {"confirm": "on"})
    assert DataRequest.objects.count() == 1


@pytest.mark.parametrize("persona", ["visitor", "outsider", "other_org_staff"])
def test_it_refuses_those_without_a_person_here(client_as, world, persona):
    response = client_as(persona).get(_url(world, "json"))
    assert response.status_code in (302, 403)
