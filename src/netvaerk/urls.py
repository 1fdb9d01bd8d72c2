from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from netvaerk.core import views as core_views

org_patterns: list[URLPattern | URLResolver] = [
    path("", core_views.organisation_home, name="organisation_home"),
    # Governance adds pages below a network (networks/<network>/rules/ …) and the board's.
    path("", include("netvaerk.governance.urls")),
    # Before networks/: /<org>/board/reports/ and /<org>/networks/<network>/reports/….
    path("", include("netvaerk.reports.urls")),
    # Before networks/: /<org>/events/…, /<org>/calendar.ics and …/<network>/calendar.ics.
    path("", include("netvaerk.meetings.urls")),
    path("networks/", include("netvaerk.networks.urls")),
    path("reach/", include("netvaerk.reach.urls")),
    path("programmes/", include("netvaerk.programmes.urls")),
    path("competences/", include("netvaerk.competences.urls")),
    path("me/", include("netvaerk.people.urls")),
    # A person's own data: see, download, correct, consents, erasure (privacy.me_urls), and
    # who has looked at it (privacy.me_access_urls).
    path("me/data/", include("netvaerk.privacy.me_urls")),
    path("me/seen-by/", include("netvaerk.privacy.me_access_urls")),
    # The notice (public), settings, requests under the GDPR, a person's data for the staff.
    path("privacy/", include("netvaerk.privacy.urls")),
    path("privacy/access-log/", include("netvaerk.privacy.log_urls")),
    path("privacy/retention/", include("netvaerk.privacy.retention_urls")),
    path("people/import/", include("netvaerk.imports.urls")),
    path("notifications/", include("netvaerk.notifications.urls")),
]

# The admin signs in through allauth, so two-factor authentication applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Netværk"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("<slug:org>/", include(org_patterns)),
]
