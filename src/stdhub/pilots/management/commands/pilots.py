"""``stdhub pilots list [--json] [--user NAME]``: the pilot projects (标准化试点示范项目)
the user may see (default: all of them)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stdhub.core.permissions import SYSTEM
from stdhub.pilots import queries
from stdhub.pilots.choices import Level, StageChoice


class Command(BaseCommand):
    help = ("Pilot projects (标准化试点示范项目). `list [--stage S] [--level L] [--user NAME] "
            "[--json]`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="every pilot, newest change first")
        listing.add_argument("--stage", choices=StageChoice.values)
        listing.add_argument("--level", choices=Level.values)
        listing.add_argument("--user", help="only what this user may see (default: all)")
        listing.add_argument("--json", dest="as_json", action="store_true",
                             help="print JSON for programs to read")

    def handle(self, *args, action, stage=None, level=None, user=None, as_json=False,
               **options):
        viewer = SYSTEM
        if user:
            viewer = get_user_model().objects.filter(username=user, is_active=True).first()
            if viewer is None:
                raise CommandError(f"no active user '{user}'", returncode=2)
        pilots = queries.filtered(viewer, {"stage": stage, "level": level})
        rows = [queries.as_row(p) for p in pilots]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            result = f" · {r['result']}" if r["result"] else ""
            self.stdout.write(f"{r['id']:>5}  {r['level']:<10} {r['stage']}{result}  "
                              f"{r['name']} · {r['undertaker']}")
        self.stdout.write(f"{len(rows)} pilot(s)")
