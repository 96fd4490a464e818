"""Weighted indicator schemes and score aggregation, without Django (the scoring contract).

A scheme is a tree of indicators; sibling weights sum to 100. A leaf is read by its
method: ``score`` (a number 0–100), ``levels`` (a key of the leaf's ``levels`` map)
or ``yesno`` (是 = 100, 否 = 0). An assessment is one (subject, evaluator): its total
is the sum over leaves of the leaf's score times the product of ``weight/100`` along
the path; an assessment missing a leaf has no total and lists what is missing. A
subject's total combines its complete assessments (mean or median) and takes the
first grade, in the order given, whose ``min`` is at most the total rounded to 2
decimals. Arithmetic is decimal, so hand-computed fixtures match exactly.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

METHODS = ("score", "levels", "yesno")
COMBINE = ("mean", "median")
YESNO = {"是": Decimal(100), "否": Decimal(0)}
CSV_COLUMNS = ("subject", "evaluator", "indicator", "value")
HUNDRED = Decimal(100)


class ScoringError(ValueError):
    """A scheme or score that cannot be used; the message names the node or the row."""


@dataclass(frozen=True)
class Leaf:
    id: str
    name: str
    method: str
    factor: Decimal  # product of weight/100 from the root down to this leaf
    levels: dict[str, Decimal] = field(default_factory=dict)
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grade:
    name: str
    min: Decimal


@dataclass(frozen=True)
class Scheme:
    name: str
    combine: str
    grades: tuple[Grade, ...]
    leaves: tuple[Leaf, ...]
    nodes: dict[str, dict]  # every node by id, as given (for forms and labels)

    def leaf(self, indicator: str) -> Leaf | None:
        return next((leaf for leaf in self.leaves if leaf.id == indicator), None)


@dataclass(frozen=True)
class Score:
    """One CSV row (or one stored value): ``where`` names it in errors."""

    subject: str
    evaluator: str
    indicator: str
    value: str
    where: str = ""


def _number(raw, what: str) -> Decimal:
    if isinstance(raw, bool):
        raise ScoringError(f"{what}: not a number: {raw!r}")
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ScoringError(f"{what}: not a number: {raw!r}") from None
    if not value.is_finite():
        raise ScoringError(f"{what}: not a number: {raw!r}")
    return value


def parse_scheme(data: dict) -> Scheme:
    """Check and flatten a scheme dict (as in a SCHEME.json); raise ScoringError naming the node."""
    if not isinstance(data, dict):
        raise ScoringError("scheme: expected a JSON object")
    combine = data.get("combine", "mean")
    if combine not in COMBINE:
        raise ScoringError(f"scheme: combine must be one of {', '.join(COMBINE)}, not {combine!r}")
    grades = []
    for i, g in enumerate(data.get("grades") or []):
        if not isinstance(g, dict) or not str(g.get("name", "")).strip():
            raise ScoringError(f"grades[{i}]: needs a name and a min")
        grades.append(Grade(str(g["name"]), _number(g.get("min"), f"grade '{g['name']}' min")))
    nodes: dict[str, dict] = {}
    leaves: list[Leaf] = []

    def walk(children, parent: str, factor: Decimal, path: tuple[str, ...]):
        if not isinstance(children, list) or not children:
            raise ScoringError(f"{parent}: needs a non-empty list of indicators")
        total = Decimal(0)
        for node in children:
            if not isinstance(node, dict) or not str(node.get("id", "")).strip():
                raise ScoringError(f"{parent}: an indicator without an id")
            nid = str(node["id"])
            where = f"indicator '{nid}'"
            if nid in nodes:
                raise ScoringError(f"{where}: id used twice")
            nodes[nid] = node
            weight = _number(node.get("weight"), f"{where} weight")
            if weight < 0:
                raise ScoringError(f"{where}: weight must not be negative")
            total += weight
            here = factor * weight / HUNDRED
            if node.get("children"):
                if "method" in node:
                    raise ScoringError(f"{where}: has children and a method")
                walk(node["children"], where, here, (*path, nid))
                continue
            leaves.append(_leaf(node, nid, where, here, (*path, nid)))
        if total != HUNDRED:
            raise ScoringError(f"{parent}: weights of its indicators sum to {total:f}, not 100")

    walk(data.get("indicators"), "scheme", Decimal(1), ())
    return Scheme(str(data.get("name", "")), combine, tuple(grades), tuple(leaves), nodes)


def _leaf(node: dict, nid: str, where: str, factor: Decimal, path) -> Leaf:
    method = node.get("method")
    if method not in METHODS:
        raise ScoringError(f"{where}: method must be one of {', '.join(METHODS)}, not {method!r}")
    levels = {}
    if method == "levels":
        given = node.get("levels")
        if not isinstance(given, dict) or not given:
            raise ScoringError(f"{where}: method 'levels' needs a levels map")
        for key, raw in given.items():
            value = _number(raw, f"{where} level '{key}'")
            if not 0 <= value <= 100:
                raise ScoringError(f"{where}: level '{key}' must be 0–100")
            levels[str(key)] = value
    return Leaf(nid, str(node.get("name", nid)), method, factor, levels, path)


def read_value(leaf: Leaf, raw: str, where: str = "") -> Decimal:
    """The 0–100 score that ``raw`` gives on ``leaf``, or ScoringError naming ``where``."""
    what = f"{where}: " if where else ""
    text = str(raw).strip()
    if leaf.method == "score":
        try:
            value = _number(text, "value")
        except ScoringError:
            raise ScoringError(f"{what}indicator '{leaf.id}' needs a number 0–100, "
                               f"not {raw!r}") from None
        if not 0 <= value <= 100:
            raise ScoringError(f"{what}indicator '{leaf.id}' needs a number 0–100, not {raw!r}")
        return value
    table = leaf.levels if leaf.method == "levels" else YESNO
    if text not in table:
        raise ScoringError(f"{what}indicator '{leaf.id}' needs one of "
                           f"{' / '.join(table)}, not {raw!r}")
    return table[text]


def read_csv(text: str, name: str = "SCORES") -> list[Score]:
    """Rows of a ``subject,evaluator,indicator,value`` CSV; errors name the file row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ScoringError(f"{name} row 1: missing column(s) {', '.join(missing)} "
                           f"(expected {','.join(CSV_COLUMNS)})")
    rows = []
    for record in reader:
        where = f"{name} row {reader.line_num}"
        values = {c: (record.get(c) or "").strip() for c in CSV_COLUMNS}
        if not values["subject"] or not values["evaluator"] or not values["indicator"]:
            raise ScoringError(f"{where}: subject, evaluator and indicator are required")
        rows.append(Score(**values, where=where))
    return rows


