"""The shared pure rules for files: formula-safe cells, encodings, content sniffing, zip size."""

import codecs
import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from stdhub.tabular.cells import restore_cell, safe_cell
from stdhub.tabular.encoding import EncodingError, canonical_encoding, detect_encoding
from stdhub.tabular.sniff import content_error, sniff
from stdhub.tabular.zipsize import WorkbookTooLarge, check_inflated_size


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)",
                                  "\tTAB", "\rCR", "-", "=", "+ 数据"])
def test_formula_like_text_is_neutralised(text):
    assert safe_cell(text) == "'" + text
    assert restore_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", ["数据规范", "", "-5", "+3.25", "1e5", "-.5", 42, -1.5,
                                   dt.date(2021, 1, 1), None, "a=b", "'quoted"])
def test_plain_values_stay_as_they_are(value):
    assert safe_cell(value) == value
    assert restore_cell(value) == value


@given(st.text())
def test_no_safe_cell_begins_a_formula(text):
    cell = safe_cell(text)
    assert not cell or cell[0] not in "=@\t\r" or cell.startswith("'")
    assert restore_cell(cell) == text or text.startswith("'")


@pytest.mark.parametrize(("raw", "expected"), [
    ("标准".encode() + codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF8 + "标准".encode(), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + "标准".encode("utf-16-le"), "utf-16"),
    ("标准，编码".encode("gbk"), "gb18030"),
    ("标准".encode()[:-1], "utf-8"),  # cut inside a character: still UTF-8
])
def test_one_detection_rule(raw, expected):
    assert detect_encoding(raw) == expected


def test_undecodable_bytes_are_an_error():
    with pytest.raises(EncodingError, match="neither UTF-8 nor GBK"):
        detect_encoding(b"\x80\x80\xff\xff")


@pytest.mark.parametrize("name", ["rot13", "zlib", "hex", "base64", "bz2", "uu", "klingon",
                                  "", "utf-8\x00"])
def test_only_text_encodings_may_be_named(name):
    with pytest.raises(EncodingError, match="unsupported encoding"):
        canonical_encoding(name)


@pytest.mark.parametrize(("name", "canonical"), [("GBK", "gb18030"), ("utf8", "utf-8"),
                                                 ("GB2312", "gb18030"), ("UTF-16", "utf-16")])
def test_text_encodings_are_accepted(name, canonical):
    assert canonical_encoding(name) == canonical


def _xlsx(path, rows=(("a", "b"),)):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def test_sniff_by_content(tmp_path):
    (tmp_path / "a.csv").write_text("code,name\n1,一\n", encoding="gbk")
    (tmp_path / "a.json").write_text('{"fields": []}')
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "bin").write_bytes(bytes(range(256)))
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("x.txt", "x")
    assert sniff(tmp_path / "a.csv") == "csv"
    assert sniff(tmp_path / "a.json") == "json"
    assert sniff(_xlsx(tmp_path / "a.xlsx")) == "xlsx"
    assert sniff(tmp_path / "old.xls") == "xls"
    assert sniff(tmp_path / "bin") == "undecodable"
    (tmp_path / "nul").write_bytes(b"a\x00" * 100)
    assert sniff(tmp_path / "nul") == "binary"
    assert sniff(tmp_path / "a.zip") == "zip"


def test_content_must_match_the_name(tmp_path):
    workbook = _xlsx(tmp_path / "real.xlsx")
    renamed = tmp_path / "data.csv"
    renamed.write_bytes(workbook.read_bytes())
    assert content_error(renamed, ".csv") == (
        "the file is named .csv but its content is an Excel .xlsx workbook")
    assert content_error(workbook, ".xlsx") is None
    (tmp_path / "t.xlsx").write_text("a,b\n")
    assert "content is CSV text" in content_error(tmp_path / "t.xlsx", ".xlsx")


def test_workbook_inflating_past_the_limit_is_refused_from_its_directory(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", "A" * (8 << 20))  # 8 MB of one letter
    assert path.stat().st_size < 64 << 10
    with pytest.raises(WorkbookTooLarge, match="unpacks to 8 MB, more than the 4 MB"):
        check_inflated_size(path, 4 << 20)
    check_inflated_size(path, 16 << 20)
    check_inflated_size(io.BytesIO(b"not a zip"), 1)  # not a zip: the reader says so
