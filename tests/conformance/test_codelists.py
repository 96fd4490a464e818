"""Code lists: the registry, importing from CSV/Excel, and the built-in lists."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from stdhub.conformance.engine import (
    Code,
    CodeList,
    CodeListError,
    CodeListRegistry,
    builtin_registry,
    read_code_list,
)
from stdhub.standards.choices import Level, Status


def test_registry_versions_and_lookup():
    registry = CodeListRegistry()
    registry.add(CodeList("colour", "v2", (Code("r", "红"),)))
    registry.add(CodeList("colour", "v10", (Code("g", "绿"),)))
    assert registry.versions("colour") == ["v2", "v10"]
    assert registry.get("colour").version == "v10"
    assert "g" in registry.get("colour")
    with pytest.raises(CodeListError, match="unknown code list 'shape'"):
        registry.get("shape")
    with pytest.raises(CodeListError, match="has no version 'v3'"):
        registry.get("colour", "v3")


def test_repeated_codes_are_refused():
    with pytest.raises(CodeListError, match=r"repeated codes \['a'\]"):
        CodeList("x", "1", (Code("a", "A"), Code("a", "B")))


def test_csv_import(tmp_path):
    path = tmp_path / "industry.csv"
    path.write_text("code,name,parent\nA,农、林、牧、渔业,\nA01,农业,A\n", encoding="utf-8-sig")
    code_list = read_code_list(path, list_id="GB/T 4754", version="2017")
    assert [c.code for c in code_list.codes] == ["A", "A01"]
    assert code_list.codes[1].parent == "A"
    assert code_list.codes[0].parent is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name,parent\nA,甲,\n,乙,\n", "row 3: empty code"),
        ("code,name,parent\nA,甲,\nB,,A\n", "row 3: code 'B' has no name"),
        ("code,name,parent\nA,甲,\nB,乙,Z\n", "row 3: parent 'Z' of 'B' is not a code of the list"),
        ("code,title\nA,甲\n", "the header lacks column(s) name"),
        ("", "the file is empty"),
    ],
)
def test_csv_import_errors_name_the_row(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodeListError) as raised:
        read_code_list(path, list_id="x", version="1")
    assert str(raised.value) == f"bad.csv: {message}"


def test_xlsx_import_and_its_errors(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in [("code", "name", "parent"), (1, "男性", None), (2, "女性", None), (3, None, None)]:
        sheet.append(row)
    path = tmp_path / "sex.xlsx"
    workbook.save(path)
    with pytest.raises(CodeListError, match="sex.xlsx: row 4: code '3' has no name"):
        read_code_list(path, list_id="sex", version="1")
    sheet.delete_rows(4)
    workbook.save(path)
    assert read_code_list(path, list_id="sex", version="1").values == {"1", "2"}


def test_unsupported_and_unreadable_files(tmp_path):
    with pytest.raises(CodeListError, match="unsupported code list file type '.json'"):
        read_code_list(tmp_path / "x.json", list_id="x", version="1")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CodeListError, match="broken.xlsx: cannot read the code list"):
        read_code_list(tmp_path / "broken.xlsx", list_id="x", version="1")


def test_builtin_lists():
    registry = builtin_registry()
    assert registry.ids() == [
        "GB/T 2260",
        "GB/T 2261.1",
        "stdhub/standard-level",
        "stdhub/standard-status",
    ]
    divisions = registry.get("GB/T 2260")
    by_code = {c.code: c for c in divisions.codes}
    assert by_code["330000"].name == "浙江省" and by_code["330000"].parent is None
    assert by_code["330100"].parent == "330000"
    assert by_code["330106"].name == "西湖区" and by_code["330106"].parent == "330100"
    sexes = registry.get("GB/T 2261.1")
    assert [(c.code, c.name) for c in sexes.codes] == [
        ("0", "未知的性别"),
        ("1", "男性"),
        ("2", "女性"),
        ("9", "未说明的性别"),
    ]
    assert registry.get("stdhub/standard-level").values == set(Level.values)
    assert registry.get("stdhub/standard-status").values == set(Status.values)
