"""The organisation's privacy notice (public) and its settings."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.http import HttpRequest
from netvaerk.core.pagecache import public_page
from netvaerk.privacy.forms import SettingsForm
from netvaerk.privacy.models import RetentionKind
from netvaerk.privacy.selectors.notice import active_retention_rules, privacy_settings
from netvaerk.privacy.services.settings import privacy_settings_save


@require_GET
@public_page
@org_view
def notice(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "privacy.view_notice")
    rules = [
        {"kind": RetentionKind(rule.kind).label, "months": rule.months}
        for rule in active_retention_rules(actor.organisation)
    ]
    context = {"settings": privacy_settings(actor.organisation), "retention": rules}
    return render(request, "privacy/notice.html", context)


@require_http_methods(["GET", "POST"])
@org_view
def settings_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "privacy.edit_settings")
    current = privacy_settings(actor.organisation)
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=current)
    url = reverse("privacy:settings", kwargs={"org": actor.organisation.slug})

    def again() -> HttpResponse:
        status = 400 if request.method == "POST" else 200
        context = {"form": form, "settings": current}
        return render(request, "privacy/settings.html", context, status=status)

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: privacy_settings_save(actor=actor, **data),
        done=_("The privacy settings have been saved."),
        then=url,
        again=again,
    )
