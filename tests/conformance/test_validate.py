"""Validation semantics beyond what Frictionless can compare: keys across batches,
foreign keys, samples, the failures file and the report forms."""

from __future__ import annotations

import json

import polars as pl
import pytest
from openpyxl import load_workbook

from stdhub.conformance.engine import Report, SpecError, parse_spec, validate

from .conftest import ENTERPRISE_HEADER, GOOD_ROW, counts, write_csv


def test_a_clean_file_is_valid(tmp_path, enterprise_spec):
    report = validate(enterprise_spec, write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW]))
    assert report.valid and report.rows == 1 and report.errors_total == 0
    assert all(f.pass_rate == 1.0 for f in report.fields)
    assert report.samples == {}


def test_missing_values_fail_only_required(tmp_path):
    spec = parse_spec(
        {
            "fields": [
                {"name": "a", "type": "integer", "constraints": {"required": True, "minimum": 5}},
                {
                    "name": "b",
                    "type": "integer",
                    "constraints": {"minimum": 5},
                    "missingValues": ["-"],
                },
            ],
            "missingValues": ["", "NA"],
        }
    )
    path = write_csv(tmp_path / "d.csv", ["a", "b"], [["NA", "-"], ["", "NA"], ["x", ""]])
    assert counts(validate(spec, path)) == {"a:required": 2, "a:type": 1, "b:type": 2}


def test_a_type_error_is_not_checked_further(tmp_path):
    spec = parse_spec(
        {
            "fields": [
                {
                    "name": "n",
                    "type": "number",
                    "constraints": {"minimum": 1, "enum": [2, 3], "unique": True},
                }
            ]
        }
    )
    path = write_csv(tmp_path / "d.csv", ["n"], [["abc"], ["abc"], ["0"], ["0.0"]])
    assert counts(validate(spec, path)) == {"n:type": 2, "n:minimum": 2, "n:enum": 2, "n:unique": 1}


def test_uniqueness_and_primary_key_span_batches(tmp_path):
    spec = parse_spec(
        {
            "fields": [
                {"name": "id", "type": "integer", "constraints": {"unique": True}},
                {"name": "x"},
            ],
            "primaryKey": ["id", "x"],
        }
    )
    rows = [[str(i % 7), "a"] for i in range(50)] + [["", ""], ["", ""], ["oops", "b"]]
    report = validate(spec, write_csv(tmp_path / "d.csv", ["id", "x"], rows), batch_rows=6)
    assert counts(report) == {"id:unique": 43, "id:type": 1, ":primaryKey": 43 + 2}
    assert [s.row for s in report.samples["id:unique"][:3]] == [
        9,
        10,
        11,
    ]  # "0" again at data row 8
    assert report.samples[":primaryKey"][0].value == "0,a"
    stats = {f.name: f.errors for f in report.fields}
    assert stats == {"id": 43 + 2 + 1, "x": 43 + 2}


def test_samples_are_capped(tmp_path):
    spec = parse_spec({"fields": [{"name": "n", "type": "integer"}]})
    report = validate(
        spec, write_csv(tmp_path / "d.csv", ["n"], [["x"]] * 100), sample_limit=5, batch_rows=7
    )
    assert report.rules[0].count == 100
    assert [s.row for s in report.samples["n:type"]] == [2, 3, 4, 5, 6]


def test_self_referencing_foreign_key(tmp_path):
    spec = parse_spec(
        {
            "fields": [{"name": "code"}, {"name": "parent"}],
            "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "code"}}],
        }
    )
    rows = [["33", ""], ["3301", "33"], ["330106", "3301"], ["330199", "3399"]]
    report = validate(spec, write_csv(tmp_path / "d.csv", ["code", "parent"], rows), batch_rows=2)
    assert counts(report) == {"parent:foreignKey": 1}
    assert report.samples["parent:foreignKey"][0].row == 5


