"""Benchmark of appending to the audit chain: record_many against a record() loop.

    python benchmarks/events_bench.py [--events 20000] [--single 2000] [--dir DIR]

Migrates a fresh database (SQLite in ``--dir``; or the empty PostgreSQL database
named by STDHUB_DATABASE_URL), then appends --events events shaped like a
standards import (a "created" diff of about twenty fields: dates, a Decimal,
Chinese titles, lists of classes and organizations) in one ``record_many``
call, and, as the baseline, --single such events with one ``record()`` call
each. Each run is its own transaction; the chain is verified at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--single", type=int, default=2_000,
                        help="events appended one record() at a time (the baseline)")
    parser.add_argument("--dir", default="/tmp/stdhub-bench/events",
                        help="work folder (emptied first) for the SQLite database")
    return parser.parse_args()


def setup_django(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ["STDHUB_DATA_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def created_diff(i: int) -> dict:
    """What importing one standard records: ``{field: [None, value]}``."""
    values = {
        "code": f"GB/T {10000 + i}-2020", "code_base": f"GB/T {10000 + i}",
        "title_zh": f"数字化改革 公共数据 第{i}部分：数据元规范",
        "title_en": f"Digital reform - Public data - Part {i}: Data elements",
        "level": "national", "nature": "recommended", "status": "current",
        "issued_on": dt.date(2020, 3, 1 + i % 28), "effective_on": dt.date(2020, 10, 1),
        "withdrawn_on": None, "adopts": "", "pages": decimal.Decimal(i % 300),
        "ics": ["35.240.01 信息技术应用综合", "35.240.50 信息技术在工业上的应用"],
        "ccs": ["L67 计算机应用"], "drafting_orgs": ["浙江省标准化研究院", f"测试单位{i % 50}"],
        "replaces": [], "responsible_org": "浙江省大数据发展管理局", "summary": "范围和要求。" * 5,
    }
    return {k: [None, v] for k, v in sorted(values.items()) if v is not None}


def main() -> None:
    args = parse_args()
    setup_django(Path(args.dir))
    from django.db import connection, transaction

    from stdhub.core import events
    from stdhub.core.permissions import SYSTEM
    from stdhub.orgs.models import Organization

    def items(n: int, start: int):
        # Unsaved organizations with keys: an event names its object, it does not join it.
        return [(Organization(pk=start + i, name=f"测试单位{start + i}"), "created",
                 "registered on import", created_diff(start + i)) for i in range(n)]

    bulk_items, single_items = items(args.events, 0), items(args.single, args.events)

    started = time.perf_counter()
    with transaction.atomic():
        events.record_many(SYSTEM, bulk_items)
    bulk = time.perf_counter() - started

    started = time.perf_counter()
    for item in single_items:
        with transaction.atomic():
            events.record(SYSTEM, *item)
    single = time.perf_counter() - started

    started = time.perf_counter()
    result = events.verify()
    check = time.perf_counter() - started
    assert result.ok and result.checked == args.events + args.single, result

    print(f"database: {connection.vendor}")
    rate_bulk, rate_single = args.events / bulk, args.single / single
    print(f"record_many  {args.events:>8,} events {bulk:8.2f} s {rate_bulk:10,.0f} events/s "
          f"{1e6 / rate_bulk:7.1f} µs/event")
    print(f"record loop  {args.single:>8,} events {single:8.2f} s {rate_single:10,.0f} events/s "
          f"{1e6 / rate_single:7.1f} µs/event")
    print(f"verify       {result.checked:>8,} events {check:8.2f} s")
    print(f"record_many / record loop: {rate_bulk / rate_single:.1f}x events/s")


if __name__ == "__main__":
    main()
