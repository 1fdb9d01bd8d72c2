"""`netvaerk generate`: a synthetic organisation of any size, for load and query-count tests."""

import argparse
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.generate import GenerateError, generate
from netvaerk.core.generate_competences import generate_competences
from netvaerk.organisations.models import Organisation, slug_validator


def _count(value: str) -> int:
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return number


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1 (0.2 is a fifth)")
    return number


def _positive(value: str) -> int:
    number = _count(value)
    if number == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Generate a synthetic organisation with regions, branches, persons, networks, "
        "memberships, coordinator mandates and competence profiles, fast (bulk inserts in "
        "batches). Persons get addresses like person1@gen.example.org. With --add-competences, "
        "only add the competence vocabulary and profiles to an organisation generated before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="Slug of the organisation.")
        parser.add_argument("--persons", type=_count, help="Persons to create.")
        parser.add_argument("--branches", type=_count, help="Branches to create.")
        parser.add_argument("--networks", type=_count, help="Networks to create.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--batch", type=_positive, default=5000, help="Rows per insert (default 5000)."
        )
        parser.add_argument(
            "--name", default="", help="Name of the organisation, if it is created."
        )
        parser.add_argument(
            "--profiles",
            type=_share,
            default=0.2,
            metavar="SHARE",
            help="Share of persons given a competence profile, 0 to 1 (default 0.2; 0 = none).",
        )
        parser.add_argument(
            "--add-competences",
            action="store_true",
            help=(
                "Only add the competence vocabulary and profiles (--profiles of the persons "
                "who have none) to an existing organisation, and rebuild its search index."
            ),
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
        if options["add_competences"]:
            self._add_competences(slug, options, started)
            return
        missing = [
            f"--{name}" for name in ("persons", "branches", "networks") if options[name] is None
        ]
        if missing:
            raise CommandError(f"Say how many to create: {', '.join(missing)}.")
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
                profiles=options["profiles"],
            )
        except (GenerateError, ServiceError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated /{slug}/ in {elapsed:.1f} s: {counts.regions} regions, "
                f"{counts.branches} branches, {counts.persons} persons, {counts.networks} "
                f"networks, {counts.memberships} memberships, {counts.mandates} mandates, "
                f"{counts.profiles} competence profiles."
            )
        )

    def _add_competences(self, slug: str, options: dict[str, Any], started: float) -> None:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"There is no organisation {slug!r} to add competences to.")
        counts = generate_competences(
            organisation=organisation,
            share=options["profiles"],
            seed=options["seed"],
            batch=options["batch"],
            progress=options["verbosity"] > 0,
        )
        log_action(
            actor=Actor(organisation=organisation),
            organisation=organisation,
            action="organisation.competences_generated",
            obj=organisation,
            data={"seed": options["seed"], "share": options["profiles"], **vars(counts)},
        )
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added to /{slug}/ in {elapsed:.1f} s: {counts.tags} competences, "
                f"{counts.synonyms} synonyms, {counts.profiles} profiles with "
                f"{counts.profile_tags} competences; {counts.indexed} profiles indexed."
            )
        )
