"""The code lists stdhub ships: national code tables and stdhub's own enumerations."""

from __future__ import annotations

from functools import cache

from stdhub.refdata import read_rows
from stdhub.standards.levels import LEVELS, STATUSES

from .codelists import Code, CodeList, CodeListRegistry, codes_from_rows

GBT_2260 = "GB/T 2260"
GBT_2261_1 = "GB/T 2261.1"
STANDARD_LEVEL = "stdhub/standard-level"
STANDARD_STATUS = "stdhub/standard-status"


def _from_refdata(list_id: str, version: str, file_name: str, title: str) -> CodeList:
    return CodeList(list_id, version, codes_from_rows(read_rows(file_name)), title)


def _from_levels(list_id: str, members, title: str) -> CodeList:
    """A list from ``standards.levels``' plain rows (the values ``choices`` translates)."""
    return CodeList(list_id, "1", tuple(Code(value, label) for _, value, label in members), title)


@cache
def builtin_registry() -> CodeListRegistry:
    """The shipped lists. The registry is shared: to add lists, build a new one,
    ``CodeListRegistry([*builtin_registry(), *more_lists])``."""
    return CodeListRegistry(
        [
            # The version is the year of the division table in the data file.
            _from_refdata(GBT_2260, "2024", "gbt2260_divisions.csv", "中华人民共和国行政区划代码"),
            _from_refdata(GBT_2261_1, "2003", "gbt2261_1_sex.csv", "人的性别代码"),
            _from_levels(STANDARD_LEVEL, LEVELS, "标准层级 Standard level"),
            _from_levels(STANDARD_STATUS, STATUSES, "标准状态 Standard status"),
        ]
    )
