"""``stdhub worker``: one more background-task worker (conformance runs, imports, digests)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background-task worker (Django Tasks, database backend)."

    def handle(self, *args, **options):
        call_command("db_worker")
