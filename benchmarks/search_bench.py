"""Search latency on a 300,000-standard registry, beside a ``LIKE '%q%'`` scan in the same run.

    .venv/bin/python benchmarks/search_bench.py        # SQLite: /tmp/stdhub-search-bench.sqlite3
    .venv/bin/python benchmarks/search_bench.py --db other.sqlite3 --n 100000
    .venv/bin/python benchmarks/search_bench.py --index-only --n 50000
    STDHUB_DATABASE_URL=postgres://… .venv/bin/python benchmarks/search_bench.py

The database is built once (standards from ``standards_data.generate_rows``,
written with ``bulk_create``, then ``reindex_all``) and reused while it holds
``--n`` standards. Each query runs ``search_standards(q, limit=20)`` (exact
total and the first page) and the baseline: the same count and first page by a
``LIKE '%q%'`` scan over titles and codes. Figures are per query class (1-, 2-,
4-character words, codes): p50 and p95 over every run of every query. Targets:
search p95 ≤ 20 ms and at least 20× faster than the scan.

``--index-only`` times ``index_standards`` of every standard as new ones (the
importer's call) on an emptied index, beside the baseline of computing the same
rows' keys and tokens in Python alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = {
    "1 char": ["数", "规", "证", "码", "茶", "链", "安", "网", "标", "部"],
    "2 chars": ["数据", "规范", "证照", "指南", "安全", "平台", "编码", "茶叶", "物联", "冷链"],
    "4 chars": ["政务服务", "电子证照", "信息安全", "数据规范", "公共数据", "一网通办", "技术要求",
                "行政区划", "卫星定位", "数据共享"],
    "code": ["GB/T 2260", "2260-2007", "DB33/T 2350", "JT/T 808", "ISO/IEC 27001", "T/ZZB 0001",
             "GB 32100", "ＧＢ／Ｔ２２６０", "GB/T 2260 行政区划", "35273"],
}
TARGET_MS, TARGET_RATIO = 20.0, 20.0


def setup_django(db: Path) -> None:
    if not os.environ.get("STDHUB_DATABASE_URL"):
        os.environ["STDHUB_DATABASE_URL"] = f"sqlite:///{db.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()


def build(n: int, seed: int, reindex: bool) -> None:
    """Fill the registry with ``n`` generated standards and index them, unless already there."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from standards_data import STATUS_WORDS, generate_rows

    from stdhub.standards.codes import parse_code
    from stdhub.standards.models import Standard

    call_command("migrate", verbosity=0)
    status_of = {word: value for value, word in STATUS_WORDS.items()}
    if Standard.objects.count() == n:
        print(f"reusing {n:,} standards in {connection.settings_dict['NAME']}")
        if reindex:
            index(n)
        return
    started = time.perf_counter()
    with transaction.atomic():
        Standard.objects.all().delete()
        batch = []
        for row in generate_rows(n, seed):
            code = parse_code(row["标准号"])
            batch.append(Standard(
                code=code.canonical, code_base=code.base, prefix=code.prefix,
                issuer=code.issuer or "", number=code.number, year=code.year, level=code.level,
                nature=code.nature or "", title_zh=row["标准名称"], title_en=row["英文名称"],
                status=status_of[row["状态"]],
                issued_on=dt.date.fromisoformat(row["发布日期"]),
                effective_on=dt.date.fromisoformat(row["实施日期"])))
            if len(batch) == 5000:
                Standard.objects.bulk_create(batch)
                batch = []
        Standard.objects.bulk_create(batch)
    print(f"wrote {n:,} standards in {time.perf_counter() - started:.1f} s")
    index(n)


