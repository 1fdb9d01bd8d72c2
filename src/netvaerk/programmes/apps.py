from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "netvaerk.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from netvaerk.programmes import rules  # noqa: F401  (registers the permissions)
