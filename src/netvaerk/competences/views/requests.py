"""Sparring requests: asking a person or a network, the lists of requests received, sent and
waiting in the queues of the networks one runs, and one request's page with the answers its
viewer may give (htmx swaps the request in place; every form also posts and redirects)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.competences.access import (
    access_competence_network,
    access_profile,
    access_request,
)
from netvaerk.competences.forms.requests import (
    AcceptForm,
    AskForm,
    CloseForm,
    PassOnForm,
    ProfileChoiceField,
)
from netvaerk.competences.models import Profile, SparringRequest, Tag, TagStatus
from netvaerk.competences.selectors import requests as selectors
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.services import requests as services
from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind

VIEW = "competences.view_requests"
VIEW_ONE = "competences.view_request"


def _detail_url(sparring: SparringRequest) -> str:
    return services.request_path(sparring)


def _list_url(actor: Actor) -> str:
    return reverse("competences:requests", kwargs={"org": actor.organisation.slug})


def _active_tags(actor: Actor) -> Any:
    return Tag.objects.filter(organisation=actor.organisation, status=TagStatus.ACTIVE).order_by(
        "name"
    )


# --- asking --------------------------------------------------------------------------------


def _my_networks(actor: Actor) -> list[Network]:
    """The actor's own active networks, to ask instead of a person who cannot be asked."""
    return list(
        Network.objects.filter(
            organisation=actor.organisation,
            pk__in=actor.network_ids(),
            status=NetworkStatus.ACTIVE,
        ).order_by("name")
    )


def _ask_page(
    request: HttpRequest,
    actor: Actor,
    *,
    form: AskForm,
    profile: Profile | None = None,
    network: Network | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "profile": profile,
        "network": network,
        "refusal": refusal,
        "my_networks": _my_networks(actor) if refusal else [],
        "profile_tags": (
            list(profile.tags.filter(status=TagStatus.ACTIVE).order_by("name"))
            if profile is not None
            else []
        ),
    }
    if profile is not None:
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.PERSON,
            person_ids=[profile.person_id],
            subject=_("Asking for sparring"),
        )
    return render(request, "competences/requests/ask.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view
def ask_person(request: HttpRequest, actor: Actor, profile: int) -> HttpResponse:
    ensure(actor, VIEW)
    found = access_profile(actor, profile)
    if actor.person is not None and found.person_id == actor.person.pk:
        refusal = _("You cannot ask yourself for sparring.")
    else:
        refusal = selectors.recipient_refusal(
            profile=found, settings=competence_settings(actor.organisation)
        )
    url = reverse(
        "competences:ask_person", kwargs={"org": actor.organisation.slug, "profile": found.pk}
    )
    form = AskForm(request.POST if request.method == "POST" else None, tags=_active_tags(actor))
    if request.method == "GET":
        return _ask_page(request, actor, form=form, profile=found, refusal=refusal)
    return form_action(
        request,
        form,
        lambda data: services.sparring_request_ask_person(
            actor=actor,
            profile=found,
            subject=data["subject"],
            question=data["question"],
            tags=data["tags"],
        ),
        done=_("Your request has been sent to %(name)s.") % {"name": found.person.name},
        then=_detail_url,
        refused_to=url,
        again=lambda: _ask_page(
            request, actor, form=form, profile=found, refusal=refusal, status=400
        ),
    )


@require_http_methods(["GET", "POST"])
@org_view
def ask_network(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    ensure(actor, VIEW)
    found = access_competence_network(actor, network, "competences.ask_network")
    url = reverse(
        "competences:ask_network", kwargs={"org": actor.organisation.slug, "network": found.slug}
    )
    form = AskForm(request.POST if request.method == "POST" else None, tags=_active_tags(actor))
    if request.method == "GET":
        return _ask_page(request, actor, form=form, network=found)
    return form_action(
        request,
        form,
        lambda data: services.sparring_request_ask_network(
            actor=actor,
            network=found,
            subject=data["subject"],
            question=data["question"],
            tags=data["tags"],
        ),
        done=_(
            "Your request has been sent to %(network)s; its coordination group will find someone."
        )
        % {"network": found.name},
        then=_detail_url,
        refused_to=url,
        again=lambda: _ask_page(request, actor, form=form, network=found, status=400),
    )


# --- the lists -----------------------------------------------------------------------------


@require_GET
@org_view
def request_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, VIEW)
    assert actor.person is not None
    networks = selectors.networks_run_by(actor=actor)
    tab = request.GET.get("tab", "")
    queue: Network | None = None
    wanted = request.GET.get("network", "")
    if wanted:
        queue = next((network for network in networks if network.slug == wanted), None)
        if queue is None:
            messages.warning(request, _("That is not a network whose requests you look after."))
    if queue is not None:
        rows = selectors.network_queue(network=queue)
        tab = "network"
        query = f"network={queue.slug}"
    elif tab == selectors.SENT:
        rows = selectors.sent_requests(person=actor.person)
        query = f"tab={selectors.SENT}"
    else:
        tab = selectors.RECEIVED
        rows = selectors.received_requests(person=actor.person)
        query = ""
    page = paginate(rows, page=request.GET.get("page"), per_page=selectors.PAGE_SIZE)
    context = {
        "tab": tab,
        "queue": queue,
        "networks": networks,
        "counts": selectors.request_counts(person=actor.person),
        "page": page,
        "query": query,
    }
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=[
            pk
            for row in page.object_list
            for pk in (row.requester_id, row.recipient_id)
            if pk is not None
        ],
        subject=_("Sparring requests"),
    )
    return render(request, "competences/requests/list.html", context)


