"""The result of a validation and its JSON form.

Row numbers count as Frictionless (and a spreadsheet) does: the header is row 1,
so the first data row is row 2.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class RuleCount:
    id: str
    field: str  # the field, or the key's fields joined by ","
    check: str
    count: int


@dataclass(frozen=True)
class FieldStat:
    name: str
    pass_rate: float | None  # share of rows whose cell fails no rule; None without rows
    errors: int  # cells failing at least one rule


@dataclass(frozen=True)
class Sample:
    row: int
    value: str | None


@dataclass(frozen=True)
class StructureIssue:
    type: str  # empty-file | missing-column | extra-column
    field: str | None
    message: str


@dataclass(frozen=True)
class Report:
    valid: bool
    rows: int
    errors_total: int  # rule failures plus structure issues
    rules: tuple[RuleCount, ...] = ()
    fields: tuple[FieldStat, ...] = ()
    samples: Mapping[str, tuple[Sample, ...]] = field(default_factory=dict)
    structure: tuple[StructureIssue, ...] = ()

    def to_dict(self) -> dict:
        return {
            "valid": self.valid,
            "rows": self.rows,
            "errors_total": self.errors_total,
            "rules": [asdict(r) for r in self.rules],
            "fields": [asdict(f) for f in self.fields],
            "samples": {
                rule: [asdict(s) for s in samples] for rule, samples in self.samples.items()
            },
            "structure": [asdict(s) for s in self.structure],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping) -> Report:
        """The inverse of ``to_dict``, e.g. for a report stored as JSON."""
        return cls(
            valid=data["valid"],
            rows=data["rows"],
            errors_total=data["errors_total"],
            rules=tuple(RuleCount(**r) for r in data["rules"]),
            fields=tuple(FieldStat(**f) for f in data["fields"]),
            samples={k: tuple(Sample(**s) for s in v) for k, v in data["samples"].items()},
            structure=tuple(StructureIssue(**s) for s in data["structure"]),
        )

    def to_text(self) -> str:
        """A short human-readable summary."""
        verdict = "valid" if self.valid else "INVALID"
        lines = [f"{verdict}: {self.rows} rows, {self.errors_total} errors"]
        lines += [f"  structure  {s.type}: {s.message}" for s in self.structure]
        lines += [f"  {r.count:>10}  {r.id}" for r in self.rules if r.count]
        return "\n".join(lines) + "\n"

    def to_xlsx(self, path: str | Path) -> None:
        from .report_xlsx import write_report_xlsx

        write_report_xlsx(self, path)
