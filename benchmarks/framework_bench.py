"""Standard system and programme pages at scale: a framework of 2,000 nodes over a registry of
300,000 standards.

    .venv/bin/python benchmarks/framework_bench.py [--rows 300000] [--nodes 2000]
        [--entries 20000] [--db PATH] [--runs 30]

The registry is ``list_bench``'s database (built once, reused). The seed programme is
loaded, then a framework of ``--nodes`` nodes (5 levels) is bulk-built under it with
``--entries`` entries: two thirds existing standards, the rest planned or in development.
Every request goes through the Django test client in this process. Each page prints p50
and p95 over ``--runs`` requests after two warm-up requests (figures are cached until the
next write, so the warm-up fills the cache as the first visitor would), its p95 against a
bare ``Standard.objects.values()[:50]`` timed the same way, and its CPU p50. Then one cold
request per page after a write (the cost the first visitor after an edit pays), and the
time to export the whole framework as .xlsx.
Targets: tables and dashboard p95 <= 50 ms; the .xlsx export <= 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import list_bench  # noqa: E402  (shares the database builder and the timing helpers)

PAGE_TARGET_MS, EXPORT_TARGET_S = 50.0, 5.0
CODE = "bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--db", default="/tmp/stdhub-bench/list-300k.sqlite3")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def node_codes(count: int, rng: random.Random) -> list[str]:
    """``count`` hierarchical codes: 8 roots, then children under random earlier nodes."""
    codes = [str(i) for i in range(1, 9)]
    children: dict[str, int] = {}
    while len(codes) < count:
        parent = rng.choice(codes)
        if parent.count(".") >= 4:
            continue
        children[parent] = children.get(parent, 0) + 1
        codes.append(f"{parent}.{children[parent]}")
    return codes


def build_framework(nodes: int, entries: int, seed: int):
    from django.db import transaction

    from stdhub.core.permissions import SYSTEM
    from stdhub.framework import services, tree
    from stdhub.framework.models import Entry, Framework, Node
    from stdhub.programme.services import load_programme
    from stdhub.standards.models import Standard

    load_programme(SYSTEM)
    framework = Framework.objects.filter(code=CODE).first()
    if framework:
        return framework
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        framework = services.create_framework(SYSTEM, code=CODE, title="基准标准体系")
        made: dict[str, Node] = {}
        for code in sorted(node_codes(nodes, rng), key=tree.sort_key):
            node = services._new_node(framework, code, f"节点 {code}", "", made)
            node.save()
            made[code] = node
        ids = list(Standard.objects.values_list("pk", flat=True)[: entries * 4])
        picked = rng.sample(ids, entries * 2 // 3)
        leaves = list(made.values())
        rows = [Entry(node=rng.choice(leaves), kind="standard", standard_id=pk,
                      standard_type=rng.choice(["基础", "技术", "管理"])) for pk in picked]
        rows += [Entry(node=rng.choice(leaves), kind=rng.choice(["planned", "project"]),
                       title=f"拟制定标准 {i}", project_ref=f"P{i}", suggested_level="local",
                       standard_type="服务") for i in range(entries - len(rows))]
        Entry.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    print(f"built a framework of {nodes:,} nodes and {entries:,} entries in "
          f"{time.perf_counter() - started:.1f} s")
    return framework


def main() -> None:
    args = parse_args()
    list_bench.setup_django(args)
    from django.core.management import call_command

    from stdhub.programme.models import Programme

    call_command("migrate", verbosity=0)
    if not Programme.objects.exists():  # the seed programme adds its starter standards
        list_bench.ensure_database(args.rows, args.seed)

    from django.db import connection, transaction
    from django.test import Client

    from stdhub.core import events
    from stdhub.core.permissions import SYSTEM
    from stdhub.framework.models import Framework
    from stdhub.framework.workbook import export_workbook
    from stdhub.standards.models import Standard

    framework = build_framework(args.nodes, args.entries, args.seed)
    programme = Programme.objects.get()
    timed, p95 = list_bench.timed, list_bench.p95
    baseline, baseline_cpu = timed(lambda: list(Standard.objects.values()[:50]), args.runs)
    base95 = p95(baseline)
    print(f"{args.rows:,} standards, {args.nodes:,} nodes on {connection.vendor}; "
          f"{args.runs} runs; target p95 <= {PAGE_TARGET_MS:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'page':<40}{'p50 ms':>9}{'p95 ms':>9}{'x base':>8}{'cpu p50':>9}{'cold ms':>9}")
    print(f"{'baseline: Standard.objects.values()[:50]':<40}{statistics.median(baseline):>9.2f}"
          f"{base95:>9.2f}{1:>8.1f}{statistics.median(baseline_cpu):>9.2f}")
    client = Client()
    pages = [
        ("programme dashboard", f"/programme/{programme.code}/"),
        ("target: standards (drill-down)", f"/programme/{programme.code}/targets/standards/"),
        ("framework page (tree, diagram)", f"/frameworks/{CODE}/"),
        ("detail + statistics tables", f"/frameworks/{CODE}/tables/"),
        ("tables, page 100", f"/frameworks/{CODE}/tables/?page=100"),
        ("gaps", f"/frameworks/{CODE}/gaps/"),
        ("API tables (whole detail table)", f"/api/v1/frameworks/{CODE}/tables/"),
    ]
    worst = 0.0
    for label, url in pages:
        get = list_bench.getter(client, url)
        times, cpu = timed(get, args.runs)
        with transaction.atomic():  # a write: every cached figure is stale afterwards
            events.record(SYSTEM, framework, "changed", "benchmark write")
        start = time.perf_counter()
        get()
        cold = (time.perf_counter() - start) * 1000
        high = p95(times)
        if not label.startswith("API"):
            worst = max(worst, high)
        print(f"{label:<40}{statistics.median(times):>9.2f}{high:>9.2f}{high / base95:>8.1f}"
              f"{statistics.median(cpu):>9.2f}{cold:>9.1f}")
    start = time.perf_counter()
    size = len(export_workbook(Framework.objects.get(code=CODE)))
    export_s = time.perf_counter() - start
    print(f"{'xlsx export of the whole framework':<40}{export_s:>9.2f} s ({size / 1e6:.1f} MB)")
    print(f"worst page p95 {worst:.1f} ms: {'meets' if worst <= PAGE_TARGET_MS else 'MISSES'} "
          f"the {PAGE_TARGET_MS:.0f} ms target; export "
          f"{'meets' if export_s <= EXPORT_TARGET_S else 'MISSES'} the {EXPORT_TARGET_S:.0f} s "
          f"target (load average now {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
