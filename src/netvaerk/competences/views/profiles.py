"""One's own competence profile (make, change, delete) and another person's profile page."""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netvaerk.competences.access import access_profile, own_profile
from netvaerk.competences.forms.profiles import AVAILABILITY_HELP, VISIBILITY_HELP, ProfileForm
from netvaerk.competences.models import Availability, Profile, TagStatus
from netvaerk.competences.selectors import profiles as selectors
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.selectors.tags import active_tags
from netvaerk.competences.services.profiles import profile_delete, profile_save
from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind

EDIT = "competences.edit_profile"


def _url(actor: Actor, name: str, **kwargs: Any) -> str:
    return reverse(f"competences:{name}", kwargs={"org": actor.organisation.slug, **kwargs})


def _choices_with_help(field: Any, help: Mapping[Any, Any]) -> list[dict[str, Any]]:
    """The radio buttons of a field, each with a plain explanation of what it means."""
    return [
        {"radio": radio, "help": help.get(radio.data["value"], ""), "help_id": radio.id_for_label}
        for radio in field
    ]


@require_http_methods(["GET", "POST"])
@org_view
def my_profile(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, EDIT)
    assert actor.person is not None
    profile = own_profile(actor)
    limit = competence_settings(actor.organisation).open_requests_per_person
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial=ProfileForm.initial_from(profile, actor.person.region),
        organisation=actor.organisation,
        profile=profile,
        organisation_limit=limit,
    )

    def again() -> HttpResponse:
        chosen = {str(value) for value in (form["tags"].value() or [])}
        own = selectors.own_tags(profile)
        own_ids = {tag.pk for tag in own}
        current = [{"tag": tag, "checked": str(tag.pk) in chosen} for tag in own]
        # Tags chosen in the list below (on a form shown again) stay chosen there.
        options = [
            {"tag": tag, "checked": str(tag.pk) in chosen}
            for tag in active_tags(actor.organisation)
            if tag.pk not in own_ids
        ]
        context = {
            "form": form,
            "profile": profile,
            "current_tags": current,
            "options": options,
            "availability_choices": _choices_with_help(form["availability"], AVAILABILITY_HELP),
            "visibility_choices": _choices_with_help(form["visibility"], VISIBILITY_HELP),
            "suggested": TagStatus.SUGGESTED,
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "competences/profile_form.html", context, status=status)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: profile_save(actor=actor, **data),
        done=_("Your competence profile has been saved."),
        then=lambda saved: _url(actor, "profile", profile=saved.pk),
        refused_to=_url(actor, "my_profile"),
        again=again,
    )


@require_http_methods(["GET", "POST"])
@org_view
def delete_profile(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, EDIT)
    profile = own_profile(actor)
    if profile is None:
        messages.info(request, _("You have no competence profile."))
        return redirect(_url(actor, "my_profile"))
    if request.method == "GET":
        return render(request, "competences/profile_delete.html", {"profile": profile})
    try:
        profile_delete(actor=actor)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_url(actor, "my_profile"))
    messages.success(request, _("Your competence profile has been deleted."))
    return redirect(_url(actor, "my_profile"))


@require_GET
@org_view
def profile(request: HttpRequest, actor: Actor, profile: int) -> HttpResponse:
    # A visitor is asked to log in (whatever the id); a login without a person here is
    # refused; a profile the person may not see is not there.
    ensure(actor, "competences.search")
    found: Profile = access_profile(actor, profile)
    is_owner = actor.person is not None and found.person_id == actor.person.pk
    context = {
        "profile": found,
        "person": found.person,
        "tags": selectors.shown_tags(found),
        "networks": selectors.shared_networks(actor, found),
        "is_owner": is_owner,
        "can_ask": (
            not is_owner
            and found.availability != Availability.PAUSED
            and actor.can("competences.ask_person", found)
        ),
        "languages": _language_names(found.languages),
        "paused": found.availability == Availability.PAUSED,
    }
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.PERSON,
        person_ids=[found.person_id],
        subject=_("Competence profile"),
    )
    return render(request, "competences/profile.html", context)


def _language_names(codes: list[str]) -> list[str]:
    from netvaerk.competences.models import SPARRING_LANGUAGES

    names = dict(SPARRING_LANGUAGES)
    return [str(names[code]) for code in codes if code in names]
