"""Every named page of the project, opened by every persona with a login: wherever the page
shows Pia Privatsen to someone else, that request wrote an access log entry listing her.

Pia is planted everywhere a person can appear: a member of the network, registered for an
event and marked as having come to a past one, with a competence profile the organisation
sees, asked for sparring, the contact of a branch in focused support and the person on a
recruitment entry."""

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from netvaerk.competences.tests.factories_requests import profile_for, sparring_request
from netvaerk.meetings.tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventSeriesFactory,
    RegistrationFactory,
)
from netvaerk.networks.tests.factories import MembershipFactory
from netvaerk.organisations.tests.factories import BranchFactory
from netvaerk.privacy.models import AccessedPerson, AccessEntry
from netvaerk.privacy.tests.factories_access import pia, seen
from netvaerk.programmes.tests.factories import ProgrammeFactory, SupportedBranchFactory
from netvaerk.reach.tests.factories import RecruitmentEntryFactory

NAME = "Pia Privatsen"
VIEWERS = (
    "member",
    "chair",
    "coordination",
    "coordinator",
    "branch_lead",
    "board",
    "staff",
    "org_admin",
    "data_protection",
)
# Pages not opened here, and why.
SKIPPED = {
    # Binary documents: board reports and programme reports carry figures, not persons.
    "reports:pdf": "a PDF (figures only)",
    "reports:docx": "a DOCX (figures only)",
    "programmes:report_pdf": "a PDF (figures only)",
    "programmes:report_docx": "a DOCX (figures only)",
    "programmes:latest_pdf": "a PDF (figures only)",
    "programmes:latest_docx": "a DOCX (figures only)",
    # Secret-token pages are the holder's own: no one else opens them.
    "meetings:registration": "the holder's own page by secret token",
    "meetings:person_calendar": "the holder's own calendar by secret token",
    "meetings:check_in_token": "the holder's own check-in by secret token",
    "meetings:check_in_qr": "the holder's own QR code by secret token",
    "networks:proposal_status": "the proposer's own page by secret token",
    "networks:proposal_answer": "a POST on the proposer's own page",
    "networks:proposal_withdraw": "a POST on the proposer's own page",
}


def _walk(patterns: list[Any], namespace: str = "") -> Any:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, list(pattern.pattern.converters)


def _org_urls() -> dict[str, list[str]]:
    """Every named page below /<org>/, with the arguments it takes besides the organisation."""
    found: dict[str, list[str]] = {}
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and "<slug:org>" in str(pattern.pattern):
            for name, arguments in _walk(pattern.url_patterns):
                found[name] = arguments
    return found


@pytest.fixture
def planted(world) -> dict[str, Any]:
    person = pia(world, user=None)
    MembershipFactory(network=world.network, person=person)
    event = EventFactory(network=world.network)
    RegistrationFactory(event=event, person=person)
    series = EventSeriesFactory(network=world.network)
    past = EventFactory(network=world.network, past=True, series=series)
    RegistrationFactory(event=past, person=person)
    AttendanceFactory(event=past, person=person)
    profile = profile_for(person)
    profile_for(world.persons["member"])
    sparring = sparring_request(requester=world.persons["member"], recipient=person)
    programme = ProgrammeFactory(organisation=world.organisation)
    supported_branch = BranchFactory(organisation=world.organisation, region=world.region)
    SupportedBranchFactory(programme=programme, branch=supported_branch, contact=person)
    lonely = BranchFactory(organisation=world.organisation, region=world.region, slug="lonely")
    RecruitmentEntryFactory(network=world.network, branch=lonely, owner=person)
    return {
        "person": person,
        "person_id": person.pk,
        "network": world.network.slug,
        "event_id": event.pk,
        "series_id": series.pk,
        "profile": profile.pk,
        "sparring_id": sparring.pk,
        "programme": programme.slug,
        "branch": supported_branch.slug,
        "year": timezone.localdate().year,
        "past_event": past.pk,
        "entry_id": seen(world, "chair", [person]).pk,
    }


# Arguments with no object of the world to stand for them: a page needs one made for it.
NEEDS_OBJECT = {
    "version_id", "proposal_id", "attachment_id", "request_id", "question_id",
    "registration_id", "attendance_id", "session_id", "speaker_id", "line_id", "material_id",
    "newsletter_id", "mandate_id", "membership_id", "goal", "indicator", "value", "report",
    "notification_id", "tag", "token",
    # An import's pages show the uploaded file's rows (member numbers, the mapping's preview),
    # not persons held by the organisation; imports/tests cover who may open them.
    "job",
}  # fmt: skip


# Pages that show persons only when asked something.
EXTRA = (
    ("competences:search", "?region=hovedstaden"),
    ("competences:requests", "?tab=sent"),
    ("meetings:attendance", "?q=privatsen"),
)


def _url_for(world, planted, name: str, arguments: list[str]) -> str | None:
    kwargs: dict[str, Any] = {"org": world.organisation.slug}
    for argument in arguments:
        if argument in NEEDS_OBJECT:
            return None
        kwargs[argument] = planted[argument]
    if "event_id" in kwargs and (
        name.startswith("meetings:attendance") or name == "meetings:check_in"
    ):
        kwargs["event_id"] = planted["past_event"]
    if name.startswith("reach:recruitment_entry") or name == "reach:recruitment_note":
        kwargs["branch"] = "lonely"
    return reverse(name, kwargs=kwargs)


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(("text/", "application/json")):
        return ""
    return response.content.decode("utf-8", "replace")


def test_every_page_that_shows_a_person_to_someone_else_records_it(client_as, world, planted):
    person = planted["person"]
    unrecorded: list[str] = []
    opened = 0
    for name, arguments in sorted(_org_urls().items()):
        if name in SKIPPED:
            continue
        url = _url_for(world, planted, name, arguments)
        if url is None:
            continue
        for persona in VIEWERS:
            client = client_as(persona)
            last = AccessEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.get(url)
            if response.status_code != 200:
                continue
            opened += 1
            if NAME not in _body(response):
                continue
            if not AccessedPerson.objects.filter(entry_id__gt=last, person=person).exists():
                unrecorded.append(f"{name} as {persona}")
    for name, query in EXTRA:
        url = _url_for(world, planted, name, _org_urls()[name]) + query
        for persona in VIEWERS:
            client = client_as(persona)
            last = AccessEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.get(url)
            if response.status_code == 200 and NAME in _body(response):
                opened += 1
                if not AccessedPerson.objects.filter(entry_id__gt=last, person=person).exists():
                    unrecorded.append(f"{name}{query} as {persona}")
    assert opened > 300
    assert not unrecorded, f"these pages showed {NAME} and recorded nothing: {unrecorded}"


@pytest.mark.parametrize(
    "name", ["networks:directory", "meetings:events", "competences:my_profile", "people:me"]
)
def test_pages_that_show_no_one_else_record_nothing(client_as, world, planted, name):
    client_as("staff").get(reverse(name, kwargs={"org": world.organisation.slug}))
    assert not AccessEntry.objects.exclude(pk=planted["entry_id"]).exists()
