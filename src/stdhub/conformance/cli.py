"""The ``stdhub validate SPEC DATA [--json]`` contract as a plain function.

Exit status: 0 the data conforms, 1 it does not, 2 the spec or the data cannot
be read (the reason goes to stderr).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .engine import CodeListRegistry, SourceError, SpecError, load_spec, validate

VALID, INVALID, UNREADABLE = 0, 1, 2


def run_validate(
    spec_path: str | Path,
    data_path: str | Path,
    *,
    json_out: bool,
    errors_path: str | Path | None = None,
    encoding: str | None = None,
    registry: CodeListRegistry | None = None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    try:
        spec = load_spec(spec_path, registry)
    except SpecError as error:
        stderr.write(f"stdhub validate: unreadable spec {spec_path}: {error}\n")
        return UNREADABLE
    try:
        report = validate(spec, data_path, encoding=encoding, errors_path=errors_path)
    except (SourceError, SpecError, ValueError) as error:
        stderr.write(f"stdhub validate: cannot validate {data_path}: {error}\n")
        return UNREADABLE
    stdout.write(report.to_json() + "\n" if json_out else report.to_text())
    return VALID if report.valid else INVALID
