"""``stdhub validate SPEC DATA [--json] [--errors FILE] [--encoding gbk]``.

Exit status: 0 the data conforms, 1 it does not, 2 the spec or the data cannot be read.
"""

import sys

from django.core.management.base import BaseCommand

from stdhub.conformance.cli import run_validate
from stdhub.conformance.registry import DatabaseCodeLists


class Command(BaseCommand):
    help = ("Check a data file (CSV, .xlsx, Parquet) against a data standard (Table Schema "
            "JSON). Exit status 0: conforms, 1: does not conform, 2: spec or data unreadable.")
    requires_system_checks = []  # a file check needs no URLs; the database only for code lists

    def add_arguments(self, parser):
        parser.add_argument("spec", help="the data standard's Table Schema, a JSON file")
        parser.add_argument("data", help="the data file: .csv, .xlsx or .parquet")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--errors", metavar="FILE",
                            help="write every failing cell to FILE (.csv or .parquet)")
        parser.add_argument("--encoding", help="encoding of a CSV file (detected when omitted), "
                                               "e.g. gbk")

    def handle(self, *args, spec, data, json, errors, encoding, **options):
        code = run_validate(spec, data, json_out=json, errors_path=errors, encoding=encoding,
                            registry=DatabaseCodeLists(), stdout=self.stdout, stderr=self.stderr)
        if code:
            sys.exit(code)
