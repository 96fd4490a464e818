"""``stdhub init``: create or migrate the database and load reference data and the seed."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from stdhub.core.setup import WeakAdminPassword, check_admin_password, initialise


class Command(BaseCommand):
    help = ("Create or migrate the database in STDHUB_DATA_DIR (or STDHUB_DATABASE_URL), load "
            "reference data (ICS, CCS) and the seed programme's organizations, and create a "
            "first administrator. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true",
                            help="do not create the first administrator")

    def handle(self, *args, no_admin=False, verbosity=1, **options):
        try:
            if not no_admin:
                check_admin_password()  # before the database is touched
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
            report = initialise(create_admin=not no_admin)
        except WeakAdminPassword as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for line in report:
            self.stdout.write(line)
