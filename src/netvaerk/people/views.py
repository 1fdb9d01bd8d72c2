from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netvaerk.core.access import Actor, LoginRequired, org_view
from netvaerk.core.errors import ServiceError
from netvaerk.networks.selectors import person_network_memberships
from netvaerk.people.forms import ContactConsentForm
from netvaerk.people.services import person_update_contact_consent


def _require_login(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise LoginRequired


@require_GET
@org_view
def me(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require_login(actor)
    person = actor.person
    context = {
        "person": person,
        "consent_form": ContactConsentForm(
            initial={"show_contact_details": person.show_contact_details if person else False}
        ),
        "memberships": person_network_memberships(person=person)[:20] if person else [],
    }
    return render(request, "people/me.html", context)


@require_GET
@org_view
def my_networks(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require_login(actor)
    memberships = person_network_memberships(person=actor.person) if actor.person else []
    return render(request, "people/my_networks.html", {"memberships": memberships})


@require_POST
@org_view
def contact_consent(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require_login(actor)
    form = ContactConsentForm(request.POST)
    form.is_valid()
    try:
        person_update_contact_consent(
            actor=actor, show_contact_details=form.cleaned_data.get("show_contact_details", False)
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your choice has been saved."))
    return redirect("people:me", org=actor.organisation.slug)
