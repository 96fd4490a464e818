"""Reading text cells as typed values the way Frictionless does, as polars expressions.

A reader maps a String expression to a typed expression that is null wherever
the text does not parse, which is what the ``type`` rule counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from .errors import SpecError

DEFAULT_TRUE_VALUES = ("true", "True", "TRUE", "1")
DEFAULT_FALSE_VALUES = ("false", "False", "FALSE", "0")

_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
# Constraints each type accepts besides required and unique (as in Frictionless).
TYPE_CONSTRAINTS: dict[str, frozenset[str]] = {
    "string": frozenset({"minLength", "maxLength", "pattern", "enum"}),
    "integer": _BOUNDS | {"enum"},
    "number": _BOUNDS | {"enum"},
    "boolean": frozenset({"enum"}),
    "date": _BOUNDS | {"enum"},
    "datetime": _BOUNDS | {"enum"},
    "year": _BOUNDS | {"enum"},
}
# Approximations of the checks Frictionless delegates to the validators package.
_STRING_FORMATS = {
    "default": None,
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "uri": r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$",
    "uuid": r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
}
# Python's strptime("%Y-%m-%d") wants four year digits; chrono alone would take "24-1-5".
_ISO_DATE = r"^\d{4}-\d{1,2}-\d{1,2}$"
_ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"


# Python's int() and Decimal() (so Frictionless) read full-width digits, common in Chinese text.
_FULL_WIDTH_DIGITS = {chr(0xFF10 + d): str(d) for d in range(10)}


def _ascii_digits(text: pl.Expr) -> pl.Expr:
    return text.str.replace_many(_FULL_WIDTH_DIGITS)


# strptime directives polars (chrono) reads; %.f, %3f, %:z, %#z and %-d take a modifier.
_DIRECTIVE = re.compile(r"%([-_0^#]|\.?\d?|:{1,3})?(.?)", re.S)
_DIRECTIVE_LETTERS = frozenset("aAbBhcCdDeFgGHIjklmMnpPrRsStTuUVwWxXyYzZf%+")
_PATTERN_TYPES = frozenset({"date", "datetime", "time"})


def _check_pattern(pattern: str) -> None:
    """SpecError for a date/time format with a directive strptime does not know (``%Q``):
    otherwise every value would silently fail to read."""
    for match in _DIRECTIVE.finditer(pattern):
        if match.group(2) not in _DIRECTIVE_LETTERS or not match.group(2):
            raise SpecError(f"format {pattern!r}: unknown directive {match.group(0)!r} "
                            f"(e.g. %Y-%m-%d, %Y年%m月%d日)")
    if "%" not in pattern:
        raise SpecError(f"format {pattern!r} has no directive (e.g. %Y-%m-%d)")


@dataclass(frozen=True)
class TypeReader:
    """How one field's text becomes a typed value."""

    type: str
    format: str = "default"
    true_values: tuple[str, ...] = DEFAULT_TRUE_VALUES
    false_values: tuple[str, ...] = DEFAULT_FALSE_VALUES
    bare_number: bool = True
    group_char: str = ""
    decimal_char: str = "."

    def __post_init__(self) -> None:
        if self.type not in TYPE_CONSTRAINTS:
            raise SpecError(
                f"unknown type {self.type!r} (supported: {', '.join(TYPE_CONSTRAINTS)})"
            )
        if self.type == "string" and self.format not in _STRING_FORMATS:
            raise SpecError(
                f"unknown string format {self.format!r} (supported: {', '.join(_STRING_FORMATS)})"
            )
        if self.format == "any":
            raise SpecError("format 'any' is not supported: give an explicit strptime pattern")
        if self.type in _PATTERN_TYPES and self.format != "default":
            _check_pattern(self.format)

    @property
    def can_fail(self) -> bool:
        """Whether some text is not a value of this type (any text is a plain string)."""
        return not (self.type == "string" and self.format == "default")

    def __call__(self, text: pl.Expr) -> pl.Expr:
        return getattr(self, f"_read_{self.type}")(text)

    def read_values(self, values: Sequence[object], what: str) -> pl.Series:
        """Constraint values (JSON scalars) read as this type; SpecError names a bad one."""
        texts = pl.Series(
            "", [None if v is None else self._json_text(v) for v in values], pl.String
        )
        typed = pl.select(self(pl.lit(texts))).to_series()
        for text, value in zip(texts, typed, strict=True):
            if value is None:
                raise SpecError(f"{what}: {text!r} is not a valid {self.type}")
        return typed

    def _read_string(self, text: pl.Expr) -> pl.Expr:
        pattern = _STRING_FORMATS[self.format]
        return text if pattern is None else pl.when(text.str.contains(pattern)).then(text)

    def _read_integer(self, text: pl.Expr) -> pl.Expr:
        return self._strip_number(text).str.to_integer(strict=False)

    def _read_number(self, text: pl.Expr) -> pl.Expr:
        text = self._strip_number(text)
        if self.group_char:
            text = text.str.replace_all(self.group_char, "", literal=True)
        if self.decimal_char != ".":
            text = pl.when(~text.str.contains(".", literal=True)).then(
                text.str.replace_all(self.decimal_char, ".", literal=True)
            )
        return text.cast(pl.Float64, strict=False)

    def _strip_number(self, text: pl.Expr) -> pl.Expr:
        text = _ascii_digits(text.str.strip_chars())
        if not self.bare_number:  # "¥1,000元" → "1,000"
            text = text.str.replace(r"^[^-\d]*", "").str.replace(r"\D*$", "")
        return text

    def _read_boolean(self, text: pl.Expr) -> pl.Expr:
        mapping = {v: True for v in self.true_values} | {v: False for v in self.false_values}
        return text.replace_strict(mapping, default=None, return_dtype=pl.Boolean)

    def _read_date(self, text: pl.Expr) -> pl.Expr:
        if self.format == "default":
            return pl.when(text.str.contains(_ISO_DATE)).then(
                text.str.to_date("%Y-%m-%d", strict=False)
            )
        return text.str.to_date(self.format, strict=False)

    def _read_datetime(self, text: pl.Expr) -> pl.Expr:
        if self.format != "default":
            return text.str.to_datetime(self.format, time_unit="us", strict=False)
        iso = text.str.replace(" ", "T", literal=True, n=1)
        local = iso.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", time_unit="us", strict=False)
        # Values with an offset are compared in UTC.
        utc = iso.str.to_datetime(
            "%Y-%m-%dT%H:%M:%S%.f%#z", time_unit="us", time_zone="UTC", strict=False
        ).dt.replace_time_zone(None)
        return pl.when(text.str.contains(_ISO_DATETIME)).then(pl.coalesce(local, utc))

    def _read_year(self, text: pl.Expr) -> pl.Expr:
        # Frictionless: four characters that int() reads (" 42 " is the year 42), 0‥9999.
        year = pl.when(text.str.len_chars() == 4).then(
            _ascii_digits(text.str.strip_chars()).str.to_integer(strict=False)
        )
        return pl.when(year.is_between(0, 9999)).then(year)

    def _json_text(self, value: object) -> str:
        if isinstance(value, bool):
            return self.true_values[0] if value else self.false_values[0]
        return str(value)