# --- one request ---------------------------------------------------------------------------


def _may_pass_on(actor: Actor, sparring: SparringRequest) -> None:
    """The person asked, or for a request sent to a network, those who run it."""
    if not (
        actor.can("competences.answer_request", sparring)
        or actor.can("competences.assign_request", sparring)
    ):
        raise PermissionDenied


def _pass_on_candidates(actor: Actor, sparring: SparringRequest) -> QuerySet[Profile]:
    return selectors.pass_on_candidates(
        actor=actor, sparring=sparring, settings=competence_settings(actor.organisation)
    )


def _pass_on_context(
    sparring: SparringRequest, form: PassOnForm, *, query: str, chosen: object
) -> dict[str, Any]:
    """The pass-on picker: the first candidates matching the search, as radio choices."""
    field = form.fields["to_profile"]
    assert isinstance(field, ProfileChoiceField)
    assert field.queryset is not None
    choices = selectors.pass_on_choices(
        candidates=field.queryset,
        query=query,
        chosen=chosen,
        members_first=sparring.network_id is not None,
    )
    return {
        "pass_choices": choices,
        "pass_options": [
            {
                "profile": profile,
                "label": field.label_from_instance(profile),
                "checked": profile.pk == choices.chosen,
            }
            for profile in choices.shown
        ],
    }


def _detail_page(
    request: HttpRequest,
    actor: Actor,
    sparring: SparringRequest,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = selectors.available_actions(actor=actor, sparring=sparring)
    forms = forms or {}
    pass_form = forms.get("pass_form")
    if pass_form is None and actions.pass_on:
        pass_form = PassOnForm(candidates=_pass_on_candidates(actor, sparring))
    events = list(selectors.request_history(sparring=sparring))
    context: dict[str, Any] = {
        "sparring": sparring,
        "tags": list(sparring.tags.order_by("name")),
        "events": events,
        "actions": actions,
        "contact": selectors.contact_details(actor=actor, sparring=sparring),
        "accept_form": forms.get("accept_form") or AcceptForm(),
        "pass_form": pass_form,
        "close_form": forms.get("close_form") or CloseForm(),
    }
    shown = [sparring.requester_id, sparring.recipient_id]
    shown += [person for event in events for person in (event.by_id, event.to_id)]
    if pass_form is not None and actions.pass_on:
        # Without JavaScript the search is this page again with ?pass_q=…; after a refused
        # answer, the person chosen stays chosen.
        chosen = pass_form["to_profile"].value() if pass_form.is_bound else None
        context |= _pass_on_context(
            sparring,
            pass_form,
            query=request.GET.get("pass_q", ""),
            chosen=chosen or request.GET.get("pass-to_profile"),
        )
        shown += [profile.person_id for profile in context["pass_choices"].shown]
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.PERSON,
        person_ids=[pk for pk in shown if pk is not None],
        subject=_("A sparring request"),
    )
    template = "competences/requests/detail.html"
    if request.htmx:
        # htmx swaps only successful answers: a problem shows in the swapped-in forms.
        return render(request, f"{template}#request_body", context)
    return render(request, template, context, status=status)


