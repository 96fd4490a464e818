"""``stdhub restore FILE``: bring back a backup made by ``stdhub backup`` (core.backup)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from stdhub.core import events
from stdhub.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `stdhub backup` into this installation's database and "
            "media folder (stop stdhub first). The backup must be of the same database kind "
            "(SQLite or PostgreSQL). A database that already holds data is replaced only "
            "with --force. The history's hash chain is verified afterwards.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by `stdhub backup`")
        parser.add_argument("--force", action="store_true",
                            help="replace a database and uploaded files that hold data")

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore(file, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error), returncode=2) from None
        # A backup of an older stdhub gets this version's tables.
        call_command("migrate", interactive=False, verbosity=0)
        result = events.verify()
        self.stdout.write(f"restored {file} (stdhub {manifest.stdhub_version}, "
                          f"{manifest.database}, made {manifest.created_at}): "
                          f"{manifest.media_files} uploaded files, {result.checked} events")
        if not result.ok:
            raise CommandError(f"the restored history is broken at event #{result.broken_seq}: "
                               f"{result.reason}")
        self.stdout.write("audit chain intact")
