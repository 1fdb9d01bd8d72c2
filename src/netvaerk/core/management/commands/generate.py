"""`netvaerk generate`: a synthetic organisation of any size, for load and query-count tests."""

import argparse
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.core.errors import ServiceError
from netvaerk.core.generate import GenerateError, generate
from netvaerk.organisations.models import slug_validator


def _count(value: str) -> int:
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return number


def _positive(value: str) -> int:
    number = _count(value)
    if number == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Generate a synthetic organisation with regions, branches, persons, networks, "
        "memberships and coordinator mandates, fast (bulk inserts in batches). Persons get "
        "addresses like person1@gen.example.org."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="Slug of the organisation.")
        parser.add_argument("--persons", type=_count, required=True, help="Persons to create.")
        parser.add_argument("--branches", type=_count, required=True, help="Branches to create.")
        parser.add_argument("--networks", type=_count, required=True, help="Networks to create.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--batch", type=_positive, default=5000, help="Rows per insert (default 5000)."
        )
        parser.add_argument(
            "--name", default="", help="Name of the organisation, if it is created."
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to an organisation that already has persons instead of refusing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        try:
            slug_validator(slug)
        except ValidationError:
            raise CommandError(
                f"{slug!r} is not a valid organisation address: use lower-case letters, "
                "digits and hyphens."
            ) from None
        started = time.monotonic()
        try:
            counts = generate(
                slug=slug,
                persons=options["persons"],
                branches=options["branches"],
                networks=options["networks"],
                seed=options["seed"],
                batch=options["batch"],
                append=options["append"],
                name=options["name"],
                progress=options["verbosity"] > 0,
            )
        except (GenerateError, ServiceError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated /{slug}/ in {elapsed:.1f} s: {counts.regions} regions, "
                f"{counts.branches} branches, {counts.persons} persons, {counts.networks} "
                f"networks, {counts.memberships} memberships, {counts.mandates} mandates."
            )
        )
