"""The office's vocabulary of competences (list, create, edit, merge, approve, retire,
reactivate), the options a person picks tags from, and the limits on sparring requests."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.competences.access import access_tag, own_profile
from netvaerk.competences.forms.tags import (
    CompetenceSettingsForm,
    TagFilterForm,
    TagForm,
    TagMergeForm,
    TagStatusForm,
)
from netvaerk.competences.models import Tag, TagStatus
from netvaerk.competences.selectors import tags as selectors
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.services.settings import competence_settings_update
from netvaerk.competences.services.tags import tag_create, tag_merge, tag_set_status, tag_update
from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate

MANAGE = "competences.manage_vocabulary"


def _status_done(tag: Tag) -> str:
    if tag.status == TagStatus.ACTIVE:
        return _("“%(name)s” is now in use.") % {"name": tag.name}
    return _("“%(name)s” is retired.") % {"name": tag.name}


def _url(actor: Actor, name: str, **kwargs: Any) -> str:
    return reverse(f"competences:{name}", kwargs={"org": actor.organisation.slug, **kwargs})


def _tag_url(actor: Actor, tag: Tag) -> str:
    return _url(actor, "tag", tag=tag.slug)


# --- the list -----------------------------------------------------------------------------


def _status_options(counts: dict[str, int]) -> list[tuple[str, Any, int]]:
    choices: list[tuple[str, Any]] = [("", _("All")), *TagStatus.choices]
    return [(value, label, counts.get(value, 0)) for value, label in choices]


@require_http_methods(["GET", "POST"])
@org_view
def tags(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, MANAGE)
    organisation = actor.organisation
    filters = TagFilterForm(request.GET or None)
    status = filters.status_value()
    create = TagForm(request.POST if request.method == "POST" else None)

    def again() -> HttpResponse:
        page = paginate(
            selectors.tag_list(organisation, status=status),
            page=request.GET.get("page"),
            per_page=selectors.PAGE_SIZE,
        )
        context = {
            "filters": filters,
            "form": create,
            "page": page,
            "query": f"status={status}" if status else "",
            "status": status,
            "status_options": _status_options(selectors.status_counts(organisation)),
            "statuses": TagStatus,
        }
        template = "competences/tags.html"
        if request.htmx and request.htmx.target == "tag-results":
            template += "#results"
        return render(request, template, context, status=400 if request.method == "POST" else 200)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        create,
        lambda data: tag_create(actor=actor, **data),
        done=lambda tag: _("The competence “%(name)s” has been added.") % {"name": tag.name},
        then=lambda tag: _tag_url(actor, tag),
        refused_to=_url(actor, "tags"),
        again=again,
    )


# --- the options of the profile form -----------------------------------------------------------


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values[:200] if value.isdigit() and len(value) < 12]


@require_GET
@org_view
def tag_options(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The tags in use that match what is typed (at most 20), as checkboxes for the profile
    form; the ones already ticked in the list stay, ticked, at the top."""
    ensure(actor, "competences.edit_profile")
    organisation = actor.organisation
    kept = selectors.tags_by_ids(organisation, _ids(request.GET.getlist("tags")))
    profile = own_profile(actor)
    own = set(profile.tags.values_list("pk", flat=True)) if profile is not None else set()
    options = [{"tag": tag, "checked": True} for tag in kept if tag.pk not in own]
    matches = selectors.tag_options(
        organisation,
        query=request.GET.get("q", ""),
        exclude_ids=own | {tag.pk for tag in kept},
    )
    options += [{"tag": tag, "checked": False} for tag in matches]
    return render(
        request,
        "competences/tags_options.html",
        {"options": options, "query": request.GET.get("q", "")[: selectors.QUERY_MAX]},
    )


# --- one tag -----------------------------------------------------------------------------


def _tag_page(
    request: HttpRequest,
    actor: Actor,
    tag: Tag,
    *,
    form: TagForm | None = None,
    merge: TagMergeForm | None = None,
    status_form: TagStatusForm | None = None,
    status: int = 200,
) -> HttpResponse:
    targets = selectors.merge_targets(tag)
    context = {
        "tag": tag,
        "form": form or TagForm(initial=TagForm.initial_from(tag, selectors.synonym_lines(tag))),
        "merge": merge or TagMergeForm(targets=targets),
        "can_merge": tag.status != TagStatus.RETIRED and targets.exists(),
        "profile_count": selectors.profile_count(tag),
        "statuses": TagStatus,
        "status_form": status_form,
    }
    return render(request, "competences/tags_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view
def tag(request: HttpRequest, actor: Actor, tag: str) -> HttpResponse:
    found = access_tag(actor, tag)
    if request.method == "GET":
        return _tag_page(request, actor, found)
    form = TagForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: tag_update(actor=actor, tag=found, **data),
        done=lambda saved: _("The competence “%(name)s” has been saved.") % {"name": saved.name},
        then=lambda saved: _tag_url(actor, saved),
        refused_to=_tag_url(actor, found),
        again=lambda: _tag_page(request, actor, found, form=form, status=400),
    )


@require_POST
@org_view
def merge(request: HttpRequest, actor: Actor, tag: str) -> HttpResponse:
    found = access_tag(actor, tag)
    form = TagMergeForm(request.POST, targets=selectors.merge_targets(found))
    return form_action(
        request,
        form,
        lambda data: tag_merge(actor=actor, tag=found, into=data["into"]),
        done=lambda into: (
            _("“%(name)s” has been merged into “%(into)s”.")
            % {"name": found.name, "into": into.name}
        ),
        then=lambda into: _tag_url(actor, into),
        refused_to=_tag_url(actor, found),
        again=lambda: _tag_page(request, actor, found, merge=form, status=400),
    )


@require_POST
@org_view
def set_status(request: HttpRequest, actor: Actor, tag: str) -> HttpResponse:
    found = access_tag(actor, tag)
    form = TagStatusForm(request.POST)
    back = _tag_url(actor, found)
    return form_action(
        request,
        form,
        lambda data: tag_set_status(actor=actor, tag=found, status=data["status"]),
        done=_status_done,
        then=back,
        again=lambda: _tag_page(request, actor, found, status_form=form, status=400),
    )


# --- the limits --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view
def settings_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "competences.manage_settings")
    settings = competence_settings(actor.organisation)
    form = CompetenceSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=CompetenceSettingsForm.initial_from(settings),
    )

    def again() -> HttpResponse:
        return render(
            request,
            "competences/settings.html",
            {"form": form, "settings": settings},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: competence_settings_update(actor=actor, **data),
        done=_("The limits for sparring requests have been saved."),
        then=_url(actor, "settings"),
        again=again,
    )
