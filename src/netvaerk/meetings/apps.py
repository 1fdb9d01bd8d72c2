from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "netvaerk.meetings"
    verbose_name = _("Meetings and events")

    def ready(self) -> None:
        from netvaerk.meetings import rules  # noqa: F401  (registers the permissions)
        from netvaerk.meetings.reporting import register

        # After the reports app (earlier in INSTALLED_APPS) registered its placeholder.
        register()
