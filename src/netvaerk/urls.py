from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from netvaerk.core import views as core_views

org_patterns: list[URLPattern | URLResolver] = [
    path("", core_views.organisation_home, name="organisation_home"),
    path("networks/", include("netvaerk.networks.urls")),
    path("me/", include("netvaerk.people.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("<slug:org>/", include(org_patterns)),
]
