"""ICS and CCS reference tables and their code normalizers."""

import re

import pytest

from stdhub.refdata import source_of
from stdhub.refdata.classifications import (
    CCSClass,
    ICSClass,
    ccs_classes,
    ccs_name,
    ics_classes,
    ics_name,
    normalize_ccs,
    normalize_ics,
)

ICS_LEVELS = {
    "field": re.compile(r"\d\d"),
    "group": re.compile(r"\d\d\.\d{3}"),
    "sub-group": re.compile(r"\d\d\.\d{3}\.\d\d"),
}
CCS_LEVELS = {
    "letter": re.compile(r"[A-Z]"),
    "range": re.compile(r"[A-Z]\d\d/\d\d"),
    "code": re.compile(r"[A-Z]\d\d"),
}


def level_of(code, levels):
    (level,) = [name for name, pattern in levels.items() if pattern.fullmatch(code)]
    return level


def count_levels(classes, levels):
    counts = dict.fromkeys(levels, 0)
    for c in classes:
        counts[level_of(c.code, levels)] += 1
    return counts


# --- ICS -------------------------------------------------------------------


def test_ics_counts_per_level():
    assert count_levels(ics_classes(), ICS_LEVELS) == {"field": 40, "group": 401, "sub-group": 940}


def test_ics_known_entries():
    by_code = {c.code: c for c in ics_classes()}
    assert by_code["35"] == ICSClass("35", "信息技术、办公机械", "Information technology", None)
    assert by_code["35.240"].name_en == "Applications of information technology"
    assert by_code["35.240"].parent == "35"
    assert by_code["35.240.01"].name_en == "Application of information technology in general"
    assert by_code["35.240.01"].parent == "35.240"
    assert by_code["01.040.01"].name_zh == "综合、术语学、标准化、文献(词汇)"
    assert by_code["97"].name_zh == "家用和商用设备、文娱、体育"


def test_ics_every_field_has_chinese_and_english_names():
    for c in ics_classes():
        assert c.name_en, c.code
        if level_of(c.code, ICS_LEVELS) == "field":
            assert c.name_zh, c.code


def test_ics_codes_unique_sorted_and_parents_exist():
    codes = [c.code for c in ics_classes()]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    known = set(codes)
    for c in ics_classes():
        expected = c.code.rpartition(".")[0] or None
        assert c.parent == expected, c.code
        assert c.parent is None or c.parent in known, c.code


def test_ics_name_prefers_chinese_and_falls_back_to_english():
    assert ics_name("35") == "信息技术、办公机械"
    assert ics_name("ICS 35.240") == "Applications of information technology"
    assert ics_name("99") is None
    with pytest.raises(ValueError):
        ics_name("35.24")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35", "35"),
        ("35.240", "35.240"),
        ("35.240.01", "35.240.01"),
        ("35 240 01", "35.240.01"),
        (" 35. 240 .01 ", "35.240.01"),
        ("ICS 35.240.01", "35.240.01"),
        ("ics:35.240", "35.240"),
        ("３５．２４０．０１", "35.240.01"),
    ],
)
def test_normalize_ics(text, expected):
    assert normalize_ics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ICS",
        "5",
        "350",
        "35.24",
        "35.240.1",
        "35.240.001",
        "35.240.01.02",
        "35..240",
        "35.240.",
        "3524001",
        "35-240",
        "AB.240",
    ],
)
def test_normalize_ics_rejects_malformed(text):
    with pytest.raises(ValueError, match="not an ICS code"):
        normalize_ics(text)


# --- CCS -------------------------------------------------------------------


def test_ccs_counts_per_level():
    assert count_levels(ccs_classes(), CCS_LEVELS) == {"letter": 24, "range": 225, "code": 1606}


def test_ccs_letters():
    letters = {c.code: c.name_zh for c in ccs_classes() if c.parent is None}
    assert "".join(letters) == "ABCDEFGHJKLMNPQRSTUVWXYZ"
    assert letters["A"] == "综合"
    assert letters["L"] == "电子元器件与信息技术"
    assert letters["P"] == "工程建设"
    assert letters["Z"] == "环境保护"


def test_ccs_known_entries():
    by_code = {c.code: c for c in ccs_classes()}
    assert by_code["L70/84"] == CCSClass("L70/84", "信息处理技术", "L")
    assert by_code["L70"] == CCSClass("L70", "信息处理技术综合", "L70/84")
    assert by_code["L60/69"].name_zh == "计算机"
    assert by_code["A00"] == CCSClass("A00", "标准化、质量管理", "A00/09")
    assert by_code["A00/09"].name_zh == "标准化管理与一般规定"
    assert by_code["Z79"].name_zh == "其他地区排放标准"


def test_ccs_codes_unique_and_parents_exist():
    codes = [c.code for c in ccs_classes()]
    assert len(codes) == len(set(codes))
    known = set(codes)
    for c in ccs_classes():
        assert c.name_zh, c.code
        level = level_of(c.code, CCS_LEVELS)
        if level == "letter":
            assert c.parent is None
            continue
        assert c.parent in known, c.code
        if level == "range":
            assert c.parent == c.code[0]
        else:
            low, high = c.parent[1:].split("/")
            assert c.parent[0] == c.code[0] and low <= c.code[1:] <= high, c.code


def test_ccs_name():
    assert ccs_name("l70") == "信息处理技术综合"
    assert ccs_name("Ｌ７０／８４") == "信息处理技术"
    assert ccs_name("A") == "综合"
    assert ccs_name("E50") is None  # E50/59 is unused
    with pytest.raises(ValueError):
        ccs_name("L7")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L70", "L70"),
        ("l70", "L70"),
        ("Ｌ７０", "L70"),
        (" L 70 ", "L70"),
        ("l", "L"),
        ("L70/84", "L70/84"),
        ("l70／84", "L70/84"),
    ],
)
def test_normalize_ccs(text, expected):
    assert normalize_ccs(text) == expected


@pytest.mark.parametrize(
    "text", ["", "7", "70", "L7", "L700", "LL70", "I10", "O10", "L70/8", "L84/70", "L70-84", "电子"]
)
def test_normalize_ccs_rejects_malformed(text):
    with pytest.raises(ValueError, match="not a CCS"):
        normalize_ccs(text)


# --- sources ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "mentions"),
    [
        (
            "ics.csv",
            [
                "International Classification for Standards",
                "github.com/metanorma/iso-ics-codes",
                "spc.org.cn",
            ],
        ),
        ("ccs.csv", ["中国标准文献分类法", "github.com/metanorma/cn-ccs-codes"]),
    ],
)
def test_sources_named(name, mentions):
    source = source_of(name)
    assert source.startswith("source:")
    for text in mentions:
        assert text in source
