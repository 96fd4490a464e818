"""``stdhub evaluation``: score schemes and scores kept outside stdhub, or report a campaign."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stdhub.evaluation import queries, scoring
from stdhub.evaluation.models import Campaign


def _read(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{what} {path}: {exc}", returncode=2) from exc


class Command(BaseCommand):
    help = ("Implementation evaluation (标准实施绩效评价). `compute SCHEME.json SCORES.csv --json` "
            "weights and combines scores (CSV columns subject,evaluator,indicator,value) without "
            "the database; `report CAMPAIGN --json` prints a campaign's results (CAMPAIGN: its "
            "id, or a year with one campaign).")
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="weighted totals and grades from a CSV of scores")
        compute.add_argument("scheme", help="indicator scheme (JSON)")
        compute.add_argument("scores", help="scores (CSV: subject,evaluator,indicator,value)")
        compute.add_argument("--json", dest="as_json", action="store_true",
                             help="print JSON for programs to read")
        report = sub.add_parser("report", help="a campaign's results by subject")
        report.add_argument("campaign", help="campaign id, or a year with one campaign")
        report.add_argument("--json", dest="as_json", action="store_true",
                            help="print JSON for programs to read")

    def handle(self, *args, action, **options):
        if action == "compute":
            return self.compute(options)
        return self.report(options)

    def report(self, options):
        key = options["campaign"].strip()
        found = Campaign.objects.filter(pk=int(key)) if key.isdigit() else Campaign.objects.none()
        if key.isdigit() and not found.exists():
            found = Campaign.objects.filter(year=int(key))
        if found.count() != 1:
            why = "several campaigns that year; give the id" if found.exists() else "not found"
            raise CommandError(f"campaign {key!r}: {why}", returncode=2)
        result = queries.plain_results(found.get())
        if options["as_json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        c = result["campaign"]
        self.stdout.write(f"{c['year']} {c['title']} ({c['scheme']}, {c['combine']})")
        self.print_subjects(result["subjects"])

    def compute(self, options):
        try:
            data = json.loads(_read(options["scheme"], "scheme"))
        except json.JSONDecodeError as exc:
            raise CommandError(f"scheme {options['scheme']}: not JSON: {exc}",
                               returncode=2) from exc
        name = Path(options["scores"]).name
        try:
            scheme = scoring.parse_scheme(data)
            result = scoring.compute(scheme, scoring.read_csv(_read(options["scores"], "scores"),
                                                              name))
        except scoring.ScoringError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if options["as_json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.print_subjects(result["subjects"])

    def print_subjects(self, subjects):
        for s in subjects:
            total = "—" if s["total"] is None else s["total"]
            self.stdout.write(f"{s['subject']}: {total} {s['grade'] or ''}".rstrip())
            for a in s["assessments"]:
                detail = a["total"] if a["total"] is not None else (
                    "missing " + ", ".join(a["missing"]))
                self.stdout.write(f"  {a['evaluator']}: {detail}")