def test_foreign_key_to_a_supplied_table(tmp_path):
    spec = parse_spec(
        {
            "fields": [{"name": "org"}, {"name": "year", "type": "integer"}],
            "foreignKeys": [
                {
                    "fields": ["org", "year"],
                    "reference": {"resource": "plans", "fields": ["unit", "yr"]},
                }
            ],
        }
    )
    path = write_csv(
        tmp_path / "d.csv",
        ["org", "year"],
        [["省局", "2024"], ["省局", "2023"], ["", ""], ["市局", "2024"]],
    )
    report = validate(
        spec, path, references={"plans": {"unit": ["省局", "省局"], "yr": [2024, 2023]}}
    )
    assert counts(report) == {"org,year:foreignKey": 1}
    assert report.samples["org,year:foreignKey"][0].value == "市局,2024"
    with pytest.raises(SpecError, match="reference table 'plans' was not supplied"):
        validate(spec, path)


def test_code_list_and_checksum_errors_name_the_rule_not_its_parameters(tmp_path, enterprise_spec):
    row = GOOD_ROW[:3] + ["999999"] + GOOD_ROW[4:]
    report = validate(enterprise_spec, write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [row]))
    assert report.to_dict()["samples"] == {"region:codeList": [{"row": 2, "value": "999999"}]}
    assert len(report.to_json()) < 3000  # not the 3,000 codes of GB/T 2260


def test_json_shape(tmp_path, enterprise_spec):
    path = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW, GOOD_ROW])
    data = json.loads(validate(enterprise_spec, path).to_json())
    assert list(data) == [
        "valid",
        "rows",
        "errors_total",
        "rules",
        "fields",
        "samples",
        "structure",
    ]
    assert data["valid"] is False and data["rows"] == 2 and data["errors_total"] == 2
    assert data["rules"][0] == {"id": "id:required", "field": "id", "check": "required", "count": 0}
    assert {"id": ":primaryKey", "field": "id", "check": "primaryKey", "count": 1} in data["rules"]
    assert data["fields"][1] == {"name": "uscc", "pass_rate": 0.5, "errors": 1}
    assert data["samples"]["uscc:unique"] == [{"row": 3, "value": GOOD_ROW[1]}]
    assert Report.from_dict(data).to_dict() == data


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_failures_file_holds_every_failing_cell(tmp_path, suffix):
    spec = parse_spec(
        {
            "fields": [
                {"name": "id", "type": "integer", "constraints": {"unique": True}},
                {"name": "s", "constraints": {"maxLength": 1, "pattern": "[a-z]+"}},
            ]
        }
    )
    rows = [["1", "a"], ["x", "AB"], ["1", "b"], ["2", ""]]
    errors_path = tmp_path / f"failures{suffix}"
    validate(
        spec,
        write_csv(tmp_path / "d.csv", ["id", "s"], rows),
        errors_path=errors_path,
        batch_rows=2,
    )
    read = pl.read_csv if suffix == ".csv" else pl.read_parquet
    failures = read(errors_path).sort("row", "rule")
    assert failures.columns == ["row", "field", "rule", "value"]
    assert failures.rows() == [
        (3, "id", "id:type", "x"),
        (3, "s", "s:maxLength", "AB"),
        (3, "s", "s:pattern", "AB"),
        (4, "id", "id:unique", "1"),
    ]


def test_failures_file_of_a_valid_file_is_empty(tmp_path):
    spec = parse_spec({"fields": [{"name": "a"}]})
    validate(spec, write_csv(tmp_path / "d.csv", ["a"], [["x"]]), errors_path=tmp_path / "f.csv")
    assert pl.read_csv(tmp_path / "f.csv").columns == ["row", "field", "rule", "value"]


def test_report_workbook(tmp_path, enterprise_spec):
    row = GOOD_ROW[:5] + ["-5"] + GOOD_ROW[6:]
    report = validate(
        enterprise_spec, write_csv(tmp_path / "d.csv", ["备注", *ENTERPRISE_HEADER], [["", *row]])
    )
    report.to_xlsx(tmp_path / "report.xlsx")
    workbook = load_workbook(tmp_path / "report.xlsx")
    assert workbook.sheetnames == ["Summary 概要", "Rules 规则", "Fields 字段", "Samples 样例"]
    summary = [list(r[:2]) for r in workbook["Summary 概要"].iter_rows(values_only=True)]
    assert ["Errors 错误总数", 2] in summary
    assert ["extra-column", "备注"] in summary
    assert ("capital:minimum", "capital", "minimum", 1) in list(
        workbook["Rules 规则"].iter_rows(values_only=True)
    )
    assert ("capital:minimum", 2, "-5") in list(
        workbook["Samples 样例"].iter_rows(values_only=True)
    )
