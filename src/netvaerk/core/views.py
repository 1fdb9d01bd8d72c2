from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

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
