from netvaerk.competences.models import CompetenceSettings
from netvaerk.organisations.models import Organisation


def competence_settings(organisation: Organisation) -> CompetenceSettings:
    """The organisation's limits, made with the defaults the first time they are asked for."""
    found, _created = CompetenceSettings.objects.get_or_create(organisation=organisation)
    return found
