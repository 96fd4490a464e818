"""Check characters of Chinese national identifiers, as polars expressions.

Both checks are weighted sums of character values modulo a prime, computed
without a Python loop or one string slice per character:

- GB 11643 weights are 2¹⁷‥2¹ mod 11, so the 17 digits read as one base-13
  number (13 ≡ 2 mod 11) carry the weighted sum: one ``str.to_integer``.
- GB 32100 has letters and weights 3⁰‥3¹⁶ running the other way, so the text
  is reinterpreted as a fixed-size array of bytes, mapped to character values
  through a 256-entry table, multiplied by the weights and summed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import polars as pl

GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_GB32100_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3ⁱ mod 31
_GB32100_FORMAT = r"^[0-9A-HJ-NPQRTUWXY]{18}$"

_GB11643_CHARS = "0123456789X"
_GB11643_FORMAT = r"^[0-9]{17}[0-9X]$"


# Value of each byte: its index in GB32100_ALPHABET (0 for bytes outside it).
_GB32100_VALUES = pl.Series([max(GB32100_ALPHABET.find(chr(b)), 0) for b in range(256)])


def _gb32100_sum(text: pl.Expr, weights: Sequence[int]) -> pl.Expr:
    """Σ weightᵢ·value(byteᵢ) of texts ``len(weights)`` bytes long; other texts
    count as zeros (callers reject them by format)."""
    width = len(weights)
    array = pl.Array(pl.UInt8, width)
    codes = (
        text.cast(pl.Binary)
        .bin.reinterpret(dtype=array)
        .fill_null(pl.lit(pl.Series([[0] * width], dtype=array)))
    )
    mapped = pl.lit(_GB32100_VALUES).gather(codes.reshape((-1,))).reshape((-1, width))
    return (mapped * pl.lit(pl.Series([weights], dtype=pl.Array(pl.Int64, width)))).arr.sum()


def _as_chars(values: pl.Expr, chars: str) -> pl.Expr:
    return values.replace_strict(dict(enumerate(chars)), return_dtype=pl.String)


def gb32100_check_char(body: pl.Expr) -> pl.Expr:
    """GB 32100 check character of 17 characters of GB32100_ALPHABET."""
    total = _gb32100_sum(body, _GB32100_WEIGHTS)
    return _as_chars((31 - total % 31) % 31, GB32100_ALPHABET)


def gb32100_valid(value: pl.Expr) -> pl.Expr:
    """GB 32100 unified social credit code: 18 characters of GB32100_ALPHABET
    (uppercase, no separators), the last the check character of the others,
    i.e. the weighted sum with weight 1 on the check character is ≡ 0 (mod 31)."""
    total = _gb32100_sum(value, (*_GB32100_WEIGHTS, 1))
    return (value.str.contains(_GB32100_FORMAT) & (total % 31 == 0)).fill_null(False)


def _gb11643_check_value(body: pl.Expr) -> pl.Expr:
    """MOD 11-2 check value (0‥10) of 17 digits: in base 13 they read as
    X ≡ Σ dᵢ·2¹⁶⁻ⁱ (mod 11), the weighted sum is 2X, and the check is 1 − 2X."""
    x = body.str.to_integer(base=13, strict=False) % 11
    return (23 - 2 * x) % 11


def gb11643_check_char(body: pl.Expr) -> pl.Expr:
    """ISO 7064 MOD 11-2 check character (``0``‥``9`` or ``X``) of 17 digits."""
    return _as_chars(_gb11643_check_value(body), _GB11643_CHARS)


def gb11643_valid(value: pl.Expr) -> pl.Expr:
    """GB 11643 resident identity number: 17 digits with a real YYYYMMDD birth date
    at positions 7‥14, then the check character. The address code is not
    checked against the birth year."""
    check = (
        pl.when(value.str.ends_with("X"))
        .then(10)
        .otherwise(value.str.slice(17).str.to_integer(strict=False))
    )
    birth = value.str.slice(6, 8)
    return (
        value.str.contains(_GB11643_FORMAT)
        & (_gb11643_check_value(value.str.slice(0, 17)) == check)
        & birth.str.to_date("%Y%m%d", strict=False).is_not_null()
        & ~birth.str.starts_with("0000")
    ).fill_null(False)


CHECKSUMS: Mapping[str, Callable[[pl.Expr], pl.Expr]] = {
    "GB 32100": gb32100_valid,
    "GB 11643": gb11643_valid,
}
