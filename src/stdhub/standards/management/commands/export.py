"""``stdhub export standards --format csv|xlsx|json``: the registry as a file."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from tqdm import tqdm

from stdhub.core.cli import acting_user
from stdhub.standards.io.exporter import (
    FORMATS,
    SelectionError,
    records_of,
    selected_standards,
    write,
)


class Command(BaseCommand):
    help = ("Export standards as CSV (UTF-8 with BOM, opens in Excel), .xlsx (标准明细表) or "
            "JSON, optionally filtered like the list page: --filter level=local "
            "--filter status=current --search 数据.")

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["standards"])
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--filter", dest="filters", action="append", default=[],
                            metavar="NAME=VALUE",
                            help="a list-page filter (level, nature, status, ics, ccs, year, "
                                 "year_min, year_max, organization, review_due_before, "
                                 "ordering); repeat for more")
        parser.add_argument("--search", "-q", default="", help="only standards matching this")
        parser.add_argument("--user", help="only what this user may see (default: everything)")

    def handle(self, *args, what, fmt, output=None, filters=(), search="", user=None,
               **options):
        reader = acting_user(user, default_superuser=False)
        params = QueryDict(mutable=True)
        for item in filters:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter {item!r}: use NAME=VALUE")
            params.appendlist(name.strip(), value.strip())
        params["q"] = search
        try:
            queryset = selected_standards(reader, params)
        except SelectionError as exc:
            raise CommandError(str(exc)) from exc
        if fmt == "xlsx" and not output and sys.stdout.isatty():
            raise CommandError("an .xlsx workbook is binary: give --output FILE")
        total = queryset.count()
        records = tqdm(records_of(queryset, reader), total=total, desc="export", unit="row",
                       file=sys.stderr, leave=False, disable=None)
        if output:
            with open(output, "wb") as out:
                write(records, fmt, out)
            self.stderr.write(f"wrote {total} standard(s) to {output}")
        else:
            write(records, fmt, sys.stdout.buffer)
            sys.stdout.flush()
