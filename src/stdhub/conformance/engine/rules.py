"""Compiling a spec into rules, each with a stable id and polars expressions.

A checked batch is the raw text columns plus, for each field, private columns
for "missing" and the typed value, then one boolean flag column per cell rule
and one "fails" column per field (the cell fails at least one rule).

Cell rules (required … checksum, foreign keys to supplied tables) are decided
per batch. Table rules (unique, primaryKey, foreign keys into the same table)
need every row: their inputs (typed key values) are gathered per batch as the
"key frame" and decided once at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from .checksums import CHECKSUMS
from .errors import SpecError
from .spec import FieldSpec, ForeignKey, Spec, full_match

ROW = "\x1frow"  # private column names cannot clash with a header


def missing_column(name: str) -> str:
    return f"\x1fmissing\x1f{name}"


def typed_column(name: str) -> str:
    return f"\x1ftyped\x1f{name}"


def flag_column(rule_id: str) -> str:
    return f"\x1fflag\x1f{rule_id}"


def fails_column(name: str) -> str:
    return f"\x1ffails\x1f{name}"


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    fields: tuple[str, ...]

    @property
    def field(self) -> str:
        return ",".join(self.fields)

    @property
    def flag(self) -> str:
        return flag_column(self.id)


def _rule(fields: Sequence[str], check: str) -> Rule:
    return Rule(f"{','.join(fields)}:{check}", check, tuple(fields))


@dataclass
class Plan:
    """Everything the validator evaluates, for the columns a file actually has."""

    cell_rules: list[Rule] = field(default_factory=list)
    table_rules: list[Rule] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # spec fields present in the file
    read: list[pl.Expr] = field(default_factory=list)  # missing + typed columns
    flags: list[pl.Expr] = field(default_factory=list)  # cell rule flags
    fails: list[pl.Expr] = field(default_factory=list)  # per field: any cell rule failed
    table_flags: list[pl.Expr] = field(default_factory=list)  # over the key frame
    values: dict[str, pl.Expr] = field(default_factory=dict)  # rule id → shown value
    key_fields: list[str] = field(default_factory=list)

    @property
    def rules(self) -> list[Rule]:
        return self.cell_rules + self.table_rules

    def rules_of(self, name: str, rules: Sequence[Rule] | None = None) -> list[Rule]:
        return [r for r in (self.rules if rules is None else rules) if name in r.fields]

    @property
    def key_columns(self) -> list[str]:
        """What the key frame keeps of each checked batch."""
        typed = [typed_column(f) for f in self.key_fields]
        return [ROW, *typed, *(fails_column(f) for f in self.key_fields)]

    def check(self, batch: pl.DataFrame, first_row: int) -> pl.DataFrame:
        """The batch with flags; ``first_row`` numbers its first data row (header = row 1)."""
        return (
            batch.lazy()
            .with_row_index(ROW, offset=first_row)
            .with_columns(self.read)
            .with_columns(self.flags)
            .with_columns(self.fails)
            .collect()
        )


def compile_plan(
    spec: Spec,
    columns: Sequence[str],
    references: Mapping[str, pl.DataFrame | Mapping[str, Sequence[object]]] | None = None,
) -> Plan:
    """Rules for the spec fields found in ``columns``; key rules naming an absent
    field are left out (the absent column is a structure error of its own)."""
    plan = Plan(fields=[f.name for f in spec.fields if f.name in columns])
    for spec_field in spec.fields:
        if spec_field.name in plan.fields:
            _add_field(plan, spec_field)
    present = set(plan.fields)
    if spec.primary_key and present.issuperset(spec.primary_key):
        rule = Rule(":primaryKey", "primaryKey", spec.primary_key)
        _add_table_rule(plan, rule, _primary_key_flag(spec.primary_key))
    for fk in spec.foreign_keys:
        if not present.issuperset(fk.fields + (fk.reference_fields if fk.resource == "" else ())):
            continue
        rule = _rule(fk.fields, "foreignKey")
        if fk.resource == "":
            _add_table_rule(plan, rule, _self_reference_flag(fk), reads=fk.reference_fields)
        else:
            lookup = _lookup(spec, fk, (references or {}).get(fk.resource))
            _add_cell_rule(plan, rule, _not_found(fk.fields, pl.lit(lookup).implode()))
            plan.values[rule.id] = pl.concat_str([pl.col(f) for f in fk.fields], separator=",")
    plan.fails = [
        pl.any_horizontal(
            pl.lit(False), *(pl.col(r.flag) for r in plan.rules_of(f, plan.cell_rules))
        ).alias(fails_column(f))
        for f in plan.fields
    ]
    return plan


def _add_field(plan: Plan, spec_field: FieldSpec) -> None:
    name = spec_field.name
    raw = pl.col(name)
    missing = raw.is_null() | raw.is_in(list(spec_field.missing_values))
    plan.read += [
        missing.alias(missing_column(name)),
        spec_field.reader(pl.when(~missing).then(raw)).alias(typed_column(name)),
    ]
    is_missing, typed = pl.col(missing_column(name)), pl.col(typed_column(name))
    valid = typed.is_not_null()
    checks: dict[str, pl.Expr] = {}
    if spec_field.required:
        checks["required"] = is_missing
    if spec_field.reader.can_fail:
        checks["type"] = ~is_missing & ~valid
    for check, value in spec_field.constraints.items():
        checks[check] = _constraint_failure(check, value, typed, spec_field.type)
    if spec_field.code_list is not None:
        checks["codeList"] = valid & ~raw.is_in(list(spec_field.code_list.values))
    if spec_field.checksum is not None:
        checks["checksum"] = valid & ~CHECKSUMS[spec_field.checksum](typed)
    for check, failure in checks.items():
        rule = _rule([name], check)
        _add_cell_rule(plan, rule, failure)
        plan.values[rule.id] = raw
    if spec_field.unique:
        _add_table_rule(plan, _rule([name], "unique"), _unique_flag(name))


def _constraint_failure(check: str, value: object, typed: pl.Expr, type_: str) -> pl.Expr:
    if check == "minLength":
        return typed.str.len_chars() < value
    if check == "maxLength":
        return typed.str.len_chars() > value
    if check == "pattern":
        return ~typed.str.contains(full_match(value))
    if check == "enum":
        return ~typed.is_in(pl.lit(value).implode())
    bound = pl.lit(value)
    out_of_bounds = {
        "minimum": typed < bound,
        "maximum": typed > bound,
        "exclusiveMinimum": typed <= bound,
        "exclusiveMaximum": typed >= bound,
    }[check]
    # NaN fails every bound, as in Frictionless.
    return out_of_bounds | typed.is_nan() if type_ == "number" else out_of_bounds


def _add_cell_rule(plan: Plan, rule: Rule, failure: pl.Expr) -> None:
    plan.cell_rules.append(rule)
    plan.flags.append(failure.fill_null(False).alias(rule.flag))


def _add_table_rule(plan: Plan, rule: Rule, failure: pl.Expr, reads: Sequence[str] = ()) -> None:
    """A rule over the key frame, which gathers the typed values of the rule's
    fields and of the other fields it ``reads``."""
    plan.table_rules.append(rule)
    plan.table_flags.append(failure.fill_null(False).alias(rule.flag))
    plan.key_fields += [f for f in (*rule.fields, *reads) if f not in plan.key_fields]
    shown = [pl.col(typed_column(f)).cast(pl.String) for f in rule.fields]
    plan.values[rule.id] = (
        shown[0] if len(shown) == 1 else pl.concat_str(shown, separator=",", ignore_nulls=True)
    )


def _unique_flag(name: str) -> pl.Expr:
    # Every repeat after the first occurrence counts, as in Frictionless.
    typed = pl.col(typed_column(name))
    return typed.is_not_null() & ~typed.is_first_distinct()


def _primary_key_flag(fields: Sequence[str]) -> pl.Expr:
    # Frictionless: a key whose cells are all missing is an error; so is a repeat.
    columns = [pl.col(typed_column(f)) for f in fields]
    key = columns[0] if len(columns) == 1 else pl.struct(columns)
    return _all_missing(fields) | ~key.is_first_distinct()


def _self_reference_flag(fk: ForeignKey) -> pl.Expr:
    pairs = zip(fk.fields, fk.reference_fields, strict=True)
    referenced = pl.struct([pl.col(typed_column(r)).alias(f) for f, r in pairs])
    return _not_found(fk.fields, referenced.implode())


def _not_found(fields: Sequence[str], lookup: pl.Expr) -> pl.Expr:
    """Rows whose key is not all missing and not among ``lookup`` (a list of struct values)."""
    key = pl.struct([pl.col(typed_column(f)).alias(f) for f in fields])
    return ~_all_missing(fields) & ~key.is_in(lookup)


def _all_missing(fields: Sequence[str]) -> pl.Expr:
    return pl.all_horizontal([pl.col(typed_column(f)).is_null() for f in fields])


def _lookup(spec: Spec, fk: ForeignKey, table) -> pl.Series:
    """The supplied reference table's key values, read with the referencing fields' types."""
    if table is None:
        fields = ",".join(fk.fields)
        raise SpecError(
            f"foreign key on {fields}: reference table {fk.resource!r} was not supplied"
        )
    frame = (
        table
        if isinstance(table, pl.DataFrame)
        else pl.DataFrame({k: list(v) for k, v in table.items()}, strict=False)
    )
    absent = [r for r in fk.reference_fields if r not in frame.columns]
    if absent:
        raise SpecError(f"reference table {fk.resource!r} lacks column(s) {', '.join(absent)}")
    return frame.select(
        pl.struct(
            [
                spec.field(f).reader(pl.col(r).cast(pl.String)).alias(f)
                for f, r in zip(fk.fields, fk.reference_fields, strict=True)
            ]
        ).unique()
    ).to_series()
