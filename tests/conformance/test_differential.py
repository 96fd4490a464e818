"""Differential tests: the engine must find exactly the failures Frictionless finds
(same rows, same field and check), and for the extensions Frictionless lacks, those
that python-stdnum or the code list itself say are failures."""

from __future__ import annotations

import random
import re
from collections import Counter

import polars as pl
import pytest
from frictionless import Resource, Schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from stdhub.conformance.engine import builtin_registry, parse_spec, validate

from .conftest import ric_oracle, uscc_oracle, write_csv

SCHEMA = {
    "fields": [
        {
            "name": "code",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": "[A-Z]{2}[0-9]{4}"},
        },
        {"name": "name", "type": "string", "constraints": {"minLength": 2, "maxLength": 6}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["甲", "乙", "丙"]}},
        {
            "name": "qty",
            "type": "integer",
            "constraints": {"required": True, "minimum": 0, "maximum": 1000},
        },
        {"name": "price", "type": "number", "constraints": {"minimum": 0.5, "maximum": 99.5}},
        {
            "name": "day",
            "type": "date",
            "constraints": {"minimum": "2000-01-01", "maximum": "2030-12-31"},
        },
        {"name": "flag", "type": "boolean", "constraints": {"required": True}},
        {"name": "year", "type": "year", "constraints": {"enum": [2020, 2021, 2022]}},
        {"name": "serial", "type": "integer", "constraints": {"unique": True}},
        {"name": "stamp", "type": "datetime", "constraints": {"minimum": "2020-01-01T00:00:00"}},
    ],
    "primaryKey": ["kind", "qty"],
}
HEADER = [f["name"] for f in SCHEMA["fields"]]

BAD = {
    "code": ["", "ab1234", "AB12345", "AB12", "ＡＢ1234"],
    "name": ["", "张", "一二三四五六七", " 中文 "],
    "kind": ["", "丁", "甲 "],
    "qty": ["", "x", "1.5", "-3", "1001", " 42 ", "+7", "007", "1e3"],
    "price": ["", "abc", "0.1", "100", "1e1", "NaN", " 3.5", "inf", "-0"],
    "day": ["", "2024-02-30", "1999-12-31", "2031-01-01", "2024/01/01", "2024-1-5", "20240105"],
    "flag": ["", "yes", "TRUE", "0", "是"],
    "year": ["", "2019", "20", "2021", "abcd", "02021"],
    "serial": ["", "x", "3.0"],
    "stamp": [
        "",
        "2024-01-05",
        "2019-12-31T23:59:59",
        "2024-01-05T25:00:00",
        "2024-01-05 10:20:30",
        "2024-01-05T10:20:30.5",
        "2024-02-30T10:00:00",
        "2024-01-05T10:20",
    ],
}


def good_row(rng: random.Random, index: int) -> list[str]:
    stamp = (
        f"202{rng.randint(0, 4)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T{rng.randint(10, 23)}"
    )
    return [
        f"{rng.choice('ABCDEFGH')}{rng.choice('XYZ')}{index:04d}",
        rng.choice(["杭州", "宁波市", "温州市鹿城区", "湖州"]),
        rng.choice(["甲", "乙", "丙"]),
        str(rng.randint(0, 1000)),
        f"{rng.uniform(0.5, 99.5):.2f}",
        f"{rng.randint(2000, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        rng.choice(["true", "false", "1", "0", "True", "FALSE"]),
        str(rng.choice([2020, 2021, 2022])),
        str(index),
        f"{stamp}:00:00",
    ]


def dirty_rows(seed: int, n: int, rate: float = 0.06) -> list[list[str]]:
    rng = random.Random(seed)
    rows = [good_row(rng, i) for i in range(n)]
    for row in rows:
        for col, name in enumerate(HEADER):
            if rng.random() < rate:
                row[col] = rng.choice(BAD[name])
            elif name in {"code", "serial"} and rng.random() < 0.02:
                row[col] = rows[rng.randrange(n)][col]  # a repeat
    return rows


