"""GB/T 2260 administrative divisions of China (province, prefecture and county level).

The rows come from ``data/gbt2260_divisions.csv``; codes are the six-digit GB/T 2260
codes. Local standard codes use their two-digit (province) or four-digit (prefecture)
prefix, hence ``province_codes`` and ``prefecture_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from stdhub.refdata import read_rows

DIVISIONS_FILE = "gbt2260_divisions.csv"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent: str | None


@cache
def divisions() -> tuple[Division, ...]:
    return tuple(
        Division(row["code"], row["name"], row["level"], row["parent"] or None)
        for row in read_rows(DIVISIONS_FILE)
    )


@cache
def province_codes() -> frozenset[str]:
    """Two-digit province-level codes, e.g. ``'33'``."""
    return frozenset(d.code[:2] for d in divisions() if d.level == "province")


@cache
def prefecture_codes() -> frozenset[str]:
    """Four-digit prefecture-level codes, e.g. ``'3301'``."""
    return frozenset(d.code[:4] for d in divisions() if d.level == "prefecture")


_SHORT_CODE = {"province": 2, "prefecture": 4, "county": 6}


@cache
def _names() -> dict[str, str]:
    names = {d.code: d.name for d in divisions()}
    names.update((d.code[: _SHORT_CODE[d.level]], d.name) for d in divisions())
    return names


def division_name(code: str) -> str | None:
    """Name of a division by its 6-digit code or short code (``'33'`` 浙江省, ``'3301'`` 杭州市)."""
    return _names().get(code)
