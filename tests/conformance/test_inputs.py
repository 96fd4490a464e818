"""Input files: encodings, empty and header-only files, column mismatches, Excel, Parquet."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from openpyxl import Workbook

from stdhub.conformance.engine import SourceError, validate

from .conftest import ENTERPRISE_HEADER, GOOD_ROW, counts, write_csv

BAD_ROW = [
    "2",
    "91330106MA2CFB3K0X",
    "330106199003071237",
    "999999",
    "某公司",
    "-1",
    "2020-02-30",
    "歇业",
]
BAD_COUNTS = {
    "uscc:checksum": 1,
    "legal_id:checksum": 1,
    "region:codeList": 1,
    "capital:minimum": 1,
    "founded:type": 1,
    "status:enum": 1,
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path, enterprise_spec, encoding):
    path = write_csv(
        tmp_path / "data.csv", ENTERPRISE_HEADER, [GOOD_ROW, BAD_ROW], encoding=encoding
    )
    report = validate(enterprise_spec, path)
    assert report.structure == ()  # the header (and its BOM) was read right
    assert counts(report) == BAD_COUNTS
    assert report.samples["status:enum"][0].value == "歇业"  # Chinese text survived


def test_explicit_encoding(tmp_path, enterprise_spec):
    path = write_csv(tmp_path / "data.csv", ENTERPRISE_HEADER, [GOOD_ROW], encoding="gbk")
    assert validate(enterprise_spec, path, encoding="GBK").valid


def test_empty_file(tmp_path, enterprise_spec):
    (tmp_path / "empty.csv").write_bytes(b"")
    report = validate(enterprise_spec, tmp_path / "empty.csv")
    assert not report.valid and report.rows == 0
    assert [s.type for s in report.structure] == ["empty-file"]
    assert report.errors_total == 1
    assert all(f.pass_rate is None for f in report.fields)


def test_bom_only_file_is_empty(tmp_path, enterprise_spec):
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    assert [s.type for s in validate(enterprise_spec, tmp_path / "bom.csv").structure] == [
        "empty-file"
    ]


def test_header_only_file(tmp_path, enterprise_spec):
    path = write_csv(tmp_path / "header.csv", ENTERPRISE_HEADER, [])
    report = validate(enterprise_spec, path)
    assert report.valid and report.rows == 0 and report.errors_total == 0


def test_missing_and_extra_columns(tmp_path, enterprise_spec):
    header = [h for h in ENTERPRISE_HEADER if h not in {"capital", "id"}] + ["备注"]
    row = [
        v for h, v in zip(ENTERPRISE_HEADER, GOOD_ROW, strict=True) if h not in {"capital", "id"}
    ] + ["x"]
    report = validate(enterprise_spec, write_csv(tmp_path / "data.csv", header, [row, row]))
    assert [(s.type, s.field) for s in report.structure] == [
        ("missing-column", "id"),
        ("missing-column", "capital"),
        ("extra-column", "备注"),
    ]
    assert "注册资本(万元)" in report.structure[1].message
    assert not report.valid
    assert report.errors_total == 3 + 1  # the structure issues, and the repeated uscc
    assert {r.field for r in report.rules}.isdisjoint(
        {"id", "capital"}
    )  # their rules could not run
    stats = {f.name: (f.pass_rate, f.errors) for f in report.fields}
    assert stats["capital"] == (0.0, 2) and stats["id"] == (0.0, 2)


def test_ragged_rows_are_read(tmp_path):
    from stdhub.conformance.engine import parse_spec

    (tmp_path / "ragged.csv").write_text("a,b\n1\n2,3,4\n5,6\n", encoding="utf-8")
    spec = parse_spec({"fields": [{"name": "a"}, {"name": "b", "constraints": {"required": True}}]})
    report = validate(spec, tmp_path / "ragged.csv")
    assert report.rows == 3
    assert counts(report) == {"b:required": 1}


def _xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_xlsx_input_with_typed_cells(tmp_path, enterprise_spec):
    good = [
        1,
        GOOD_ROW[1],
        GOOD_ROW[2],
        330106,
        GOOD_ROW[4],
        100.5,
        dt.datetime(2020, 1, 2),
        "存续",
    ]
    bad = [2.0, *BAD_ROW[1:3], 999999, "某公司", -1, "2020-02-30", "歇业"]
    path = _xlsx(tmp_path / "data.xlsx", [ENTERPRISE_HEADER, good, bad, [None] * 8, [None] * 8])
    report = validate(enterprise_spec, path)
    assert report.rows == 2  # blank rows left at the end of the sheet are not data
    assert counts(report) == BAD_COUNTS
    assert report.samples["capital:minimum"][0].row == 3  # as Excel numbers its rows


def test_xlsx_blank_rows_between_data_count(tmp_path, enterprise_spec):
    path = _xlsx(
        tmp_path / "data.xlsx", [ENTERPRISE_HEADER, GOOD_ROW, [None] * 8, GOOD_ROW[:1] + ["x"] * 7]
    )
    report = validate(enterprise_spec, path)
    assert report.rows == 3
    assert report.samples["uscc:required"][0].row == 3


def test_parquet_input(tmp_path, enterprise_spec):
    frame = pl.DataFrame([GOOD_ROW, BAD_ROW], schema=ENTERPRISE_HEADER, orient="row").with_columns(
        pl.col("id").cast(pl.Int64),
        pl.col("capital").cast(pl.Float64),
        pl.col("founded").str.to_date(strict=False),
    )
    frame.write_parquet(tmp_path / "data.parquet")
    report = validate(enterprise_spec, tmp_path / "data.parquet")
    # The impossible date is already null in the typed Parquet column: a missing value.
    assert counts(report) == {k: v for k, v in BAD_COUNTS.items() if k != "founded:type"}


def test_progress_is_reported_per_batch(tmp_path, enterprise_spec):
    rows = [[str(i), *GOOD_ROW[1:]] for i in range(10)]
    path = write_csv(tmp_path / "data.csv", ENTERPRISE_HEADER, rows)
    calls = []
    validate(
        enterprise_spec,
        path,
        batch_rows=4,
        on_progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (10, None)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    frame = pl.read_csv(path, infer_schema=False)
    frame.write_parquet(tmp_path / "data.parquet")
    calls.clear()
    validate(
        enterprise_spec,
        tmp_path / "data.parquet",
        on_progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (10, 10)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.json", b"{}", "unsupported data file type '.json'"),
        ("broken.xlsx", b"not a zip", "broken.xlsx: .* named .xlsx but its content is CSV"),
        ("broken.parquet", b"not parquet", "broken.parquet: .* content is CSV"),
    ],
)
def test_unreadable_files(tmp_path, enterprise_spec, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SourceError, match=message):
        validate(enterprise_spec, tmp_path / name)


def test_absent_file(tmp_path, enterprise_spec):
    with pytest.raises(SourceError, match="no such data file"):
        validate(enterprise_spec, tmp_path / "absent.csv")


def test_unknown_encoding(tmp_path, enterprise_spec):
    path = write_csv(tmp_path / "data.csv", ENTERPRISE_HEADER, [GOOD_ROW])
    with pytest.raises(SourceError, match="unsupported encoding 'klingon'"):
        validate(enterprise_spec, path, encoding="klingon")
