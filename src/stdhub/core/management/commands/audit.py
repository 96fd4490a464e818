"""``stdhub audit verify``: prove the event history was not altered."""

import json

from django.core.management.base import BaseCommand, CommandError

from stdhub.core import events


class Command(BaseCommand):
    help = "Audit the history. `verify` recomputes the hash chain and names the first broken event."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="print the result as JSON")

    def handle(self, *args, action, as_json=False, **options):
        result = events.verify()
        if as_json:
            self.stdout.write(_dumps({"ok": result.ok, "checked": result.checked,
                                      "broken_seq": result.broken_seq, "reason": result.reason}))
        elif result.ok:
            self.stdout.write(f"audit chain intact: {result.checked} events verified")
        if not result.ok:
            raise CommandError(f"audit chain broken at event #{result.broken_seq}: {result.reason}")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)
