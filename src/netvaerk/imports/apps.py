from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "netvaerk.imports"
    label = "imports"
    verbose_name = _("Member import")

    def ready(self) -> None:
        from netvaerk.imports import rules  # noqa: F401  (registers the permissions)
