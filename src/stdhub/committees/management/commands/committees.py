"""``stdhub committees list [--json]``: the technical committees (标准化技术委员会)."""

import json

from django.core.management.base import BaseCommand

from stdhub.committees import queries
from stdhub.committees.choices import Level, Status
from stdhub.core.permissions import SYSTEM


class Command(BaseCommand):
    help = ("Technical committees (标准化技术委员会). `list [--level L] [--status S] [--json]` "
            "prints each with its members in office, standards and international participation.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="every committee, by code")
        listing.add_argument("--level", choices=Level.values)
        listing.add_argument("--status", choices=Status.values)
        listing.add_argument("--json", dest="as_json", action="store_true",
                             help="print JSON for programs to read")

    def handle(self, *args, action, level=None, status=None, as_json=False, **options):
        committees = queries.filtered(SYSTEM, {"level": level, "status": status})
        rows = [queries.as_row(c) for c in committees.prefetch_related(
            "participations__organization")]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['code']:<16} {r['level']:<10} {r['status']:<9} {r['name']} · "
                              f"{r['secretariat']} · {len(r['members'])} member(s), "
                              f"{len(r['standards'])} standard(s)")
        self.stdout.write(f"{len(rows)} committee(s)")
