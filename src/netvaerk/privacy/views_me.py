"""A person's own data (/<org>/me/data/): see it all, download it (JSON, PDF), correct it,
give or withdraw consents, ask for erasure and take that back while it is open."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.exports import file_response
from netvaerk.core.http import HttpRequest
from netvaerk.people.models import Person
from netvaerk.privacy.documents import data_json, data_pdf, sections
from netvaerk.privacy.forms import ConsentForm, CorrectForm, EraseForm
from netvaerk.privacy.models import Channel, ConsentKind, DataRequest, RequestKind, RequestStatus
from netvaerk.privacy.selectors.consents import consent_history, current_consents
from netvaerk.privacy.selectors.notice import notice_version
from netvaerk.privacy.selectors.subject import subject_data
from netvaerk.privacy.services.consents import consent_record
from netvaerk.privacy.services.requests import person_correct, request_cancel, request_create

OWN = "privacy.own_data"


def _url(actor: Actor, name: str) -> str:
    return reverse(f"mydata:{name}", kwargs={"org": actor.organisation.slug})


def _me(actor: Actor) -> Person:
    ensure(actor, OWN)
    assert actor.person is not None
    return actor.person


@require_GET
@org_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    person = _me(actor)
    context = {"sections": sections(subject_data(person)), "person": person}
    return render(request, "privacy/me_data.html", context)


def download(actor: Actor, person: Person, file_format: str) -> HttpResponse:
    """The person's data as a file, audited as a read (shared with the staff's pages)."""
    data = subject_data(person)
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action=f"privacy.data_downloaded_{file_format}",
        obj=person,
        read=True,
    )
    if file_format == "json":
        return file_response(
            data_json(data), content_type="application/json; charset=utf-8", filename="data.json"
        )
    content = data_pdf(data, organisation=actor.organisation, language=person.language)
    return file_response(content, content_type="application/pdf", filename="data.pdf")


@require_GET
@org_view
def as_json(request: HttpRequest, actor: Actor) -> HttpResponse:
    return download(actor, _me(actor), "json")


@require_GET
@org_view
def as_pdf(request: HttpRequest, actor: Actor) -> HttpResponse:
    return download(actor, _me(actor), "pdf")


@require_http_methods(["GET", "POST"])
@org_view
def correct(request: HttpRequest, actor: Actor) -> HttpResponse:
    person = _me(actor)
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

    def again() -> HttpResponse:
        status = 400 if request.method == "POST" else 200
        return render(request, "privacy/me_correct.html", {"form": form}, status=status)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: person_correct(actor=actor, person=person, **data),
        done=_("Your data has been corrected."),
        then=_url(actor, "index"),
        again=again,
    )


def consent_rows(person: Person, version: int) -> list[dict[str, Any]]:
    current = current_consents(person)
    return [
        {"kind": kind, "label": label, "record": current[kind], "version": version}
        for kind, label in ConsentKind.choices
    ]


@require_http_methods(["GET", "POST"])
@org_view
def consents(request: HttpRequest, actor: Actor) -> HttpResponse:
    person = _me(actor)
    version = notice_version(actor.organisation)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the consents offered."))
            return redirect(_url(actor, "consents"))
        kind = form.cleaned_data["kind"]
        try:
            consent_record(
                actor=actor,
                person=person,
                kind=kind,
                given=form.cleaned_data["given"],
                channel=Channel.WEB,
                text=str(ConsentKind(kind).label),
                text_version=str(version),
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your choice has been saved."))
        return redirect(_url(actor, "consents"))
    context = {"rows": consent_rows(person, version), "history": consent_history(person)}
    return render(request, "privacy/me_consents.html", context)


def _open_erasure(person: Person) -> DataRequest | None:
    return DataRequest.objects.filter(
        person=person, kind=RequestKind.ERASURE, status=RequestStatus.OPEN
    ).first()


@require_http_methods(["GET", "POST"])
@org_view
def erase(request: HttpRequest, actor: Actor) -> HttpResponse:
    person = _me(actor)
    form = EraseForm(request.POST if request.method == "POST" else None)

    def again() -> HttpResponse:
        status = 400 if request.method == "POST" else 200
        context = {"form": form, "open_request": _open_erasure(person)}
        return render(request, "privacy/me_erase.html", context, status=status)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: request_create(
            actor=actor,
            person=person,
            kind=RequestKind.ERASURE,
            channel=Channel.WEB,
            details=data["details"],
        ),
        done=_("Your request has been received. You will have an answer within a month."),
        then=_url(actor, "erase"),
        again=again,
    )


@require_POST
@org_view
def cancel_erasure(request: HttpRequest, actor: Actor) -> HttpResponse:
    person = _me(actor)
    found = _open_erasure(person)
    if found is None:
        messages.info(request, _("You have no open request for erasure."))
        return redirect(_url(actor, "erase"))
    try:
        request_cancel(actor=actor, request=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request for erasure has been taken back."))
    return redirect(_url(actor, "erase"))
