from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "netvaerk.competences"
    label = "competences"
    verbose_name = _("Competences")

    def ready(self) -> None:
        from netvaerk.competences import rules  # noqa: F401  (registers the permissions)