def _back(request: HttpRequest, actor: Actor, sparring: SparringRequest) -> HttpResponse:
    """After an answer: the request as it now is, or the list for one who no longer sees it
    (it was passed on, or returned to the network's queue)."""
    if actor.can(VIEW_ONE, sparring):
        if request.htmx:
            return _detail_page(request, actor, sparring)
        return redirect(_detail_url(sparring))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _list_url(actor)
        return response
    return redirect(_list_url(actor))


def _answer(
    request: HttpRequest,
    actor: Actor,
    sparring: SparringRequest,
    do: Callable[[dict[str, Any]], SparringRequest],
    *,
    done: str,
    form: Any = None,
    form_name: str = "",
) -> HttpResponse:
    """Run one answer's service: on success say `done`; a field's problem shows on the form
    again; a refusal about the request's state is said as a message on the request's page."""
    data: dict[str, Any] = {}
    if form is not None:
        if not form.is_valid():
            return _detail_page(request, actor, sparring, forms={form_name: form}, status=400)
        data = form.cleaned_data
    try:
        changed = do(data)
    except ServiceError as error:
        if form is not None and error.field in form.fields:
            form_error(form, error)
            return _detail_page(request, actor, sparring, forms={form_name: form}, status=400)
        messages.error(request, error.message)
        sparring.refresh_from_db()
        return _back(request, actor, sparring)
    messages.success(request, done)
    return _back(request, actor, changed)


@require_GET
@org_view
def request_detail(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    return _detail_page(request, actor, access_request(actor, sparring_id))


@require_POST
@org_view
def accept(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id, "competences.answer_request")
    return _answer(
        request,
        actor,
        sparring,
        lambda data: services.sparring_request_accept(
            actor=actor, request=sparring, note=data["note"]
        ),
        done=_("You have accepted the request. You can now see how to reach each other."),
        form=AcceptForm(request.POST),
        form_name="accept_form",
    )


@require_POST
@org_view
def decline(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id)
    # The person asked, or for a request in a network's queue, those who run the network.
    if not actor.can("competences.answer_request", sparring) and not (
        sparring.recipient_id is None and actor.can("competences.assign_request", sparring)
    ):
        raise PermissionDenied
    return _answer(
        request,
        actor,
        sparring,
        lambda data: services.sparring_request_decline(actor=actor, request=sparring),
        done=_("You have declined the request."),
    )


@require_GET
@org_view
def pass_on_people(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    """The pass-on picker's candidates matching what is typed (`pass_q`), for htmx to swap
    into the form; the person already chosen (`pass-to_profile`) stays, chosen, at the top.
    Only for those who may pass the request on."""
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id)
    _may_pass_on(actor, sparring)
    context: dict[str, Any] = {"sparring": sparring, "swap_count": True}
    if selectors.available_actions(actor=actor, sparring=sparring).pass_on:
        context |= _pass_on_context(
            sparring,
            PassOnForm(candidates=_pass_on_candidates(actor, sparring)),
            query=request.GET.get("pass_q", ""),
            chosen=request.GET.get("pass-to_profile"),
        )
        choices = context["pass_choices"]
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.SEARCH if choices.query else AccessKind.LIST,
            person_ids=[profile.person_id for profile in choices.shown],
            subject=_("A sparring request"),
        )
    return render(request, "competences/requests/detail.html#pass_candidates", context)


@require_POST
@org_view
def pass_on(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id)
    _may_pass_on(actor, sparring)
    form = PassOnForm(request.POST, candidates=_pass_on_candidates(actor, sparring))
    return _answer(
        request,
        actor,
        sparring,
        lambda data: services.sparring_request_pass_on(
            actor=actor, request=sparring, to_profile=data["to_profile"], note=data["note"]
        ),
        done=_("The request has been passed on."),
        form=form,
        form_name="pass_form",
    )


@require_POST
@org_view
def withdraw(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id, "competences.withdraw_request")
    return _answer(
        request,
        actor,
        sparring,
        lambda data: services.sparring_request_withdraw(actor=actor, request=sparring),
        done=_("You have withdrawn the request."),
    )


@require_POST
@org_view
def close(request: HttpRequest, actor: Actor, sparring_id: int) -> HttpResponse:
    ensure(actor, VIEW)
    sparring = access_request(actor, sparring_id, "competences.close_request")
    return _answer(
        request,
        actor,
        sparring,
        lambda data: services.sparring_request_close(
            actor=actor, request=sparring, outcome=data["outcome"]
        ),
        done=_("The request has been closed. Thank you for noting the outcome."),
        form=CloseForm(request.POST),
        form_name="close_form",
    )
