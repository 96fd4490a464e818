"""What a conformance run costs on top of the engine, and what a database code list costs.

    .venv/bin/python benchmarks/conformance_runs_bench.py [--rows 200000] [--workdir DIR]

Uses a fresh SQLite database in the work folder (or PostgreSQL when
``STDHUB_DATABASE_URL`` is set) and runs tasks in-process (ImmediateBackend). Prints:

- a run through ``services.start_run`` (upload copied into MEDIA_ROOT, events, progress
  updates, errors file, report stored) against ``validate()`` on the same file with the
  same errors file and batch size: the ratio is the platform's overhead;
- importing the 3,218-entry GB/T 2260 table as a database code list against the engine's
  plain ``read_code_list`` of the same CSV;
- loading that list for a check (``DatabaseCodeLists().get``), per call.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--workdir",
                        help="folder for the database and files (default: a temp folder)")
    return parser.parse_args()


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("STDHUB_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["STDHUB_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def fixtures():
    from django.contrib.auth import get_user_model

    from stdhub.orgs.models import Membership, Organization

    org, _ = Organization.objects.get_or_create(name="浙江省数据管理中心")
    user, created = get_user_model().objects.get_or_create(username="bench-admin")
    if created:
        Membership.objects.create(user=user, organization=org, role="admin")
    return org, user


def bench_run(workdir: Path, rows: int, org, user) -> None:
    from conformance_bench import SCHEMA, generate
    from django.core.files import File

    from stdhub.conformance import services
    from stdhub.conformance.engine import parse_spec, validate
    from stdhub.conformance.tasks import BATCH_ROWS

    data = workdir / "enterprises.csv"
    generate(data, rows)
    identifier = f"bench/{time.time_ns()}"
    version = services.publish_data_standard(user, identifier=identifier, title="benchmark",
                                             organization=org, schema=SCHEMA, version_label="1")

    def engine():
        return validate(parse_spec(SCHEMA), data, batch_rows=BATCH_ROWS,
                        errors_path=workdir / "direct-errors.csv")

    def start():
        with data.open("rb") as fh:
            return services.start_run(user, version=version, organization=org,
                                      upload=File(fh, name="enterprises.csv"))

    # Interleaved, best of two each: the machine is shared and the first read is cold.
    rounds = [(timed(engine), timed(start)) for _ in range(2)]
    direct, report = min(r[0] for r in rounds)
    platform, run = min((r[1] for r in rounds), key=lambda pair: pair[0])
    assert run.report["errors_total"] == report.errors_total, "run and engine disagree"
    print(f"engine validate()    {rows:>10,} rows {direct:6.2f} s {rows / direct:>10,.0f} rows/s")
    print(f"run via start_run()  {rows:>10,} rows {platform:6.2f} s "
          f"{rows / platform:>10,.0f} rows/s  status={run.status}")
    print(f"run / engine = {platform / direct:.2f}")


def bench_code_list(workdir: Path, org, user) -> None:
    from stdhub.conformance import services
    from stdhub.conformance.engine import builtin_registry, read_code_list
    from stdhub.conformance.registry import DatabaseCodeLists

    divisions = builtin_registry().get("GB/T 2260")
    path = workdir / "divisions.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "parent"])
        writer.writerows([c.code, c.name, c.parent or ""] for c in divisions.codes)
    identifier = f"bench/divisions-{time.time_ns()}"
    plain = min(timed(lambda: read_code_list(path, list_id=identifier, version="1"))[0]
                for _ in range(3))
    imported, version = timed(lambda: services.import_code_list(
        user, identifier=identifier, version_label="2024", path=path, title="行政区划",
        organization=org))
    loads = [timed(lambda: DatabaseCodeLists().get(identifier))[0] for _ in range(20)]
    load = statistics.median(loads)
    count = version.entry_count
    print(f"code list read (engine, best of 3) {count:,} codes {plain * 1000:.1f} ms")
    print(f"code list import (service)         {count:,} codes {imported * 1000:.1f} ms"
          f"  import / read = {imported / plain:.1f}")
    print(f"code list load for a check (median of 20) {load * 1000:.1f} ms"
          f"  load / read = {load / plain:.2f}")


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="stdhub-runs-bench-") as temp:
        workdir = Path(args.workdir or temp).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        setup_django(workdir)
        from django.test.utils import override_settings

        immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        with override_settings(TASKS=immediate, MEDIA_ROOT=workdir / "media"):
            org, user = fixtures()
            bench_run(workdir, args.rows, org, user)
            bench_code_list(workdir, org, user)


if __name__ == "__main__":
    main()
