"""The `netvaerk` console command: Django's management commands under the project's name."""

import os
import sys

ALIASES = {"import-members": "import_members"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netvaerk.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Commands are modules, which cannot have a hyphen; the documented name has one.
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["netvaerk", *args])


if __name__ == "__main__":
    main()
