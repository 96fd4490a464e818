"""``stdhub backup FILE``: the database and uploaded files in one archive (core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from stdhub.core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Write a backup of stdhub to FILE (a tar archive): the database (SQLite's online "
            "backup, or pg_dump's custom format on PostgreSQL), every uploaded file and a "
            "manifest. Safe while stdhub is serving.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. stdhub-2026-11-30.tar")

    def handle(self, *args, file, **options):
        try:
            manifest = backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(f"backup written to {file}: {manifest.database} database, "
                          f"{manifest.events} events, {manifest.media_files} uploaded files")
