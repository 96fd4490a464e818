"""Helpers for the conformance engine tests (pure: no database, no Django settings)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from stdnum.cn import ric, uscc

from stdhub.conformance.engine import parse_spec
from stdhub.conformance.engine.checksums import GB32100_ALPHABET


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def ric_oracle(number: str) -> bool:
    """stdnum's GB 11643 check without the birth-place (region by year) lookup."""
    try:
        compact = ric.compact(number)
        return (
            compact == number
            and len(number) == 18
            and number[:17].isdigit()
            and number[:17].isascii()
            and number[-1] == ric.calc_check_digit(number)
            and bool(ric.get_birth_date(number))
        )
    except Exception:
        return False


def uscc_oracle(number: str) -> bool:
    """stdnum's GB 32100 check digit over the whole alphabet (stdnum also wants the
    first eight characters to be digits, which GB 32100 does not require)."""
    return (
        len(number) == 18
        and all(c in GB32100_ALPHABET for c in number)
        and number[-1] == uscc.calc_check_digit(number)
    )


def counts(report) -> dict[str, int]:
    """Non-zero failure counts by rule id."""
    return {r.id: r.count for r in report.rules if r.count}


ENTERPRISE_SCHEMA = {
    "title": "企业登记信息",
    "fields": [
        {"name": "id", "type": "integer", "title": "序号", "constraints": {"required": True}},
        {
            "name": "uscc",
            "type": "string",
            "title": "统一社会信用代码",
            "checksum": "GB 32100",
            "constraints": {"required": True, "unique": True},
        },
        {
            "name": "legal_id",
            "type": "string",
            "title": "法定代表人身份证号",
            "checksum": "GB 11643",
        },
        {"name": "region", "type": "string", "title": "行政区划", "codeList": "GB/T 2260"},
        {"name": "name", "type": "string", "title": "企业名称", "constraints": {"maxLength": 20}},
        {
            "name": "capital",
            "type": "number",
            "title": "注册资本(万元)",
            "constraints": {"minimum": 0},
        },
        {"name": "founded", "type": "date", "title": "成立日期"},
        {
            "name": "status",
            "type": "string",
            "title": "状态",
            "constraints": {"enum": ["存续", "注销", "吊销"]},
        },
    ],
    "primaryKey": "id",
}
ENTERPRISE_HEADER = [f["name"] for f in ENTERPRISE_SCHEMA["fields"]]
GOOD_ROW = [
    "1",
    "91330106MA2CFB3K0N",
    "330106199003071236",
    "330106",
    "杭州某科技有限公司",
    "100.5",
    "2020-01-02",
    "存续",
]


@pytest.fixture
def enterprise_spec():
    return parse_spec(ENTERPRISE_SCHEMA)


@pytest.fixture
def enterprise_schema_path(tmp_path):
    return write_json(tmp_path / "enterprise.json", ENTERPRISE_SCHEMA)