def index(n: int) -> None:
    """Time ``reindex_all`` and refresh the planner's statistics."""
    from django.db import connection

    from stdhub.search.indexing import reindex_all

    started = time.perf_counter()
    indexed = reindex_all()
    seconds = time.perf_counter() - started
    print(f"indexed {indexed:,} standards in {seconds:.1f} s ({indexed / seconds:,.0f}/s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def index_only() -> None:
    """Time ``index_standards`` of every standard into an empty index, beside bare tokenising."""
    from django.db import transaction

    from stdhub.search.backends import backend
    from stdhub.search.indexing import index_standards, keys_of
    from stdhub.search.tokenizer import bigrams
    from stdhub.standards.models import Standard

    standards = list(Standard.objects.order_by("pk"))
    started = time.perf_counter()
    for s in standards:
        keys = keys_of(s.pk, s.title_zh, s.code, s.code_base, s.prefix)
        set(keys.title_key) | set(bigrams(keys.title_key))
        set(keys.code_key) | set(bigrams(keys.code_key))
    tokenising = time.perf_counter() - started
    with transaction.atomic():
        backend().clear()
    started = time.perf_counter()
    index_standards(standards)
    indexing = time.perf_counter() - started
    n = len(standards)
    print(f"index_standards of {n:,} new standards: {indexing:.2f} s ({n / indexing:,.0f}/s); "
          f"bare tokenising: {tokenising:.2f} s ({n / tokenising:,.0f}/s); "
          f"ratio {indexing / tokenising:.1f}x")


def scan(query: str):
    """The baseline: count and first page by LIKE over every title and code."""
    from django.db.models import Q
    from django.db.models.functions import Length

    from stdhub.standards.models import Standard

    matching = Standard.objects.filter(Q(title_zh__contains=query) | Q(code__contains=query))
    return matching.count(), list(matching.order_by(Length("title_zh"), "pk")[:20])


def timed(function, query: str, runs: int) -> tuple[list[float], int]:
    function(query)  # warm caches; not counted
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function(query)
        times.append((time.perf_counter() - started) * 1000)
    total = result.total if hasattr(result, "total") else result[0]
    return times, total


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/stdhub-search-bench.sqlite3"),
                        help="SQLite file to build or reuse (ignored with STDHUB_DATABASE_URL)")
    parser.add_argument("--n", type=int, default=300_000, help="standards (default 300,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reindex", action="store_true",
                        help="rebuild the search index of a reused database (timed)")
    parser.add_argument("--index-only", action="store_true",
                        help="time index_standards of every standard as new ones, then stop")
    parser.add_argument("--verbose", action="store_true", help="print every query's figures")
    args = parser.parse_args()
    setup_django(args.db)

    from django.db import connection

    from stdhub.search.queries import search_standards

    build(args.n, args.seed, args.reindex)
    if args.index_only:
        index_only()
        return
    print(f"{connection.vendor}, {args.n:,} standards, {args.runs} runs per query\n")
    print(f"{'class':8} {'search p50':>11} {'p95':>8}   {'scan p50':>9} {'p95':>8}   "
          f"{'ratio p50':>9} {'p95':>6}")
    met = True
    for name, queries in QUERIES.items():
        found, baseline = [], []
        for query in queries:
            times, total = timed(lambda q: search_standards(q, limit=20), query, args.runs)
            scan_times, scan_total = timed(scan, query, max(2, args.runs // 2))
            found += times
            baseline += scan_times
            if args.verbose:
                print(f"  {query:16} total={total:>7,} {statistics.median(times):7.2f} ms   "
                      f"scan total={scan_total:>7,} {statistics.median(scan_times):7.2f} ms")
        ratio50 = p(baseline, 50) / p(found, 50)
        ratio95 = p(baseline, 95) / p(found, 95)
        met &= p(found, 95) <= TARGET_MS and ratio50 >= TARGET_RATIO
        print(f"{name:8} {p(found, 50):8.2f} ms {p(found, 95):5.2f} ms   {p(baseline, 50):6.1f} ms "
              f"{p(baseline, 95):5.1f} ms   {ratio50:8.0f}x {ratio95:5.0f}x")
    print(f"\ntargets (p95 ≤ {TARGET_MS:.0f} ms, ≥ {TARGET_RATIO:.0f}× the scan): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