def frictionless_failures(tmp_path, file_name: str, schema: dict) -> Counter:
    """(row, rule id) of every error Frictionless reports, in stdhub's rule ids."""
    resource = Resource(
        path=file_name, basepath=str(tmp_path), schema=Schema.from_descriptor(schema)
    )
    report = resource.validate(limit_errors=10**9)
    assert report.valid or report.tasks, report
    found = Counter()
    for row, field, kind, note in report.flatten(["rowNumber", "fieldName", "type", "note"]):
        if kind == "type-error":
            found[(row, f"{field}:type")] += 1
        elif kind == "constraint-error":
            check = re.match(r'constraint "(\w+)"', note).group(1)
            found[(row, f"{field}:{check}")] += 1
        elif kind == "unique-error":
            found[(row, f"{field}:unique")] += 1
        elif kind == "primary-key":
            found[(row, ":primaryKey")] += 1
        else:
            raise AssertionError(f"unexpected Frictionless error {kind} at row {row}: {note}")
    return found


def stdhub_failures(tmp_path, data_path, schema: dict) -> tuple[Counter, object]:
    errors_path = tmp_path / "failures.parquet"
    report = validate(parse_spec(schema), data_path, errors_path=errors_path)
    failures = pl.read_parquet(errors_path)
    return Counter(zip(failures["row"].to_list(), failures["rule"].to_list(), strict=True)), report


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_failures_as_frictionless_on_dirty_data(tmp_path, seed):
    write_csv(tmp_path / "data.csv", HEADER, dirty_rows(seed, 1500))
    expected = frictionless_failures(tmp_path, "data.csv", SCHEMA)
    found, report = stdhub_failures(tmp_path, tmp_path / "data.csv", SCHEMA)
    assert len(expected) > 500  # the data really is dirty, beyond Frictionless' default cap
    assert found == expected
    by_rule = Counter()
    for (_, rule), n in expected.items():
        by_rule[rule] += n
    assert {r.id: r.count for r in report.rules if r.count} == dict(by_rule)
    assert report.errors_total == sum(expected.values())


CELL = st.one_of(
    st.sampled_from(sorted({v for values in BAD.values() for v in values})),
    # Full-width digits and ideographic spaces are common in Chinese data.
    st.text(alphabet="0123456789 -.+eE甲乙丙ABXYtruefalsnI１\t\u3000,:TZ/", max_size=8),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=12
    )
)
def test_same_failures_as_frictionless_on_arbitrary_cells(tmp_path, rows):
    rows = [
        row for row in rows if any(row)
    ]  # Frictionless turns all-blank rows into blank-row errors
    write_csv(tmp_path / "cells.csv", HEADER, rows)
    found, _ = stdhub_failures(tmp_path, tmp_path / "cells.csv", SCHEMA)
    assert found == frictionless_failures(tmp_path, "cells.csv", SCHEMA)


def test_checksums_and_code_lists_agree_with_stdnum_and_the_list(tmp_path):
    rng = random.Random(7)
    regions = sorted(builtin_registry().get("GB/T 2260").values)
    rows = []
    for _ in range(3000):
        body = (
            "9133"
            + "".join(rng.choice("0123456789") for _ in range(4))
            + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        )
        code = body + uscc.calc_check_digit(body + "0")
        birth = f"{rng.randint(1900, 2020)}{rng.randint(1, 12):02d}{rng.randint(1, 31):02d}"
        person = rng.choice(regions) + birth + f"{rng.randint(0, 999):03d}"
        person += ric.calc_check_digit(person + "0")
        region = rng.choice(regions)
        if rng.random() < 0.1:
            code = code[:-1] + rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXYZIOabc")
        if rng.random() < 0.1:
            person = person[:-1] + rng.choice("0123456789Xx")
        if rng.random() < 0.05:
            person = person[:10] + "1399" + person[14:]
        if rng.random() < 0.1:
            region = str(rng.randint(100000, 999999))
        rows.append([code, person, region])
    write_csv(tmp_path / "ids.csv", ["uscc", "person", "region"], rows)
    schema = {
        "fields": [
            {"name": "uscc", "checksum": "GB 32100"},
            {"name": "person", "checksum": "GB 11643"},
            {"name": "region", "codeList": "GB/T 2260"},
        ]
    }
    found, report = stdhub_failures(tmp_path, tmp_path / "ids.csv", schema)
    expected = Counter()
    for number, (code, person, region) in enumerate(rows, start=2):
        if not uscc_oracle(code):
            expected[(number, "uscc:checksum")] += 1
        if not ric_oracle(person):
            expected[(number, "person:checksum")] += 1
        if region not in regions:
            expected[(number, "region:codeList")] += 1
    assert len(expected) > 500
    assert found == expected
