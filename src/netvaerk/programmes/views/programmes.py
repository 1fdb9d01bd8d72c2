"""Programme pages: the list, a programme with its goal hierarchy, indicators and their
values. Forms post to real addresses and redirect; refusals come back as messages or on the
form."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.programmes.access import (
    access_goal,
    access_indicator,
    access_programme,
    access_value,
)
from netvaerk.programmes.forms.programmes import (
    GoalForm,
    IndicatorForm,
    ProgrammeForm,
    ValueForm,
)
from netvaerk.programmes.models import (
    Goal,
    GoalLevel,
    Indicator,
    IndicatorSource,
    IndicatorUnit,
    Programme,
)
from netvaerk.programmes.selectors.indicators import (
    format_value,
    goal_counts,
    indicator_history,
    indicator_status,
)
from netvaerk.programmes.selectors.programmes import (
    goal_tree,
    programme_series,
    visible_programmes,
)
from netvaerk.programmes.selectors.support import status_counts
from netvaerk.programmes.services import goals as goal_services
from netvaerk.programmes.services import indicators as indicator_services
from netvaerk.programmes.services import programmes as services
from netvaerk.reports import charts

PAGE_SIZE = 25


def programme_url(programme: Programme) -> str:
    return reverse(
        "programmes:detail",
        kwargs={"org": programme.organisation.slug, "programme": programme.slug},
    )


def indicator_url(programme: Programme, indicator: Indicator) -> str:
    return reverse(
        "programmes:indicator",
        kwargs={
            "org": programme.organisation.slug,
            "programme": programme.slug,
            "indicator": indicator.pk,
        },
    )


# --- programmes -----------------------------------------------------------------------------


@require_GET
@org_view
def programme_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "programmes.view_list")
    page = paginate(visible_programmes(actor), page=request.GET.get("page"), per_page=PAGE_SIZE)
    return render(
        request,
        "programmes/programme_list.html",
        {"page": page, "can_create": actor.can("programmes.create")},
    )


def _form_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(request, f"programmes/{template}", context, status=status)


def _programme_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": data["slug"],
        "name": data["name"],
        "description": data["description"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "status": data["status"],
        "owners": data["owners"],
        "network": data["network"],
        "series": data["series"],
    }


@require_http_methods(["GET", "POST"])
@org_view
def programme_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "programmes.create")
    organisation = actor.organisation
    if request.method == "GET":
        form = ProgrammeForm(organisation=organisation, initial={"starts_on": today()})
        return _form_page(request, "programme_form.html", {"form": form, "programme": None})
    form = ProgrammeForm(request.POST, organisation=organisation)
    return form_action(
        request,
        form,
        lambda data: services.programme_create(actor=actor, **_programme_data(data)),
        done=_("The programme has been created."),
        then=programme_url,
        refused_to=reverse("programmes:list", kwargs={"org": organisation.slug}),
        again=lambda: _form_page(
            request, "programme_form.html", {"form": form, "programme": None}, 400
        ),
    )


@require_http_methods(["GET", "POST"])
@org_view
def programme_edit(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    organisation = actor.organisation
    if request.method == "GET":
        form = ProgrammeForm(organisation=organisation, initial=ProgrammeForm.initial_for(obj))
        return _form_page(request, "programme_form.html", {"form": form, "programme": obj})
    form = ProgrammeForm(request.POST, organisation=organisation)
    return form_action(
        request,
        form,
        lambda data: services.programme_update(actor=actor, programme=obj, **_programme_data(data)),
        done=_("The programme has been saved."),
        then=programme_url,
        refused_to=programme_url(obj),
        again=lambda: _form_page(
            request, "programme_form.html", {"form": form, "programme": obj}, 400
        ),
    )


@require_GET
@org_view
def programme_detail(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    obj = access_programme(actor, programme)
    tree = goal_tree(obj)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": obj,
            "owners": obj.owners.order_by("name"),
            "tree": tree,
            "support_counts": status_counts(obj),
            "series_list": programme_series(obj),
            "can_edit": actor.can("programmes.edit", obj),
            "can_view_reports": actor.can("programmes.view_reports", obj),
        },
    )


# --- goals ----------------------------------------------------------------------------------


def _parent_from_query(programme: Programme, value: str | None) -> Goal | None:
    if not value:
        return None
    try:
        goal_id = int(value)
    except ValueError:
        return None
    return Goal.objects.filter(pk=goal_id, programme=programme).first()


@require_http_methods(["GET", "POST"])
@org_view
def goal_create(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    source = request.POST if request.method == "POST" else request.GET
    parent = _parent_from_query(obj, source.get("parent"))
    if source.get("parent") and parent is None:
        messages.error(request, _("That goal is not part of this programme."))
        return redirect(programme_url(obj))
    try:
        level = goal_services.level_under(parent)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return redirect(programme_url(obj))
    context = {"programme": obj, "parent": parent, "level": GoalLevel(level).label}
    if request.method == "GET":
        form = GoalForm(programme=obj, initial={"parent": parent})
        return _form_page(request, "goal_form.html", {**context, "form": form})
    form = GoalForm(request.POST, programme=obj)
    return form_action(
        request,
        form,
        lambda data: goal_services.goal_create(
            actor=actor,
            programme=obj,
            parent=parent,
            title=data["title"],
            description=data["description"],
        ),
        done=_("The goal has been added."),
        then=programme_url(obj),
        again=lambda: _form_page(request, "goal_form.html", {**context, "form": form}, 400),
    )


@require_http_methods(["GET", "POST"])
@org_view
def goal_edit(request: HttpRequest, actor: Actor, programme: str, goal: int) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    node = access_goal(obj, goal)
    context = {"programme": obj, "goal": node}
    if request.method == "GET":
        form = GoalForm(
            programme=obj,
            goal=node,
            initial={"parent": node.parent, "title": node.title, "description": node.description},
        )
        return _form_page(request, "goal_form.html", {**context, "form": form})
    form = GoalForm(request.POST, programme=obj, goal=node)
    return form_action(
        request,
        form,
        lambda data: goal_services.goal_update(
            actor=actor,
            goal=node,
            parent=data.get("parent"),
            title=data["title"],
            description=data["description"],
        ),
        done=_("The goal has been saved."),
        then=programme_url(obj),
        again=lambda: _form_page(request, "goal_form.html", {**context, "form": form}, 400),
    )


@require_http_methods(["GET", "POST"])
@org_view
def goal_delete(request: HttpRequest, actor: Actor, programme: str, goal: int) -> HttpResponse:
    """GET asks for confirmation and says what goes with the goal; POST deletes it (with
    `confirm` where goals or indicators go with it)."""
    obj = access_programme(actor, programme, "programmes.edit")
    node = access_goal(obj, goal)
    if request.method == "GET":
        below, indicators = goal_counts(node)
        return _form_page(
            request,
            "goal_delete.html",
            {"programme": obj, "goal": node, "below": below, "indicators": indicators},
        )
    try:
        goal_services.goal_delete(
            actor=actor, goal=node, confirmed=request.POST.get("confirm") == "yes"
        )
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return redirect(
            reverse(
                "programmes:goal_delete",
                kwargs={"org": actor.organisation.slug, "programme": obj.slug, "goal": node.pk},
            )
        )
    messages.success(request, _("The goal has been deleted."))
    return redirect(programme_url(obj))


# --- indicators -----------------------------------------------------------------------------


def _indicator_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "unit": data["unit"],
        "target": data["target"],
        "direction": data["direction"],
        "target_date": data["target_date"],
        "baseline": data["baseline"],
        "source": data["source"],
        "network": data["network"],
    }


@require_http_methods(["GET", "POST"])
@org_view
def indicator_create(request: HttpRequest, actor: Actor, programme: str, goal: int) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    node = access_goal(obj, goal)
    if node.level == GoalLevel.PURPOSE:
        messages.error(
            request,
            _("Indicators belong to goals and sub-goals; add a goal under the purpose first."),
        )
        return redirect(programme_url(obj))
    context = {"programme": obj, "goal": node, "indicator": None}
    if request.method == "GET":
        form = IndicatorForm(organisation=actor.organisation)
        return _form_page(request, "indicator_form.html", {**context, "form": form})
    form = IndicatorForm(request.POST, organisation=actor.organisation)
    return form_action(
        request,
        form,
        lambda data: indicator_services.indicator_create(
            actor=actor, goal=node, **_indicator_data(data)
        ),
        done=_("The indicator has been added."),
        then=lambda indicator: indicator_url(obj, indicator),
        refused_to=programme_url(obj),
        again=lambda: _form_page(request, "indicator_form.html", {**context, "form": form}, 400),
    )


def _indicator_page(
    request: HttpRequest,
    actor: Actor,
    programme: Programme,
    indicator: Indicator,
    form: ValueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    history = indicator_history(indicator, programme)
    current = indicator_status(indicator, programme)
    rows = [
        {"point": point, "display": format_value(indicator.unit, point.value)} for point in history
    ]
    chart = None
    if history:
        unit = IndicatorUnit(indicator.unit)
        labels = [formats.date_format(p.measured_on, "SHORT_DATE_FORMAT") for p in history]
        alt = _(
            "%(name)s from %(first)s to %(last)s: from %(start)s to %(end)s, against the "
            "target %(target)s. The values are also in the table below."
        ) % {
            "name": indicator.name,
            "first": labels[0],
            "last": labels[-1],
            "start": rows[0]["display"],
            "end": rows[-1]["display"],
            "target": current.target_display,
        }
        chart = charts.target_line_chart(
            title=indicator.name,
            labels=labels,
            values=[float(p.value) for p in history],
            value_name=_("Measured"),
            target=float(indicator.target),
            target_name=_("Target"),
            alt=alt,
            percent=unit == IndicatorUnit.PERCENT,
        )
    manual = indicator.source == IndicatorSource.MANUAL
    can_edit = actor.can("programmes.edit", programme)
    return render(
        request,
        "programmes/indicator_detail.html",
        {
            "programme": programme,
            "indicator": indicator,
            "goal": indicator.goal,
            "status": current,
            "rows": rows,
            "chart": chart,
            "manual": manual,
            "can_edit": can_edit,
            "form": form or (ValueForm(initial={"measured_on": today()}) if manual else None),
        },
        status=status,
    )


@require_GET
@org_view
def indicator_detail(
    request: HttpRequest, actor: Actor, programme: str, indicator: int
) -> HttpResponse:
    obj = access_programme(actor, programme)
    return _indicator_page(request, actor, obj, access_indicator(obj, indicator))


@require_http_methods(["GET", "POST"])
@org_view
def indicator_edit(
    request: HttpRequest, actor: Actor, programme: str, indicator: int
) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    item = access_indicator(obj, indicator)
    context = {"programme": obj, "goal": item.goal, "indicator": item}
    if request.method == "GET":
        form = IndicatorForm(
            organisation=actor.organisation, initial=IndicatorForm.initial_for(item)
        )
        return _form_page(request, "indicator_form.html", {**context, "form": form})
    form = IndicatorForm(request.POST, organisation=actor.organisation)
    return form_action(
        request,
        form,
        lambda data: indicator_services.indicator_update(
            actor=actor, indicator=item, **_indicator_data(data)
        ),
        done=_("The indicator has been saved."),
        then=indicator_url(obj, item),
        again=lambda: _form_page(request, "indicator_form.html", {**context, "form": form}, 400),
    )


@require_POST
@org_view
def indicator_delete(
    request: HttpRequest, actor: Actor, programme: str, indicator: int
) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    item = access_indicator(obj, indicator)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the indicator goes."))
        return redirect(indicator_url(obj, item))
    try:
        indicator_services.indicator_delete(actor=actor, indicator=item)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return redirect(indicator_url(obj, item))
    messages.success(request, _("The indicator and its values have been deleted."))
    return redirect(programme_url(obj))


@require_POST
@org_view
def value_add(request: HttpRequest, actor: Actor, programme: str, indicator: int) -> HttpResponse:
    """Adds a value entered by hand; for a computed indicator, records today's live value."""
    obj = access_programme(actor, programme, "programmes.edit")
    item = access_indicator(obj, indicator)
    url = indicator_url(obj, item)
    if item.source != IndicatorSource.MANUAL:
        try:
            indicator_services.indicator_record_computed(actor=actor, indicator=item, today=today())
        except ServiceError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Today's value has been recorded."))
        return redirect(url)
    form = ValueForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: indicator_services.value_add(
            actor=actor,
            indicator=item,
            measured_on=data["measured_on"],
            value=data["value"],
            note=data["note"],
            replace=data["replace"],
            today=today(),
        ),
        done=_("The value has been recorded."),
        then=url,
        again=lambda: _indicator_page(request, actor, obj, item, form=form, status=400),
    )


@require_POST
@org_view
def value_delete(
    request: HttpRequest, actor: Actor, programme: str, indicator: int, value: int
) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.edit")
    item = access_indicator(obj, indicator)
    record = access_value(item, value)
    try:
        indicator_services.value_delete(actor=actor, value=record)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The value has been deleted."))
    return redirect(indicator_url(obj, item))
