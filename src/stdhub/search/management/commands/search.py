"""``stdhub search QUERY [--json] [--limit N]``: search standards; ``--reindex`` rebuilds."""

import json
import sys
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from stdhub.core.cli import acting_user
from stdhub.core.permissions import scope
from stdhub.search import documents
from stdhub.search.indexing import reindex
from stdhub.search.plan import MAX_QUERY_CHARS
from stdhub.search.queries import search_standards
from stdhub.standards.models import Standard


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


class Command(BaseCommand):
    help = ("Search standards (检索标准) whose title or code contains QUERY, exact and prefix "
            "code matches first. --json prints {\"total\": N, \"results\": [{code, title, level, "
            "status}, …]}. --reindex rebuilds the search index.")

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", help="words or a code, e.g. 数据 or GB/T 2260")
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="print the total and the results as JSON")
        parser.add_argument("--limit", type=int, default=20, help="results to print (default 20)")
        parser.add_argument("--offset", type=int, default=0, help="results to skip (default 0)")
        parser.add_argument("--user", help="only what this user may see (default: everything)")
        parser.add_argument("--reindex", action="store_true",
                            help="rebuild the search index from every standard and project")

    def handle(self, *args, query=None, as_json=False, limit=20, offset=0, reindex=False,
               user=None, **options):
        if reindex:
            self._reindex()
            if query is None:
                return
        if not (query or "").strip():
            raise CommandError("give a QUERY to search for (or --reindex)")
        if len(query) > MAX_QUERY_CHARS:
            raise CommandError(f"the query is {len(query)} characters long; give at most "
                               f"{MAX_QUERY_CHARS}", returncode=2)
        if limit < 0 or offset < 0:
            raise CommandError("--limit and --offset must not be negative")
        visible = scope(acting_user(user, default_superuser=False), "view",
                        Standard.objects.all())
        found = search_standards(query, queryset=visible, limit=limit, offset=offset)
        if as_json:
            self.stdout.write(json.dumps({
                "total": found.total,
                "results": [{"code": s.code, "title": s.title_zh, "level": s.level,
                             "status": s.status} for s in found.results],
            }, ensure_ascii=False))
            return
        self._table(found)

    def _reindex(self):
        kinds = documents.kinds()
        with transaction.atomic():
            for kind in kinds:
                with tqdm(total=kind.model.objects.count(), desc=f"reindex {kind.name}",
                          unit="record", file=sys.stderr, disable=None) as bar:
                    done = reindex(kind.name, progress=bar.update)
                self.stderr.write(f"indexed {done} {kind.name}")

    def _table(self, found):
        rows = [(s.code, s.title_zh, str(s.get_level_display()), str(s.get_status_display()))
                for s in found.results]
        widths = [max([_width(r[i]) for r in rows], default=0) for i in range(3)]
        for row in rows:
            cells = [_pad(cell, width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[3]]))
        shown = f", {len(rows)} shown" if len(rows) < found.total else ""
        self.stdout.write(f"{found.total} found{shown}")
