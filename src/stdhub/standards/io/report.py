"""What an import found and did, for people (CLI text) and programs (``--json``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem: the row as numbered in the file (heading row = 1), its column heading, why."""

    row: int | None  # None: the file as a whole
    column: str
    message: str

    def __str__(self):
        where = f"row {self.row}" if self.row is not None else "file"
        return f"{where}, {self.column or '-'}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = 0  # registered standards not in the file, now replaced by one in it
    organizations: int = 0  # organizations registered by name
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return asdict(self)
