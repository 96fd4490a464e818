"""``stdhub init``: create or migrate the database and load reference data and the seed."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from stdhub.core.sql import analyze


def preflight(**options) -> None:
    """Every app's checks of the environment before anything is written (``ValueError``)."""
    for config in apps.get_app_configs():
        if check := getattr(config, "preflight", None):
            check(**options)


def initialise(**options) -> list[str]:
    """Every app's own start-up step, in INSTALLED_APPS order, then fresh planner statistics.

    An app with something to load (reference data, seed rows, a first administrator) gives
    its AppConfig an ``initialise(**options)`` method returning report lines; core calls
    them by name and so depends on no app.
    """
    lines = []
    for config in apps.get_app_configs():
        if step := getattr(config, "initialise", None):
            lines += step(**options)
    analyze()
    return lines


class Command(BaseCommand):
    help = ("Create or migrate the database in STDHUB_DATA_DIR (or STDHUB_DATABASE_URL), load "
            "reference data (ICS, CCS) and the seed programme's organizations, and create a "
            "first administrator. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true",
                            help="do not create the first administrator")

    def handle(self, *args, no_admin=False, verbosity=1, **options):
        try:
            preflight(create_admin=not no_admin)  # before the database is touched
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        report = initialise(create_admin=not no_admin)
        for line in report:
            self.stdout.write(line)
