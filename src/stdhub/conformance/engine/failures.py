"""Writing every failing cell (row, field, rule, value) to a CSV or Parquet file.

Failures are spilled batch by batch to Arrow IPC parts in a temporary folder and
joined by a streaming polars sink at the end, so they never pile up in memory.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from stdhub.tabular.cells import PLAIN_NUMBER, RISKY_TEXT

FAILURE_SCHEMA = {"row": pl.Int64, "field": pl.String, "rule": pl.String, "value": pl.String}
FORMATS = (".csv", ".parquet")


def _formula_safe(column: str) -> pl.Expr:
    """``stdhub.tabular.cells.safe_cell`` as a polars expression, for streamed columns."""
    text = pl.col(column)
    risky = text.str.contains(RISKY_TEXT) & ~text.str.contains(f"^(?:{PLAIN_NUMBER})$")
    return pl.when(risky).then(pl.lit("'") + text).otherwise(text).alias(column)


class FailureSink:
    """Collects failures batch by batch; ``close`` writes them to ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() not in FORMATS:
            raise ValueError(f"failures file must end in {' or '.join(FORMATS)}: {self.path.name}")
        if not self.path.parent.is_dir():
            raise ValueError(f"no folder {self.path.parent} for the failures file")
        self._workdir = tempfile.TemporaryDirectory(prefix="stdhub-failures-")
        self._parts: list[Path] = []

    def write(self, failures: pl.DataFrame) -> None:
        if failures.height:
            part = Path(self._workdir.name) / f"{len(self._parts):06d}.arrow"
            failures.select(pl.col(c).cast(t) for c, t in FAILURE_SCHEMA.items()).write_ipc(part)
            self._parts.append(part)

    def close(self) -> None:
        try:
            frame = pl.scan_ipc(self._parts) if self._parts else pl.LazyFrame(schema=FAILURE_SCHEMA)
            if self.path.suffix.lower() == ".csv":  # for spreadsheets: no live formulas
                frame.with_columns(_formula_safe(c) for c in ("field", "value")).sink_csv(
                    self.path)
            else:
                frame.sink_parquet(self.path)
        finally:
            self._workdir.cleanup()

    def __enter__(self) -> FailureSink:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
        else:
            self._workdir.cleanup()
