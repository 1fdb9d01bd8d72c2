from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "netvaerk.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from netvaerk.reports import rules  # noqa: F401  (registers the permissions)
        from netvaerk.reports.drafting import register_builtin_providers

        register_builtin_providers()
