"""`netvaerk import-members FILE --organisation SLUG [--dry-run]`: the member import for files
too large for the browser. The same engine as the web wizard: inspect, map (the remembered
mapping first), check or import in one transaction.

Exit codes: 0 all rows fine, 1 done but some rows were rejected or repeated, 2 refused (the
file, the mapping or the organisation)."""

import sys
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from netvaerk.imports.engine import (
    ImportFileError,
    guess_mapping,
    inspect,
    mapping_errors,
    report_rows,
    run,
)
from netvaerk.imports.engine.fields import remembered_headings
from netvaerk.imports.models import ImportJob, ImportMapping, ImportStatus
from netvaerk.organisations.models import Organisation

PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = "Import persons, branches and regions from a member system's CSV or XLSX export."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="Slug of the organisation.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; change nothing.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=HEADING",
            help="Read a field from the column with this heading (repeatable).",
        )
        parser.add_argument(
            "--encoding",
            choices=["utf-8", "utf-8-sig", "cp1252", "latin-1"],
            help="The CSV's encoding, if the detected one is wrong.",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"No organisation has the address {options['organisation']!r}.", returncode=2
            )
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.", returncode=2)
        try:
            info = inspect(path, original_name=path.name, max_bytes=None)
        except ImportFileError as error:
            raise CommandError(error.message, returncode=2) from None
        if options["encoding"] and info.format == "csv":
            info.encoding = options["encoding"]
        remembered = ImportMapping.objects.filter(organisation=organisation).first()
        mapping = guess_mapping(info.columns, remembered.headings if remembered else {})
        for item in options["map"]:
            field, _, heading = item.partition("=")
            mapping[field.strip()] = heading.strip()
        self.stdout.write("Mapping:")
        for field, column in mapping.items():
            self.stdout.write(f"  {field} <- {column}")
        errors = mapping_errors(mapping, info.columns)
        if errors:
            raise CommandError("\n".join(errors), returncode=2)
        job = ImportJob(
            organisation=organisation,
            original_name=path.name[:200],
            size=info.size,
            file_format=info.format,
            encoding=info.encoding,
            delimiter=info.delimiter,
            columns=info.columns,
            mapping=mapping,
            status=ImportStatus.CHECKING if options["dry_run"] else ImportStatus.IMPORTING,
        )
        with path.open("rb") as file:
            job.file.save(path.name, File(file), save=False)
        job.save()
        bar = tqdm(desc="rows", unit=" rows", file=sys.stderr, disable=options["no_progress"])

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            counts = run(job, apply=not options["dry_run"], progress=progress)
        finally:
            bar.close()
            job.file.delete(save=False)
        with transaction.atomic():
            job.status = ImportStatus.CHECKED if options["dry_run"] else ImportStatus.DONE
            job.save(update_fields=["status", "file"])
            if not options["dry_run"]:
                ImportMapping.objects.update_or_create(
                    organisation=organisation, defaults={"headings": remembered_headings(mapping)}
                )
        for key, value in counts.items():
            if key != "new_contacts":
                self.stdout.write(f"{key}: {value}")
        for shown, (row, outcome, number, sentence) in enumerate(report_rows(job)):
            if shown == PROBLEMS_SHOWN:
                self.stdout.write("…")
                break
            self.stdout.write(f"row {row} ({outcome}, {number or '-'}): {sentence}")
        if counts["rejected"] or counts["duplicates"]:
            raise CommandError("Some rows were not imported; see above.", returncode=1)
