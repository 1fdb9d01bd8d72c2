from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language as django_set_language

from netvaerk.accounts.models import User
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


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's cookie, and the choice saved for a signed-in person so
    that e-mail to them is written in it too.

    For an anonymous visitor it only sets a cookie that nothing trusts, so it needs no CSRF
    token, which keeps their pages cacheable. A signed-in user's choice is saved to their
    account, and that write is CSRF-protected as any other."""
    if request.user.is_authenticated:
        return _set_language_signed_in(request)
    return django_set_language(request)


@csrf_protect
def _set_language_signed_in(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if request.method == "POST" and language in dict(settings.LANGUAGES) and isinstance(user, User):
        account_set_language(user=user, language=language)
    return response
