"""``stdhub import standards FILE``: import standards from CSV or Excel (.xlsx)."""

import json
import sys

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError
from tqdm import tqdm

from stdhub.core.busy import as_busy
from stdhub.core.cli import acting_user
from stdhub.core.errors import Conflict
from stdhub.standards.io.columns import known_headings
from stdhub.standards.io.importer import import_standards


def tqdm_progress(iterable, desc, total=None):
    """A progress bar on standard error (none when it is not a terminal)."""
    return tqdm(iterable, desc=desc, total=total, file=sys.stderr, unit="row", leave=False,
                disable=None)


def announcing(progress):
    """``progress`` that also names each phase on standard error as it begins (``-v 2``)."""

    def wrapped(iterable, desc, total=None):
        sys.stderr.write(f"{desc}: {total if total is not None else '…'} rows\n")
        sys.stderr.flush()
        return progress(iterable, desc, total)

    return wrapped



class Command(BaseCommand):
    help = ("Import standards from a .csv (UTF-8 or GBK) or .xlsx file. Every row is checked "
            "first and every error is reported with its row and column; then all rows are "
            "written in one transaction, or none. Re-importing updates standards matched by "
            "their code. Column headings: " + known_headings())

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["standards"])
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true",
                            help="check and report what would change; write nothing")
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="print the result as JSON")
        parser.add_argument("--user", help="act as this user (default: the first superuser)")

    def handle(self, *args, what, file, dry_run=False, as_json=False, user=None, **options):
        actor = acting_user(user)
        try:
            progress = announcing(tqdm_progress) if options["verbosity"] >= 2 else tqdm_progress
            result = import_standards(actor, file, dry_run=dry_run, progress=progress)
        except PermissionDenied as exc:
            raise CommandError(f"{actor.username}: {exc}") from exc
        except Conflict as exc:  # nothing was written; running it again may succeed
            raise CommandError(str(exc)) from exc
        except OperationalError as exc:
            if busy := as_busy(exc):
                raise CommandError(str(busy)) from exc
            raise
        if as_json:
            self.stdout.write(json.dumps({**result.as_dict(), "user": actor.username},
                                         ensure_ascii=False, indent=2))
        else:
            self._report(actor, result)
        if not result.ok:
            raise SystemExit(1)

    def _report(self, actor, result):
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            self.stderr.write(f"{len(result.errors)} error(s): nothing was imported")
            return
        if result.dry_run:
            self.stdout.write(
                f"as {actor.username}: would create {result.created}, update {result.updated}; "
                f"{result.unchanged} unchanged; would mark {result.superseded} other standard(s) "
                f"superseded and register {result.organizations} organization(s) "
                f"(dry run: nothing written)")
        else:
            self.stdout.write(
                f"as {actor.username}: created {result.created}, updated {result.updated}; "
                f"{result.unchanged} unchanged; marked {result.superseded} other standard(s) "
                f"superseded; registered {result.organizations} organization(s)")
