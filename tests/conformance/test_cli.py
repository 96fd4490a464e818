"""The validate command: exit status 0/1/2, JSON on stdout, reasons on stderr."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl

import stdhub
from stdhub.conformance.cli import run_validate

from .conftest import ENTERPRISE_HEADER, GOOD_ROW, write_csv, write_json


def run(spec, data, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run_validate(spec, data, stdout=stdout, stderr=stderr, **{"json_out": True, **options})
    return status, stdout.getvalue(), stderr.getvalue()


def test_valid_data_exits_0(tmp_path, enterprise_schema_path):
    status, out, err = run(
        enterprise_schema_path, write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW])
    )
    assert status == 0 and err == ""
    report = json.loads(out)
    assert report["valid"] is True
    assert list(report) == [
        "valid",
        "rows",
        "errors_total",
        "rules",
        "fields",
        "samples",
        "structure",
    ]


def test_invalid_data_exits_1_and_writes_the_failures(tmp_path, enterprise_schema_path):
    data = write_csv(
        tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW, GOOD_ROW[:6] + ["someday", "存续"]]
    )
    status, out, _ = run(enterprise_schema_path, data, errors_path=tmp_path / "failures.csv")
    assert status == 1
    assert json.loads(out)["errors_total"] == 3
    failures = pl.read_csv(tmp_path / "failures.csv", infer_schema=False)
    assert failures.rows() == [
        ("3", "founded", "founded:type", "someday"),
        ("3", "uscc", "uscc:unique", GOOD_ROW[1]),
        ("3", "id", ":primaryKey", "1"),
    ]


def test_text_output(tmp_path, enterprise_schema_path):
    data = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW[:6] + ["someday", "存续"]])
    status, out, _ = run(enterprise_schema_path, data, json_out=False)
    assert status == 1
    assert out.splitlines() == ["INVALID: 1 rows, 1 errors", "           1  founded:type"]


def test_gbk_data_with_explicit_encoding(tmp_path, enterprise_schema_path):
    data = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW], encoding="gbk")
    assert run(enterprise_schema_path, data, encoding="gbk")[0] == 0


def test_unreadable_spec_or_data_exits_2(tmp_path, enterprise_schema_path):
    data = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW])
    bad_spec = write_json(tmp_path / "bad.json", {"fields": [{"name": "a", "type": "text"}]})
    status, out, err = run(bad_spec, data)
    assert (status, out) == (2, "")
    assert "unreadable spec" in err and "unknown type 'text'" in err
    status, _, err = run(enterprise_schema_path, tmp_path / "absent.csv")
    assert status == 2 and "no such data file" in err
    status, _, err = run(enterprise_schema_path, data, errors_path=tmp_path / "failures.txt")
    assert status == 2 and "failures file must end in .csv or .parquet" in err
    status, _, err = run(enterprise_schema_path, data, errors_path=tmp_path / "no" / "f.csv")
    assert status == 2 and "no folder" in err


def test_python_dash_m(tmp_path, enterprise_schema_path):
    data = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW, GOOD_ROW])
    env = {**os.environ, "PYTHONPATH": str(Path(stdhub.__file__).parents[1])}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "stdhub.conformance",
            str(enterprise_schema_path),
            str(data),
            "--json",
            "--errors",
            str(tmp_path / "f.parquet"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["rows"] == 2
    assert pl.read_parquet(tmp_path / "f.parquet").height == 2
