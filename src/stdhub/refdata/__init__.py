"""Reference data shipped with stdhub (code tables, classifications, seed programme).

Each data file is a UTF-8 CSV whose leading lines starting with ``#`` name the
public source it was taken from; ``read_rows`` skips them. Loaders in this
package are pure (no database): ``stdhub init`` feeds their output to services.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` as dicts keyed by the header line, comments skipped."""
    return read_csv_rows(DATA_DIR / name)


def read_csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of a data file (UTF-8 CSV, leading ``#`` source lines) as dicts by heading."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return tuple(csv.DictReader(lines))


def source_of(name: str) -> str:
    """The ``# source:`` comment lines of a data file, joined."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return " ".join(
            line[1:].strip() for line in fh if line.startswith("#")
        )
