"""Import throughput: `stdhub import standards` through its real path, at 300,000 rows.

    .venv/bin/python benchmarks/import_bench.py [--rows 300000] [--xlsx-rows 20000] [--dir DIR]

Writes ``standards_data.generate_rows`` to a CSV (and its first ``--xlsx-rows`` rows to an
.xlsx), migrates a fresh database (SQLite in ``--dir``; or the empty PostgreSQL database
named by ``STDHUB_DATABASE_URL``), loads the ICS and CCS tables, then imports with
``import_standards``: every row checked, one transaction, one audit event per standard,
the search index refreshed. Beside it, timed in the same process on the same file, two
baselines: the bare ``csv.DictReader`` parse, and a plain ``bulk_create`` of the same rows
(no validation, relations, events or index; rolled back). Also a no-op re-import, a CSV
export, and the .xlsx import (its standards are deleted again before the CSV import).
The import's time is split into checking, writing rows, audit events and search index.
Target: ≥ 20,000 rows/s.
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TARGET = 20_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--xlsx-rows", type=int, default=20_000, help="0 skips the .xlsx run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", default="/tmp/stdhub-bench/import",
                        help="work folder (emptied first): files, and the SQLite database")
    return parser.parse_args()


def setup_django(work: Path) -> None:
    os.environ["STDHUB_DATA_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_database():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from stdhub.standards.models import Standard
    from stdhub.standards.services import load_reference_classes

    call_command("migrate", verbosity=0)
    if Standard.objects.exists():
        sys.exit("the database already holds standards: give an empty one")
    load_reference_classes()
    return get_user_model().objects.create_superuser("bench", password="bench-import-2026")


def write_files(work: Path, rows: int, xlsx_rows: int, seed: int) -> tuple[Path, Path | None]:
    from openpyxl import Workbook
    from standards_data import generate_rows

    data = list(generate_rows(rows, seed))
    csv_path = work / f"standards-{rows}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    if not xlsx_rows:
        return csv_path, None
    xlsx_path = work / f"standards-{xlsx_rows}.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(data[0]))
    for row in data[:xlsx_rows]:
        sheet.append(list(row.values()))
    book.save(xlsx_path)
    return csv_path, xlsx_path


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


# ------------------------------------------------------------------------------ baselines


def parse_baseline(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def bulk_create_baseline(path: Path) -> int:
    """The same rows as plain Standard rows through bulk_create, then rolled back."""
    from django.db import transaction

    from stdhub.standards.models import Standard

    with path.open(encoding="utf-8", newline="") as fh, transaction.atomic():
        rows = [Standard(code=r["标准号"], code_base=r["标准号"], prefix="", number="",
                         title_zh=r["标准名称"], title_en=r["英文名称"], level="national")
                for r in csv.DictReader(fh)]
        Standard.objects.bulk_create(rows, batch_size=2000)
        transaction.set_rollback(True)
    return len(rows)


# ------------------------------------------------------------------------------ the import


class Phases:
    """Time spent in the import's parts: checking (through the progress hook), audit events
    and search indexing (by wrapping the two functions the importer calls)."""

    def __init__(self):
        self.seconds = {"check": 0.0, "events": 0.0, "index": 0.0}

    def progress(self, iterable, desc, total=None):
        if desc != "check":
            return iterable
        return self._timed_iteration(iterable)

    def _timed_iteration(self, iterable):
        start = time.perf_counter()
        yield from iterable
        self.seconds["check"] += time.perf_counter() - start

    def wrap(self, module, name: str, phase: str):
        original = getattr(module, name)

        @functools.wraps(original)
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - start

        setattr(module, name, run)


def run_import(actor, path: Path, phases: Phases | None = None):
    from stdhub.standards.io.importer import import_standards

    progress = phases.progress if phases else (lambda iterable, desc, total=None: iterable)
    result, seconds = timed(lambda: import_standards(actor, path, progress=progress))
    if not result.ok:
        sys.exit(f"import of {path.name} failed: {result.errors[:5]}")
    return result, seconds


def export_csv(path: Path) -> int:
    from stdhub.standards.io.exporter import records_of, write
    from stdhub.standards.models import Standard

    with path.open("wb") as out:
        write(records_of(Standard.objects.all()), "csv", out)
    return Standard.objects.count()


def main() -> None:
    args = parse_args()
    work = Path(args.dir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    setup_django(work)
    from django.db import connection

    from stdhub.core import events
    from stdhub.core.models import Event
    from stdhub.search import indexing
    from stdhub.standards.models import Standard

    actor = prepare_database()
    (csv_path, xlsx_path), seconds = timed(
        lambda: write_files(work, args.rows, args.xlsx_rows, args.seed))
    print(f"{connection.vendor}; {args.rows:,} rows generated and written in {seconds:.1f} s")

    def report(name: str, rows: int, seconds: float) -> float:
        rate = rows / seconds
        print(f"  {name:<44} {rows:>9,} rows {seconds:>8.2f} s {rate:>10,.0f} rows/s", flush=True)
        return rate

    parse_rate = report("baseline: csv.DictReader parse", *timed(
        lambda: parse_baseline(csv_path)))
    insert_rate = report("baseline: plain bulk_create (rolled back)", *timed(
        lambda: bulk_create_baseline(csv_path)))

    if xlsx_path:
        result, seconds = run_import(actor, xlsx_path)
        report(".xlsx import (created)", result.created, seconds)
        Standard.objects.all().delete()

    phases = Phases()
    phases.wrap(events, "record_many", "events")
    phases.wrap(indexing, "index_standards", "index")
    events_before = Event.objects.count()
    result, seconds = run_import(actor, csv_path, phases)
    rate = report("CSV import (created)", result.created, seconds)
    other = seconds - sum(phases.seconds.values())
    for name, part in [*phases.seconds.items(), ("plan, rows and relations", other)]:
        print(f"      {name:<40} {part:>8.2f} s {result.created / part:>10,.0f} rows/s")
    assert Standard.objects.count() == result.created == args.rows
    assert Event.objects.count() - events_before >= result.created

    again, seconds = run_import(actor, csv_path)
    assert again.unchanged == args.rows and not (again.created or again.updated)
    report("CSV re-import, nothing changed", again.unchanged, seconds)
    report("CSV export", *timed(lambda: export_csv(work / "export.csv")))

    print(f"\nimport {rate:,.0f} rows/s = {rate / parse_rate:.3f} × the bare parse, "
          f"{rate / insert_rate:.2f} × a plain bulk_create; target {TARGET:,} rows/s: "
          f"{'met' if rate >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
