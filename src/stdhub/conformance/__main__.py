"""``python -m stdhub.conformance SPEC DATA [--json] [--errors FILE] [--encoding gbk]``"""

from __future__ import annotations

import argparse
import sys

from .cli import run_validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m stdhub.conformance",
        description="Check a data file (CSV, .xlsx, Parquet) against a data standard "
        "(Table Schema JSON).",
    )
    parser.add_argument("spec", help="the standard's Table Schema, a JSON file")
    parser.add_argument("data", help="the data file: .csv, .xlsx or .parquet")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--errors", metavar="FILE", help="write every failing cell to FILE (.csv or .parquet)"
    )
    parser.add_argument(
        "--encoding", help="encoding of a CSV file (detected when omitted), e.g. gbk"
    )
    args = parser.parse_args(argv)
    return run_validate(
        args.spec,
        args.data,
        json_out=args.json,
        errors_path=args.errors,
        encoding=args.encoding,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
