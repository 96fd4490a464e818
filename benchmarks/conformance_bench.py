"""Benchmark of the conformance engine against the bare polars CSV read and Frictionless.

    python benchmarks/conformance_bench.py [--rows 1000000] [--workdir DIR] [--repeat 3]
    python benchmarks/conformance_bench.py --big      # 10,000,000 rows, peak memory

Generates enterprise-register rows (id, USCC, resident ID, GB/T 2260 region,
Chinese name, amount, date, status) with a few percent bad values, then times
a plain ``pl.scan_csv(...).collect()`` of the file (the floor no validator can
beat), stdhub's validate() with all rules and with only the rules Frictionless
knows (no codeList, no checksum), and Frictionless on a 100,000-row slice.
Each figure is the best of --repeat runs.
--big validates in a child process (``python -m stdhub.conformance``) and reports
its peak RSS from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from stdhub.conformance.engine import builtin_registry, parse_spec, validate
from stdhub.conformance.engine.checksums import (
    GB32100_ALPHABET,
    gb11643_check_char,
    gb32100_check_char,
)

SCHEMA = {
    "title": "企业登记信息 (benchmark)",
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {
            "name": "uscc",
            "title": "统一社会信用代码",
            "checksum": "GB 32100",
            "constraints": {"required": True, "unique": True},
        },
        {"name": "legal_id", "title": "法定代表人身份证号", "checksum": "GB 11643"},
        {"name": "region", "title": "行政区划", "codeList": "GB/T 2260"},
        {"name": "name", "title": "姓名", "constraints": {"required": True, "maxLength": 4}},
        {"name": "amount", "type": "number", "title": "金额", "constraints": {"minimum": 0}},
        {"name": "date", "type": "date", "title": "日期"},
        {
            "name": "status",
            "title": "状态",
            "constraints": {"enum": ["存续", "在业", "迁出", "注销", "吊销"]},
        },
    ],
    "primaryKey": "id",
}
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娟建国志红兰飞鹏辉斌宇浩凯健俊帆帅旭宁"
)
STATUSES = ["存续", "在业", "迁出", "注销", "吊销"]
CHUNK_ROWS = 1_000_000
SLICE_ROWS = 100_000


def _pick(values: list[str], random: pl.Expr) -> pl.Expr:
    return pl.lit(pl.Series(values)).gather(random % len(values))


def generate_chunk(start: int, rows: int, regions: list[str]) -> pl.DataFrame:
    """Rows ``start``‥``start + rows``: deterministic, vectorised (hashes as random numbers)."""
    index = pl.int_range(start, start + rows, dtype=pl.UInt64)

    def random(seed: int) -> pl.Expr:
        return index.hash(seed)

    def bad(seed: int, per_mille: int) -> pl.Expr:
        return random(seed) % 1000 < per_mille

    alphabet = pl.lit(GB32100_ALPHABET)
    uscc_body = pl.concat_str(
        pl.lit("91"),
        _pick(regions, random(1)),
        *(alphabet.str.slice((random(100 + k) % 31).cast(pl.Int64), 1) for k in range(9)),
    )
    birth = (pl.date(1950, 1, 1) + pl.duration(days=random(2) % 25_000)).dt.strftime("%Y%m%d")
    person_body = pl.concat_str(
        _pick(regions, random(3)), birth, (random(4) % 1000).cast(pl.String).str.zfill(3)
    )
    frame = pl.select(
        id=(index + 1 - bad(10, 1).cast(pl.UInt64)).cast(pl.String),  # 0.1 % repeat the previous id
        uscc=uscc_body + gb32100_check_char(uscc_body),
        legal_id=person_body + gb11643_check_char(person_body),
        region=_pick(regions, random(5)),
        name=_pick(SURNAMES, random(6))
        + _pick(GIVEN, random(7))
        + pl.when(random(8) % 2 == 0).then(_pick(GIVEN, random(9))).otherwise(pl.lit("")),
        amount=((random(11) % 10_000_000).cast(pl.Float64) / 100).cast(pl.String),
        date=(pl.date(2000, 1, 1) + pl.duration(days=random(12) % 9000)).dt.to_string("%Y-%m-%d"),
        status=_pick(STATUSES, random(13)),
    )
    return frame.with_columns(  # a few percent of bad values
        uscc=pl.when(bad(20, 20)).then(pl.col("uscc").str.slice(0, 17) + "0").otherwise("uscc"),
        legal_id=pl.when(bad(21, 20))
        .then(pl.col("legal_id").str.slice(0, 17) + "5")
        .otherwise("legal_id"),
        region=pl.when(bad(22, 10)).then(pl.lit("999999")).otherwise("region"),
        name=pl.when(bad(23, 5))
        .then(pl.lit(""))
        .when(bad(24, 5))
        .then(pl.lit("欧阳明月光"))
        .otherwise("name"),
        amount=pl.when(bad(25, 10))
        .then(pl.lit("-1"))
        .when(bad(26, 5))
        .then(pl.lit("n/a"))
        .otherwise("amount"),
        date=pl.when(bad(27, 10)).then(pl.lit("2023-02-30")).otherwise("date"),
        status=pl.when(bad(28, 10)).then(pl.lit("未知")).otherwise("status"),
    )


def generate(path: Path, rows: int) -> None:
    regions = sorted(builtin_registry().get("GB/T 2260").values)
    with path.open("wb") as fh:
        for start in range(0, rows, CHUNK_ROWS):
            chunk = generate_chunk(start, min(CHUNK_ROWS, rows - start), regions)
            chunk.write_csv(fh, include_header=start == 0)


@dataclass
class Timing:
    wall: float  # seconds
    cpu: float  # seconds of CPU (user + system, all threads) of the same run
    result: object = None


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(action, repeat: int = 1, who: int = resource.RUSAGE_SELF) -> Timing:
    """The run with the best wall time of ``repeat`` (the machine may be shared: the
    best is the least disturbed); ``who`` says whose CPU time to count."""
    best = Timing(float("inf"), 0.0)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu_seconds(who)
        result = action()
        run = Timing(time.perf_counter() - wall, _cpu_seconds(who) - cpu, result)
        best = min(best, run, key=lambda t: t.wall)
    return best


# Frictionless knows neither codeList nor checksum; this is the rest of SCHEMA.
FRICTIONLESS_SCHEMA = {
    **SCHEMA,
    "fields": [
        {k: v for k, v in f.items() if k not in {"codeList", "checksum"}} for f in SCHEMA["fields"]
    ],
}


def frictionless_timing(workdir: Path, data: Path, repeat: int) -> Timing:
    from frictionless import Resource, Schema

    pl.scan_csv(data, infer_schema=False).head(SLICE_ROWS).sink_csv(workdir / "slice.csv")
    schema = Schema.from_descriptor(FRICTIONLESS_SCHEMA)
    resource = Resource(path="slice.csv", basepath=str(workdir), schema=schema)
    return timed(lambda: resource.validate(limit_errors=10**9), repeat)


def line(label: str, rows: int, timing: Timing, extra: str = "") -> tuple[float, float]:
    """Print and return rows per wall second and rows per CPU second."""
    rate, cpu_rate = rows / timing.wall, rows / timing.cpu
    print(
        f"{label:<30}{rows:>11,} rows {timing.wall:>6.2f} s {rate:>11,.0f} rows/s"
        f"  {timing.cpu:>6.2f} CPU-s {cpu_rate:>11,.0f} rows/CPU-s  {extra}"
    )
    return rate, cpu_rate


def run_default(workdir: Path, rows: int, repeat: int) -> None:
    data = workdir / "enterprises.csv"
    generation = timed(lambda: generate(data, rows))
    size = data.stat().st_size / 2**20
    print(f"generated {rows:,} rows, {size:,.0f} MiB in {generation.wall:.1f} s")
    floor = line(
        "polars read (floor)",
        rows,
        timed(lambda: pl.scan_csv(data, infer_schema=False).collect(), repeat),
    )
    engine = timed(lambda: validate(parse_spec(SCHEMA), data), repeat)
    stdhub = line("stdhub, all rules", rows, engine, f"{engine.result.errors_total:,} errors")
    same_rules = line(
        "stdhub, Frictionless' rules",
        rows,
        timed(lambda: validate(parse_spec(FRICTIONLESS_SCHEMA), data), repeat),
    )
    friction = line(
        "frictionless (slice)", min(rows, SLICE_ROWS), frictionless_timing(workdir, data, repeat)
    )
    print(f"stdhub/floor = {stdhub[0] / floor[0]:.2f} (wall)")
    for basis, i in (("wall", 0), ("CPU", 1)):
        print(
            f"stdhub/frictionless ({basis}) = {stdhub[i] / friction[i]:,.0f}x all rules, "
            f"{same_rules[i] / friction[i]:,.0f}x the same rules"
        )
    for rule in engine.result.rules:
        if rule.count:
            print(f"    {rule.id:<22}{rule.count:>10,}")


def run_big(workdir: Path, rows: int, repeat: int) -> None:
    data, spec_path = workdir / "enterprises.csv", workdir / "spec.json"
    spec_path.write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
    generation = timed(lambda: generate(data, rows))
    size = data.stat().st_size / 2**20
    print(f"generated {rows:,} rows, {size:,.0f} MiB in {generation.wall:.1f} s")
    command = [sys.executable, "-m", "stdhub.conformance", str(spec_path), str(data), "--json"]
    run = timed(
        lambda: subprocess.run(command, capture_output=True, text=True, check=False),
        repeat,
        who=resource.RUSAGE_CHILDREN,
    )
    if run.result.returncode not in (0, 1):
        sys.exit(f"validation failed: {run.result.stderr}")
    report = json.loads(run.result.stdout)
    line("stdhub validate (child)", report["rows"], run, f"{report['errors_total']:,} errors")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of the validating process: {peak_mib:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, help="rows to generate (default 1,000,000; 10,000,000 with --big)"
    )
    parser.add_argument(
        "--big", action="store_true", help="validate a big file in a child process, report peak RSS"
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to write the data (default: a temporary folder)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the best counts"
    )
    args = parser.parse_args()
    rows = args.rows or (10_000_000 if args.big else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="stdhub-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        (run_big if args.big else run_default)(workdir, rows, args.repeat)


if __name__ == "__main__":
    main()
