"""Consent records and the switches that follow them; the newsletter honours a withdrawal."""

import pytest

from netvaerk.core.errors import ServiceError
from netvaerk.meetings.services.outreach import newsletter_recipients
from netvaerk.people.services import person_update_contact_consent
from netvaerk.privacy.models import ConsentKind, ConsentRecord
from netvaerk.privacy.selectors.consents import current_consents
from netvaerk.privacy.services.consents import consent_record
from netvaerk.testing import actor_for


def _record(actor, person, kind, given, **kwargs):
    return consent_record(
        actor=actor,
        person=person,
        kind=kind,
        given=given,
        channel=kwargs.pop("channel", "web"),
        text="The sentence shown.",
        text_version="3",
        **kwargs,
    )


def test_the_contact_consent_of_the_people_page_is_a_consent_record(world):
    member = world.persons["member"]
    person_update_contact_consent(actor=actor_for(member), show_contact_details=True)
    record = ConsentRecord.objects.get(person=member)
    assert (record.kind, record.given, record.channel) == ("contact_details", True, "web")
    member.refresh_from_db()
    assert member.show_contact_details is True


def test_current_consents_are_the_latest_of_each_kind_in_one_query(
    world, django_assert_num_queries
):
    member = world.persons["member"]
    me = actor_for(member)
    _record(me, member, ConsentKind.NEWSLETTER, True)
    _record(me, member, ConsentKind.NEWSLETTER, False)
    _record(me, member, ConsentKind.CONTACT_DETAILS, True)
    with django_assert_num_queries(1):
        current = current_consents(member)
    assert current[ConsentKind.NEWSLETTER].given is False
    assert current[ConsentKind.CONTACT_DETAILS].given is True
    assert current[ConsentKind.COMPETENCE_LIST] is None


def test_a_withdrawn_newsletter_consent_takes_the_person_off_the_newsletter(world):
    member, chair = world.persons["member"], world.persons["chair"]
    _record(actor_for(member), member, ConsentKind.NEWSLETTER, True)
    _record(actor_for(member), member, ConsentKind.NEWSLETTER, False)
    _record(actor_for(chair), chair, ConsentKind.NEWSLETTER, True)
    recipients = set(newsletter_recipients(organisation=world.organisation))
    assert member not in recipients
    assert chair in recipients
    # Never asked: a member still gets it (see newsletter_recipients).
    assert world.persons["board"] in recipients


def test_staff_record_a_consent_on_paper_for_a_person(world):
    member = world.persons["member"]
    record = _record(world.actor("data_protection"), member, "newsletter", True, channel="letter")
    assert record.recorded_by == world.persons["data_protection"]


def test_it_refuses_others_consents_unknown_kinds_and_channels(world):
    member = world.persons["member"]
    with pytest.raises(ServiceError):
        _record(world.actor("chair"), member, "newsletter", True)
    with pytest.raises(ServiceError) as refused:
        _record(actor_for(member), member, "marketing", True)
    assert refused.value.field == "kind"
    with pytest.raises(ServiceError) as refused:
        _record(actor_for(member), member, "newsletter", True, channel="pigeon")
    assert refused.value.field == "channel"
    assert not ConsentRecord.objects.exists()


def test_the_import_records_consents_from_the_member_system_but_not_by_web(world):
    member = world.persons["member"]
    staff = world.actor("staff")
    record = _record(staff, member, ConsentKind.NEWSLETTER, True, channel="import")
    assert record.recorded_by == world.persons["staff"]
    with pytest.raises(ServiceError):
        _record(staff, member, ConsentKind.NEWSLETTER, False, channel="web")
