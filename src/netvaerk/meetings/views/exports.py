"""An event's registrations as CSV and XLSX, for those who may see the registrations."""

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netvaerk.core.access import Actor, org_view
from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.http import HttpRequest
from netvaerk.meetings.access import access_event
from netvaerk.meetings.models import Event, RegistrationQuestion
from netvaerk.meetings.selectors import events as selectors
from netvaerk.privacy.access import record_export


def _header(event: Event, questions: list[RegistrationQuestion]) -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        event.organisation.branch_word.capitalize(),
        _("Status"),
        _("Registered"),
        *(question.text for question in questions),
    ]


def _rows(registrations: Any, questions: list[RegistrationQuestion]) -> Iterator[list[Any]]:
    for registration in registrations.iterator(chunk_size=1000):
        person = registration.person
        yield [
            registration.display_name,
            registration.contact_email,
            person.branch.name if person is not None and person.branch else "",
            registration.get_status_display(),
            registration.registered_at,
            *(registration.answers.get(str(question.pk), "") for question in questions),
        ]


def _export(
    request: HttpRequest, actor: Actor, event_id: int, file_format: str
) -> tuple[Event, list[str], Iterator[list[Any]]]:
    event = access_event(actor, event_id, "meetings.view_registrations")
    include_cancelled = request.GET.get("cancelled") == "1"
    registrations = selectors.event_registrations(event=event, include_cancelled=include_cancelled)
    record_export(
        actor=actor,
        request=request,
        action="meetings.registrations_exported",
        obj=event,
        person_ids=registrations.filter(person__isnull=False).values_list("person_id", flat=True),
        subject=event.title,
        data={"format": file_format, "cancelled": include_cancelled},
    )
    questions = list(event.questions.all())
    return event, _header(event, questions), _rows(registrations, questions)


def _filename(event: Event, extension: str) -> str:
    return f"{_('registrations')}-{event.pk}.{extension}"


@require_GET
@org_view
def registrations_csv(request: HttpRequest, actor: Actor, event_id: int) -> StreamingHttpResponse:
    event, header, rows = _export(request, actor, event_id, "csv")
    return csv_response(_filename(event, "csv"), header, rows)


@require_GET
@org_view
def registrations_xlsx(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event, header, rows = _export(request, actor, event_id, "xlsx")
    return xlsx_response(_filename(event, "xlsx"), _("Registrations"), header, rows)
