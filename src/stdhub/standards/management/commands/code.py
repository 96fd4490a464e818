"""``stdhub code parse CODE...``: parse standard codes (pure, no database)."""

import json

from django.core.management.base import BaseCommand

from stdhub.standards.codes import parse_many


class Command(BaseCommand):
    help = ("Standard codes. `parse CODE...` prints each code's canonical form, level, nature, "
            "prefix, issuer, number, year and adopted standard; exits 1 if any is invalid.")
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["parse"])
        parser.add_argument("codes", nargs="+", metavar="CODE")
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="print a JSON array, one object per input")

    def handle(self, *args, action, codes, as_json=False, **options):
        parsed = parse_many(codes)
        if as_json:
            self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
        else:
            for item in parsed:
                if "error" in item:
                    self.stdout.write(f"{item['input']}\tERROR: {item['error']}")
                else:
                    self.stdout.write("\t".join(
                        [item["input"], item["canonical"], item["level"], item["nature"] or "-",
                         item["prefix"], item["issuer"] or "-", item["number"],
                         str(item["year"] or "-"), item["adopts"] or "-"]))
        if any("error" in item for item in parsed):
            raise SystemExit(1)
