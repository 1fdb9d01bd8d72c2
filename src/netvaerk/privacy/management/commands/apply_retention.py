"""Apply the retention rules of every organisation that has active ones, or of one
(`--organisation SLUG`); `--dry-run` prints what the next run would remove instead. Meant
to run nightly from cron:

    45 2 * * *  cd /srv/netvaerk && uv run netvaerk apply_retention
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.organisations.models import Organisation
from netvaerk.privacy.models import RetentionRule
from netvaerk.privacy.services.retention import retention_apply, retention_preview


class Command(BaseCommand):
    help = "Apply the retention rules of every organisation, or of one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation", metavar="SLUG", help="Only this organisation (its address)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be removed; remove nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with_rules = RetentionRule.objects.filter(active=True).values("organisation_id")
        organisations = Organisation.objects.filter(pk__in=with_rules).order_by("slug")
        if options["organisation"]:
            if not Organisation.objects.filter(slug=options["organisation"]).exists():
                raise CommandError(
                    f"There is no organisation with the address {options['organisation']!r}."
                )
            organisations = organisations.filter(slug=options["organisation"])
        count = 0
        for organisation in organisations.iterator():
            count += 1
            if options["dry_run"]:
                for preview in retention_preview(organisation=organisation):
                    self.stdout.write(
                        f"{organisation.slug}: {preview.rule.kind} "
                        f"(before {preview.cutoff:%Y-%m-%d}): {preview.count} would be removed."
                    )
                    for example in preview.examples:
                        self.stdout.write(f"    {example}")
                continue
            run = retention_apply(organisation=organisation, trigger="command")
            removed = ", ".join(f"{kind} {n}" for kind, n in sorted(run.removed.items()))
            self.stdout.write(f"{organisation.slug}: removed {removed or 'nothing'}.")
        verb = "previewed" if options["dry_run"] else "applied"
        self.stdout.write(self.style.SUCCESS(f"{count} organisation(s) {verb}."))