def assessment_total(scheme: Scheme, values: dict[str, Decimal]) -> tuple[Decimal | None, list]:
    """(total, missing leaf ids) of one assessment from its leaf scores."""
    missing = [leaf.id for leaf in scheme.leaves if leaf.id not in values]
    if missing:
        return None, missing
    return sum((values[leaf.id] * leaf.factor for leaf in scheme.leaves), Decimal(0)), []


def combine(totals: list[Decimal], how: str) -> Decimal | None:
    if not totals:
        return None
    if how == "median":
        return statistics.median(sorted(totals))  # even count: mean of the middle two
    return sum(totals, Decimal(0)) / len(totals)


def round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade_of(total: Decimal | None, grades: Iterable[Grade]) -> str | None:
    if total is None:
        return None
    shown = round2(total)
    return next((g.name for g in grades if g.min <= shown), None)


def plain(value: Decimal | None) -> float | int | None:
    """A JSON number without decimal noise (85 rather than 85.0000)."""
    if value is None:
        return None
    value = value.quantize(Decimal("1e-10")).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def compute(scheme: Scheme, scores: Iterable[Score]) -> dict:
    """The contract's result: subjects in order of first appearance, each with its assessments."""
    subjects: dict[str, dict[str, dict[str, Decimal]]] = {}
    for row in scores:
        leaf = scheme.leaf(row.indicator)
        if leaf is None:
            kind = "not a leaf" if row.indicator in scheme.nodes else "unknown indicator"
            raise ScoringError(f"{row.where}: {kind} '{row.indicator}'")
        values = subjects.setdefault(row.subject, {}).setdefault(row.evaluator, {})
        if leaf.id in values:
            raise ScoringError(f"{row.where}: indicator '{leaf.id}' scored twice by "
                               f"'{row.evaluator}' for '{row.subject}'")
        values[leaf.id] = read_value(leaf, row.value, row.where)
    out = []
    for subject, by_evaluator in subjects.items():
        assessments, complete = [], []
        for evaluator, values in by_evaluator.items():
            total, missing = assessment_total(scheme, values)
            if total is not None:
                complete.append(total)
            assessments.append({"evaluator": evaluator, "total": plain(total),
                                "missing": missing})
        total = combine(complete, scheme.combine)
        out.append({"subject": subject, "total": plain(total),
                    "grade": grade_of(total, scheme.grades), "assessments": assessments})
    return {"subjects": out}
