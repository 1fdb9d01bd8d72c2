"""Factories for imports: a job for a file, inspected and mapped as the wizard would."""

from pathlib import Path

import factory
from django.core.files.base import ContentFile

from netvaerk.imports.engine import guess_mapping, inspect
from netvaerk.imports.models import ImportJob
from netvaerk.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    organisation = factory.SubFactory(OrganisationFactory)
    original_name = "members.csv"
    file_format = "csv"


def job_for(organisation, source: Path | str, *, mapping=None, created_by=None) -> ImportJob:
    """A job for a file (a fixture's name or a path), with the guessed mapping unless given."""
    path = source if isinstance(source, Path) else FIXTURES / source
    info = inspect(path, original_name=path.name, max_bytes=None)
    job = ImportJobFactory.build(
        organisation=organisation,
        created_by=created_by,
        original_name=path.name,
        size=info.size,
        file_format=info.format,
        encoding=info.encoding,
        delimiter=info.delimiter,
        columns=info.columns,
        mapping=mapping if mapping is not None else guess_mapping(info.columns, {}),
    )
    job.file.save(path.name, ContentFile(path.read_bytes()), save=False)
    job.save()
    return job
