"""``stdhub programme``: load a programme from its data file, or print a programme's status."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stdhub.core.permissions import SYSTEM
from stdhub.programme import queries, services
from stdhub.programme.models import Programme


class Command(BaseCommand):
    help = ("Programmes (规划方案). `status [CODE] [--json]` prints each target's goal and live "
            "value and each task's lead unit, co-units and progress; `load FILE` loads a "
            "programme from a JSON data file (as the seed programme is).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="targets and tasks of a programme")
        status.add_argument("code", nargs="?", help="programme code (default: the newest)")
        status.add_argument("--json", dest="as_json", action="store_true",
                            help="print JSON for programs to read")
        load = sub.add_parser("load", help="load a programme from a JSON data file")
        load.add_argument("file")

    def handle(self, *args, action, **options):
        if action == "load":
            try:
                programme, created = services.load_programme(SYSTEM, options["file"])
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages), returncode=2) from exc
            self.stdout.write(f"{'loaded' if created else 'already present'}: {programme}")
            return
        programmes = Programme.objects.all()
        programme = (programmes.filter(code=options["code"]).first() if options["code"]
                     else programmes.first())
        if programme is None:
            raise CommandError(f"no programme {options['code'] or ''}".strip(), returncode=2)
        result = queries.status(programme)
        if options["as_json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(result["programme"])
        for t in result["targets"]:
            value = "—" if t["value"] is None else t["value"]
            self.stdout.write(f"  {t['name']}: {value} / {t['goal']} ({t['status']})")
        for t in result["tasks"]:
            progress = "—" if t["progress"] is None else f"{t['progress']}%"
            self.stdout.write(f"  {t['number']}. {t['title']} · {t['lead']} · {progress}")
