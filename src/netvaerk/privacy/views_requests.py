"""The data-protection staff's pages: requests under the GDPR (list, record one made by other
means, act on one) and a person's data. Every page that shows people records it in the access
log."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.people.models import Person
from netvaerk.privacy.access import record_access
from netvaerk.privacy.documents import sections
from netvaerk.privacy.forms import CorrectForm, OutcomeForm, ReasonForm, RequestForm, StaffEraseForm
from netvaerk.privacy.models import AccessKind, DataRequest, RequestKind, RequestStatus
from netvaerk.privacy.selectors import requests as selectors
from netvaerk.privacy.selectors.subject import subject_data
from netvaerk.privacy.services.erasure import person_erase
from netvaerk.privacy.services.requests import (
    person_correct,
    request_create,
    request_done,
    request_refuse,
)
from netvaerk.privacy.views_me import download

STAFF = "privacy.handle_requests"


def _url(actor: Actor, name: str, **kwargs: Any) -> str:
    return reverse(f"privacy:{name}", kwargs={"org": actor.organisation.slug, **kwargs})


def _request(actor: Actor, request_id: int) -> DataRequest:
    return get_object_or_404(
        DataRequest.objects.select_related("person", "handled_by"),
        organisation=actor.organisation,
        pk=request_id,
    )


def _person_of(found: DataRequest) -> Person:
    """The person the request is about; after an erasure there is nobody's data to show."""
    if found.person is None:
        raise Http404
    return found.person


@require_GET
@org_view
def request_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, STAFF)
    page = paginate(
        selectors.request_list(actor.organisation),
        page=request.GET.get("page"),
        per_page=selectors.PAGE_SIZE,
    )
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=[row.person_id for row in page if row.person_id is not None],
        subject=_("Requests under the GDPR"),
    )
    return render(
        request,
        "privacy/requests.html",
        {"page": page, "today": today(), "open": RequestStatus.OPEN},
    )


@require_http_methods(["GET", "POST"])
@org_view
def request_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, STAFF)
    query = request.GET.get("q", "")[:200]
    found = selectors.person_search(actor.organisation, query)
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.SEARCH,
        person_ids=[person.pk for person in found],
        subject=_("Recording a request under the GDPR"),
    )
    form = RequestForm(request.POST if request.method == "POST" else None)

    def again() -> HttpResponse:
        status = 400 if request.method == "POST" else 200
        context = {"form": form, "query": query, "found": found, "searched": bool(query)}
        return render(request, "privacy/request_new.html", context, status=status)

    if request.method == "GET":
        return again()

    def do(data: dict[str, Any]) -> DataRequest:
        person = Person.objects.filter(organisation=actor.organisation, pk=data["person"]).first()
        if person is None:
            raise ServiceError(_("Choose a person found by the search."), field="person")
        return request_create(
            actor=actor,
            person=person,
            kind=data["kind"],
            channel=data["channel"],
            details=data["details"],
        )

    return form_action(
        request,
        form,
        do,
        done=_("The request has been recorded."),
        then=lambda made: _url(actor, "request", request_id=made.pk),
        refused_to=_url(actor, "request_new"),
        again=again,
    )


@require_GET
@org_view
def request_detail(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    ensure(actor, STAFF)
    found = _request(actor, request_id)
    if found.person_id is not None:
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.PERSON,
            person_ids=[found.person_id],
            subject=_("Request under the GDPR"),
        )
    context = {
        "found": found,
        "is_open": found.status == RequestStatus.OPEN,
        "is_erasure": found.kind == RequestKind.ERASURE,
        "overdue": found.status == RequestStatus.OPEN and found.due_on < today(),
        "refuse_form": ReasonForm(),
        "done_form": OutcomeForm(),
        # Its own ids: the refusal's form on the same page has a "reason" field too.
        "erase_form": StaffEraseForm(auto_id="id_erase_%s"),
    }
    return render(request, "privacy/request_detail.html", context)


def _export(request: HttpRequest, actor: Actor, request_id: int, file_format: str) -> HttpResponse:
    ensure(actor, STAFF)
    found = _request(actor, request_id)
    person = _person_of(found)
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.EXPORT,
        person_ids=[person.pk],
        subject=_("Request under the GDPR"),
    )
    return download(actor, person, file_format)


@require_GET
@org_view
def request_json(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    return _export(request, actor, request_id, "json")


@require_GET
@org_view
def request_pdf(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    return _export(request, actor, request_id, "pdf")


@require_http_methods(["GET", "POST"])
@org_view
def request_correct(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    ensure(actor, STAFF)
    found = _request(actor, request_id)
    person = _person_of(found)
    initial = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "branch": person.branch_id,
        "language": person.language,
    }
    form = CorrectForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisation=actor.organisation,
    )
    detail = _url(actor, "request", request_id=found.pk)

    def again() -> HttpResponse:
        status = 400 if request.method == "POST" else 200
        context = {"form": form, "found": found}
        return render(request, "privacy/request_correct.html", context, status=status)

    if request.method == "GET":
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.PERSON,
            person_ids=[person.pk],
            subject=_("Request under the GDPR"),
        )
        return again()
    return form_action(
        request,
        form,
        lambda data: person_correct(actor=actor, person=person, **data),
        done=_("The person's data has been corrected."),
        then=detail,
        again=again,
    )


@require_POST
@org_view
def request_erase(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    ensure(actor, STAFF)
    found = _request(actor, request_id)
    detail = _url(actor, "request", request_id=found.pk)
    form = StaffEraseForm(request.POST)
    if found.person is None or found.status != RequestStatus.OPEN:
        messages.error(request, _("This request has already been closed."))
        return redirect(detail)
    person = found.person
    if not form.is_valid():
        messages.error(request, _("Type the person's name and say why to erase them."))
        return redirect(detail)
    if form.cleaned_data["typed_name"].strip().casefold() != person.name.strip().casefold():
        messages.error(request, _("The name typed is not the person's name; nothing was erased."))
        return redirect(detail)
    try:
        person_erase(actor=actor, person=person, reason=form.cleaned_data["reason"], request=found)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(detail)
    messages.success(request, _("The person has been erased."))
    return redirect(detail)


def _close(
    request: HttpRequest,
    actor: Actor,
    request_id: int,
    form_class: Any,
    service: Any,
    invalid: str,
) -> HttpResponse:
    ensure(actor, STAFF)
    found = _request(actor, request_id)
    detail = _url(actor, "request", request_id=found.pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, invalid)
        return redirect(detail)
    try:
        service(actor=actor, request=found, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request has been closed."))
    return redirect(detail)


@require_POST
@org_view
def request_refuse_view(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    return _close(
        request,
        actor,
        request_id,
        ReasonForm,
        request_refuse,
        _("Say why the request is refused, in at most 4,000 characters."),
    )


@require_POST
@org_view
def request_done_view(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    return _close(
        request,
        actor,
        request_id,
        OutcomeForm,
        request_done,
        _("Say what was done in at most 4,000 characters."),
    )


@require_GET
@org_view
def person_data(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    ensure(actor, STAFF)
    person = get_object_or_404(Person, organisation=actor.organisation, pk=person_id)
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.PERSON,
        person_ids=[person.pk],
        subject=_("A person's data"),
    )
    context = {"person": person, "sections": sections(subject_data(person))}
    return render(request, "privacy/person.html", context)
