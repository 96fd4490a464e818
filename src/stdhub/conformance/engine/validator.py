"""Validating a data file against a spec: read in batches, flag, count, report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from pathlib import Path

import polars as pl

from .failures import FailureSink
from .reader import open_source
from .report import FieldStat, Report, RuleCount, Sample, StructureIssue
from .rules import ROW, Plan, Rule, compile_plan, fails_column
from .spec import Spec

DEFAULT_BATCH_ROWS = 250_000
DEFAULT_SAMPLE_LIMIT = 20

ProgressCallback = Callable[[int, int | None], None]


def validate(
    spec: Spec,
    data: str | Path,
    *,
    encoding: str | None = None,
    references: Mapping[str, pl.DataFrame | Mapping[str, Sequence[object]]] | None = None,
    errors_path: str | Path | None = None,
    on_progress: ProgressCallback | None = None,
    sample_limit: int = DEFAULT_SAMPLE_LIMIT,
    batch_rows: int = DEFAULT_BATCH_ROWS,
) -> Report:
    """Check ``data`` (CSV, .xlsx or Parquet) against ``spec``.

    ``references`` supplies the tables named by foreign keys to other resources
    (resource name → DataFrame or {column: values}). ``errors_path`` (.csv or
    .parquet) receives every failing cell. ``on_progress(rows_done, rows_total)``
    is called after each batch; rows_total is None when unknown (CSV).
    Raises SourceError when the file cannot be read, SpecError when the spec
    cannot be applied (a referenced table was not supplied).
    """
    with open_source(data, encoding=encoding) as source:
        if source.empty:
            issue = StructureIssue("empty-file", None, "the file is empty: no header row, no data")
            return _Tally(compile_plan(spec, []), spec, sample_limit).report(0, [issue])
        plan = compile_plan(spec, source.columns, references)
        tally = _Tally(plan, spec, sample_limit)
        key_parts: list[pl.DataFrame] = []
        rows = 0
        with FailureSink(errors_path) if errors_path else nullcontext() as sink:
            for batch in source.batches(batch_rows):
                checked = plan.check(batch, first_row=rows + 2)
                tally.add(checked, plan.cell_rules, sink)
                if plan.table_rules:
                    key_parts.append(checked.select(plan.key_columns))
                rows += batch.height
                if on_progress:
                    on_progress(rows, source.rows_total)
            if plan.table_rules and key_parts:
                keys = pl.concat(key_parts, rechunk=False).with_columns(plan.table_flags)
                tally.add(keys, plan.table_rules, sink, already_failing=True)
        return tally.report(rows, _structure(spec, source.columns))


def _structure(spec: Spec, columns: Sequence[str]) -> list[StructureIssue]:
    issues = [
        StructureIssue(
            "missing-column", f.name, f"column {f.label} of the standard is absent from the file"
        )
        for f in spec.fields
        if f.name not in columns
    ]
    issues += [
        StructureIssue("extra-column", name, f"column {name!r} is not part of the standard")
        for name in columns
        if name not in spec.field_names
    ]
    return issues


class _Tally:
    """Counts per rule and per field, and the first failures of each rule."""

    def __init__(self, plan: Plan, spec: Spec, sample_limit: int) -> None:
        self.plan, self.spec, self.sample_limit = plan, spec, sample_limit
        self.counts = dict.fromkeys((r.id for r in plan.rules), 0)
        self.field_errors = dict.fromkeys(plan.fields, 0)
        self.samples: dict[str, list[Sample]] = {}

    def add(
        self,
        checked: pl.DataFrame,
        rules: list[Rule],
        sink: FailureSink | None,
        already_failing: bool = False,
    ) -> None:
        """Count the flags of ``rules`` in ``checked``; with ``already_failing`` the
        field fail columns hold earlier failures, so only new failing cells count."""
        if not rules:
            return
        fields = sorted({f for r in rules for f in r.fields}, key=self.plan.fields.index)
        if already_failing:
            failing_cells = {
                f: pl.any_horizontal(pl.col(r.flag) for r in self.plan.rules_of(f, rules))
                & ~pl.col(fails_column(f))
                for f in fields
            }
        else:
            failing_cells = {f: pl.col(fails_column(f)) for f in fields}
        sums = checked.select(
            *(pl.col(r.flag).sum().alias(r.id) for r in rules),
            *(cells.sum().alias(f"\x1f{f}") for f, cells in failing_cells.items()),
        ).row(0, named=True)
        for f in fields:
            self.field_errors[f] += sums[f"\x1f{f}"]
        failing = [r for r in rules if sums[r.id]]
        for r in failing:
            self.counts[r.id] += sums[r.id]
        wanted = (
            failing
            if sink
            else [r for r in failing if len(self.samples.get(r.id, ())) < self.sample_limit]
        )
        if not wanted:
            return
        failures = self._failures(checked, wanted, limit=None if sink else self.sample_limit)
        if sink:
            sink.write(failures)
        for (rule_id,), group in failures.group_by("rule", maintain_order=True):
            kept = self.samples.setdefault(rule_id, [])
            room = self.sample_limit - len(kept)
            kept += [
                Sample(row, value)
                for row, value in group.head(room).select("row", "value").iter_rows()
            ]

    def _failures(
        self, checked: pl.DataFrame, rules: list[Rule], limit: int | None
    ) -> pl.DataFrame:
        """Row, field, rule and value of the failures of ``rules`` (the first ``limit`` of each)."""

        def failing(expr: pl.Expr, rule: Rule) -> pl.Expr:
            picked = expr.filter(pl.col(rule.flag))
            return picked if limit is None else picked.head(limit)

        parts = [
            checked.select(
                failing(pl.col(ROW), r).cast(pl.Int64).alias("row"),
                pl.lit(r.field).alias("field"),
                pl.lit(r.id).alias("rule"),
                failing(self.plan.values[r.id], r).cast(pl.String).alias("value"),
            )
            for r in rules
        ]
        return pl.concat(parts).sort("row", maintain_order=True)

    def report(self, rows: int, structure: list[StructureIssue]) -> Report:
        rules = tuple(
            RuleCount(r.id, r.field, r.check, self.counts[r.id])
            for r in _report_order(self.plan.rules, self.spec)
        )
        fields = tuple(
            _field_stat(f.name, rows, self.field_errors.get(f.name, rows)) for f in self.spec.fields
        )
        errors_total = sum(r.count for r in rules) + len(structure)
        return Report(
            valid=errors_total == 0,
            rows=rows,
            errors_total=errors_total,
            rules=rules,
            fields=fields,
            samples={r.id: tuple(self.samples[r.id]) for r in rules if r.id in self.samples},
            structure=tuple(structure),
        )


def _field_stat(name: str, rows: int, errors: int) -> FieldStat:
    return FieldStat(name, round(1 - errors / rows, 6) if rows else None, errors)


def _report_order(rules: list[Rule], spec: Spec) -> list[Rule]:
    """Each field's rules in spec order, then the key rules."""
    position = {name: i for i, name in enumerate(spec.field_names)}

    def key(indexed: tuple[int, Rule]) -> tuple[int, int]:
        index, rule = indexed
        single_field = len(rule.fields) == 1 and rule.check != "primaryKey"
        return (position[rule.fields[0]] if single_field else len(position), index)

    return [rule for _, rule in sorted(enumerate(rules), key=key)]
