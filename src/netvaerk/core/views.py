from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.i18n import set_language as django_set_language

from netvaerk.accounts.services import account_set_language
from netvaerk.core.access import Actor, org_view
from netvaerk.organisations.models import Organisation


def home(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.order_by("name")[:200]
    return render(request, "core/home.html", {"organisations": organisations})


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@org_view
def organisation_home(request: HttpRequest, actor: Actor) -> HttpResponse:
    return redirect("networks:directory", org=actor.organisation.slug)


def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's cookie, and the choice saved for a signed-in person so
    that e-mail to them is written in it too."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        account_set_language(user=request.user, language=language)
    return response
