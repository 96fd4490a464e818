"""Codes: full-width input, exact and prefix matches first, code plus words."""

import pytest

from stdhub.search.queries import search_standards

CODES = [
    ("GB/T 2260-2007", "中华人民共和国行政区划代码"),
    ("GB/T 2260-2002", "中华人民共和国行政区划代码"),
    ("GB/T 22601-2008", "短"),
    ("GB/T 12260-2010", "行政区划代码 应用指南"),
    ("DB33/T 2350-2021", "数字化改革 公共数据目录编制规范"),
    ("DB33/T 23501-2022", "公共数据 目录"),
    ("DB33/T 1350-2021", "引用 DB33/T 2350 的规范"),
    ("T/ZZB 0001-2018", "浙江制造评价规范 通用要求"),
    ("ISO/IEC 27001:2022", "信息安全管理体系 要求"),
    ("JT/T 808-2019", "道路运输车辆卫星定位系统 终端通讯协议及数据格式"),
]


@pytest.fixture
def codes(make_standards):
    return {s.code: s for s in make_standards(CODES)}


def found(query, **kwargs):
    return [s.code for s in search_standards(query, **kwargs).results]


def test_full_width_and_spacing_are_folded(codes):
    for query in ["ＧＢ／Ｔ２２６０", "gb/t2260", "GB/T 2260", "ＧＢ／Ｔ　２２６０－２００７"]:
        assert found(query)[0] == "GB/T 2260-2007", query
    assert found("ＤＢ３３／Ｔ　２３５０")[0] == "DB33/T 2350-2021"


def test_exact_then_prefix_then_contains_then_titles(codes):
    # GB/T 2260 is the exact base of both editions (newer first: same title, lower id
    # wins only within a tier, so both lead), then GB/T 22601 (prefix), then the code
    # merely containing it; no title contains 'gb/t2260' here.
    assert found("GB/T 2260") == ["GB/T 2260-2007", "GB/T 2260-2002", "GB/T 22601-2008"]
    assert found("2260") == ["GB/T 2260-2007", "GB/T 2260-2002", "GB/T 22601-2008",
                             "GB/T 12260-2010"]
    assert found("2260-2007") == ["GB/T 2260-2007"]
    assert found("DB33/T 2350") == ["DB33/T 2350-2021", "DB33/T 23501-2022", "DB33/T 1350-2021"]


def test_code_prefix_ranks_above_title_matches(codes):
    result = search_standards("T/ZZB")
    assert [s.code for s in result.results] == ["T/ZZB 0001-2018"]
    assert found("ISO/IEC 27001")[0] == "ISO/IEC 27001:2022"
    assert found("808")[0] == "JT/T 808-2019"


def test_code_with_words(codes):
    assert found("GB/T 2260 行政区划") == ["GB/T 2260-2007", "GB/T 2260-2002"]
    assert found("行政区划 GB/T 12260") == ["GB/T 12260-2010"]
    assert search_standards("GB/T 2260 不存在").total == 0
    # Words alone still match titles by substring.
    assert found("行政区划") == ["GB/T 12260-2010", "GB/T 2260-2007", "GB/T 2260-2002"]
