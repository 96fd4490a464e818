"""The engine refuses what it used to take: specs nested too deep, non-finite bounds, unknown
strptime directives, code lists with loops or NUL, broken quotes, inflating workbooks."""

from __future__ import annotations

import io
import zipfile

import pytest

from stdhub.conformance.cli import UNREADABLE, run_validate
from stdhub.conformance.engine import CodeListError, SourceError, SpecError, parse_spec, validate
from stdhub.conformance.engine.codelists import codes_from_rows, parent_cycles, read_code_list
from stdhub.conformance.engine.spec import loads_spec

from .conftest import ENTERPRISE_HEADER, GOOD_ROW, write_csv


def test_spec_nested_too_deep_is_unreadable_exit_2(tmp_path):
    spec = tmp_path / "deep.json"
    spec.write_text("[" * 100_000 + "]" * 100_000)
    data = write_csv(tmp_path / "d.csv", ENTERPRISE_HEADER, [GOOD_ROW])
    out, err = io.StringIO(), io.StringIO()
    assert run_validate(spec, data, json_out=True, stdout=out, stderr=err) == UNREADABLE
    assert "unreadable spec" in err.getvalue() and "nested deeper than 32" in err.getvalue()
    assert out.getvalue() == ""


@pytest.mark.parametrize("descriptor", [
    {"fields": [{"name": "x\ud800"}]},
    {"fields": [{"name": "x", "title": "\udfff"}]},
    {"fields": [{"name": "x\x00"}]},
])
def test_invalid_text_in_a_spec_is_refused(descriptor):
    with pytest.raises(SpecError, match="lone surrogate|NUL"):
        parse_spec(descriptor)


def test_escaped_surrogate_in_json_text_is_refused():
    with pytest.raises(SpecError, match="lone surrogate"):
        loads_spec('{"fields": [{"name": "\\ud800"}]}')


@pytest.mark.parametrize("bound", [float("nan"), float("inf"), "NaN", "-Infinity"])
@pytest.mark.parametrize("key", ["minimum", "maximum", "exclusiveMinimum"])
def test_non_finite_bounds_are_refused(key, bound):
    with pytest.raises(SpecError, match="finite number"):
        parse_spec({"fields": [{"name": "n", "type": "number", "constraints": {key: bound}}]})


@pytest.mark.parametrize("fmt", ["%Q", "%Y-%m-%", "%Y-%K", "no directive"])
def test_unknown_date_formats_are_refused(fmt):
    with pytest.raises(SpecError, match="format"):
        parse_spec({"fields": [{"name": "d", "type": "date", "format": fmt}]})


def test_parent_loops_are_found_once_each():
    assert parent_cycles([("A", "B"), ("B", "A"), ("C", "A"), ("D", "D"), ("E", None)]) == [
        ["A", "B"], ["D"]]
    assert parent_cycles([("A", None), ("B", "A"), ("C", "B")]) == []


def test_code_list_with_a_loop_or_nul_is_refused():
    with pytest.raises(CodeListError, match="row 2: parents form a loop: A → B → A"):
        codes_from_rows([{"code": "A", "name": "a", "parent": "B"},
                         {"code": "B", "name": "b", "parent": "A"}])
    with pytest.raises(CodeListError, match="row 3: contains a NUL"):
        codes_from_rows([{"code": "A", "name": "a"}, {"code": "B", "name": "b\x00"}])


def test_code_list_csv_in_gbk_is_read_by_the_shared_detection(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes("code,name\n1,男\n2,女\n".encode("gbk"))
    assert [c.name for c in read_code_list(path, list_id="x", version="1").codes] == ["男", "女"]


def test_unclosed_quote_in_data_is_a_read_error(tmp_path, enterprise_spec):
    path = tmp_path / "d.csv"
    path.write_text(",".join(ENTERPRISE_HEADER) + '\n"1,' + ",".join(GOOD_ROW[1:]) + "\n")
    with pytest.raises(SourceError, match="not properly escaped"):
        validate(enterprise_spec, path)


def test_inflating_workbook_is_refused_before_reading(tmp_path, enterprise_spec):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (300 << 20))  # 300 MB of zeros
    assert path.stat().st_size < 1 << 20
    with pytest.raises(SourceError, match="unpacks to 300 MB, more than the 256 MB"):
        validate(enterprise_spec, path)
