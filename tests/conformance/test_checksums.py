"""Property tests of the vectorised GB 32100 / GB 11643 checks, python-stdnum as the oracle."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from stdhub.conformance.engine import builtin_registry
from stdhub.conformance.engine.checksums import (
    GB32100_ALPHABET,
    gb11643_check_char,
    gb11643_valid,
    gb32100_check_char,
    gb32100_valid,
)

from .conftest import ric_oracle, uscc_oracle

REGIONS = sorted(builtin_registry().get("GB/T 2260").values)


def verdicts(check, values: list[str | None]) -> list[bool]:
    return (
        pl.DataFrame({"v": values}, schema={"v": pl.String})
        .select(check(pl.col("v")))
        .to_series()
        .to_list()
    )


def with_uscc_check(body: str) -> str:
    return body + uscc.calc_check_digit(body + "0")


def with_ric_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


uscc_bodies = st.text(alphabet=GB32100_ALPHABET, min_size=17, max_size=17)
noise = st.text(alphabet=GB32100_ALPHABET + "IOSVZabx -", max_size=20)
uscc_candidates = st.one_of(
    uscc_bodies.map(with_uscc_check),
    st.tuples(uscc_bodies, st.sampled_from(GB32100_ALPHABET)).map("".join),
    noise,
)
ric_bodies = st.builds(
    lambda region, birth, serial: f"{region}{birth:%Y%m%d}{serial:03d}",
    st.sampled_from(REGIONS),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.integers(0, 999),
)
ric_candidates = st.one_of(
    ric_bodies.map(with_ric_check),
    st.tuples(ric_bodies, st.sampled_from("0123456789Xx")).map("".join),
    st.text(alphabet="0123456789X", min_size=18, max_size=18),  # mostly impossible dates
    st.text(alphabet="0123456789Xx -", max_size=20),
)


@settings(max_examples=300)
@given(st.lists(uscc_candidates, min_size=1, max_size=50))
def test_gb32100_agrees_with_stdnum(codes):
    assert verdicts(gb32100_valid, codes) == [uscc_oracle(c) for c in codes]


@settings(max_examples=300)
@given(st.lists(ric_candidates, min_size=1, max_size=50))
def test_gb11643_agrees_with_stdnum_apart_from_birth_place(numbers):
    assert verdicts(gb11643_valid, numbers) == [ric_oracle(n) for n in numbers]


def _stdnum_fully_accepts(number: str) -> bool:
    try:
        return ric.is_valid(number)
    except KeyError:  # stdnum's birth-place lookup fails on some region codes
        return False


@given(st.lists(ric_bodies.map(with_ric_check), min_size=1, max_size=20))
def test_gb11643_accepts_what_stdnum_fully_accepts(numbers):
    fully_valid = [n for n in numbers if _stdnum_fully_accepts(n)]
    assert all(verdicts(gb11643_valid, fully_valid))


@given(st.lists(uscc_bodies, min_size=1, max_size=50))
def test_gb32100_check_character_is_stdnums(bodies):
    computed = pl.select(gb32100_check_char(pl.lit(pl.Series(bodies)))).to_series().to_list()
    assert computed == [uscc.calc_check_digit(b + "0") for b in bodies]


@given(st.lists(st.text(alphabet="0123456789", min_size=17, max_size=17), min_size=1, max_size=50))
def test_gb11643_check_character_is_stdnums(bodies):
    computed = pl.select(gb11643_check_char(pl.lit(pl.Series(bodies)))).to_series().to_list()
    assert computed == [ric.calc_check_digit(b + "0") for b in bodies]


def test_known_numbers():
    assert verdicts(
        gb32100_valid,
        [
            "91110000600037341L",
            "91350100M000100Y43",
            "91350100M000100Y44",
            "91110000600037341l",
            None,
            "",
        ],
    ) == [True, True, False, False, False, False]
    assert verdicts(
        gb11643_valid,
        [
            "11010519491231002X",
            "11010519491231002x",
            "110105194902300024",
            "360426199101010071",
            "36042619910101007",
        ],
    ) == [True, False, False, True, False]
