"""`netvaerk demo`: migrate, load the two demo organisations, print the logins and serve."""

import signal
import socket
import subprocess
import sys
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.core.demo import DEMO_PASSWORD, ORGANISATIONS, load_demo, logins


def _check_port_free(host: str, port: int) -> None:
    """runserver ends the process with os._exit when it cannot bind, which would leave the
    worker running; find out first."""
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bare, port))
        except OSError as error:
            raise CommandError(
                f"Cannot serve on {host}:{port} ({error.strerror}). Choose another --host or "
                "--port; the demo data is loaded."
            ) from None


class Command(BaseCommand):
    help = (
        "Create the demo organisations (a party and a nature NGO) with invented people and one "
        f"login per role (password {DEMO_PASSWORD}), then run the development server and the "
        "task worker. Refuses to run when DEBUG is off unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Load the demo data and print the logins, but do not start the server.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never do this on a real installation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo creates logins with a published password, so it refuses to run when "
                "DEBUG is off. Use it on a development installation, or pass --force if you "
                "really mean to put demo data into this database."
            )
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))

        result = load_demo()
        for slug, name, _build in ORGANISATIONS:
            if slug in result.created:
                self.stdout.write(self.style.SUCCESS(f"Created {name} (/{slug}/)."))
            else:
                self.stdout.write(f"{name} (/{slug}/) already exists; left as it was.")

        host, port = options["host"], options["port"]
        url_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        self._print_logins(f"http://{url_host}:{port}/")
        if options["no_serve"]:
            return
        _check_port_free(host, port)
        self._serve(f"{url_host}:{port}")

    def _print_logins(self, url: str) -> None:
        rows = logins()
        email_width = max(len(login.email) for login in rows)
        role_width = max(len(login.role) for login in rows)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for login in rows:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(
                f"  {login.email:<{email_width}}  {login.role:<{role_width}}  "
                f"{login.organisation}{note}"
            )
        self.stdout.write("")
        for slug, name, _build in ORGANISATIONS:
            self.stdout.write(f"  {name}: {url}{slug}/networks/")
        self.stdout.write(f"Open {url}")

    def _serve(self, addrport: str) -> None:
        # The worker sends the e-mails and runs the tasks the pages queue. Like the server, it
        # runs without the autoreloader, so that terminating it ends it.
        worker = subprocess.Popen([sys.executable, "-m", "netvaerk", "db_worker", "--no-reload"])
        # runserver stops on Ctrl-C; make SIGTERM stop it the same way, so the worker is ended
        # below rather than left behind.
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            signal.signal(signal.SIGTERM, previous)
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
